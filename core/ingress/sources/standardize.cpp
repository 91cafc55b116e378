#include "standardize.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace WedSync::Ingress::Sources {

std::optional<QJsonObject> parseJsonObject(const QByteArray &body, Error *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error =
            Error::make(QString::fromLatin1(IngressError::InvalidJson),
                        QStringLiteral("the body is not valid JSON (%1 at offset %2); send a JSON object")
                            .arg(pe.errorString())
                            .arg(pe.offset),
                        {{QStringLiteral("offset"), pe.offset}});
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = Error::make(QString::fromLatin1(IngressError::InvalidJson),
                             QStringLiteral("the body must be a JSON object, not an array or a scalar"));
        return std::nullopt;
    }
    return doc.object();
}

QString bodyHashId(const QString &source, const QByteArray &body)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(source.toUtf8());
    h.addData(QByteArrayView("\0", 1));
    h.addData(body);
    return QStringLiteral("h_") + QString::fromLatin1(h.result().toHex());
}

Error validationFailed(const QString &source, const QList<Events::FieldError> &fields)
{
    QJsonArray arr;
    QStringList names;
    for (const auto &f : fields) {
        arr.append(f.toJson());
        names << f.field;
    }
    return Error::make(QString::fromLatin1(IngressError::ValidationFailed),
                       QStringLiteral("the %1 payload failed validation (%2); fix the listed fields")
                           .arg(source, names.join(QStringLiteral(", "))),
                       {{QStringLiteral("fields"), arr}});
}

QJsonValue FieldReader::value(const QString &path) const
{
    QJsonValue v = m_root;
    for (const QString &part : path.split(QLatin1Char('.'))) {
        if (!v.isObject())
            return QJsonValue(QJsonValue::Undefined);
        v = v.toObject().value(part);
    }
    return v;
}

void FieldReader::add(const QString &field, const QString &code, const QString &message)
{
    m_errors.append({field, code, message});
}

QString FieldReader::requireString(const QString &path)
{
    const QJsonValue v = value(path);
    if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty())) {
        add(path, QStringLiteral("required"), QStringLiteral("%1 is required").arg(path));
        return {};
    }
    if (!v.isString()) {
        add(path, QStringLiteral("invalid"), QStringLiteral("%1 must be a string").arg(path));
        return {};
    }
    return v.toString();
}

QString FieldReader::optionalString(const QString &path)
{
    const QJsonValue v = value(path);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isString()) {
        add(path, QStringLiteral("invalid"), QStringLiteral("%1 must be a string").arg(path));
        return {};
    }
    return v.toString();
}

static std::optional<qint64> asInteger(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (d < -9.0e15 || d > 9.0e15 || d != double(qint64(d)))
        return std::nullopt;
    return qint64(d);
}

std::optional<qint64> FieldReader::requireInteger(const QString &path)
{
    const QJsonValue v = value(path);
    if (v.isUndefined() || v.isNull()) {
        add(path, QStringLiteral("required"), QStringLiteral("%1 is required").arg(path));
        return std::nullopt;
    }
    const auto i = asInteger(v);
    if (!i)
        add(path, QStringLiteral("invalid"), QStringLiteral("%1 must be an integer").arg(path));
    return i;
}

std::optional<qint64> FieldReader::optionalInteger(const QString &path)
{
    const QJsonValue v = value(path);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    const auto i = asInteger(v);
    if (!i)
        add(path, QStringLiteral("invalid"), QStringLiteral("%1 must be an integer").arg(path));
    return i;
}

QJsonObject FieldReader::optionalObject(const QString &path)
{
    const QJsonValue v = value(path);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isObject()) {
        add(path, QStringLiteral("invalid"), QStringLiteral("%1 must be an object").arg(path));
        return {};
    }
    return v.toObject();
}

QJsonObject FieldReader::requireObject(const QString &path)
{
    const QJsonValue v = value(path);
    if (v.isUndefined() || v.isNull()) {
        add(path, QStringLiteral("required"), QStringLiteral("%1 is required").arg(path));
        return {};
    }
    if (!v.isObject()) {
        add(path, QStringLiteral("invalid"), QStringLiteral("%1 must be an object").arg(path));
        return {};
    }
    return v.toObject();
}

QDateTime FieldReader::requireTime(const QString &path)
{
    const QString s = requireString(path);
    if (s.isEmpty())
        return {};
    const QDateTime t = Events::Event::parseTime(s);
    if (!t.isValid())
        add(path, QStringLiteral("invalid"),
            QStringLiteral("%1 must be an ISO 8601 time with an offset, e.g. 2026-06-20T15:00:00Z")
                .arg(path));
    return t;
}

Events::FieldError unknownTypeError(const QString &field, const QString &type, const QStringList &accepted)
{
    return {field, QStringLiteral("unknown_type"),
            QStringLiteral("event type '%1' is not mapped; accepted: %2")
                .arg(type.left(80), accepted.join(QStringLiteral(", ")))};
}

StandardizeResult finish(Events::Event event)
{
    StandardizeResult r;
    const auto errors = event.validate();
    if (!errors.isEmpty()) {
        r.error = validationFailed(event.source, errors);
        return r;
    }
    r.events.append(std::move(event));
    return r;
}

StandardizeResult failed(Error error)
{
    StandardizeResult r;
    r.error = std::move(error);
    return r;
}

static QString idText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble() && v.toDouble() == double(qint64(v.toDouble())))
        return QString::number(qint64(v.toDouble()));
    return {};
}

void takeIdsFrom(const QJsonObject &metadata, Events::Event *event)
{
    const QString w = idText(metadata.value(QStringLiteral("wedding_id")));
    if (!w.isEmpty() && event->weddingId.isEmpty())
        event->weddingId = w;
    const QString o = idText(metadata.value(QStringLiteral("organization_id")));
    if (!o.isEmpty() && event->organizationId.isEmpty())
        event->organizationId = o;
}

} // namespace WedSync::Ingress::Sources
