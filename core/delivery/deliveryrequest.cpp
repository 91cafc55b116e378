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
    }

    // Multi-row INSERTs: one statement per chunk instead of one per delivery (18 values a row keeps a chunk
    // far below SQLite's and PostgreSQL's bound-parameter limits).
    constexpr int Chunk = 200;
    static const QString head = QStringLiteral(
        "INSERT INTO deliveries (id, event_seq, event_type, kind, target, url, payload, priority, "
        "wedding_id, correlation_id, meta, state, attempts, max_attempts, backoff, initial_delay_ms, "
        "timeout_ms, next_attempt_at, created_at, updated_at) VALUES ");
    static const QString tuple =
        QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?, ?)");
    static const QString tail = QStringLiteral(" ON CONFLICT (id) DO NOTHING");
    const QVariant nullText{QMetaType(QMetaType::QString)};

    QStringList webhookIds;
    QSqlQuery insert(transaction);
    int preparedFor = -1;
    for (qsizetype from = 0; from < requests.size(); from += Chunk) {
        const int n = int(qMin<qsizetype>(Chunk, requests.size() - from));
        if (n != preparedFor) {
            QString sql = head;
            sql.reserve(head.size() + n * (tuple.size() + 2) + tail.size());
            for (int i = 0; i < n; ++i) {
                if (i > 0)
                    sql += QLatin1String(", ");
                sql += tuple;
            }
            sql += tail;
            if (!insert.prepare(sql)) {
                if (error)
                    *error = Store::Database::toError(insert.lastError(), QStringLiteral("enqueue delivery"));
                return false;
            }
            preparedFor = n;
        }
        int bind = 0;
        for (int i = 0; i < n; ++i) {
            const DeliveryRequest &r = requests.at(from + i);
            const QString id = r.id.isEmpty() ? makeDeliveryId(r.eventSeq, r.target) : r.id;
            RetryPolicy policy = RetryPolicy::channelDefault();
            const QString url = r.meta.value(QStringLiteral("url")).toString();
            if (r.meta.contains(QStringLiteral("max_attempts")))
                policy.maxAttempts = qBound(1, r.meta.value(QStringLiteral("max_attempts")).toInt(), 10);
            const qint64 timeoutMs = r.meta.value(QStringLiteral("timeout_ms")).toInteger(0);
            insert.bindValue(bind++, id);
            insert.bindValue(bind++, r.eventSeq);
            insert.bindValue(bind++, r.eventType);
            insert.bindValue(bind++, kindToString(r.kind));
            insert.bindValue(bind++, r.target);
            insert.bindValue(bind++, url.isEmpty() ? nullText : QVariant(url));
            insert.bindValue(bind++, r.payload);
            insert.bindValue(bind++, int(r.priority));
            insert.bindValue(bind++, r.weddingId.isEmpty() ? nullText : QVariant(r.weddingId));
            insert.bindValue(bind++, r.correlationId.isEmpty() ? nullText : QVariant(r.correlationId));
            insert.bindValue(bind++, r.meta.isEmpty()
                                         ? nullText
                                         : QVariant(QString::fromUtf8(
                                               QJsonDocument(r.meta).toJson(QJsonDocument::Compact))));
            insert.bindValue(bind++, policy.maxAttempts);
            insert.bindValue(bind++, backoffToString(policy.backoff));
            insert.bindValue(bind++, policy.initialDelayMs);
            insert.bindValue(bind++, timeoutMs);
            insert.bindValue(bind++, now);
            insert.bindValue(bind++, now);
            insert.bindValue(bind++, now);
            if (r.kind == TargetKind::Webhook)
                webhookIds.append(id);
        }
        if (!insert.exec()) {
            if (error)
                *error = Store::Database::toError(insert.lastError(), QStringLiteral("enqueue delivery"));
            qCWarning(lcDelivery) << "enqueue failed:" << insert.lastError().text();
            return false;
        }
    }
    // Subscription deliveries take the subscription's URL and retry policy. Written after the inserts so a
    // SQLite transaction starts with a write (a read first could not be upgraded once another writer went
    // by). One UPDATE per chunk of ids.
    QSqlQuery policy(transaction);
    preparedFor = -1;
    for (qsizetype from = 0; from < webhookIds.size(); from += Chunk) {
        const int n = int(qMin<qsizetype>(Chunk, webhookIds.size() - from));
        if (n != preparedFor) {
            QString marks;
            for (int i = 0; i < n; ++i)
                marks += i == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
            if (!policy.prepare(
                    QStringLiteral(
                        "UPDATE deliveries SET "
                        "url = COALESCE(url, (SELECT s.url FROM subscriptions s WHERE s.id = "
                        "deliveries.target)), "
                        "max_attempts = (SELECT s.max_attempts FROM subscriptions s WHERE s.id = "
                        "deliveries.target), "
                        "backoff = (SELECT s.backoff FROM subscriptions s WHERE s.id = deliveries.target), "
                        "initial_delay_ms = (SELECT s.initial_delay_ms FROM subscriptions s WHERE s.id = "
                        "deliveries.target) "
                        "WHERE id IN (%1) AND attempts = 0 AND EXISTS (SELECT 1 FROM subscriptions s WHERE "
                        "s.id = "
                        "deliveries.target)")
                        .arg(marks))) {
                if (error)
                    *error = Store::Database::toError(policy.lastError(),
                                                      QStringLiteral("apply subscription policy"));
                return false;
            }
            preparedFor = n;
        }
        for (int i = 0; i < n; ++i)
            policy.bindValue(i, webhookIds.at(from + i));
        if (!policy.exec()) {
            if (error)
                *error =
                    Store::Database::toError(policy.lastError(), QStringLiteral("apply subscription policy"));
            return false;
        }
    }
    return true;
}

} // namespace WedSync::Delivery
