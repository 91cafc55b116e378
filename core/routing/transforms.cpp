#include "transforms.h"

#include "routing/sanitizer.h"

#include <QJsonArray>

namespace WedSync::Routing::Transforms {

namespace {
using T = FieldSpec::Type;

QString textOf(const QJsonValue &v)
{
    return v.isDouble() ? QString::number(v.toDouble(), 'g', 15) : v.toString();
}

// "ceremony_time moved from 15:00 to 16:00"
QString describe(const QJsonObject &change)
{
    const QString field = Sanitizer::line(change.value(QStringLiteral("field")).toString(), 64);
    const QString from = Sanitizer::line(textOf(change.value(QStringLiteral("from"))), 64);
    const QString to = Sanitizer::line(textOf(change.value(QStringLiteral("to"))), 64);
    if (from.isEmpty())
        return QStringLiteral("%1 set to %2").arg(field, to);
    return QStringLiteral("%1 moved from %2 to %3").arg(field, from, to);
}
} // namespace

std::optional<QJsonObject> timelineToCrmJob(const Events::Event &event, Error *error)
{
    const QJsonObject &d = event.data;
    if (Error e = validateSchema(d,
                                 {{QStringLiteral("venue"), T::String, true, 200},
                                  {QStringLiteral("change"), T::Object, false, 0},
                                  {QStringLiteral("changes"), T::Array, false, 0}},
                                 QStringLiteral("timeline change"))) {
        if (error)
            *error = e;
        return std::nullopt;
    }
    // The day's schedule: a list of items, or an object of named times ({"ceremony": "15:00", ...}) as CRMs
    // send it.
    const QJsonValue timeline = d.value(QStringLiteral("timeline"));
    if (!timeline.isUndefined() && !timeline.isNull() && !timeline.isArray() && !timeline.isObject()) {
        const QString message = QStringLiteral("data.timeline must be a list of items or an object of times");
        if (error)
            *error = Error::make(QString::fromLatin1(ErrorCode::ValidationFailed),
                                 QStringLiteral("timeline change: ") + message,
                                 QJsonObject{{QStringLiteral("fields"),
                                              QJsonArray{QJsonObject{
                                                  {QStringLiteral("field"), QStringLiteral("data.timeline")},
                                                  {QStringLiteral("code"), QStringLiteral("invalid")},
                                                  {QStringLiteral("message"), message}}}}});
        return std::nullopt;
    }
    const QString weddingId = d.value(QStringLiteral("wedding_id")).toString(event.weddingId);
    if (weddingId.isEmpty()) {
        if (error)
            *error = Error::make(
                QString::fromLatin1(ErrorCode::ValidationFailed),
                QStringLiteral("timeline change: data.wedding_id (or the event's wedding_id) is required"));
        return std::nullopt;
    }
    QJsonObject change = d.value(QStringLiteral("change")).toObject();
    if (change.isEmpty()) {
        const QJsonArray changes = d.value(QStringLiteral("changes")).toArray();
        for (const QJsonValue &c : changes) {
            if (c.toObject()
                    .value(QStringLiteral("field"))
                    .toString()
                    .startsWith(QLatin1String("ceremony"))) {
                change = c.toObject();
                break;
            }
        }
        if (change.isEmpty() && !changes.isEmpty())
            change = changes.first().toObject();
    }
    if (change.value(QStringLiteral("field")).toString().isEmpty() ||
        textOf(change.value(QStringLiteral("to"))).isEmpty()) {
        if (error)
            *error = Error::make(
                QString::fromLatin1(ErrorCode::ValidationFailed),
                QStringLiteral("timeline change: data.change must name the field and its new value "
                               "({\"field\": \"ceremony_time\", \"from\": \"15:00\", \"to\": \"16:00\"})"));
        return std::nullopt;
    }
    QJsonObject cleanChange{
        {QStringLiteral("field"), Sanitizer::line(change.value(QStringLiteral("field")).toString(), 64)},
        {QStringLiteral("from"), Sanitizer::line(textOf(change.value(QStringLiteral("from"))), 64)},
        {QStringLiteral("to"), Sanitizer::line(textOf(change.value(QStringLiteral("to"))), 64)},
        {QStringLiteral("summary"), describe(change)}};
    QJsonObject out{
        {QStringLiteral("wedding_id"), Sanitizer::line(weddingId, 200)},
        {QStringLiteral("venue"), Sanitizer::line(d.value(QStringLiteral("venue")).toString(), 200)},
        {QStringLiteral("timeline"),
         timeline.isObject() ? Sanitizer::clean(timeline.toObject()) : Sanitizer::clean(timeline.toArray())},
        {QStringLiteral("change"), cleanChange},
        {QStringLiteral("job_type"), QStringLiteral("wedding")}};
    if (cleanChange.value(QStringLiteral("field")).toString().startsWith(QLatin1String("ceremony")))
        out.insert(QStringLiteral("ceremony_time"), cleanChange.value(QStringLiteral("to")));
    for (const char *k : {"supplier_id", "job_id", "couple_name"}) {
        const QString v = Sanitizer::line(d.value(QLatin1String(k)).toString(), 200);
        if (!v.isEmpty())
            out.insert(QLatin1String(k), v);
    }
    return out;
}

std::optional<QJsonObject> capacityToGuestAlert(const Events::Event &event, Error *error)
{
    const QJsonObject &d = event.data;
    if (Error e = validateSchema(d,
                                 {{QStringLiteral("venue"), T::String, true, 200},
                                  {QStringLiteral("new_capacity"), T::Number, true, 0},
                                  {QStringLiteral("old_capacity"), T::Number, false, 0},
                                  {QStringLiteral("guest_count"), T::Number, true, 0},
                                  {QStringLiteral("couple_email"), T::Email, true, 254},
                                  {QStringLiteral("couple_name"), T::String, false, 200}},
                                 QStringLiteral("venue capacity change"))) {
        if (error)
            *error = e;
        return std::nullopt;
    }
    const qint64 capacity = qint64(d.value(QStringLiteral("new_capacity")).toDouble());
    const qint64 guests = qint64(d.value(QStringLiteral("guest_count")).toDouble());
    if (capacity < 0 || guests < 0) {
        if (error)
            *error = Error::make(
                QString::fromLatin1(ErrorCode::ValidationFailed),
                QStringLiteral("venue capacity change: capacity and guest count cannot be negative"));
        return std::nullopt;
    }
    QJsonObject out{
        {QStringLiteral("venue"), Sanitizer::line(d.value(QStringLiteral("venue")).toString(), 200)},
        {QStringLiteral("new_capacity"), capacity},
        {QStringLiteral("guest_count"), guests},
        {QStringLiteral("over_by"), std::max<qint64>(0, guests - capacity)},
        {QStringLiteral("exceeded"), guests > capacity},
        {QStringLiteral("couple_email"), d.value(QStringLiteral("couple_email")).toString()},
        {QStringLiteral("couple_name"),
         Sanitizer::line(d.value(QStringLiteral("couple_name")).toString(), 200)},
        {QStringLiteral("wedding_id"),
         Sanitizer::line(d.value(QStringLiteral("wedding_id")).toString(event.weddingId), 200)}};
    if (d.contains(QStringLiteral("old_capacity")))
        out.insert(QStringLiteral("old_capacity"),
                   qint64(d.value(QStringLiteral("old_capacity")).toDouble()));
    return out;
}

std::optional<QJsonObject> escalateEmergency(const Events::Event &event, Error *error)
{
    const QJsonObject &d = event.data;
    QString emergency = Sanitizer::line(textOf(d.value(QStringLiteral("emergency"))), 200);
    if (emergency.isEmpty() && d.value(QStringLiteral("emergency")).isObject())
        emergency = Sanitizer::line(
            d.value(QStringLiteral("emergency")).toObject().value(QStringLiteral("type")).toString(), 200);
    if (emergency.isEmpty() && event.type == QLatin1String("emergency.reported"))
        emergency = Sanitizer::line(d.value(QStringLiteral("kind")).toString(), 200);
    if (emergency.isEmpty() && event.type != QLatin1String("emergency.reported"))
        return std::nullopt;
    const QString weddingDate = d.value(QStringLiteral("wedding_date")).toString();
    const QDate date = QDate::fromString(weddingDate, Qt::ISODate);
    if (!date.isValid()) {
        if (event.type == QLatin1String("emergency.reported") && error)
            *error = Error::make(
                QString::fromLatin1(ErrorCode::ValidationFailed),
                QStringLiteral("emergency: data.wedding_date (YYYY-MM-DD) is required to tell whether "
                               "it is the wedding day"));
        return std::nullopt;
    }
    const int offsetMinutes =
        std::clamp(d.value(QStringLiteral("timezone_offset_minutes")).toInt(0), -14 * 60, 14 * 60);
    const QDate eventDay = event.timestamp.toUTC().addSecs(qint64(offsetMinutes) * 60).date();
    if (eventDay != date)
        return std::nullopt; // not the wedding day: routed normally, not escalated
    QJsonArray phones;
    QJsonArray emails;
    const QJsonObject contacts = d.value(QStringLiteral("contacts")).toObject();
    for (const QJsonValue &p : contacts.value(QStringLiteral("whatsapp")).toArray()) {
        if (Sanitizer::isPhone(p.toString()))
            phones.append(p.toString());
    }
    for (const QJsonValue &e : contacts.value(QStringLiteral("email")).toArray()) {
        if (Sanitizer::isEmail(e.toString()))
            emails.append(e.toString());
    }
    if (Sanitizer::isPhone(d.value(QStringLiteral("coordinator_phone")).toString()))
        phones.append(d.value(QStringLiteral("coordinator_phone")).toString());
    if (Sanitizer::isEmail(d.value(QStringLiteral("coordinator_email")).toString()))
        emails.append(d.value(QStringLiteral("coordinator_email")).toString());
    return QJsonObject{
        {QStringLiteral("emergency"), emergency.isEmpty() ? QStringLiteral("emergency") : emergency},
        {QStringLiteral("severity"), QStringLiteral("urgent")},
        {QStringLiteral("details"), Sanitizer::line(d.value(QStringLiteral("details")).toString(), 500)},
        {QStringLiteral("venue"), Sanitizer::line(d.value(QStringLiteral("venue")).toString(), 200)},
        {QStringLiteral("wedding_id"),
         Sanitizer::line(d.value(QStringLiteral("wedding_id")).toString(event.weddingId), 200)},
        {QStringLiteral("wedding_date"), date.toString(Qt::ISODate)},
        {QStringLiteral("reported_by"),
         Sanitizer::line(d.value(QStringLiteral("reported_by")).toString(event.source), 200)},
        {QStringLiteral("original_event_type"), event.type},
        {QStringLiteral("contacts"),
         QJsonObject{{QStringLiteral("whatsapp"), phones}, {QStringLiteral("email"), emails}}}};
}

} // namespace WedSync::Routing::Transforms
