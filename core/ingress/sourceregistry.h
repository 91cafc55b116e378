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

    // An administrator-configured source ([ingress] custom_sources): the CRM payload shape signed with
    // the generic HMAC scheme (docs/sources.md). False with *error for a bad or taken name.
    bool addCustom(const QString &name, Error *error = nullptr);
    // Every name of a comma-separated list (the [ingress] custom_sources setting); blanks are skipped.
    bool addCustomSources(const QString &commaSeparated, Error *error = nullptr);
    // Lower-case letters, digits and '_', starting with a letter, at most 64 characters.
    static bool isValidName(const QString &name);
    // Whether `secret` can serve the source (length, whsec_ format for Standard Webhooks sources);
    // UNKNOWN_SOURCE for an unknown name.
    Error checkSecret(const QString &name, const QByteArray &secret) const;
    // The timestamp tolerance of the source's scheme (Calendly 180 s, others 300 s).
    std::chrono::seconds tolerance(const QString &name) const;
    // The signature scheme in words, for `source list` and logs ("" when unknown).
    QString schemeDescription(const QString &name) const;

private:
    QHash<QString, std::shared_ptr<SourceHandler>> m_handlers;
};

} // namespace WedSync::Ingress
