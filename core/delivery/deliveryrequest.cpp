#include "delivery/deliveryrequest.h"

#include "delivery/retrypolicy.h"
#include "store/database.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <sqlite3.h>

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

static const char InsertSql[] =
    "INSERT INTO deliveries (id, event_seq, event_type, kind, target, url, payload, priority, wedding_id, "
    "correlation_id, meta, state, attempts, max_attempts, backoff, initial_delay_ms, timeout_ms, "
    "next_attempt_at, created_at, updated_at) VALUES ";
static const char InsertTuple[] = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?, ?)";
static const char InsertTail[] = " ON CONFLICT (id) DO NOTHING";
// Subscription deliveries take the subscription's URL and retry policy.
static const char PolicySql[] =
    "UPDATE deliveries SET url = COALESCE(url, (SELECT s.url FROM subscriptions s WHERE s.id = "
    "deliveries.target)), max_attempts = (SELECT s.max_attempts FROM subscriptions s WHERE s.id = "
    "deliveries.target), backoff = (SELECT s.backoff FROM subscriptions s WHERE s.id = deliveries.target), "
    "initial_delay_ms = (SELECT s.initial_delay_ms FROM subscriptions s WHERE s.id = deliveries.target) "
    "WHERE id IN (%1) AND attempts = 0 AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.id = "
    "deliveries.target)";

// One row's values as the INSERT binds them (event_seq, payload and priority come from the request itself).
struct RowValues
{
    QByteArray id, eventType, kind, target, url, weddingId, correlationId, meta, backoff;
    qint64 maxAttempts = 0, initialDelayMs = 0, timeoutMs = 0;
};

static RowValues rowValues(const DeliveryRequest &r)
{
    RowValues v;
    RetryPolicy policy = RetryPolicy::channelDefault();
    if (r.meta.contains(QStringLiteral("max_attempts")))
        policy.maxAttempts = qBound(1, r.meta.value(QStringLiteral("max_attempts")).toInt(), 10);
    v.id = (r.id.isEmpty() ? makeDeliveryId(r.eventSeq, r.target) : r.id).toUtf8();
    v.eventType = r.eventType.toUtf8();
    v.kind = kindToString(r.kind).toUtf8();
    v.target = r.target.toUtf8();
    const QString url = r.meta.value(QStringLiteral("url")).toString();
    if (!url.isEmpty())
        v.url = url.toUtf8();
    if (!r.weddingId.isEmpty())
        v.weddingId = r.weddingId.toUtf8();
    if (!r.correlationId.isEmpty())
        v.correlationId = r.correlationId.toUtf8();
    if (!r.meta.isEmpty())
        v.meta = QJsonDocument(r.meta).toJson(QJsonDocument::Compact);
    v.maxAttempts = policy.maxAttempts;
    v.backoff = backoffToString(policy.backoff).toUtf8();
    v.initialDelayMs = policy.initialDelayMs;
    v.timeoutMs = r.meta.value(QStringLiteral("timeout_ms")).toInteger(0);
    return v;
}

// SQLite through the C API: one prepared single-row INSERT stepped per delivery, then one prepared policy
// UPDATE per subscription delivery. Qt's SQLite driver looks every positional parameter up by name on each
// bind (linear in the parameter count), so a 10-row multi-row INSERT (180 parameters) cost ~1.5 ms of
// binding alone, all of it inside the caller's write transaction (measured: tests/bench/delivery/README.md).
static bool enqueueSqlite(sqlite3 *handle, const QList<DeliveryRequest> &requests, qint64 now, Error *error)
{
    sqlite3_stmt *insert = nullptr;
    sqlite3_stmt *policy = nullptr;
    auto fail = [&](const QString &what) {
        const QSqlError e = Store::Database::sqliteError(handle);
        sqlite3_finalize(insert);
        sqlite3_finalize(policy);
        if (error)
            *error = Store::Database::toError(e, what);
        qCWarning(lcDelivery) << what << "failed:" << e.text();
        return false;
    };
    const QByteArray insertSql = QByteArray(InsertSql) + InsertTuple + InsertTail;
    if (sqlite3_prepare_v2(handle, insertSql.constData(), int(insertSql.size()), &insert, nullptr) !=
        SQLITE_OK)
        return fail(QStringLiteral("enqueue delivery"));
    auto text = [](sqlite3_stmt *st, int i, const QByteArray &v) {
        if (v.isNull())
            sqlite3_bind_null(st, i);
        else
            sqlite3_bind_text(st, i, v.constData(), int(v.size()), SQLITE_STATIC);
    };
    QList<QByteArray> webhookIds;
    for (const DeliveryRequest &r : requests) {
        const RowValues v = rowValues(r);
        text(insert, 1, v.id);
        sqlite3_bind_int64(insert, 2, r.eventSeq);
        text(insert, 3, v.eventType);
        text(insert, 4, v.kind);
        text(insert, 5, v.target);
        text(insert, 6, v.url);
        if (r.payload.isNull()) // NULL, as QtSql binds it (refused by the NOT NULL column on both backends)
            sqlite3_bind_null(insert, 7);
        else
            sqlite3_bind_blob(insert, 7, r.payload.constData(), int(r.payload.size()), SQLITE_STATIC);
        sqlite3_bind_int(insert, 8, int(r.priority));
        text(insert, 9, v.weddingId);
        text(insert, 10, v.correlationId);
        text(insert, 11, v.meta);
        sqlite3_bind_int64(insert, 12, v.maxAttempts);
        text(insert, 13, v.backoff);
        sqlite3_bind_int64(insert, 14, v.initialDelayMs);
        sqlite3_bind_int64(insert, 15, v.timeoutMs);
        sqlite3_bind_int64(insert, 16, now);
        sqlite3_bind_int64(insert, 17, now);
        sqlite3_bind_int64(insert, 18, now);
        const int rc = sqlite3_step(insert);
        sqlite3_reset(insert);
        sqlite3_clear_bindings(insert);
        if (rc != SQLITE_DONE)
            return fail(QStringLiteral("enqueue delivery"));
        if (r.kind == TargetKind::Webhook)
            webhookIds.append(v.id);
    }
    if (!webhookIds.isEmpty()) {
        const QByteArray policySql = QByteArray(PolicySql).replace("%1", "?");
        if (sqlite3_prepare_v2(handle, policySql.constData(), int(policySql.size()), &policy, nullptr) !=
            SQLITE_OK)
            return fail(QStringLiteral("apply subscription policy"));
        for (const QByteArray &id : std::as_const(webhookIds)) {
            sqlite3_bind_text(policy, 1, id.constData(), int(id.size()), SQLITE_STATIC);
            const int rc = sqlite3_step(policy);
            sqlite3_reset(policy);
            if (rc != SQLITE_DONE)
                return fail(QStringLiteral("apply subscription policy"));
        }
    }
    sqlite3_finalize(insert);
    sqlite3_finalize(policy);
    return true;
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

    if (sqlite3 *handle = Store::Database::sqliteHandle(transaction))
        return enqueueSqlite(handle, requests, now, error);

    // PostgreSQL: multi-row INSERTs, one statement (a round trip) per chunk instead of one per delivery (18
    // values a row keeps a chunk far below the bound-parameter limit).
    constexpr int Chunk = 200;
    const QString head = QString::fromLatin1(InsertSql);
    const QString tuple = QString::fromLatin1(InsertTuple);
    const QString tail = QString::fromLatin1(InsertTail);
    const QVariant nullText{QMetaType(QMetaType::QString)};
    auto text = [&](const QByteArray &v) { return v.isNull() ? nullText : QVariant(QString::fromUtf8(v)); };

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
            const RowValues v = rowValues(r);
            insert.bindValue(bind++, text(v.id));
            insert.bindValue(bind++, r.eventSeq);
            insert.bindValue(bind++, text(v.eventType));
            insert.bindValue(bind++, text(v.kind));
            insert.bindValue(bind++, text(v.target));
            insert.bindValue(bind++, text(v.url));
            insert.bindValue(bind++, r.payload);
            insert.bindValue(bind++, int(r.priority));
            insert.bindValue(bind++, text(v.weddingId));
            insert.bindValue(bind++, text(v.correlationId));
            insert.bindValue(bind++, text(v.meta));
            insert.bindValue(bind++, v.maxAttempts);
            insert.bindValue(bind++, text(v.backoff));
            insert.bindValue(bind++, v.initialDelayMs);
            insert.bindValue(bind++, v.timeoutMs);
            insert.bindValue(bind++, now);
            insert.bindValue(bind++, now);
            insert.bindValue(bind++, now);
            if (r.kind == TargetKind::Webhook)
                webhookIds.append(QString::fromUtf8(v.id));
        }
        if (!insert.exec()) {
            if (error)
                *error = Store::Database::toError(insert.lastError(), QStringLiteral("enqueue delivery"));
            qCWarning(lcDelivery) << "enqueue failed:" << insert.lastError().text();
            return false;
        }
    }
    // Written after the inserts. One UPDATE per chunk of ids.
    QSqlQuery policy(transaction);
    preparedFor = -1;
    for (qsizetype from = 0; from < webhookIds.size(); from += Chunk) {
        const int n = int(qMin<qsizetype>(Chunk, webhookIds.size() - from));
        if (n != preparedFor) {
            QString marks;
            for (int i = 0; i < n; ++i)
                marks += i == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
            if (!policy.prepare(QString::fromLatin1(PolicySql).arg(marks))) {
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
