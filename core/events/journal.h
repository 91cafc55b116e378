// The durable, sequenced event journal. Appends from any thread are queued, grouped into one transaction
// per batch on a dedicated writer thread (group commit) and acknowledged only after their commit. A second
// append of the same (source, event_id) returns the original sequence number and writes nothing.
// Readers page through events since a sequence number on their own thread's connection.
#pragma once

#include "common/error.h"
#include "events/event.h"

#include <QFuture>
#include <QObject>
#include <QSqlQuery>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace WedSync::Store {
class Database;
}

namespace WedSync::Events {

struct AppendResult
{
    qint64 seq = 0;         // the event's sequence number (the original one for a duplicate)
    bool duplicate = false; // the event was already in the journal; nothing was written
    Error error;            // set when the append failed; seq is then 0
    bool ok() const { return error.isNull(); }
};

struct StoredEvent
{
    qint64 seq = 0;
    qint64 chainSeq = 0; // the seq of the first event of this event's chain (its own for a chain's first);
                         // set on every event the journal returns
    Event event;
};

class Journal : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int maxBatch = 2000;
        std::chrono::milliseconds retention{0}; // 0 keeps everything
        std::chrono::milliseconds pruneInterval{600000};
        int pruneChunk = 2000;                          // rows deleted per retention step
        std::chrono::milliseconds appendTimeout{15000}; // fail with STORE_UNAVAILABLE after this
        std::chrono::milliseconds reconnectMax{10000};
        // Events this journal committed most recently, kept parsed in memory for readRecent() (0: off).
        int tailCache = 2048;
    };

    // db: not owned; must outlive the journal.
    Journal(Store::Database *db, Options options, QObject *parent = nullptr);
    ~Journal() override; // stops (flushing what is queued)

    // Reads the head and starts the writer thread. The schema must already be migrated.
    bool start(Error *error = nullptr);
    // Commits everything queued, then stops the writer. Appends after stop() fail with SHUTTING_DOWN.
    void stop();

    // Thread-safe. The event must be valid (Event::validate()); an invalid one fails with VALIDATION_FAILED.
    // The future resolves after the commit (or the failure).
    QFuture<AppendResult> append(const Event &event);
    // chainSeqs[i], for events that join an existing chain: the seq of the first event of the chain event i
    // belongs to (StoredEvent::chainSeq of its parent); 0, or a missing entry, starts a new chain with
    // event i.
    QFuture<QList<AppendResult>> append(const QList<Event> &events, const QList<qint64> &chainSeqs = {});
    // Like the above, but hands the results (one per event, in order) to `done` instead of a future:
    // on the writer thread after the commit, or on the calling thread before append() returns when no
    // event could be queued (all invalid, shutting down). `done` runs exactly once; keep it short and
    // post real work to where it belongs.
    void append(const QList<Event> &events, std::function<void(QList<AppendResult>)> done);

    // Reads up to `limit` events with seq > afterSeq, in order, on the calling thread's connection.
    QList<StoredEvent> readSince(qint64 afterSeq, int limit, Error *error = nullptr) const;
    // Like readSince, but served from the in-memory tail of events this journal committed when it holds
    // afterSeq + 1 onwards (no database read, no JSON parse); else from the database. May return fewer
    // than `limit` events while more are stored (the tail's end, or another node's event in between):
    // for a reader that loops until it gets nothing, like the processor. Thread-safe.
    QList<StoredEvent> readRecent(qint64 afterSeq, int limit, Error *error = nullptr) const;
    std::optional<StoredEvent> find(const QString &source, const QString &eventId,
                                    Error *error = nullptr) const;
    std::optional<StoredEvent> at(qint64 seq, Error *error = nullptr) const;
    // Every event of a chain (StoredEvent::chainSeq), in order, the chain's first event first.
    QList<StoredEvent> chain(qint64 chainSeq, int limit = 500, Error *error = nullptr) const;
    // The lowest sequence number still stored (0 when empty): tells a reader what retention removed.
    qint64 firstSeq(Error *error = nullptr) const;

    // The highest committed sequence number (0 when empty). Thread-safe.
    qint64 lastSeq() const { return m_lastSeq.load(std::memory_order_acquire); }
    // False while the database refuses writes (gone, full); appends then wait and retry.
    bool isWritable() const { return m_writable.load(std::memory_order_acquire); }
    qint64 appendedCount() const { return m_appended.load(std::memory_order_relaxed); }

    // Runs retention now (in chunks, between batches, on the writer thread). Resolves with rows removed.
    QFuture<int> prune();

    Store::Database *database() const { return m_db; }

Q_SIGNALS:
    // Emitted on the writer thread after each commit; connect with Qt::QueuedConnection.
    void committed(qint64 lastSeq);
    void writableChanged(bool writable, const WedSync::Error &error);

private:
    struct Pending;
    struct Group;
    void enqueue(const Event *events, qsizetype count, const std::shared_ptr<Group> &group,
                 const QList<qint64> &chainSeqs = {});
    struct Statements;
    void run();
    bool commitBatch(std::vector<Pending> &batch, Error *error);
    void settle(std::vector<Pending> &batch);
    int pruneStep(Error *error);
    void setWritable(bool writable, const Error &error);

    Store::Database *m_db; // not owned
    Options m_options;

    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<Pending> m_queue;                 // guarded by m_mutex
    bool m_stopping = false;                     // guarded by m_mutex
    QList<std::shared_ptr<void>> m_pruneWaiters; // guarded by m_mutex (QPromise<int> holders)
    std::thread m_thread;
    std::unique_ptr<Statements> m_statements; // writer thread only

    mutable std::mutex m_tailMutex;
    std::deque<StoredEvent>
        m_tail; // guarded by m_tailMutex; consecutive commits of this journal, in seq order

    std::atomic<qint64> m_lastSeq{0};
    std::atomic<bool> m_writable{true};
    std::atomic<qint64> m_appended{0};
    std::atomic<bool> m_running{false};
};

} // namespace WedSync::Events

Q_DECLARE_METATYPE(WedSync::Error)
