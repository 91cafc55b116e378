// PayPal webhook verification, done locally against a pinned certificate (never fetched):
//   paypal-transmission-id, paypal-transmission-time (ISO 8601), paypal-transmission-sig (base64),
//   paypal-auth-algo (SHA256withRSA), paypal-cert-url (ignored: the configured certificate is used).
// Sign string: "<transmission id>|<transmission time>|<webhook id>|<crc32(body) as unsigned decimal>",
// verified with SHA256withRSA. The transmission time must be within the tolerance (replays).
#pragma once

#include "ingress/sourcehandler.h"

namespace WedSync::Ingress::Sources::PayPalSignature {

QByteArray signString(const QByteArray &transmissionId, const QByteArray &transmissionTime,
                      const QString &webhookId, const QByteArray &body);
Error verify(const WebhookRequest &request, const SourceCredentials &credentials, const QDateTime &now);
// A PEM X.509 certificate with an RSA key that is valid at `now` (no check of time when now is invalid).
Error checkCertificate(const QByteArray &pem, const QDateTime &now);
// base64 SHA256withRSA signature of `message` with a PEM private key (the simulator and tests sign with
// this); empty on failure.
QByteArray sign(const QByteArray &privateKeyPem, const QByteArray &message);

} // namespace WedSync::Ingress::Sources::PayPalSignature
