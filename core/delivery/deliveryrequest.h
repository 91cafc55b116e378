// The contract between event processing (core/processing, core/routing) and the durable delivery outbox
// (core/delivery). Processing enqueues deliveries inside the same transaction that records an event as
// processed; delivery workers claim due rows, send, sign, retry and dead-letter them.
#pragma once

#include "common/error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace WedSync::Delivery {

enum class Priority { Urgent = 0, High = 1, Normal = 2, Low = 3 };

enum class TargetKind { Webhook, Slack, WhatsApp, Email, Connector };

struct DeliveryRequest
{
    QString id; // deterministic (see makeDeliveryId): the same event + target always gives the same id,
                // which is also the Standard Webhooks webhook-id, so repeats are recognisable
    qint64 eventSeq = 0; // journal seq of the event being delivered
    QString eventType;   // X-WedSync-Event
    TargetKind kind = TargetKind::Webhook;
    QString target;     // subscription id, or channel integration name (e.g. "slack-notifications")
    QByteArray payload; // the exact body to send (signed as is)
    Priority priority = Priority::Normal;
    QString weddingId;     // optional, for ranking and filters
    QString correlationId; // optional, ties the delivery to the event chain
    QJsonObject meta;      // kind-specific extras (template name, recipient, ...)
};

// sha256(eventSeq + target) as "msg_<hex 32>": stable across retries, restarts and replays.
QString makeDeliveryId(qint64 eventSeq, const QString &target);

// Inserts delivery rows on the given connection, which must be inside the caller's open transaction.
// A request whose id already exists is ignored (idempotent re-processing). False with *error on failure.
bool enqueue(QSqlDatabase &transaction, const QList<DeliveryRequest> &requests, Error *error);

} // namespace WedSync::Delivery
