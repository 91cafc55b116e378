#include "fieldmapping.h"

#include "routing/sanitizer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace WedSync::Routing {

namespace {
Error badMapping(const QString &field, const QString &why)
{
    return Error::make(QStringLiteral("ROUTING_BAD_MAPPING"),
                       QStringLiteral("field mapping entry '%1' is not valid: %2").arg(field.left(100), why),
                       QJsonObject{{QStringLiteral("field"), field}});
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Array:
        return QStringLiteral("array");
    default:
        return QStringLiteral("null");
    }
}

// Sets obj[path...] = value, creating nested objects.
void setPath(QJsonObject &obj, const QStringList &path, int i, const QJsonValue &value)
{
    if (i == path.size() - 1) {
        obj.insert(path[i], value);
        return;
    }
    QJsonObject child = obj.value(path[i]).toObject();
    setPath(child, path, i + 1, value);
    obj.insert(path[i], child);
}
} // namespace

bool isValidPointer(const QString &pointer)
{
    if (pointer.isEmpty())
        return true;
    if (!pointer.startsWith(QLatin1Char('/')))
        return false;
    // '~' must be followed by 0 or 1.
    for (int i = 0; i < pointer.size(); ++i) {
        if (pointer[i] == QLatin1Char('~') &&
            (i + 1 >= pointer.size() ||
             (pointer[i + 1] != QLatin1Char('0') && pointer[i + 1] != QLatin1Char('1'))))
            return false;
    }
    return true;
}

QJsonValue resolvePointer(const QJsonValue &root, const QString &pointer)
{
    if (!isValidPointer(pointer))
        return QJsonValue(QJsonValue::Undefined);
    if (pointer.isEmpty())
        return root;
    QJsonValue cur = root;
    const QStringList tokens = pointer.mid(1).split(QLatin1Char('/'));
    for (QString t : tokens) {
        t.replace(QLatin1String("~1"), QLatin1String("/"));
        t.replace(QLatin1String("~0"), QLatin1String("~"));
        if (cur.isObject()) {
            const QJsonObject o = cur.toObject();
            if (!o.contains(t))
                return QJsonValue(QJsonValue::Undefined);
            cur = o.value(t);
        } else if (cur.isArray()) {
            static const QRegularExpression index(QStringLiteral("^(0|[1-9][0-9]{0,8})$"));
            if (!index.match(t).hasMatch())
                return QJsonValue(QJsonValue::Undefined);
            const QJsonArray a = cur.toArray();
            const int i = t.toInt();
            if (i >= a.size())
                return QJsonValue(QJsonValue::Undefined);
            cur = a.at(i);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    return cur;
}

std::optional<FieldMapping> FieldMapping::parse(const QString &json, Error *error)
{
    if (json.trimmed().isEmpty())
        return FieldMapping();
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error =
                Error::make(QStringLiteral("ROUTING_BAD_MAPPING"),
                            QStringLiteral("the field mapping must be a JSON object of target field -> "
                                           "JSON pointer: %1")
                                .arg(pe.error != QJsonParseError::NoError ? pe.errorString()
                                                                          : QStringLiteral("not an object")));
        return std::nullopt;
    }
    return parse(doc.object(), error);
}

std::optional<FieldMapping> FieldMapping::parse(const QJsonObject &spec, Error *error)
{
    static const QRegularExpression fieldRe(QStringLiteral("^[A-Za-z_][A-Za-z0-9_\\-]{0,63}$"));
    static const QStringList types = {QStringLiteral("string"), QStringLiteral("number"),
                                      QStringLiteral("boolean"), QStringLiteral("object"),
                                      QStringLiteral("array")};
    FieldMapping m;
    m.m_spec = spec;
    for (auto it = spec.begin(); it != spec.end(); ++it) {
        const QString name = it.key();
        Field f;
        f.path = name.split(QLatin1Char('.'));
        for (const QString &p : f.path) {
            if (!fieldRe.match(p).hasMatch()) {
                if (error)
                    *error =
                        badMapping(name, QStringLiteral("target field names are letters, digits, '_' or '-', "
                                                        "nested with '.'"));
                return std::nullopt;
            }
        }
        const QJsonValue v = it.value();
        if (v.isString()) {
            f.pointer = v.toString();
        } else if (v.isObject()) {
            const QJsonObject o = v.toObject();
            for (auto k = o.begin(); k != o.end(); ++k) {
                static const QStringList known = {QStringLiteral("pointer"), QStringLiteral("const"),
                                                  QStringLiteral("default"), QStringLiteral("required"),
                                                  QStringLiteral("type"),    QStringLiteral("max_length")};
                if (!known.contains(k.key())) {
                    if (error)
                        *error = badMapping(
                            name, QStringLiteral("unknown option '%1' (use pointer, const, default, "
                                                 "required, type, max_length)")
                                      .arg(k.key().left(40)));
                    return std::nullopt;
                }
            }
            if (o.contains(QStringLiteral("const"))) {
                f.hasConst = true;
                f.constant = o.value(QStringLiteral("const"));
            } else if (o.value(QStringLiteral("pointer")).isString()) {
                f.pointer = o.value(QStringLiteral("pointer")).toString();
            } else {
                if (error)
                    *error =
                        badMapping(name, QStringLiteral("give a \"pointer\" string or a \"const\" value"));
                return std::nullopt;
            }
            if (o.contains(QStringLiteral("default"))) {
                f.hasDefault = true;
                f.defaultValue = o.value(QStringLiteral("default"));
            }
            f.required = o.value(QStringLiteral("required")).toBool(false);
            f.type = o.value(QStringLiteral("type")).toString();
            if (!f.type.isEmpty() && !types.contains(f.type)) {
                if (error)
                    *error = badMapping(
                        name, QStringLiteral("type must be one of %1").arg(types.join(QStringLiteral(", "))));
                return std::nullopt;
            }
            f.maxLength = o.value(QStringLiteral("max_length")).toInt(0);
            if (f.maxLength < 0) {
                if (error)
                    *error = badMapping(name, QStringLiteral("max_length must be positive"));
                return std::nullopt;
            }
        } else {
            if (error)
                *error =
                    badMapping(name, QStringLiteral("the value must be a JSON pointer string or an object"));
            return std::nullopt;
        }
        if (!f.hasConst && !isValidPointer(f.pointer)) {
            if (error)
                *error =
                    badMapping(name, QStringLiteral("'%1' is not a JSON pointer (it starts with '/', e.g. "
                                                    "/data/venue)")
                                         .arg(f.pointer.left(100)));
            return std::nullopt;
        }
        m.m_fields.append(f);
    }
    return m;
}

std::optional<QJsonObject> FieldMapping::apply(const QJsonObject &event, Error *error) const
{
    QJsonObject out;
    for (const Field &f : m_fields) {
        const QString name = f.path.join(QLatin1Char('.'));
        QJsonValue v = f.hasConst ? f.constant : resolvePointer(event, f.pointer);
        if (v.isUndefined() || v.isNull()) {
            if (f.hasDefault) {
                v = f.defaultValue;
            } else if (f.required) {
                if (error)
                    *error = Error::make(
                        QStringLiteral("ROUTING_MAPPING_FAILED"),
                        QStringLiteral("required field '%1' is missing: nothing at %2 in the event")
                            .arg(name, f.pointer),
                        QJsonObject{{QStringLiteral("field"), name}});
                return std::nullopt;
            } else {
                continue;
            }
        }
        if (!f.type.isEmpty() && typeName(v) != f.type) {
            if (error)
                *error = Error::make(QStringLiteral("ROUTING_MAPPING_FAILED"),
                                     QStringLiteral("field '%1' must be a %2, the event has a %3")
                                         .arg(name, f.type, typeName(v)),
                                     QJsonObject{{QStringLiteral("field"), name}});
            return std::nullopt;
        }
        v = Sanitizer::clean(v);
        if (f.maxLength > 0 && v.isString())
            v = Sanitizer::text(v.toString(), f.maxLength);
        setPath(out, f.path, 0, v);
    }
    return out;
}

} // namespace WedSync::Routing
