// Zapier: zaps POST events already in the standard shape (event_type, event_id, timestamp, data, ...),
// signed with the generic HMAC scheme. The envelope is validated field by field; engine-side fields
// (received_at, request_id) are the engine's to set and are refused from the sender.
#pragma once

#include "builtinsource.h"

namespace WedSync::Ingress::Sources {

class ZapierSource : public BuiltinSource
{
public:
    QString name() const override { return QStringLiteral("zapier"); }
    QByteArrayList acceptedMediaTypes() const override { return {"application/json"}; }
    Error verify(const WebhookRequest &request, const SourceCredentials &credentials,
                 const QDateTime &now) const override;
    StandardizeResult standardize(const WebhookRequest &request) const override;
    Scheme scheme() const override { return Scheme::GenericHmac; }
};

} // namespace WedSync::Ingress::Sources
