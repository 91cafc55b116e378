#include "signingkeys.h"

#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace WedSync::Simulate {

namespace {
struct Free
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
    void operator()(X509 *x) const { X509_free(x); }
    void operator()(BIO *b) const { BIO_free(b); }
};

QByteArray bioText(BIO *bio)
{
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(len));
}
} // namespace

RsaCertificate generateRsaCertificate(const QDateTime &notBefore, const QDateTime &notAfter,
                                      const QByteArray &commonName)
{
    std::unique_ptr<EVP_PKEY, Free> key(EVP_RSA_gen(2048));
    std::unique_ptr<X509, Free> cert(X509_new());
    if (!key || !cert)
        return {};
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), long(notBefore.toSecsSinceEpoch() & 0x7fffffff));
    ASN1_TIME_set(X509_getm_notBefore(cert.get()), time_t(notBefore.toSecsSinceEpoch()));
    ASN1_TIME_set(X509_getm_notAfter(cert.get()), time_t(notAfter.toSecsSinceEpoch()));
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>(commonName.constData()),
                               int(commonName.size()), -1, 0);
    X509_set_issuer_name(cert.get(), name);
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0)
        return {};
    RsaCertificate out;
    std::unique_ptr<BIO, Free> keyBio(BIO_new(BIO_s_mem()));
    std::unique_ptr<BIO, Free> certBio(BIO_new(BIO_s_mem()));
    if (!keyBio || !certBio ||
        PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1 ||
        PEM_write_bio_X509(certBio.get(), cert.get()) != 1)
        return {};
    out.privateKeyPem = bioText(keyBio.get());
    out.certificatePem = bioText(certBio.get());
    return out;
}

static QByteArray randomBytes(int bytes)
{
    QByteArray b(bytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(b.data()), bytes) != 1)
        qFatal("RAND_bytes failed: no entropy for a secret");
    return b;
}

QByteArray randomHexSecret(int bytes, const QByteArray &prefix)
{
    return prefix + randomBytes(bytes).toHex();
}

QByteArray randomStandardSecret(int bytes)
{
    return "whsec_" + randomBytes(bytes).toBase64();
}

} // namespace WedSync::Simulate
