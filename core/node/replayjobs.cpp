#include "replayjobs.h"

#include "store/database.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>

namespace WedSync::Node {

static Q_LOGGING_CATEGORY(lcJobs, "wedsync.node.jobs", QtInfoMsg)

ReplayJobRunner::ReplayJobRunner(Store::Database *database, Options options, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_options(std::move(options))
{
    m_pool.setMaxThreadCount(qMax(1, m_options.maxConcurrentJobs));
    m_pool.setObjectName(QStringLiteral("wedsync-replay"));
}

ReplayJobRunner::~ReplayJobRunner()
{
    stop();
}

int ReplayJobRunner::recoverOrphans(Error *error)
{
    QSqlDatabase db = m_database->connection(error);
    if (!db.isOpen())
        return -1;
    return Delivery::DeadLetters::markInterrupted(db, m_options.node, error);
}

std::optional<Delivery::ReplayJob> ReplayJobRunner::startIds(const QStringList &ids, const QString &actor,
                                                             Error *error)
{
    return startCreated(
        [&](QSqlDatabase &db, Error *e) {
            return Delivery::DeadLetters::createReplayJobForIds(db, ids, actor, e, m_options.node);
        },
        error);
}

std::optional<Delivery::ReplayJob> ReplayJobRunner::startFilter(const Delivery::DeliveryFilter &filter,
                                                                const QString &actor, Error *error)
{
    return startCreated(
        [&](QSqlDatabase &db, Error *e) {
            return Delivery::DeadLetters::createReplayJob(db, filter, actor, e, m_options.node);
        },
        error);
}

std::optional<Delivery::ReplayJob>
ReplayJobRunner::startCreated(const std::function<QString(QSqlDatabase &, Error *)> &create, Error *error)
{
    if (m_stopping) {
        if (error)
            *error = Error::make(QString::fromLatin1(ErrorCode::ShuttingDown),
                                 QStringLiteral("the node is stopping; replay on another node or retry "
                                                "after it restarts"));
        return std::nullopt;
    }
    QSqlDatabase db = m_database->connection(error);
    if (!db.isOpen())
        return std::nullopt;
    const QString id = create(db, error);
    if (id.isEmpty())
        return std::nullopt;
    auto job = Delivery::DeadLetters::job(db, id, error);
    if (job)
        launch(id);
    return job;
}

std::optional<Delivery::ReplayJob> ReplayJobRunner::cancel(const QString &jobId, const QString &actor,
                                                           Error *error)
{
    QSqlDatabase db = m_database->connection(error);
    if (!db.isOpen())
        return std::nullopt;
    auto job = Delivery::DeadLetters::requestCancel(db, jobId, actor, error);
    if (job) {
        QMutexLocker lock(&m_mutex);
        m_cancelled.insert(jobId);
        m_wake.wakeAll();
    }
    return job;
}

int ReplayJobRunner::takeQueued()
{
    if (m_stopping)
        return 0;
    Error e;
    QSqlDatabase db = m_database->connection(&e);
    if (!db.isOpen())
        return 0;
    int taken = 0;
    for (const QString &id : Delivery::DeadLetters::queuedJobs(db, 10, &e)) {
        if (!Delivery::DeadLetters::claimQueuedJob(db, id, m_options.node, &e))
            continue; // another runner was quicker
        qCInfo(lcJobs).noquote() << "took queued replay job" << id;
        launch(id);
        ++taken;
    }
    return taken;
}

void ReplayJobRunner::startPolling(std::chrono::milliseconds interval)
{
    m_poll.setInterval(interval);
    connect(&m_poll, &QTimer::timeout, this, &ReplayJobRunner::takeQueued, Qt::UniqueConnection);
    m_poll.start();
}

void ReplayJobRunner::stop()
{
    m_poll.stop();
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    m_pool.waitForDone();
}

void ReplayJobRunner::launch(const QString &jobId)
{
    ++m_active;
    m_pool.start([this, jobId] {
        run(jobId);
        // Pool threads are reused or retired at will: never leave a connection on one.
        m_database->releaseThreadConnection();
        {
            QMutexLocker lock(&m_mutex);
            m_cancelled.remove(jobId);
        }
        --m_active;
    });
}

void ReplayJobRunner::run(const QString &jobId)
{
    QSqlDatabase db = m_database->connection();
    int chunks = 0;
    Delivery::ReplayRunOptions o;
    o.chunkSize = m_options.chunkSize;
    o.progress = [this](const Delivery::ReplayJob &job) {
        const QJsonObject json = toJson(job);
        Q_EMIT progress(json);
        if (job.isFinished())
            Q_EMIT finished(json);
    };
    o.shutdown = [this] { return m_stopping.load(); };
    o.cancelled = [this, jobId, &chunks] {
        QMutexLocker lock(&m_mutex);
        // The pause between chunks (not before the first), cut short by a cancel or a stop.
        if (chunks++ > 0 && m_options.chunkPause.count() > 0 && !m_cancelled.contains(jobId) && !m_stopping)
            m_wake.wait(&m_mutex, QDeadlineTimer(m_options.chunkPause));
        return m_cancelled.contains(jobId);
    };
    Error e;
    if (!db.isOpen() || !Delivery::DeadLetters::executeReplayJob(db, jobId, m_options.node, o, &e)) {
        qCWarning(lcJobs).noquote() << "replay job" << jobId << "failed:" << e.code << e.message;
        if (auto job = Delivery::DeadLetters::job(db, jobId, nullptr)) {
            const QJsonObject json = toJson(*job);
            Q_EMIT progress(json);
            Q_EMIT finished(json);
        }
    }
}

QJsonObject ReplayJobRunner::toJson(const Delivery::ReplayJob &j)
{
    const auto optional = [](qint64 v) { return v > 0 ? QJsonValue(v) : QJsonValue(); };
    const auto text = [](const QString &s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    QJsonObject filter;
    if (!j.filter.target.isEmpty())
        filter.insert(QStringLiteral("target"), j.filter.target);
    if (!j.filter.eventType.isEmpty())
        filter.insert(QStringLiteral("event_type"), j.filter.eventType);
    if (j.filter.sinceMs > 0)
        filter.insert(QStringLiteral("since"), j.filter.sinceMs);
    if (j.filter.untilMs > 0)
        filter.insert(QStringLiteral("until"), j.filter.untilMs);
    // The console's states: queued | running | completed | failed | cancelled | interrupted.
    const QString state = j.state == QLatin1String("done") ? QStringLiteral("completed") : j.state;
    return QJsonObject{{QStringLiteral("job_id"), j.id},
                       {QStringLiteral("kind"), QStringLiteral("replay")},
                       {QStringLiteral("state"), state},
                       {QStringLiteral("total"), qMax(j.matched, j.processed)},
                       {QStringLiteral("done"), j.processed},
                       {QStringLiteral("replayed"), j.replayed},
                       {QStringLiteral("failed"), j.processed - j.replayed},
                       {QStringLiteral("delivery_id"), text(j.filter.id)},
                       {QStringLiteral("ids"), j.items},
                       {QStringLiteral("filter"), filter.isEmpty() ? QJsonValue() : QJsonValue(filter)},
                       {QStringLiteral("requested_by"), text(j.requestedBy)},
                       {QStringLiteral("runner"), text(j.runner)},
                       {QStringLiteral("cancel_requested_by"), text(j.cancelRequestedBy)},
                       {QStringLiteral("error"), text(j.error)},
                       {QStringLiteral("created_at"), j.createdAt},
                       {QStringLiteral("started_at"), optional(j.startedAt)},
                       {QStringLiteral("updated_at"), optional(j.updatedAt)},
                       {QStringLiteral("finished_at"), optional(j.finishedAt)}};
}

} // namespace WedSync::Node
