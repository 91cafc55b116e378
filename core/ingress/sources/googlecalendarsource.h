// Google Calendar push notifications: no body; X-Goog-Channel-Token carries the secret (constant-time
// compare), X-Goog-Resource-State the change: sync (a watch channel was opened) -> vendor.connected,
// exists / not_exists -> availability.changed. Event id "<channel id>:<message number>".
#pragma once

#include "builtinsource.h"

namespace WedSync::Ingress::Sources {

class GoogleCalendarSource : public BuiltinSource
{
public:
    QString name() const override { return QStringLiteral("google_calendar"); }
    QByteArrayList acceptedMediaTypes() const override { return {}; }
    Error verify(const WebhookRequest &request, const SourceCredentials &credentials,
                 const QDateTime &now) const override;
    StandardizeResult standardize(const WebhookRequest &request) const override;
    Scheme scheme() const override { return Scheme::ChannelToken; }
};

} // namespace WedSync::Ingress::Sources
