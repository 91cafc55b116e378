// Every source the ingress knows: the built-in vendors and any an administrator adds. Detects the source
// of a request sent to the bare /webhooks endpoint from its headers (MISSION.md section 1).
#pragma once

#include "ingress/sourcehandler.h"

#include <QHash>
#include <QStringList>

#include <memory>

namespace WedSync::Ingress {

class SourceRegistry
{
public:
    SourceRegistry(); // registers every built-in handler
    ~SourceRegistry();

    const SourceHandler *find(const QString &name) const; // nullptr when unknown
    // stripe-signature -> stripe; paypal-transmission-id -> paypal; x-mailchimp-webhook -> mailchimp;
    // x-calendly-webhook or calendly-webhook-signature -> calendly; User-Agent containing Zapier -> zapier;
    // x-custom-webhook -> custom_crm; otherwise booking_system.
    QString detect(const WebhookRequest &request) const;
    QStringList names() const;
    void add(std::unique_ptr<SourceHandler> handler); // replaces a handler of the same name

private:
    QHash<QString, std::shared_ptr<SourceHandler>> m_handlers;
};

} // namespace WedSync::Ingress
