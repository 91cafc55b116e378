#include "webhooklog.h"

#include "common/threads.h"
#include "store/database.h"

#include <QLoggingCategory>
#include <QSqlQuery>
#include <sqlite3.h>

static Q_LOGGING_CATEGORY(lcWebhookLog, "wedsync.ingress.log", QtInfoMsg)

namespace WedSync::Ingress {

WebhookLog::WebhookLog(Store::Database *db, Options options)
    : m_db(db)
    , m_options(options)
{}

WebhookLog::~WebhookLog()
{
    stop();
}

void WebhookLog::start()
{
    std::lock_guard lock(m_mutex);
    if (m_thread.joinable())
        return;
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
}

void WebhookLog::stop()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_thread.joinable())
            return;
        m_stopping = true;
    }
    m_cv.notify_all();
    m_thread.join();
}

void WebhookLog::record(RequestRecord record)
{
    {
        std::lock_guard lock(m_mutex);
        if (int(m_queue.size()) >= m_options.maxQueued) {
            m_dropped.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        m_queue.push_back(std::move(record));
        ++m_enqueued;
        if (int(m_queue.size()) < m_options.batchRows)
            return; // the timer takes it; no wake-up per request
    }
    m_cv.notify_one();
}

bool WebhookLog::flush(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    const qint64 target = m_enqueued;
    m_flushRequested = true;
    m_cv.notify_one();
    return m_idleCv.wait_for(lock, timeout, [&] { return m_settled >= target; });
}

void WebhookLog::run()
{
    nameCurrentThread("wedsync-hooklog");
    // An audit record: no fsync of its own; the journal's next commit makes its rows durable.
    Store::Database::setThreadDurability(Store::Database::Durability::Deferred);
    using Clock = std::chrono::steady_clock;
    auto nextPrune =
        Clock::now() + std::min<std::chrono::milliseconds>(std::chrono::seconds(5), m_options.pruneInterval);
    for (;;) {
        std::vector<RequestRecord> batch;
        bool stopping = false;
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait_for(lock, m_options.flushInterval, [&] {
                return m_stopping || m_flushRequested || int(m_queue.size()) >= m_options.batchRows;
            });
            if (m_queue.size() <= size_t(m_options.batchRows))
                m_flushRequested = false;
            stopping = m_stopping;
            const size_t n = std::min(m_queue.size(), size_t(m_options.batchRows));
            batch.reserve(n);
            for (size_t i = 0; i < n; ++i) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        if (!batch.empty()) {
            const qint64 n = qint64(batch.size());
            if (writeBatch(batch))
                m_written.fetch_add(n, std::memory_order_relaxed);
            else
                m_dropped.fetch_add(n, std::memory_order_relaxed);
            {
                std::lock_guard lock(m_mutex);
                m_settled += n;
            }
            m_idleCv.notify_all();
        }
        if (m_options.retention.count() > 0 && Clock::now() >= nextPrune) {
            prune();
            nextPrune = Clock::now() + m_options.pruneInterval;
        }
        std::lock_guard lock(m_mutex);
        if (stopping && m_queue.empty())
            break;
    }
    m_sqlite.reset();
    m_db->releaseThreadConnection();
}

static constexpr char kInsertSql[] =
    "INSERT INTO webhook_log (request_id, received_at, source, integration_id, route, method, status, "
    "error_code, "
    "latency_ms, peer_ip, event_id, body, supplier_type, wedding_id, wedding_date) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

// SQLite: the statement is prepared once per connection and bound through the C API. Qt's bindValue()
// costs more per row than SQLite's whole insert.
struct WebhookLog::SqliteInsert
{
    sqlite3 *handle = nullptr;
    sqlite3_stmt *insert = nullptr;
    ~SqliteInsert() { sqlite3_finalize(insert); }
};

bool WebhookLog::writeBatch(std::vector<RequestRecord> &batch)
{
    Error error;
    QSqlDatabase db = m_db->connection(&error);
    if (!db.isOpen()) {
        qCWarning(lcWebhookLog).noquote() << "webhook log rows dropped:" << error.message;
        return false;
    }
    if (sqlite3 *handle = Store::Database::sqliteHandle(db)) {
        if (writeBatchSqlite(batch, handle, &error))
            return true;
        qCWarning(lcWebhookLog).noquote() << "webhook log rows dropped:" << error.message;
        return false;
    }
    if (!db.transaction()) {
        qCWarning(lcWebhookLog).noquote()
            << "webhook log rows dropped:"
            << Store::Database::toError(db.lastError(), QStringLiteral("begin")).message;
        m_db->reconnect();
        return false;
    }
    QSqlQuery q(db);
    q.prepare(QString::fromLatin1(kInsertSql));
    auto orNull = [](const QString &s) {
        return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
    };
    for (const auto &r : batch) {
        q.bindValue(0, r.requestId);
        q.bindValue(1, r.receivedAt.toMSecsSinceEpoch());
        q.bindValue(2, orNull(r.source));
        q.bindValue(3, orNull(r.integrationId));
        q.bindValue(4, r.route);
        q.bindValue(5, orNull(r.method));
        q.bindValue(6, r.status);
        q.bindValue(7, orNull(r.errorCode));
        q.bindValue(8, r.latencyMs);
        q.bindValue(9, orNull(r.peer));
        q.bindValue(10, orNull(r.eventId));
        q.bindValue(11, r.body.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(r.body));
        q.bindValue(12, orNull(r.supplierType));
        q.bindValue(13, orNull(r.weddingId));
        q.bindValue(14, orNull(r.weddingDate));
        if (!q.exec()) {
            qCWarning(lcWebhookLog).noquote()
                << "webhook log rows dropped:"
                << Store::Database::toError(q.lastError(), QStringLiteral("insert")).message;
            db.rollback();
            if (Store::Database::isConnectionLost(q.lastError()))
                m_db->reconnect();
            return false;
        }
    }
    if (!db.commit()) {
        qCWarning(lcWebhookLog).noquote()
            << "webhook log rows dropped:"
            << Store::Database::toError(db.lastError(), QStringLiteral("commit")).message;
        db.rollback();
        return false;
    }
    return true;
}

bool WebhookLog::writeBatchSqlite(std::vector<RequestRecord> &batch, sqlite3 *handle, Error *error)
{
    auto failWith = [&](const char *what) {
        const int code = sqlite3_errcode(handle);
        *error =
            Error::make(QLatin1String(code == SQLITE_FULL ? ErrorCode::StoreFull : ErrorCode::StoreFailed),
                        QStringLiteral("%1 the webhook log: %2 (SQLite %3)")
                            .arg(QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(handle)))
                            .arg(sqlite3_extended_errcode(handle)));
        return false;
    };
    if (!m_sqlite || m_sqlite->handle != handle) {
        m_sqlite = std::make_unique<SqliteInsert>();
        m_sqlite->handle = handle;
        if (sqlite3_prepare_v2(handle, kInsertSql, -1, &m_sqlite->insert, nullptr) != SQLITE_OK) {
            failWith("preparing the insert into");
            m_sqlite.reset();
            return false;
        }
    }
    if (sqlite3_exec(handle, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
        return failWith("starting a transaction on");
    sqlite3_stmt *st = m_sqlite->insert;
    for (const auto &r : batch) {
        const QByteArray text[] = {r.requestId.toUtf8(), r.source.toUtf8(),     r.integrationId.toUtf8(),
                                   r.route.toUtf8(),     r.method.toUtf8(),     r.errorCode.toUtf8(),
                                   r.peer.toUtf8(),      r.eventId.toUtf8(),    r.supplierType.toUtf8(),
                                   r.weddingId.toUtf8(), r.weddingDate.toUtf8()};
        // Parameter index of each text above; an empty text is NULL except the two required columns.
        static constexpr int column[] = {1, 3, 4, 5, 6, 8, 10, 11, 13, 14, 15};
        for (size_t i = 0; i < std::size(text); ++i) {
            const bool required = column[i] == 1 || column[i] == 5;
            if (text[i].isEmpty() && !required)
                sqlite3_bind_null(st, column[i]);
            else
                sqlite3_bind_text(st, column[i], text[i].constData(), int(text[i].size()), SQLITE_STATIC);
        }
        sqlite3_bind_int64(st, 2, r.receivedAt.toMSecsSinceEpoch());
        sqlite3_bind_int(st, 7, r.status);
        sqlite3_bind_double(st, 9, r.latencyMs);
        if (r.body.isEmpty())
            sqlite3_bind_null(st, 12);
        else
            sqlite3_bind_blob(st, 12, r.body.constData(), int(r.body.size()), SQLITE_STATIC);
        const int rc = sqlite3_step(st);
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        if (rc != SQLITE_DONE) {
            failWith("inserting into");
            sqlite3_exec(handle, "ROLLBACK", nullptr, nullptr, nullptr);
            return false;
        }
    }
    if (sqlite3_exec(handle, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
        failWith("committing");
        sqlite3_exec(handle, "ROLLBACK", nullptr, nullptr, nullptr);
        return false;
    }
    return true;
}

void WebhookLog::prune()
{
    QSqlDatabase db = m_db->connection();
    if (!db.isOpen())
        return;
    const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() - m_options.retention.count();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM webhook_log WHERE received_at < ?"));
    q.addBindValue(cutoff);
    if (!q.exec())
        qCWarning(lcWebhookLog).noquote()
            << Store::Database::toError(q.lastError(), QStringLiteral("webhook log retention")).message;
    else if (q.numRowsAffected() > 0)
        qCInfo(lcWebhookLog) << "webhook log retention removed" << q.numRowsAffected() << "rows";
}

} // namespace WedSync::Ingress
