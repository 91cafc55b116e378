// PayPal: verified locally with the pinned certificate (paypalsignature.h); webhook events mapped:
// PAYMENT.CAPTURE.COMPLETED / PAYMENT.SALE.COMPLETED -> payment.received, PAYMENT.CAPTURE.DENIED /
// PAYMENT.SALE.DENIED -> payment.failed; data = amount (decimal text as sent), currency, transaction id,
// state.
#pragma once

#include "builtinsource.h"

#include <QHash>

namespace WedSync::Ingress::Sources {

class PayPalSource : public BuiltinSource
{
public:
    QString name() const override { return QStringLiteral("paypal"); }
    QByteArrayList acceptedMediaTypes() const override { return {"application/json"}; }
    Error verify(const WebhookRequest &request, const SourceCredentials &credentials,
                 const QDateTime &now) const override;
    StandardizeResult standardize(const WebhookRequest &request) const override;
    Scheme scheme() const override { return Scheme::PayPalRsa; }

    static const QHash<QString, QString> &typeMap();
};

} // namespace WedSync::Ingress::Sources
