#include "generichmac.h"

#include "signatures.h"

namespace WedSync::Ingress::Sources::GenericHmac {

Error verify(const WebhookRequest &request, const SourceCredentials &credentials)
{
    QByteArray value = request.header(kHeader);
    if (value.isEmpty())
        return invalidSignature(
            QStringLiteral("the x-webhook-signature header is missing; sign the body with "
                           "HMAC-SHA256 and send its hex digest"));
    if (value.startsWith("sha256="))
        value = value.mid(7);
    const auto digest = decodeHex(value);
    if (!digest || digest->size() != 32)
        return invalidSignature(
            QStringLiteral("the x-webhook-signature header is malformed; expected 64 hex digits, "
                           "optionally prefixed with sha256="));
    for (const QByteArray &secret : credentials.secrets) {
        if (constantTimeEquals(hmacSha256(secret, request.body), *digest))
            return {};
    }
    return invalidSignature(
        QStringLiteral("the signature does not match the body for any configured secret; check "
                       "the secret and sign the exact bytes sent"));
}

QByteArray sign(const QByteArray &secret, const QByteArray &body, bool withPrefix)
{
    const QByteArray hex = hmacSha256(secret, body).toHex();
    return withPrefix ? QByteArray("sha256=") + hex : hex;
}

} // namespace WedSync::Ingress::Sources::GenericHmac
