#include "paypalsignature.h"

#include "events/event.h"
#include "signatures.h"

#include <QMutex>
#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace WedSync::Ingress::Sources::PayPalSignature {

namespace {
struct X509Free
{
    void operator()(X509 *x) const { X509_free(x); }
};
struct PKeyFree
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct BioFree
{
    void operator()(BIO *b) const { BIO_free(b); }
};
struct MdCtxFree
{
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using PKeyPtr = std::unique_ptr<EVP_PKEY, PKeyFree>;

X509Ptr readCertificate(const QByteArray &pem)
{
    if (pem.isEmpty() || pem.size() > 64 * 1024)
        return {};
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    if (!bio)
        return {};
    return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

// The public key of the pinned certificate, parsed once per distinct PEM (the configured one rarely changes).
std::shared_ptr<EVP_PKEY> publicKeyFor(const QByteArray &pem)
{
    static QMutex mutex;
    static QByteArray cachedPem;             // guarded by mutex
    static std::shared_ptr<EVP_PKEY> cached; // guarded by mutex
    QMutexLocker lock(&mutex);
    if (cached && cachedPem == pem)
        return cached;
    X509Ptr cert = readCertificate(pem);
    if (!cert)
        return {};
    EVP_PKEY *key = X509_get_pubkey(cert.get());
    if (!key)
        return {};
    if (EVP_PKEY_base_id(key) != EVP_PKEY_RSA) {
        EVP_PKEY_free(key);
        return {};
    }
    cached = std::shared_ptr<EVP_PKEY>(key, PKeyFree());
    cachedPem = pem;
    return cached;
}
} // namespace

QByteArray signString(const QByteArray &transmissionId, const QByteArray &transmissionTime,
                      const QString &webhookId, const QByteArray &body)
{
    return transmissionId + '|' + transmissionTime + '|' + webhookId.toUtf8() + '|' +
           QByteArray::number(crc32(body));
}

Error checkCertificate(const QByteArray &pem, const QDateTime &now)
{
    auto bad = [](const QString &why) {
        return Error::make(
            QString::fromLatin1(IngressError::ValidationFailed),
            QStringLiteral("the PayPal certificate %1; download the signing certificate PayPal names in "
                           "paypal-cert-url (from api.paypal.com) and pin that PEM file")
                .arg(why));
    };
    X509Ptr cert = readCertificate(pem);
    if (!cert)
        return bad(QStringLiteral("is not a PEM X.509 certificate"));
    PKeyPtr key(X509_get_pubkey(cert.get()));
    if (!key || EVP_PKEY_base_id(key.get()) != EVP_PKEY_RSA)
        return bad(QStringLiteral("does not carry an RSA public key"));
    if (now.isValid()) {
        time_t t = time_t(now.toSecsSinceEpoch());
        if (X509_cmp_time(X509_get0_notAfter(cert.get()), &t) < 0)
            return bad(QStringLiteral("has expired"));
        if (X509_cmp_time(X509_get0_notBefore(cert.get()), &t) > 0)
            return bad(QStringLiteral("is not valid yet"));
    }
    return {};
}

Error verify(const WebhookRequest &request, const SourceCredentials &credentials, const QDateTime &now)
{
    const QByteArray id = request.header("paypal-transmission-id");
    const QByteArray time = request.header("paypal-transmission-time");
    const QByteArray sig = request.header("paypal-transmission-sig");
    const QByteArray algo = request.header("paypal-auth-algo");
    if (id.isEmpty() || time.isEmpty() || sig.isEmpty())
        return invalidSignature(QStringLiteral("the paypal-transmission-id, paypal-transmission-time and "
                                               "paypal-transmission-sig headers are required"));
    if (!algo.isEmpty() && algo.toLower() != "sha256withrsa")
        return invalidSignature(
            QStringLiteral("paypal-auth-algo '%1' is not supported; only SHA256withRSA is")
                .arg(QString::fromLatin1(algo.left(40))));
    const QDateTime sent = Events::Event::parseTime(QString::fromLatin1(time));
    if (!sent.isValid())
        return invalidSignature(QStringLiteral("paypal-transmission-time is not an ISO 8601 time"));
    const auto signature = decodeBase64(sig);
    if (!signature || signature->size() > 1024)
        return invalidSignature(QStringLiteral("paypal-transmission-sig is not base64"));
    if (credentials.certificatePem.isEmpty() || credentials.paypalWebhookId.isEmpty())
        return Error::make(
            QString::fromLatin1(IngressError::SourceNotConfigured),
            QStringLiteral("no PayPal certificate and webhook id are configured; run 'wedsync-node "
                           "source set paypal --certificate-file cert.pem --webhook-id ID'"));
    const auto key = publicKeyFor(credentials.certificatePem);
    if (!key)
        return Error::make(QString::fromLatin1(IngressError::SourceNotConfigured),
                           QStringLiteral("the configured PayPal certificate cannot be read; set it again"));
    const QByteArray message = signString(id, time, credentials.paypalWebhookId, request.body);
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    const bool ok =
        ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature->constData()),
                         size_t(signature->size()),
                         reinterpret_cast<const unsigned char *>(message.constData()),
                         size_t(message.size())) == 1;
    if (!ok)
        return invalidSignature(
            QStringLiteral("the PayPal signature does not verify against the pinned certificate "
                           "and webhook id; check both"));
    return checkTolerance(sent.toSecsSinceEpoch(), now, credentials.tolerance);
}

QByteArray sign(const QByteArray &privateKeyPem, const QByteArray &message)
{
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(privateKeyPem.constData(), int(privateKeyPem.size())));
    if (!bio)
        return {};
    PKeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key)
        return {};
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    size_t len = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char *>(message.constData()),
                       size_t(message.size())) != 1)
        return {};
    QByteArray out(qsizetype(len), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &len,
                       reinterpret_cast<const unsigned char *>(message.constData()),
                       size_t(message.size())) != 1)
        return {};
    out.resize(qsizetype(len));
    return out.toBase64();
}

} // namespace WedSync::Ingress::Sources::PayPalSignature
