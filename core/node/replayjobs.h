// Runs dead-letter replay jobs off the node's event loop: each job is a task on the runner's own thread
// pool, using that thread's own database connection, reset chunk by chunk with its progress written to the
// job row. Progress and the end of each job are announced as signals on the runner's (the engine's)
// thread; cancellation is honoured between chunks. Lives on the engine's thread.
#pragma once

#include "common/error.h"
#include "delivery/deadletters.h"

#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <QTimer>
#include <QWaitCondition>
#include <atomic>
#include <chrono>
#include <functional>
#include <optional>

namespace WedSync::Store {
class Database;
}

namespace WedSync::Node {

class ReplayJobRunner : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString node;                            // this node's name (node.name), recorded as the runner
        int chunkSize = 500;                     // node.replay_chunk_size
        std::chrono::milliseconds chunkPause{0}; // node.replay_chunk_pause
        int maxConcurrentJobs = 2;
    };
    ReplayJobRunner(Store::Database *database, Options options, QObject *parent = nullptr); // not owned
    ~ReplayJobRunner() override;

    // Marks the jobs this node left running when it last stopped (killed mid-job) as interrupted.
    // Returns how many; -1 with *error.
    int recoverOrphans(Error *error);

    // Creates a job claimed by this node and starts it in the background; returns it as it is now.
    std::optional<Delivery::ReplayJob> startIds(const QStringList &ids, const QString &actor, Error *error);
    std::optional<Delivery::ReplayJob> startFilter(const Delivery::DeliveryFilter &filter,
                                                   const QString &actor, Error *error);
    // Asks a job to stop (recorded on the job row, so it works for a job running on any node sharing the
    // database; one running here is also woken from its pause at once).
    std::optional<Delivery::ReplayJob> cancel(const QString &jobId, const QString &actor, Error *error);
    // Takes queued jobs (created by `wedsync-node deliveries replay` or any other writer of replay_jobs
    // that did not run them) and runs them here; returns how many were taken. Called every 2 s by a timer
    // started with startPolling().
    int takeQueued();
    void startPolling(std::chrono::milliseconds interval = std::chrono::milliseconds(2000));
    // Stops taking jobs; running ones end `interrupted` after their current chunk. Waits for them.
    void stop();
    int activeJobs() const { return m_active.load(); }

    // The job as the protocol shows it (docs/protocol.md, "Replay jobs").
    static QJsonObject toJson(const Delivery::ReplayJob &job);

Q_SIGNALS:
    // After every committed chunk and when the job ends (json = toJson(job)). Emitted from the job's
    // thread; connect with a queued (or auto) connection.
    void progress(const QJsonObject &job);
    void finished(const QJsonObject &job);

private:
    // Creates a job claimed by this node with `create` (its id, or empty with *error) and launches it.
    std::optional<Delivery::ReplayJob>
    startCreated(const std::function<QString(QSqlDatabase &, Error *)> &create, Error *error);
    void launch(const QString &jobId);
    void run(const QString &jobId); // on a pool thread

    Store::Database *m_database; // not owned
    Options m_options;
    QThreadPool m_pool;
    QTimer m_poll;
    std::atomic_bool m_stopping{false};
    std::atomic_int m_active{0};
    mutable QMutex m_mutex;
    QWaitCondition m_wake;     // pauses between chunks end early on cancel or stop
    QSet<QString> m_cancelled; // guarded by m_mutex
};

} // namespace WedSync::Node
