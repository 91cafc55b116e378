// Standard Webhooks 1.0 (used by HoneyBook and Studio Ninja here):
//   webhook-id: msg_...   webhook-timestamp: <unix seconds>   webhook-signature: v1,<base64> [v1,<base64>
//   ...]
// signature = base64 HMAC-SHA256(key, "<id>.<timestamp>.<exact body>"), key = base64-decoded part of the
// "whsec_<base64>" secret (24-64 bytes). Any listed v1 may match; tolerance 5 minutes both ways.
#pragma once

#include "ingress/sourcehandler.h"

#include <optional>

namespace WedSync::Ingress::Sources::StandardWebhooks {

Error verify(const WebhookRequest &request, const SourceCredentials &credentials, const QDateTime &now);
// The decoded key of a "whsec_<base64>" secret (the prefix is optional); nullopt when not base64.
std::optional<QByteArray> decodeSecret(const QByteArray &secret);
Error checkSecret(const QByteArray &secret);
// The webhook-signature header value: "v1,<b64>" per secret, space-separated.
QByteArray sign(const QByteArrayList &secrets, const QByteArray &id, qint64 timestamp,
                const QByteArray &body);

} // namespace WedSync::Ingress::Sources::StandardWebhooks
