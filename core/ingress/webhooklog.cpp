#include "webhooklog.h"

#include "store/database.h"

#include <QLoggingCategory>
#include <QSqlQuery>

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
    m_db->releaseThreadConnection();
}

bool WebhookLog::writeBatch(std::vector<RequestRecord> &batch)
{
    Error error;
    QSqlDatabase db = m_db->connection(&error);
    if (!db.isOpen()) {
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
    q.prepare(
        QStringLiteral("INSERT INTO webhook_log (request_id, received_at, source, integration_id, route, "
                       "method, status, error_code, latency_ms, peer_ip, event_id, body) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
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
