#include "builtinsources.h"

#include "calendlysource.h"
#include "crmsource.h"
#include "googlecalendarsource.h"
#include "mailchimpsource.h"
#include "paypalsource.h"
#include "stripesource.h"
#include "zapiersource.h"

namespace WedSync::Ingress::Sources {

std::vector<std::unique_ptr<SourceHandler>> makeBuiltinSources()
{
    std::vector<std::unique_ptr<SourceHandler>> list;
    list.push_back(std::make_unique<StripeSource>());
    list.push_back(std::make_unique<PayPalSource>());
    list.push_back(std::make_unique<MailchimpSource>());
    list.push_back(std::make_unique<CalendlySource>());
    list.push_back(std::make_unique<ZapierSource>());
    list.push_back(std::make_unique<GoogleCalendarSource>());
    // The vendor CRMs and booking systems share one payload shape; the scheme is chosen per vendor:
    // generic HMAC where the sender is a simple HTTP hook, Standard Webhooks where it can sign with an id
    // and timestamp (replay protection). docs/sources.md records the choice.
    list.push_back(std::make_unique<CrmSource>(QStringLiteral("custom_crm"), Scheme::GenericHmac));
    list.push_back(std::make_unique<CrmSource>(QStringLiteral("booking_system"), Scheme::GenericHmac));
    list.push_back(std::make_unique<CrmSource>(QStringLiteral("tave"), Scheme::GenericHmac));
    list.push_back(std::make_unique<CrmSource>(QStringLiteral("honeybook"), Scheme::StandardWebhooks));
    list.push_back(std::make_unique<CrmSource>(QStringLiteral("studio_ninja"), Scheme::StandardWebhooks));
    return list;
}

} // namespace WedSync::Ingress::Sources
