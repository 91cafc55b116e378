// The webhook log: one row per answered request (request id, source, integration, route, status, error
// code, latency, peer, time; the body only for accepted events; never a secret or signature header).
// record() only queues; a writer thread with its own connection commits batches every ~200 ms or 500 rows
// in one transaction, so the request path never waits for the database. Old rows are pruned there too.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

struct sqlite3;
namespace WedSync {
struct Error;
}
namespace WedSync::Store {
class Database;
}

namespace WedSync::Ingress {

// One finished request, as logged and as signalled (IngressServer::requestCompleted).
struct RequestRecord
{
    QString requestId;
    QDateTime receivedAt; // UTC
    QString source;       // empty when not known (e.g. a malformed request)
    QString integrationId;
    QString route; // "/webhooks/{source}", "/webhooks", "/health/ready", ... or "" for refused bytes
    QString method;
    int status = 0;
    QString errorCode; // empty on success
    double latencyMs = 0;
    QString peer;
    QString eventId; // accepted events
    bool duplicate = false;
    QByteArray body; // accepted events only
    // Where the payload says so (accepted events): the supplier's type, the wedding and its date.
    QString supplierType;
    QString weddingId;
    QString weddingDate; // YYYY-MM-DD
};

class WebhookLog
{
public:
    struct Options
    {
        std::chrono::milliseconds flushInterval{200};
        int batchRows = 500;
        int maxQueued = 100000; // beyond this, records are counted as dropped
        std::chrono::milliseconds retention{7LL * 24 * 3600 * 1000}; // 0 keeps everything
        std::chrono::milliseconds pruneInterval{600000};
    };

    WebhookLog(Store::Database *db, Options options); // db: not owned; must outlive the log
    ~WebhookLog();                                    // stops (writing what is queued)

    void start();
    void stop();

    // Thread-safe, never blocks on the database.
    void record(RequestRecord record);
    // Blocks until everything recorded so far is committed (or failed). Tests and shutdown.
    bool flush(std::chrono::milliseconds timeout = std::chrono::seconds(10));

    qint64 written() const { return m_written.load(std::memory_order_relaxed); }
    qint64 dropped() const { return m_dropped.load(std::memory_order_relaxed); }

private:
    struct SqliteInsert;
    void run();
    bool writeBatch(std::vector<RequestRecord> &batch);
    bool writeBatchSqlite(std::vector<RequestRecord> &batch, sqlite3 *handle, Error *error);
    void prune();

    Store::Database *m_db; // not owned
    Options m_options;
    std::mutex m_mutex;
    std::condition_variable m_cv;      // wakes the writer
    std::condition_variable m_idleCv;  // wakes flush() waiters
    std::deque<RequestRecord> m_queue; // guarded by m_mutex
    qint64 m_enqueued = 0;             // guarded by m_mutex
    qint64 m_settled = 0;              // guarded by m_mutex: written or failed
    bool m_stopping = false;           // guarded by m_mutex
    bool m_flushRequested = false;     // guarded by m_mutex
    std::thread m_thread;
    std::unique_ptr<SqliteInsert> m_sqlite; // the writer thread's prepared insert (SQLite only)
    std::atomic<qint64> m_written{0};
    std::atomic<qint64> m_dropped{0};
};

} // namespace WedSync::Ingress

Q_DECLARE_METATYPE(WedSync::Ingress::RequestRecord)
