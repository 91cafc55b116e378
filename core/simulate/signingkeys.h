// Key material the simulator signs with: an RSA key pair and a self-signed certificate standing in for
// PayPal's signing certificate (pinned in the CredentialStore for --demo and tests), and random secrets
// in each scheme's format.
#pragma once

#include <QByteArray>
#include <QDateTime>

namespace WedSync::Simulate {

struct RsaCertificate
{
    QByteArray privateKeyPem;
    QByteArray certificatePem;
    bool isNull() const { return certificatePem.isEmpty(); }
};

// A 2048-bit RSA key and a self-signed X.509 certificate valid from notBefore to notAfter (null on failure).
RsaCertificate
generateRsaCertificate(const QDateTime &notBefore, const QDateTime &notAfter,
                       const QByteArray &commonName = "messageverificationcerts.simulated.paypal");
// `bytes` random bytes, hex-encoded (generic HMAC, Stripe-style and token secrets).
QByteArray randomHexSecret(int bytes = 32, const QByteArray &prefix = {});
// whsec_ + base64 of `bytes` random bytes (Standard Webhooks).
QByteArray randomStandardSecret(int bytes = 32);

} // namespace WedSync::Simulate
