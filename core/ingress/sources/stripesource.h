// Stripe: Stripe-Signature (t=,v1=; key = the whole whsec_ string), event objects mapped by type:
// payment_intent.succeeded / invoice.payment_succeeded -> payment.received, payment_intent.payment_failed ->
// payment.failed, customer.created -> vendor.connected. Anything else is refused (VALIDATION_FAILED).
#pragma once

#include "builtinsource.h"

#include <QHash>

namespace WedSync::Ingress::Sources {

class StripeSource : public BuiltinSource
{
public:
    QString name() const override { return QStringLiteral("stripe"); }
    QByteArrayList acceptedMediaTypes() const override { return {"application/json"}; }
    Error verify(const WebhookRequest &request, const SourceCredentials &credentials,
                 const QDateTime &now) const override;
    StandardizeResult standardize(const WebhookRequest &request) const override;
    Scheme scheme() const override { return Scheme::TimestampedHmac; }

    static const QHash<QString, QString> &typeMap();
};

} // namespace WedSync::Ingress::Sources
