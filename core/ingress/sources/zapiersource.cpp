#include "zapiersource.h"

#include "generichmac.h"
#include "standardize.h"

namespace WedSync::Ingress::Sources {

Error ZapierSource::verify(const WebhookRequest &request, const SourceCredentials &credentials,
                           const QDateTime &) const
{
    return GenericHmac::verify(request, credentials);
}

StandardizeResult ZapierSource::standardize(const WebhookRequest &request) const
{
    Error error;
    auto root = parseJsonObject(request.body, &error);
    if (!root)
        return failed(error);
    QList<Events::FieldError> extra;
    for (const char *engineField : {"received_at", "request_id"}) {
        const QString f = QString::fromLatin1(engineField);
        if (root->contains(f))
            extra.append({f, QStringLiteral("invalid"),
                          QStringLiteral("%1 is set by the engine; leave it out").arg(f)});
    }
    const QJsonValue src = root->value(QStringLiteral("source"));
    if (!src.isUndefined() && !src.isNull() && src != QJsonValue(name()))
        extra.append({QStringLiteral("source"), QStringLiteral("invalid"),
                      QStringLiteral("source must be 'zapier' (or left out) on the zapier endpoint")});
    root->insert(QStringLiteral("source"), name());
    root->remove(QStringLiteral("received_at"));
    root->remove(QStringLiteral("request_id"));
    const QJsonValue id = root->value(QStringLiteral("event_id"));
    if (id.isUndefined() || id.isNull())
        root->insert(QStringLiteral("event_id"), bodyHashId(name(), request.body));

    QList<Events::FieldError> errors;
    Events::Event e = Events::Event::fromJson(*root, &errors);
    errors += extra;
    // A zap reports what happened at a vendor: inbound and sync types only, never engine-derived ones.
    if (!e.type.isEmpty() && Events::Event::isKnownType(e.type) &&
        !Events::Event::inboundTypes().contains(e.type) && !Events::Event::syncTypes().contains(e.type))
        errors.append(
            {QStringLiteral("event_type"), QStringLiteral("unknown_type"),
             QStringLiteral("'%1' is produced by the engine and cannot be sent by a zap").arg(e.type)});
    if (!errors.isEmpty())
        return failed(validationFailed(name(), errors));
    takeIdsFrom(e.data.value(QStringLiteral("metadata")).toObject(), &e);
    return finish(std::move(e));
}

} // namespace WedSync::Ingress::Sources
