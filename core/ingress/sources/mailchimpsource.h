// Mailchimp: no signature; the secret is the URL's ?key= (constant-time compare). Bodies are
// application/x-www-form-urlencoded ("type=campaign&fired_at=2026-05-01 10:00:00&data[id]=..."):
// campaign and cleaned -> message.sent (campaign id, subject, recipient, status); subscribe, unsubscribe,
// profile and upemail -> client.updated (the couple's contact details changed). Ids: hash of the body.
#pragma once

#include "builtinsource.h"

#include <QHash>
#include <QMap>

namespace WedSync::Ingress::Sources {

class MailchimpSource : public BuiltinSource
{
public:
    QString name() const override { return QStringLiteral("mailchimp"); }
    QByteArrayList acceptedMediaTypes() const override { return {"application/x-www-form-urlencoded"}; }
    Error verify(const WebhookRequest &request, const SourceCredentials &credentials,
                 const QDateTime &now) const override;
    StandardizeResult standardize(const WebhookRequest &request) const override;
    Scheme scheme() const override { return Scheme::QueryKey; }

    static const QHash<QString, QString> &typeMap();
    // Decodes a form body ('+' is a space); nullopt when a key repeats or there are too many fields.
    static std::optional<QMap<QString, QString>> parseForm(const QByteArray &body);
};

} // namespace WedSync::Ingress::Sources
