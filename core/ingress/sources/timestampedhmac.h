// The Stripe/Calendly scheme:  <Header>: t=<unix seconds>,v1=<hex>[,v1=<hex>...]
// v1 = hex HMAC-SHA256(secret, "<t>.<exact body>"), key = the secret's bytes as configured (for Stripe the
// whole "whsec_..." string, not decoded). Any v1 may match (the sender signs with old and new secrets while
// rotating). |now - t| must be within the tolerance (old replays and far-future clocks are both refused).
#pragma once

#include "ingress/sourcehandler.h"

namespace WedSync::Ingress::Sources::TimestampedHmac {

Error verify(const WebhookRequest &request, const QByteArray &headerName,
             const SourceCredentials &credentials, const QDateTime &now);
// One "t=...,v1=..." header value with a v1 per secret.
QByteArray sign(const QByteArrayList &secrets, qint64 timestamp, const QByteArray &body);

} // namespace WedSync::Ingress::Sources::TimestampedHmac
