// The vendor CRMs and booking systems (custom_crm, booking_system, tave, honeybook, studio_ninja, and any
// source an administrator adds): job, timeline, guest-count, payment and form updates in one JSON shape
//   {"id": "...", "type": "job.updated", "occurred_at": "<ISO 8601>", "wedding_id": "...",
//    "organization_id": "...", "data": {...}}
// mapped to standard events by a fixed table (docs/sources.md). Each is signed with generic HMAC or
// Standard Webhooks, chosen per source.
#pragma once

#include "builtinsource.h"

#include <QHash>

namespace WedSync::Ingress::Sources {

class CrmSource : public BuiltinSource
{
public:
    CrmSource(QString name, Scheme scheme); // scheme: GenericHmac or StandardWebhooks

    QString name() const override { return m_name; }
    QByteArrayList acceptedMediaTypes() const override { return {"application/json"}; }
    Error verify(const WebhookRequest &request, const SourceCredentials &credentials,
                 const QDateTime &now) const override;
    StandardizeResult standardize(const WebhookRequest &request) const override;
    Scheme scheme() const override { return m_scheme; }

    // vendor type -> standard event type
    static const QHash<QString, QString> &typeMap();

private:
    QString m_name;
    Scheme m_scheme;
};

} // namespace WedSync::Ingress::Sources
