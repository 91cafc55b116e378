// Listing deliveries, and replaying dead letters (deliveries that exhausted their attempts) singly, by a list
// of ids or in bulk by filter, as tracked jobs recorded in replay_jobs with one replay_audit row per delivery
// reset. A replay resets attempts and keeps the delivery id (so webhook-id stays the same). Jobs run in
// chunks of one transaction each, write their progress to the job row after every chunk, and stop between
// chunks when cancelled (what was replayed stays replayed).
#pragma once

#include "common/error.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace WedSync::Delivery {

struct DeliveryRecord
{
    QString id;
    qint64 eventSeq = 0;
    QString eventType;
    QString kind;
    QString target;
    QString state;
    int attempts = 0;
    int maxAttempts = 0;
    qint64 nextAttemptAt = 0;
    int responseCode = 0;
    QString lastError;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

struct DeliveryFilter
{
    QString id;
    QString state; // empty = any
    QString target;
    QString eventType;
    qint64 sinceMs = 0; // created_at >= since (0 = open)
    qint64 untilMs = 0; // created_at < until (0 = open)
    int limit = 100;
};

struct ReplayJob
{
    QString id;
    DeliveryFilter filter;
    QString requestedBy;
    QString state;     // queued | running | done | failed | cancelled | interrupted
    int matched = 0;   // the total: ids given, or dead letters matching the filter when the job started
    int processed = 0; // deliveries looked at so far
    int replayed = 0;  // of those, reset to pending (the others were no longer dead or failed)
    int items = 0;     // ids given (0 for a filter job)
    QString runner;    // node running (or that ran) it
    QString cancelRequestedBy;
    QString error;
    qint64 createdAt = 0;
    qint64 startedAt = 0;
    qint64 updatedAt = 0;
    qint64 finishedAt = 0;

    bool isFinished() const;
};

namespace ReplayError {
inline constexpr auto NotFound = "REPLAY_JOB_NOT_FOUND";
inline constexpr auto NotQueued = "REPLAY_JOB_NOT_QUEUED";
inline constexpr auto Finished = "REPLAY_JOB_FINISHED";
} // namespace ReplayError

// How a job is run: chunk size, a progress callback after every committed chunk, and an extra in-process
// cancel check (the job row's cancel request is always honoured).
struct ReplayRunOptions
{
    int chunkSize = 500;
    std::function<void(const ReplayJob &)> progress;
    std::function<bool()> cancelled; // true: stop before the next chunk and end the job `cancelled`
    std::function<bool()> shutdown;  // true: stop before the next chunk and end the job `interrupted`
};

class DeadLetters
{
public:
    static QList<DeliveryRecord> list(QSqlDatabase db, const DeliveryFilter &filter, Error *error);

    // Records a queued replay job. A single-delivery job (filter.id) replays that delivery if it is dead or
    // failed; a filter job replays dead deliveries matching target / event type / time range (no limit).
    // VALIDATION_FAILED when the filter is empty (it would replay everything: name at least one criterion).
    // claimFor: when set, the job is recorded already `running` on that node (so no other runner takes it)
    // and the caller runs it with executeReplayJob.
    static QString createReplayJob(QSqlDatabase db, const DeliveryFilter &filter, const QString &requestedBy,
                                   Error *error, const QString &claimFor = {});
    // A job over a list of delivery ids (any number; each is replayed if it is dead or failed).
    // VALIDATION_FAILED when the list is empty or holds an empty id.
    static QString createReplayJobForIds(QSqlDatabase db, const QStringList &ids, const QString &requestedBy,
                                         Error *error, const QString &claimFor = {});
    // Runs one queued job (taking it atomically, so only one node runs it). False with *error on failure
    // (the job is then marked failed with the reason).
    static bool runReplayJob(QSqlDatabase db, const QString &jobId, const QString &runner, Error *error,
                             const ReplayRunOptions &options = {});
    // Runs a job already `running` on `runner` (claimed at creation) chunk by chunk to its end: done,
    // cancelled, interrupted (options.shutdown) or failed. False with *error when it failed.
    static bool executeReplayJob(QSqlDatabase db, const QString &jobId, const QString &runner,
                                 const ReplayRunOptions &options, Error *error);
    // Takes a queued job for `runner` (atomically: only one runner gets it). REPLAY_JOB_NOT_QUEUED when
    // it is not queued (any more).
    static bool claimQueuedJob(QSqlDatabase db, const QString &jobId, const QString &runner, Error *error);
    // Ids of queued jobs, oldest first.
    static QStringList queuedJobs(QSqlDatabase db, int limit, Error *error);
    static QList<ReplayJob> jobs(QSqlDatabase db, int limit, Error *error);
    // One job; nullopt with *error (REPLAY_JOB_NOT_FOUND or a store error).
    static std::optional<ReplayJob> job(QSqlDatabase db, const QString &jobId, Error *error);

    // Asks a job to stop: a queued one ends `cancelled` at once; a running one stops before its next chunk
    // (whoever runs it, on any node). Returns the job as it is now. REPLAY_JOB_NOT_FOUND, or
    // REPLAY_JOB_FINISHED when it already ended.
    static std::optional<ReplayJob> requestCancel(QSqlDatabase db, const QString &jobId,
                                                  const QString &requestedBy, Error *error);
    // At start: jobs left `running` by this node (runner = node, or node/<pid> for the delivery worker)
    // when it died are marked `interrupted` with what they did kept. Returns how many; -1 with *error.
    static int markInterrupted(QSqlDatabase db, const QString &node, Error *error);
};

} // namespace WedSync::Delivery
