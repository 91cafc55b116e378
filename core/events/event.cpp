#include "event.h"

#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QVariant>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace WedSync::Events {

namespace {
namespace K {
const QString type = QStringLiteral("event_type");
const QString id = QStringLiteral("event_id");
const QString timestamp = QStringLiteral("timestamp");
const QString source = QStringLiteral("source");
const QString data = QStringLiteral("data");
const QString attempt = QStringLiteral("delivery_attempt");
const QString receivedAt = QStringLiteral("received_at");
const QString requestId = QStringLiteral("request_id");
const QString correlationId = QStringLiteral("correlation_id");
const QString causationId = QStringLiteral("causation_id");
const QString weddingId = QStringLiteral("wedding_id");
const QString organizationId = QStringLiteral("organization_id");
} // namespace K

constexpr int kMaxIdLength = 200;
} // namespace

QJsonObject FieldError::toJson() const
{
    return {{QStringLiteral("field"), field},
            {QStringLiteral("code"), code},
            {QStringLiteral("message"), message}};
}

const QStringList &Event::inboundTypes()
{
    static const QStringList t = {
        QStringLiteral("booking.created"),     QStringLiteral("booking.updated"),
        QStringLiteral("booking.cancelled"),   QStringLiteral("payment.received"),
        QStringLiteral("payment.failed"),      QStringLiteral("form.submitted"),
        QStringLiteral("form.updated"),        QStringLiteral("vendor.connected"),
        QStringLiteral("vendor.disconnected"), QStringLiteral("availability.changed"),
        QStringLiteral("review.received"),     QStringLiteral("message.sent")};
    return t;
}

const QStringList &Event::derivedTypes()
{
    static const QStringList t = {QStringLiteral("email.send"),         QStringLiteral("notification.send"),
                                  QStringLiteral("calendar.block"),     QStringLiteral("calendar.unblock"),
                                  QStringLiteral("payment.refund"),     QStringLiteral("booking.paid"),
                                  QStringLiteral("form.stored"),        QStringLiteral("integration.sync"),
                                  QStringLiteral("crm.job.updated"),    QStringLiteral("guest_count.alert"),
                                  QStringLiteral("emergency.escalated")};
    return t;
}

const QStringList &Event::syncTypes()
{
    static const QStringList t = {
        QStringLiteral("timeline.changed"),       QStringLiteral("guest_count.changed"),
        QStringLiteral("venue.capacity_changed"), QStringLiteral("client.updated"),
        QStringLiteral("emergency.reported"),     QStringLiteral("sync.conflict_detected"),
        QStringLiteral("sync.conflict_resolved"), QStringLiteral("sync.completed")};
    return t;
}

bool Event::isKnownType(const QString &type)
{
    return inboundTypes().contains(type) || derivedTypes().contains(type) || syncTypes().contains(type);
}

// Days since 1970-01-01 to a civil date (proleptic Gregorian), after Howard Hinnant's public-domain
// "civil_from_days" algorithm. QDateTime::toString() is ~15k instructions a call; this is ~100.
static void civilFromDays(qint64 z, int *y, unsigned *m, unsigned *d)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 yy = qint64(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = int(yy + (*m <= 2));
}

static QByteArray formatTimeUtf8(const QDateTime &t)
{
    if (!t.isValid())
        return {};
    const qint64 ms = t.toMSecsSinceEpoch();
    qint64 days = ms / 86400000;
    qint64 rem = ms % 86400000;
    if (rem < 0) {
        rem += 86400000;
        --days;
    }
    int y;
    unsigned mo, d;
    civilFromDays(days, &y, &mo, &d);
    if (y < 0 || y > 9999)
        return t.toUTC().toString(Qt::ISODateWithMs).toLatin1();
    // Written digit by digit: this runs for every event serialized, and snprintf dominated it.
    const int h = int(rem / 3600000), mi = int(rem / 60000 % 60), se = int(rem / 1000 % 60),
              msec = int(rem % 1000);
    char buf[25] = "0000-00-00T00:00:00.000Z";
    auto put = [&buf](int at, unsigned v, int width) {
        for (int i = width - 1; i >= 0; --i) {
            buf[at + i] = char('0' + v % 10);
            v /= 10;
        }
    };
    put(0, unsigned(y), 4);
    put(5, mo, 2);
    put(8, d, 2);
    put(11, unsigned(h), 2);
    put(14, unsigned(mi), 2);
    put(17, unsigned(se), 2);
    put(20, unsigned(msec), 3);
    return QByteArray(buf, 24);
}

QString Event::formatTime(const QDateTime &t)
{
    return QString::fromLatin1(formatTimeUtf8(t));
}

// The inverse: days since 1970-01-01 of a civil date (same public-domain algorithm family).
static qint64 daysFromCivil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

// The common shape of vendor and envelope times, "YYYY-MM-DDTHH:MM:SS[.mmm](Z|+HH:MM|-HH:MM)", parsed
// without QDateTime's general parser (~30k instructions) and a regex. Anything else takes the general path,
// so both accept exactly the same inputs.
static bool parseCommonTime(const QString &s, qint64 *msSinceEpoch)
{
    const qsizetype n = s.size();
    if (n != 20 && n != 24 && n != 25 && n != 29)
        return false;
    const QChar *c = s.constData();
    auto num = [c](qsizetype at, int width, int *out) {
        int v = 0;
        for (int i = 0; i < width; ++i) {
            const char16_t ch = c[at + i].unicode();
            if (ch < u'0' || ch > u'9')
                return false;
            v = v * 10 + (ch - u'0');
        }
        *out = v;
        return true;
    };
    int y, mo, d, h, mi, se, ms = 0;
    if (c[4] != u'-' || c[7] != u'-' || c[10] != u'T' || c[13] != u':' || c[16] != u':')
        return false;
    if (!num(0, 4, &y) || !num(5, 2, &mo) || !num(8, 2, &d) || !num(11, 2, &h) || !num(14, 2, &mi) ||
        !num(17, 2, &se))
        return false;
    qsizetype at = 19;
    if (n == 24 || n == 29) {
        if (c[19] != u'.' || !num(20, 3, &ms))
            return false;
        at = 23;
    }
    int offsetMin = 0;
    if (n - at == 1) {
        if (c[at] != u'Z')
            return false;
    } else {
        int oh, om;
        if ((c[at] != u'+' && c[at] != u'-') || c[at + 3] != u':' || !num(at + 1, 2, &oh) ||
            !num(at + 4, 2, &om) || oh > 23 || om > 59)
            return false;
        offsetMin = (oh * 60 + om) * (c[at] == u'-' ? -1 : 1);
    }
    static constexpr int monthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > monthDays[mo - 1] + (mo == 2 && leap) || h > 23 ||
        mi > 59 || se > 59)
        return false;
    const qint64 days = daysFromCivil(y, unsigned(mo), unsigned(d));
    *msSinceEpoch = ((days * 24 + h) * 60 + mi - offsetMin) * 60000 + qint64(se) * 1000 + ms;
    return true;
}

QDateTime Event::parseTime(const QString &s)
{
    if (s.isEmpty())
        return {};
    qint64 ms = 0;
    if (parseCommonTime(s, &ms))
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(s, Qt::ISODate);
    if (!t.isValid())
        return {};
    // A time without an offset is ambiguous; the envelope requires one (Z or +hh:mm).
    static const QRegularExpression hasOffset(QStringLiteral("(Z|[+-]\\d\\d:?\\d\\d)$"));
    if (!hasOffset.match(s).hasMatch())
        return {};
    return t.toUTC();
}

// ^[a-z0-9][a-z0-9_-]{0,63}$ without a regex (checked for every event).
static bool isSourceName(const QString &s)
{
    if (s.isEmpty() || s.size() > 64)
        return false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s[i].unicode();
        const bool alnum = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
        if (!alnum && (i == 0 || (c != u'_' && c != u'-')))
            return false;
    }
    return true;
}

static bool isCleanId(const QString &s)
{
    for (const QChar c : s) {
        if (c.unicode() < 0x21 || c.unicode() == 0x7f)
            return false;
    }
    return true;
}

QList<FieldError> Event::validate() const
{
    QList<FieldError> errors;
    auto add = [&](const QString &f, const char *code, const QString &msg) {
        errors.append({f, QString::fromLatin1(code), msg});
    };

    if (type.isEmpty())
        add(K::type, "required", QStringLiteral("event_type is required"));
    else if (!isKnownType(type))
        add(K::type, "unknown_type", QStringLiteral("'%1' is not a known event type").arg(type.left(80)));

    if (id.isEmpty())
        add(K::id, "required", QStringLiteral("event_id is required"));
    else if (id.size() > kMaxIdLength)
        add(K::id, "too_long", QStringLiteral("event_id must be at most %1 characters").arg(kMaxIdLength));
    else if (!isCleanId(id))
        add(K::id, "invalid", QStringLiteral("event_id must not contain spaces or control characters"));

    if (!timestamp.isValid())
        add(K::timestamp, "required", QStringLiteral("timestamp must be an ISO 8601 time with an offset"));

    if (source.isEmpty())
        add(K::source, "required", QStringLiteral("source is required"));
    else if (!isSourceName(source))
        add(K::source, "invalid",
            QStringLiteral("source must be lower-case letters, digits, '_' or '-' (1-64)"));

    if (deliveryAttempt < 1 || deliveryAttempt > 10)
        add(K::attempt, "out_of_range", QStringLiteral("delivery_attempt must be from 1 to 10"));

    for (const auto &[field, value] :
         {std::pair{K::requestId, &requestId}, std::pair{K::correlationId, &correlationId},
          std::pair{K::causationId, &causationId}, std::pair{K::weddingId, &weddingId},
          std::pair{K::organizationId, &organizationId}}) {
        if (value->size() > kMaxIdLength)
            add(field, "too_long",
                QStringLiteral("%1 must be at most %2 characters").arg(field).arg(kMaxIdLength));
        else if (!isCleanId(*value))
            add(field, "invalid",
                QStringLiteral("%1 must not contain spaces or control characters").arg(field));
    }
    return errors;
}

QJsonObject Event::toJson() const
{
    QJsonObject o{{K::type, type},     {K::id, id},     {K::timestamp, formatTime(timestamp)},
                  {K::source, source}, {K::data, data}, {K::attempt, deliveryAttempt}};
    if (receivedAt.isValid())
        o.insert(K::receivedAt, formatTime(receivedAt));
    auto opt = [&](const QString &k, const QString &v) {
        if (!v.isEmpty())
            o.insert(k, v);
    };
    opt(K::requestId, requestId);
    opt(K::correlationId, correlationId);
    opt(K::causationId, causationId);
    opt(K::weddingId, weddingId);
    opt(K::organizationId, organizationId);
    return o;
}

// JSON string literal (RFC 8259) for the envelope's own fields.
void appendJsonString(QByteArray &out, const QString &s)
{
    out += '"';
    // The common case, ids and names in plain ASCII with nothing to escape, is copied without a UTF-8
    // conversion.
    const bool plain = std::all_of(s.cbegin(), s.cend(), [](QChar ch) {
        const char16_t u = ch.unicode();
        return u >= 0x20 && u < 0x80 && u != '"' && u != '\\';
    });
    if (plain) {
        const qsizetype at = out.size();
        out.resize(at + s.size());
        char *dst = out.data() + at;
        for (const QChar ch : s)
            *dst++ = char(ch.unicode());
    } else {
        for (const char c : s.toUtf8()) {
            switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(static_cast<unsigned char>(c)));
                    out += buf;
                } else {
                    out += c;
                }
            }
        }
    }
    out += '"';
}

void appendJsonValue(QByteArray &out, const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        out += v.toBool() ? "true" : "false";
        return;
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (!std::isfinite(d)) {
            out += "null"; // as QJsonDocument writes them: JSON has no infinities
            return;
        }
        // As QJsonDocument writes them, so a document reads back identical (QJsonObject's equality tells
        // an integer from an integral double): integers exactly, doubles in the shortest form that reads
        // back to the same value. The CBOR value under the QJsonValue says which it is.
        const QCborValue c = QCborValue::fromJsonValue(v);
        if (c.isInteger()) {
            char digits[24];
            const auto r = std::to_chars(digits, digits + sizeof digits, c.toInteger());
            out.append(digits, qsizetype(r.ptr - digits));
        } else {
            out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
        }
        return;
    }
    case QJsonValue::String:
        appendJsonString(out, v.toString());
        return;
    case QJsonValue::Array: {
        out += '[';
        bool first = true;
        for (const QJsonValue &item : v.toArray()) {
            if (!first)
                out += ',';
            first = false;
            appendJsonValue(out, item);
        }
        out += ']';
        return;
    }
    case QJsonValue::Object:
        appendJsonObject(out, v.toObject());
        return;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    out += "null";
}

void appendJsonMembers(QByteArray &out, const QJsonObject &o)
{
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (it != o.constBegin())
            out += ',';
        appendJsonString(out, it.key());
        out += ':';
        appendJsonValue(out, it.value());
    }
}

void appendJsonObject(QByteArray &out, const QJsonObject &o)
{
    out += '{';
    appendJsonMembers(out, o);
    out += '}';
}

QByteArray Event::toCompactJson() const
{
    // Written directly (same keys and values as toJson()), `data` too: this is on the ingest path of
    // every event, and QJsonObject building and QJsonDocument's conversions dominated its cost.
    QByteArray out;
    out.reserve(1024); // most envelopes fit: one allocation
    auto key = [&](const char *k) {
        out += out.isEmpty() ? "{\"" : ",\"";
        out += k;
        out += "\":";
    };
    auto field = [&](const char *k, const QString &v) {
        key(k);
        appendJsonString(out, v);
    };
    field("event_type", type);
    field("event_id", id);
    key("timestamp");
    out += '"';
    out += formatTimeUtf8(timestamp);
    out += '"';
    field("source", source);
    key("data");
    appendJsonObject(out, data);
    key("delivery_attempt");
    out += QByteArray::number(deliveryAttempt);
    if (receivedAt.isValid()) {
        key("received_at");
        out += '"';
        out += formatTimeUtf8(receivedAt);
        out += '"';
    }
    if (!requestId.isEmpty())
        field("request_id", requestId);
    if (!correlationId.isEmpty())
        field("correlation_id", correlationId);
    if (!causationId.isEmpty())
        field("causation_id", causationId);
    if (!weddingId.isEmpty())
        field("wedding_id", weddingId);
    if (!organizationId.isEmpty())
        field("organization_id", organizationId);
    out += '}';
    return out;
}

Event Event::fromJson(const QJsonObject &json, QList<FieldError> *errors)
{
    Event e;
    QList<FieldError> typeErrors;
    auto str = [&](const QString &k, QString *out) {
        const QJsonValue v = json.value(k);
        if (v.isUndefined() || v.isNull())
            return;
        if (!v.isString()) {
            typeErrors.append({k, QStringLiteral("invalid"), QStringLiteral("%1 must be a string").arg(k)});
            return;
        }
        *out = v.toString();
    };
    str(K::type, &e.type);
    str(K::source, &e.source);
    str(K::requestId, &e.requestId);
    str(K::correlationId, &e.correlationId);
    str(K::causationId, &e.causationId);
    str(K::weddingId, &e.weddingId);
    str(K::organizationId, &e.organizationId);
    // Vendors send numeric ids; they are identifiers, so accept integers as their decimal text.
    const QJsonValue idv = json.value(K::id);
    if (idv.isString())
        e.id = idv.toString();
    else if (idv.isDouble() && idv.toDouble() == double(qint64(idv.toDouble())))
        e.id = QString::number(qint64(idv.toDouble()));
    else if (!idv.isUndefined() && !idv.isNull())
        typeErrors.append({K::id, QStringLiteral("invalid"), QStringLiteral("event_id must be a string")});

    QString ts;
    str(K::timestamp, &ts);
    e.timestamp = parseTime(ts);
    if (!ts.isEmpty() && !e.timestamp.isValid())
        typeErrors.append({K::timestamp, QStringLiteral("invalid"),
                           QStringLiteral("timestamp '%1' is not ISO 8601 with an offset").arg(ts.left(40))});
    QString rts;
    str(K::receivedAt, &rts);
    e.receivedAt = parseTime(rts);
    if (!rts.isEmpty() && !e.receivedAt.isValid())
        typeErrors.append({K::receivedAt, QStringLiteral("invalid"),
                           QStringLiteral("received_at is not ISO 8601 with an offset")});

    const QJsonValue d = json.value(K::data);
    if (d.isObject())
        e.data = d.toObject();
    else if (d.isUndefined() || d.isNull())
        typeErrors.append({K::data, QStringLiteral("required"), QStringLiteral("data must be an object")});
    else
        typeErrors.append({K::data, QStringLiteral("invalid"), QStringLiteral("data must be an object")});

    const QJsonValue a = json.value(K::attempt);
    if (a.isUndefined() || a.isNull())
        e.deliveryAttempt = 1;
    else if (a.isDouble() && a.toDouble() == double(int(a.toDouble())))
        e.deliveryAttempt = int(a.toDouble());
    else {
        typeErrors.append(
            {K::attempt, QStringLiteral("invalid"), QStringLiteral("delivery_attempt must be an integer")});
        e.deliveryAttempt = 1;
    }

    if (errors) {
        *errors = typeErrors;
        for (const FieldError &fe : e.validate()) {
            const bool already = std::any_of(typeErrors.cbegin(), typeErrors.cend(),
                                             [&](const FieldError &t) { return t.field == fe.field; });
            if (!already)
                errors->append(fe);
        }
    }
    return e;
}

bool Event::operator==(const Event &o) const
{
    return type == o.type && id == o.id && timestamp == o.timestamp && source == o.source && data == o.data &&
           deliveryAttempt == o.deliveryAttempt && receivedAt == o.receivedAt && requestId == o.requestId &&
           correlationId == o.correlationId && causationId == o.causationId && weddingId == o.weddingId &&
           organizationId == o.organizationId;
}

} // namespace WedSync::Events
