#include "sanitizer.h"

#include "events/event.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <algorithm>

namespace WedSync::Routing {

namespace Sanitizer {
static bool needsCleaning(QChar c)
{
    const char16_t u = c.unicode();
    return (u < 0x20 && u != u'\n' && u != u'\t') || (u >= 0x7f && u <= 0x9f) || u == 0x2028 || u == 0x2029 ||
           c.isSurrogate();
}

QString text(const QString &s, int maxLength)
{
    // Fast path: most values are clean and short; return them shared, without a copy.
    if (s.size() <= maxLength && std::none_of(s.begin(), s.end(), needsCleaning))
        return s;
    QString out;
    out.reserve(std::min<qsizetype>(s.size(), maxLength));
    for (int i = 0; i < s.size() && out.size() < maxLength; ++i) {
        const QChar c = s[i];
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\n' && u != u'\t') || (u >= 0x7f && u <= 0x9f) || u == 0x2028 || u == 0x2029)
            continue;
        if (c.isHighSurrogate()) {
            if (i + 1 < s.size() && s[i + 1].isLowSurrogate()) {
                if (out.size() + 2 > maxLength)
                    break;
                out.append(c);
                out.append(s[++i]);
            } else {
                out.append(QChar(0xfffd));
            }
            continue;
        }
        if (c.isLowSurrogate()) {
            out.append(QChar(0xfffd));
            continue;
        }
        out.append(c);
    }
    return out;
}

QString line(const QString &s, int maxLength)
{
    QString t = text(s, maxLength);
    t.replace(QLatin1Char('\n'), QLatin1Char(' '));
    t.replace(QLatin1Char('\t'), QLatin1Char(' '));
    return t.trimmed();
}

// True when clean() would change nothing (the common case), so the value can be returned as is.
static bool isClean(const QJsonValue &v, int depth)
{
    if (v.isString()) {
        const QString s = v.toString();
        return s.size() <= kMaxText && std::none_of(s.begin(), s.end(), needsCleaning);
    }
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (depth >= kMaxDepth || o.size() > kMaxItems)
            return false;
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString k = it.key();
            if (k.size() > 64 ||
                std::any_of(k.begin(), k.end(),
                            [](QChar c) { return needsCleaning(c) || c == u'\n' || c == u'\t'; }) ||
                k != k.trimmed() || !isClean(it.value(), depth + 1))
                return false;
        }
        return true;
    }
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        if (depth >= kMaxDepth || a.size() > kMaxItems)
            return false;
        for (const QJsonValue &x : a) {
            if (!isClean(x, depth + 1))
                return false;
        }
        return true;
    }
    return true;
}

QJsonValue clean(const QJsonValue &v, int depth)
{
    if (isClean(v, depth))
        return v;
    if (v.isString())
        return text(v.toString());
    if (depth >= kMaxDepth && (v.isObject() || v.isArray()))
        return QJsonValue(QJsonValue::Null);
    if (v.isObject()) {
        QJsonObject out;
        const QJsonObject o = v.toObject();
        int n = 0;
        for (auto it = o.begin(); it != o.end() && n < kMaxItems; ++it, ++n)
            out.insert(line(it.key(), 64), clean(it.value(), depth + 1));
        return out;
    }
    if (v.isArray()) {
        QJsonArray out;
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size() && i < kMaxItems; ++i)
            out.append(clean(a.at(i), depth + 1));
        return out;
    }
    return v;
}

QString html(const QString &s)
{
    QString out = s.toHtmlEscaped();
    out.replace(QLatin1Char('\''), QLatin1String("&#39;"));
    return out;
}

QString slack(const QString &s)
{
    QString out = s;
    out.replace(QLatin1Char('&'), QLatin1String("&amp;"));
    out.replace(QLatin1Char('<'), QLatin1String("&lt;"));
    out.replace(QLatin1Char('>'), QLatin1String("&gt;"));
    return out;
}

bool isEmail(const QString &s)
{
    static const QRegularExpression re(
        QStringLiteral("^[^@\\s<>\"',;]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\\-.]{0,252})"
                       "\\.[A-Za-z]{2,63}$"));
    return s.size() <= 254 && re.match(s).hasMatch();
}

bool isPhone(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^\\+?[1-9][0-9]{6,14}$"));
    return re.match(s).hasMatch();
}
} // namespace Sanitizer

Error validateSchema(const QJsonObject &data, const QList<FieldSpec> &schema, const QString &what)
{
    QJsonArray problems;
    for (const FieldSpec &f : schema) {
        const QJsonValue v = data.value(f.name);
        auto problem = [&](const char *code, const QString &msg) {
            problems.append(QJsonObject{{QStringLiteral("field"), QStringLiteral("data.") + f.name},
                                        {QStringLiteral("code"), QString::fromLatin1(code)},
                                        {QStringLiteral("message"), msg}});
        };
        if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty())) {
            if (f.required)
                problem("required", QStringLiteral("data.%1 is required").arg(f.name));
            continue;
        }
        bool ok = true;
        switch (f.type) {
        case FieldSpec::Type::String:
            ok = v.isString() || v.isDouble();
            break;
        case FieldSpec::Type::Number:
            ok = v.isDouble();
            break;
        case FieldSpec::Type::Boolean:
            ok = v.isBool();
            break;
        case FieldSpec::Type::Object:
            ok = v.isObject();
            break;
        case FieldSpec::Type::Array:
            ok = v.isArray();
            break;
        case FieldSpec::Type::Time:
            ok = v.isString() && Events::Event::parseTime(v.toString()).isValid();
            break;
        case FieldSpec::Type::Email:
            ok = v.isString() && Sanitizer::isEmail(v.toString());
            break;
        }
        if (!ok) {
            problem("invalid", QStringLiteral("data.%1 has the wrong type or format").arg(f.name));
            continue;
        }
        if (v.isString() && f.maxLength > 0 && v.toString().size() > f.maxLength)
            problem("too_long",
                    QStringLiteral("data.%1 must be at most %2 characters").arg(f.name).arg(f.maxLength));
    }
    if (problems.isEmpty())
        return {};
    return Error::make(QString::fromLatin1(ErrorCode::ValidationFailed),
                       QStringLiteral("%1: %2").arg(
                           what, problems.first().toObject().value(QStringLiteral("message")).toString()),
                       QJsonObject{{QStringLiteral("fields"), problems}});
}

} // namespace WedSync::Routing
