#include "delivery/signer.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace WedSync::Delivery {

// HMAC-SHA256 through OpenSSL (its SHA-256 uses the CPU's SHA extensions; Qt's own implementation is plain
// C and was the largest cost after SQLite on the delivery thread, measured with perf).
static QByteArray hmacSha256(const QByteArray &key, const QByteArray &data)
{
    QByteArray mac(32, Qt::Uninitialized);
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.constData(), int(key.size()),
         reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()),
         reinterpret_cast<unsigned char *>(mac.data()), &len);
    mac.truncate(int(len));
    return mac;
}

QByteArray Signer::standardKey(const QString &secret)
{
    if (secret.startsWith(QLatin1String("whsec_"))) {
        const auto decoded =
            QByteArray::fromBase64Encoding(secret.mid(6).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (decoded && !decoded.decoded.isEmpty())
            return decoded.decoded;
    }
    return secret.toUtf8();
}

QByteArray Signer::platformSignature(const QString &secret, const QByteArray &body)
{
    return QByteArrayLiteral("sha256=") + hmacSha256(secret.toUtf8(), body).toHex();
}

QByteArray Signer::standardSignature(const QString &secret, const QString &id, qint64 timestampSecs,
                                     const QByteArray &body)
{
    QByteArray content = id.toUtf8();
    content += '.';
    content += QByteArray::number(timestampSecs);
    content += '.';
    content += body;
    return QByteArrayLiteral("v1,") + hmacSha256(standardKey(secret), content).toBase64();
}

Signer::Headers Signer::webhookHeaders(const QString &secret, const QString &deliveryId,
                                       const QString &eventType, qint64 timestampSecs, const QByteArray &body)
{
    const QByteArray ts = QByteArray::number(timestampSecs);
    Headers h;
    h.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    h.append({QByteArrayLiteral("User-Agent"), QByteArrayLiteral("WedSync-Webhook/1.0")});
    h.append({QByteArrayLiteral("X-WedSync-Event"), eventType.toUtf8()});
    h.append({QByteArrayLiteral("X-WedSync-Timestamp"), ts});
    h.append({QByteArrayLiteral("webhook-id"), deliveryId.toUtf8()});
    h.append({QByteArrayLiteral("webhook-timestamp"), ts});
    if (!secret.isEmpty()) {
        h.append({QByteArrayLiteral("X-WedSync-Signature"), platformSignature(secret, body)});
        h.append({QByteArrayLiteral("webhook-signature"),
                  standardSignature(secret, deliveryId, timestampSecs, body)});
    }
    return h;
}

} // namespace WedSync::Delivery
