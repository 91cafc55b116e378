#include "protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace WedSync::Node {

QString roleName(Role role)
{
    switch (role) {
    case Role::Viewer:
        return QStringLiteral("viewer");
    case Role::Operator:
        return QStringLiteral("operator");
    case Role::Admin:
        return QStringLiteral("admin");
    }
    return QStringLiteral("viewer");
}

std::optional<Role> parseRole(const QString &name)
{
    if (name == u"viewer")
        return Role::Viewer;
    if (name == u"operator")
        return Role::Operator;
    if (name == u"admin")
        return Role::Admin;
    return std::nullopt;
}

static bool fail(Error *error, const char *code, const QString &message, const QString &id = {})
{
    if (error) {
        QJsonObject details;
        if (!id.isEmpty())
            details.insert(QStringLiteral("id"), id);
        *error = Error::make(QString::fromLatin1(code), message, details);
    }
    return false;
}

// A frame id may be a string or an integer; it is echoed back as a string.
static std::optional<QString> readId(const QJsonObject &o, bool required, Error *error)
{
    const QJsonValue v = o.value(QLatin1String("id"));
    if (v.isString() && !v.toString().isEmpty() && v.toString().size() <= 128)
        return v.toString();
    if (v.isDouble() && v.toDouble() == double(qint64(v.toDouble())))
        return QString::number(qint64(v.toDouble()));
    if (v.isUndefined() && !required)
        return QString();
    fail(error, NodeError::BadFrame,
         QStringLiteral("\"id\" must be a non-empty string (at most 128 characters) or an integer"));
    return std::nullopt;
}

std::optional<ClientFrame> decodeClientFrame(const QByteArray &text, qint64 maxBytes, Error *error)
{
    if (maxBytes > 0 && text.size() > maxBytes) {
        fail(error, NodeError::FrameTooLarge,
             QStringLiteral("frame of %1 bytes exceeds the limit of %2 bytes; send smaller frames")
                 .arg(text.size())
                 .arg(maxBytes));
        return std::nullopt;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &pe);
    if (pe.error != QJsonParseError::NoError) {
        fail(error, NodeError::BadFrame,
             QStringLiteral("frame is not JSON (%1 at offset %2); send one JSON object per text frame")
                 .arg(pe.errorString())
                 .arg(pe.offset));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        fail(error, NodeError::BadFrame, QStringLiteral("frame must be a JSON object with a \"type\""));
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    ClientFrame f;
    const QString type = o.value(QLatin1String("type")).toString();
    const bool request = type == u"query" || type == u"command";
    // Read the id first so that every later error can be answered to the right request.
    const auto id = readId(o, request, error);
    if (!id)
        return std::nullopt;
    f.id = *id;
    if (type == u"subscribe" || type == u"unsubscribe") {
        f.type = type == u"subscribe" ? ClientFrame::Type::Subscribe : ClientFrame::Type::Unsubscribe;
        const QJsonValue topics = o.value(QLatin1String("topics"));
        if (topics.isString()) {
            f.topics = QStringList{topics.toString()};
        } else if (topics.isArray()) {
            for (const QJsonValue &t : topics.toArray()) {
                if (!t.isString() || t.toString().isEmpty()) {
                    fail(error, NodeError::BadFrame, QStringLiteral("\"topics\" must hold topic names (strings)"), f.id);
                    return std::nullopt;
                }
                f.topics.append(t.toString());
            }
        }
        if (f.topics.isEmpty() || f.topics.size() > 32) {
            fail(error, NodeError::BadFrame,
                 QStringLiteral("\"topics\" must name 1 to 32 topics, e.g. [\"events\"]"), f.id);
            return std::nullopt;
        }
        f.topics.removeDuplicates();
        if (f.type == ClientFrame::Type::Subscribe) {
            const QJsonValue filter = o.value(QLatin1String("filter"));
            if (!filter.isUndefined() && !filter.isNull()) {
                if (!filter.isObject()) {
                    fail(error, NodeError::BadFrame, QStringLiteral("\"filter\" must be an object"), f.id);
                    return std::nullopt;
                }
                f.filter = filter.toObject();
            }
            const QJsonValue since = o.value(QLatin1String("since"));
            if (!since.isUndefined() && !since.isNull()) {
                const double s = since.toDouble(-2);
                if (!since.isDouble() || s < -1 || s != double(qint64(s)) || s > 9.0e15) {
                    fail(error, NodeError::BadFrame,
                         QStringLiteral("\"since\" must be an integer: -1 for live only, 0 for everything retained, "
                                        "n for events after seq n"),
                         f.id);
                    return std::nullopt;
                }
                f.since = qint64(s);
            }
        }
        return f;
    }
    if (request) {
        f.type = type == u"query" ? ClientFrame::Type::Query : ClientFrame::Type::Command;
        const QJsonValue name = o.value(QLatin1String("name"));
        if (!name.isString() || name.toString().isEmpty() || name.toString().size() > 128) {
            fail(error, NodeError::BadFrame, QStringLiteral("\"name\" must name a %1, e.g. \"node.info\"").arg(type),
                 f.id);
            return std::nullopt;
        }
        f.name = name.toString();
        const QJsonValue args = o.value(QLatin1String("args"));
        if (!args.isUndefined() && !args.isNull()) {
            if (!args.isObject()) {
                fail(error, NodeError::BadFrame, QStringLiteral("\"args\" must be an object"), f.id);
                return std::nullopt;
            }
            f.args = args.toObject();
        }
        return f;
    }
    fail(error, NodeError::BadFrame,
         QStringLiteral("unknown frame type \"%1\"; expected subscribe, unsubscribe, query or command")
             .arg(type.left(64)),
         f.id);
    return std::nullopt;
}

static QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray encodeEvent(const QString &topic, qint64 seq, const QJsonObject &data)
{
    return compact(QJsonObject{{QStringLiteral("type"), QStringLiteral("event")},
                               {QStringLiteral("topic"), topic},
                               {QStringLiteral("seq"), seq},
                               {QStringLiteral("data"), data}});
}

QByteArray encodeResult(const QString &id, const QJsonValue &data)
{
    return compact(QJsonObject{{QStringLiteral("type"), QStringLiteral("result")},
                               {QStringLiteral("id"), id},
                               {QStringLiteral("ok"), true},
                               {QStringLiteral("data"), data}});
}

QByteArray encodeError(const QString &id, const Error &error)
{
    QJsonObject e{{QStringLiteral("code"), error.code}, {QStringLiteral("message"), error.message}};
    QJsonObject details = error.details;
    details.remove(QStringLiteral("id"));
    if (!details.isEmpty())
        e.insert(QStringLiteral("details"), details);
    return compact(QJsonObject{{QStringLiteral("type"), QStringLiteral("result")},
                               {QStringLiteral("id"), id.isEmpty() ? QJsonValue() : QJsonValue(id)},
                               {QStringLiteral("ok"), false},
                               {QStringLiteral("error"), e}});
}

QByteArray encodeLagged(const QString &topic, qint64 from, qint64 to)
{
    return compact(QJsonObject{{QStringLiteral("type"), QStringLiteral("lagged")},
                               {QStringLiteral("topic"), topic},
                               {QStringLiteral("from"), from},
                               {QStringLiteral("to"), to}});
}

QByteArray encodeHello(const QJsonObject &hello)
{
    QJsonObject o = hello;
    o.insert(QStringLiteral("type"), QStringLiteral("hello"));
    return compact(o);
}

QByteArray encodeSubscribe(const QStringList &topics, const QJsonObject &filter, qint64 since, const QString &id)
{
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("subscribe")},
                  {QStringLiteral("topics"), QJsonArray::fromStringList(topics)},
                  {QStringLiteral("since"), since}};
    if (!filter.isEmpty())
        o.insert(QStringLiteral("filter"), filter);
    if (!id.isEmpty())
        o.insert(QStringLiteral("id"), id);
    return compact(o);
}

QByteArray encodeUnsubscribe(const QStringList &topics, const QString &id)
{
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("unsubscribe")},
                  {QStringLiteral("topics"), QJsonArray::fromStringList(topics)}};
    if (!id.isEmpty())
        o.insert(QStringLiteral("id"), id);
    return compact(o);
}

QByteArray encodeRequest(bool command, const QString &id, const QString &name, const QJsonObject &args)
{
    return compact(QJsonObject{{QStringLiteral("type"), command ? QStringLiteral("command") : QStringLiteral("query")},
                               {QStringLiteral("id"), id},
                               {QStringLiteral("name"), name},
                               {QStringLiteral("args"), args}});
}

} // namespace WedSync::Node
