#include "timestampedhmac.h"

#include "signatures.h"

namespace WedSync::Ingress::Sources::TimestampedHmac {

Error verify(const WebhookRequest &request, const QByteArray &headerName,
             const SourceCredentials &credentials, const QDateTime &now)
{
    const QByteArray value = request.header(headerName);
    const QString header = QString::fromLatin1(headerName);
    if (value.isEmpty())
        return invalidSignature(QStringLiteral("the %1 header is missing").arg(header));
    const auto parsed = parseTimestampedSignatureHeader(value);
    if (!parsed)
        return invalidSignature(
            QStringLiteral("the %1 header is malformed; expected t=<unix seconds>,v1=<hex signature>")
                .arg(header));

    const QByteArray signedPayload = QByteArray::number(parsed->timestamp) + '.' + request.body;
    bool matched = false;
    for (const QByteArray &secret : credentials.secrets) {
        const QByteArray expected = hmacSha256(secret, signedPayload);
        for (const QByteArray &hex : parsed->v1) {
            const auto sig = decodeHex(hex);
            // Keep comparing after a match: the time spent must not depend on which entry matched.
            if (sig && constantTimeEquals(expected, *sig))
                matched = true;
        }
    }
    if (!matched)
        return invalidSignature(
            QStringLiteral("no v1 signature in %1 matches the body for any configured secret; "
                           "check the signing secret and sign the exact bytes sent")
                .arg(header));
    return checkTolerance(parsed->timestamp, now, credentials.tolerance);
}

QByteArray sign(const QByteArrayList &secrets, qint64 timestamp, const QByteArray &body)
{
    QByteArray out = "t=" + QByteArray::number(timestamp);
    const QByteArray payload = QByteArray::number(timestamp) + '.' + body;
    for (const QByteArray &s : secrets)
        out += ",v1=" + hmacSha256(s, payload).toHex();
    return out;
}

} // namespace WedSync::Ingress::Sources::TimestampedHmac
