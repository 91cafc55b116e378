// Generic HMAC scheme (Zapier, custom CRM, booking system, Tave, administrator-added sources):
//   x-webhook-signature: <hex HMAC-SHA256(secret, exact body)>   (an optional "sha256=" prefix is accepted)
// No timestamp is signed, so replays are caught by idempotency (event id), not by a tolerance window.
#pragma once

#include "ingress/sourcehandler.h"

namespace WedSync::Ingress::Sources::GenericHmac {

inline constexpr auto kHeader = "x-webhook-signature";

Error verify(const WebhookRequest &request, const SourceCredentials &credentials);
// The header value a sender puts on `body` ("sha256=" prefix optional on the receiving side).
QByteArray sign(const QByteArray &secret, const QByteArray &body, bool withPrefix = false);

} // namespace WedSync::Ingress::Sources::GenericHmac
