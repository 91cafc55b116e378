// The base of every built-in source: a SourceHandler that also says which signature scheme it uses,
// which secrets it accepts (checked when an administrator sets one) and its timestamp tolerance.
#pragma once

#include "ingress/sourcehandler.h"

namespace WedSync::Ingress::Sources {

enum class Scheme {
    TimestampedHmac,  // Stripe, Calendly: "t=<unix>,v1=<hex>" over "<t>.<body>"
    StandardWebhooks, // webhook-id / webhook-timestamp / webhook-signature, whsec_ base64 secret
    GenericHmac,      // x-webhook-signature: [sha256=]<hex HMAC-SHA256(secret, body)>
    PayPalRsa,        // CRC32 sign string + SHA256withRSA against the pinned certificate
    QueryKey,         // Mailchimp: ?key=<secret>
    ChannelToken,     // Google Calendar push: X-Goog-Channel-Token
};

QString schemeName(Scheme scheme);

class BuiltinSource : public SourceHandler
{
public:
    virtual Scheme scheme() const = 0;
    virtual std::chrono::seconds defaultTolerance() const { return std::chrono::seconds(300); }
    // Whether `secret` can serve this source: at least 16 bytes; Standard Webhooks sources need
    // whsec_<base64> of 24-64 bytes. PayPal takes a certificate instead (always refused here).
    virtual Error checkSecret(const QByteArray &secret) const;
};

inline constexpr int kMinSecretBytes = 16;

} // namespace WedSync::Ingress::Sources
