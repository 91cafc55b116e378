#include "delivery/deliveryrequest.h"

#include "delivery/retrypolicy.h"
#include "store/database.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

namespace WedSync::Delivery {

static Q_LOGGING_CATEGORY(lcDelivery, "wedsync.delivery", QtInfoMsg)

    QString makeDeliveryId(qint64 eventSeq, const QString &target)
{
    QByteArray input = QByteArray::number(eventSeq);
    input += ':';
    input += target.toUtf8();
    const QByteArray digest = QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex();
    return QStringLiteral("msg_") + QString::fromLatin1(digest.left(32));
}

bool enqueue(QSqlDatabase &transaction, const QList<DeliveryRequest> &requests, Error *error)
{
    if (requests.isEmpty())
        return true;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    QStringList webhookIds;
    QSqlQuery insert(transaction);
    insert.prepare(QStringLiteral(
        "INSERT INTO deliveries (id, event_seq, event_type, kind, target, url, payload, priority, "
        "wedding_id, "
        "correlation_id, meta, state, attempts, max_attempts, backoff, initial_delay_ms, timeout_ms, "
        "next_attempt_at, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO "
        "NOTHING"));

    for (const DeliveryRequest &r : requests) {
        if (r.target.isEmpty() || r.eventSeq <= 0) {
            if (error)
                *error =
                    Error::make(QString::fromLatin1(ErrorCode::ValidationFailed),
                                QStringLiteral("A delivery needs a target and the journal sequence number of "
                                               "its event (target '%1', seq %2).")
                                    .arg(r.target)
                                    .arg(r.eventSeq));
            return false;
        }
        const QString id = r.id.isEmpty() ? makeDeliveryId(r.eventSeq, r.target) : r.id;
        RetryPolicy policy = RetryPolicy::channelDefault();
        const QString url = r.meta.value(QStringLiteral("url")).toString();
        if (r.meta.contains(QStringLiteral("max_attempts")))
            policy.maxAttempts = qBound(1, r.meta.value(QStringLiteral("max_attempts")).toInt(), 10);
        const qint64 timeoutMs = r.meta.value(QStringLiteral("timeout_ms")).toInteger(0);

        insert.addBindValue(id);
        insert.addBindValue(r.eventSeq);
        insert.addBindValue(r.eventType);
        insert.addBindValue(kindToString(r.kind));
        insert.addBindValue(r.target);
        insert.addBindValue(url.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(url));
        insert.addBindValue(r.payload);
        insert.addBindValue(int(r.priority));
        insert.addBindValue(r.weddingId.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                                  : QVariant(r.weddingId));
        insert.addBindValue(r.correlationId.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                                      : QVariant(r.correlationId));
        insert.addBindValue(r.meta.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                             : QVariant(QString::fromUtf8(
                                                   QJsonDocument(r.meta).toJson(QJsonDocument::Compact))));
        insert.addBindValue(policy.maxAttempts);
        insert.addBindValue(backoffToString(policy.backoff));
        insert.addBindValue(policy.initialDelayMs);
        insert.addBindValue(timeoutMs);
        insert.addBindValue(now);
        insert.addBindValue(now);
        insert.addBindValue(now);
        if (!insert.exec()) {
            if (error)
                *error = Store::Database::toError(insert.lastError(), QStringLiteral("enqueue delivery"));
            qCWarning(lcDelivery) << "enqueue failed for" << r.target << insert.lastError().text();
            return false;
        }
        if (r.kind == TargetKind::Webhook)
            webhookIds.append(id);
    }
    // Subscription deliveries take the subscription's URL and retry policy. Written after the inserts so a
    // SQLite transaction starts with a write (a read first could not be upgraded once another writer went
    // by).
    if (!webhookIds.isEmpty()) {
        QSqlQuery policy(transaction);
        policy.prepare(QStringLiteral(
            "UPDATE deliveries SET "
            "url = COALESCE(url, (SELECT s.url FROM subscriptions s WHERE s.id = deliveries.target)), "
            "max_attempts = (SELECT s.max_attempts FROM subscriptions s WHERE s.id = deliveries.target), "
            "backoff = (SELECT s.backoff FROM subscriptions s WHERE s.id = deliveries.target), "
            "initial_delay_ms = (SELECT s.initial_delay_ms FROM subscriptions s WHERE s.id = "
            "deliveries.target) "
            "WHERE id = ? AND attempts = 0 AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.id = "
            "deliveries.target)"));
        for (const QString &id : std::as_const(webhookIds)) {
            policy.addBindValue(id);
            if (!policy.exec()) {
                if (error)
                    *error = Store::Database::toError(policy.lastError(),
                                                      QStringLiteral("apply subscription policy"));
                return false;
            }
        }
    }
    return true;
}

} // namespace WedSync::Delivery
