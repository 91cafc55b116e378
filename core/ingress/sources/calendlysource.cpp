#include "calendlysource.h"

#include "standardize.h"
#include "timestampedhmac.h"

namespace WedSync::Ingress::Sources {

const QHash<QString, QString> &CalendlySource::typeMap()
{
    static const QHash<QString, QString> map = {
        {QStringLiteral("invitee.created"), QStringLiteral("booking.created")},
        {QStringLiteral("invitee.canceled"), QStringLiteral("booking.cancelled")},
    };
    return map;
}

Error CalendlySource::verify(const WebhookRequest &request, const SourceCredentials &credentials,
                             const QDateTime &now) const
{
    return TimestampedHmac::verify(request, "calendly-webhook-signature", credentials, now);
}

StandardizeResult CalendlySource::standardize(const WebhookRequest &request) const
{
    Error error;
    const auto root = parseJsonObject(request.body, &error);
    if (!root)
        return failed(error);
    FieldReader r(*root);
    Events::Event e;
    e.source = name();
    const QString event = r.requireString(QStringLiteral("event"));
    if (!event.isEmpty()) {
        e.type = typeMap().value(event);
        if (e.type.isEmpty()) {
            QStringList accepted = typeMap().keys();
            accepted.sort();
            const auto fe = unknownTypeError(QStringLiteral("event"), event, accepted);
            r.add(fe.field, fe.code, fe.message);
        }
    }
    e.timestamp = r.requireTime(QStringLiteral("created_at"));
    const QString inviteeUri = r.requireString(QStringLiteral("payload.uri"));
    const QString inviteeUuid = inviteeUri.section(QLatin1Char('/'), -1);
    if (!inviteeUri.isEmpty() && inviteeUuid.isEmpty())
        r.add(QStringLiteral("payload.uri"), QStringLiteral("invalid"),
              QStringLiteral("payload.uri must end with the invitee's uuid"));
    e.id = event + QLatin1Char(':') + inviteeUuid;

    QJsonObject data;
    data.insert(QStringLiteral("invitee_uri"), inviteeUri);
    data.insert(QStringLiteral("attendee_email"), r.requireString(QStringLiteral("payload.email")));
    data.insert(QStringLiteral("attendee_name"), r.requireString(QStringLiteral("payload.name")));
    data.insert(QStringLiteral("event_uri"), r.optionalString(QStringLiteral("payload.scheduled_event.uri")));
    data.insert(QStringLiteral("event_name"),
                r.optionalString(QStringLiteral("payload.scheduled_event.name")));
    const QDateTime start = r.requireTime(QStringLiteral("payload.scheduled_event.start_time"));
    const QDateTime end = r.requireTime(QStringLiteral("payload.scheduled_event.end_time"));
    if (start.isValid() && end.isValid()) {
        if (end < start)
            r.add(QStringLiteral("payload.scheduled_event.end_time"), QStringLiteral("invalid"),
                  QStringLiteral("the meeting ends before it starts"));
        data.insert(QStringLiteral("meeting_time"), Events::Event::formatTime(start));
        data.insert(QStringLiteral("end_time"), Events::Event::formatTime(end));
        data.insert(QStringLiteral("duration_minutes"), qint64(start.secsTo(end) / 60));
    }
    const QString joinUrl = r.optionalString(QStringLiteral("payload.scheduled_event.location.join_url"));
    const QString place = r.optionalString(QStringLiteral("payload.scheduled_event.location.location"));
    data.insert(QStringLiteral("meeting_url"), joinUrl.isEmpty() ? place : joinUrl);
    if (e.type == QLatin1String("booking.cancelled")) {
        data.insert(QStringLiteral("canceled_by"),
                    r.optionalString(QStringLiteral("payload.cancellation.canceled_by")));
        data.insert(QStringLiteral("reason"),
                    r.optionalString(QStringLiteral("payload.cancellation.reason")));
    }
    // UTM parameters on the scheduling link carry our ids: utm_content=<wedding id>, utm_campaign=<org id>.
    const QJsonObject tracking = r.optionalObject(QStringLiteral("payload.tracking"));
    e.weddingId = tracking.value(QStringLiteral("utm_content")).toString();
    e.organizationId = tracking.value(QStringLiteral("utm_campaign")).toString();
    e.data = data;
    if (!r.ok())
        return failed(validationFailed(name(), r.errors()));
    return finish(std::move(e));
}

} // namespace WedSync::Ingress::Sources
