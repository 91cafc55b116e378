#include "signatures.h"

#include "ingress/sourcehandler.h"

#include <array>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>

namespace WedSync::Ingress::Sources {

namespace {
// HMAC() fetches the algorithm from the provider on every call, which costs more than hashing a webhook body.
// Each thread keeps one context bound to SHA-256 and only re-keys it.
struct HmacSha256Context
{
    EVP_MAC *mac = nullptr;
    EVP_MAC_CTX *ctx = nullptr;

    HmacSha256Context()
    {
        mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
        if (mac)
            ctx = EVP_MAC_CTX_new(mac);
        if (ctx) {
            char digest[] = "SHA256";
            const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                         OSSL_PARAM_construct_end()};
            if (!EVP_MAC_CTX_set_params(ctx, params)) {
                EVP_MAC_CTX_free(ctx);
                ctx = nullptr;
            }
        }
    }
    ~HmacSha256Context()
    {
        EVP_MAC_CTX_free(ctx);
        EVP_MAC_free(mac);
    }
    HmacSha256Context(const HmacSha256Context &) = delete;
    HmacSha256Context &operator=(const HmacSha256Context &) = delete;
};
} // namespace

QByteArray hmacSha256(const QByteArray &key, const QByteArray &message)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    static const unsigned char empty = 0;
    // A null key would mean "keep the previous key" to EVP_MAC_init: an empty key is passed as a real
    // pointer.
    const auto *k = key.isEmpty() ? &empty : reinterpret_cast<const unsigned char *>(key.constData());
    const auto *m = message.isEmpty() ? &empty : reinterpret_cast<const unsigned char *>(message.constData());
    thread_local HmacSha256Context hmac;
    size_t outLen = 0;
    if (hmac.ctx && EVP_MAC_init(hmac.ctx, k, size_t(key.size()), nullptr) &&
        EVP_MAC_update(hmac.ctx, m, size_t(message.size())) &&
        EVP_MAC_final(hmac.ctx, out, &outLen, sizeof out))
        return QByteArray(reinterpret_cast<const char *>(out), qsizetype(outLen));
    unsigned int len = 0;
    if (!HMAC(EVP_sha256(), k, int(key.size()), m, size_t(message.size()), out, &len))
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), int(len));
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size() || a.isEmpty())
        return false;
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

static int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::optional<QByteArray> decodeHex(const QByteArray &hex)
{
    if (hex.size() % 2 != 0)
        return std::nullopt;
    QByteArray out(hex.size() / 2, Qt::Uninitialized);
    for (qsizetype i = 0; i < out.size(); ++i) {
        const int hi = hexValue(hex.at(2 * i));
        const int lo = hexValue(hex.at(2 * i + 1));
        if (hi < 0 || lo < 0)
            return std::nullopt;
        out[i] = char((hi << 4) | lo);
    }
    return out;
}

std::optional<QByteArray> decodeBase64(const QByteArray &b64)
{
    if (b64.isEmpty())
        return std::nullopt;
    auto r = QByteArray::fromBase64Encoding(b64, QByteArray::Base64Encoding |
                                                     QByteArray::AbortOnBase64DecodingErrors);
    if (!r)
        return std::nullopt;
    return r.decoded;
}

static const std::array<quint32, 256> &crcTable()
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    return table;
}

quint32 crc32(const QByteArray &data)
{
    const auto &t = crcTable();
    quint32 c = 0xFFFFFFFFu;
    for (const char ch : data)
        c = t[(c ^ quint8(ch)) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

std::optional<qint64> parseUnixSeconds(const QByteArray &value)
{
    if (value.isEmpty() || value.size() > 12)
        return std::nullopt;
    qint64 t = 0;
    for (const char c : value) {
        if (c < '0' || c > '9')
            return std::nullopt;
        t = t * 10 + (c - '0');
    }
    return t;
}

std::optional<TimestampedSignatureHeader> parseTimestampedSignatureHeader(const QByteArray &value)
{
    TimestampedSignatureHeader h;
    bool haveTimestamp = false;
    const QByteArrayList parts = value.split(',');
    if (parts.size() > 64) // a real header carries a timestamp and a handful of signatures
        return std::nullopt;
    for (const QByteArray &rawPart : parts) {
        const QByteArray part = rawPart.trimmed();
        const qsizetype eq = part.indexOf('=');
        if (eq <= 0)
            continue;
        const QByteArray key = part.left(eq);
        const QByteArray val = part.mid(eq + 1);
        if (key == "t") {
            if (haveTimestamp)
                return std::nullopt; // two timestamps: ambiguous, refuse
            const auto t = parseUnixSeconds(val);
            if (!t)
                return std::nullopt;
            h.timestamp = *t;
            haveTimestamp = true;
        } else if (key == "v1") {
            if (!val.isEmpty())
                h.v1 << val;
        }
    }
    if (!haveTimestamp || h.v1.isEmpty())
        return std::nullopt;
    return h;
}

std::optional<QByteArrayList> parseStandardSignatures(const QByteArray &value)
{
    QByteArrayList out;
    const QByteArrayList entries = value.simplified().split(' ');
    if (entries.size() > 64)
        return std::nullopt;
    for (const QByteArray &entry : entries) {
        const qsizetype comma = entry.indexOf(',');
        if (comma <= 0)
            continue;
        if (entry.left(comma) != "v1")
            continue;
        const auto sig = decodeBase64(entry.mid(comma + 1));
        if (sig && !sig->isEmpty())
            out << *sig;
    }
    if (out.isEmpty())
        return std::nullopt;
    return out;
}

Error checkTolerance(qint64 timestamp, const QDateTime &now, std::chrono::seconds tolerance)
{
    const qint64 nowSecs = now.toSecsSinceEpoch();
    const qint64 skew = nowSecs - timestamp;
    if (skew > tolerance.count())
        return Error::make(
            QString::fromLatin1(IngressError::TimestampOutOfTolerance),
            QStringLiteral("the signed timestamp is %1 s old (tolerance %2 s); this looks like a replay, "
                           "send a freshly signed request")
                .arg(skew)
                .arg(tolerance.count()),
            {{QStringLiteral("tolerance_seconds"), qint64(tolerance.count())}});
    if (-skew > tolerance.count())
        return Error::make(
            QString::fromLatin1(IngressError::TimestampOutOfTolerance),
            QStringLiteral("the signed timestamp is %1 s in the future (tolerance %2 s); check the "
                           "sender's clock")
                .arg(-skew)
                .arg(tolerance.count()),
            {{QStringLiteral("tolerance_seconds"), qint64(tolerance.count())}});
    return {};
}

Error invalidSignature(const QString &message)
{
    return Error::make(QString::fromLatin1(IngressError::InvalidSignature), message);
}

} // namespace WedSync::Ingress::Sources
