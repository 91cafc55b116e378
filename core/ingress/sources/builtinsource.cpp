#include "builtinsource.h"

#include "standardwebhooks.h"

namespace WedSync::Ingress::Sources {

QString schemeName(Scheme scheme)
{
    switch (scheme) {
    case Scheme::TimestampedHmac:
        return QStringLiteral("timestamped HMAC-SHA256 (t=,v1=)");
    case Scheme::StandardWebhooks:
        return QStringLiteral("Standard Webhooks 1.0");
    case Scheme::GenericHmac:
        return QStringLiteral("HMAC-SHA256 hex (x-webhook-signature)");
    case Scheme::PayPalRsa:
        return QStringLiteral("PayPal SHA256withRSA (pinned certificate)");
    case Scheme::QueryKey:
        return QStringLiteral("secret key in the URL query (?key=)");
    case Scheme::ChannelToken:
        return QStringLiteral("channel token (X-Goog-Channel-Token)");
    }
    return {};
}

Error BuiltinSource::checkSecret(const QByteArray &secret) const
{
    if (scheme() == Scheme::PayPalRsa)
        return Error::make(QString::fromLatin1(IngressError::ValidationFailed),
                           QStringLiteral("paypal is verified with a certificate, not a secret: use "
                                          "'source set paypal --certificate-file cert.pem --webhook-id ID'"));
    if (scheme() == Scheme::StandardWebhooks)
        return StandardWebhooks::checkSecret(secret);
    if (secret.size() < kMinSecretBytes)
        return Error::make(QString::fromLatin1(IngressError::ValidationFailed),
                           QStringLiteral("the secret is %1 bytes; use at least %2 random bytes")
                               .arg(secret.size())
                               .arg(kMinSecretBytes));
    return {};
}

} // namespace WedSync::Ingress::Sources
