// Outbound signatures, computed over the exact body bytes sent:
//  - platform: X-WedSync-Signature: sha256=<hex HMAC-SHA256(secret, body)>, X-WedSync-Timestamp: <unix s>;
//  - Standard Webhooks 1.0: webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256(key,
//    "<id>.<timestamp>.<body>")>, key = base64-decoded part of a whsec_ secret, else the raw secret bytes.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace WedSync::Delivery {

class Signer
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    static QByteArray standardKey(const QString &secret);
    static QByteArray platformSignature(const QString &secret, const QByteArray &body); // "sha256=<hex>"
    static QByteArray standardSignature(const QString &secret, const QString &id, qint64 timestampSecs,
                                        const QByteArray &body); // "v1,<base64>"

    // Every header of a signed webhook (both sets plus Content-Type and User-Agent). An empty secret gives
    // the unsigned headers only.
    static Headers webhookHeaders(const QString &secret, const QString &deliveryId, const QString &eventType,
                                  qint64 timestampSecs, const QByteArray &body);
};

} // namespace WedSync::Delivery
