// Calendly: Calendly-Webhook-Signature (t=,v1=, ~180 s tolerance), invitee payloads (webhook API v2):
// invitee.created -> booking.created, invitee.canceled -> booking.cancelled; data = meeting time, duration,
// attendee email and name, meeting URL. The event id is "<event>:<invitee uuid>" (stable per delivery).
#pragma once

#include "builtinsource.h"

#include <QHash>

namespace WedSync::Ingress::Sources {

class CalendlySource : public BuiltinSource
{
public:
    QString name() const override { return QStringLiteral("calendly"); }
    QByteArrayList acceptedMediaTypes() const override { return {"application/json"}; }
    Error verify(const WebhookRequest &request, const SourceCredentials &credentials,
                 const QDateTime &now) const override;
    StandardizeResult standardize(const WebhookRequest &request) const override;
    Scheme scheme() const override { return Scheme::TimestampedHmac; }
    std::chrono::seconds defaultTolerance() const override { return std::chrono::seconds(180); }

    static const QHash<QString, QString> &typeMap();
};

} // namespace WedSync::Ingress::Sources
