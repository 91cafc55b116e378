#include "standardwebhooks.h"

#include "signatures.h"

namespace WedSync::Ingress::Sources::StandardWebhooks {

std::optional<QByteArray> decodeSecret(const QByteArray &secret)
{
    QByteArray b64 = secret;
    if (b64.startsWith("whsec_"))
        b64 = b64.mid(6);
    return decodeBase64(b64);
}

Error checkSecret(const QByteArray &secret)
{
    const auto key = decodeSecret(secret);
    if (!secret.startsWith("whsec_") || !key || key->size() < 24 || key->size() > 64)
        return Error::make(
            QString::fromLatin1(IngressError::ValidationFailed),
            QStringLiteral("a Standard Webhooks secret is 'whsec_' followed by the base64 of 24 to 64 "
                           "random bytes (e.g. whsec_$(openssl rand -base64 32))"));
    return {};
}

Error verify(const WebhookRequest &request, const SourceCredentials &credentials, const QDateTime &now)
{
    const QByteArray id = request.header("webhook-id");
    const QByteArray ts = request.header("webhook-timestamp");
    const QByteArray sigs = request.header("webhook-signature");
    if (id.isEmpty() || ts.isEmpty() || sigs.isEmpty())
        return invalidSignature(
            QStringLiteral("the webhook-id, webhook-timestamp and webhook-signature headers are "
                           "required (Standard Webhooks 1.0)"));
    const auto timestamp = parseUnixSeconds(ts);
    if (!timestamp)
        return invalidSignature(QStringLiteral("webhook-timestamp must be unix seconds"));
    const auto signatures = parseStandardSignatures(sigs);
    if (!signatures)
        return invalidSignature(
            QStringLiteral("webhook-signature is malformed; expected 'v1,<base64>' entries "
                           "separated by spaces"));
    const QByteArray content = id + '.' + ts + '.' + request.body;
    bool matched = false;
    for (const QByteArray &secret : credentials.secrets) {
        const auto key = decodeSecret(secret);
        if (!key || key->isEmpty())
            continue;
        const QByteArray expected = hmacSha256(*key, content);
        for (const QByteArray &sig : *signatures) {
            if (constantTimeEquals(expected, sig))
                matched = true;
        }
    }
    if (!matched)
        return invalidSignature(
            QStringLiteral("no v1 signature in webhook-signature matches for any configured "
                           "secret; check the whsec_ secret"));
    return checkTolerance(*timestamp, now, credentials.tolerance);
}

QByteArray sign(const QByteArrayList &secrets, const QByteArray &id, qint64 timestamp, const QByteArray &body)
{
    QByteArrayList parts;
    const QByteArray content = id + '.' + QByteArray::number(timestamp) + '.' + body;
    for (const QByteArray &s : secrets) {
        const auto key = decodeSecret(s);
        if (key)
            parts << "v1," + hmacSha256(*key, content).toBase64();
    }
    return parts.join(' ');
}

} // namespace WedSync::Ingress::Sources::StandardWebhooks
