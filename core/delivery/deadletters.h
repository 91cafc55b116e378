// Listing deliveries, and replaying dead letters (deliveries that exhausted their attempts) singly or in bulk
// by filter, as tracked background jobs recorded in replay_jobs with one replay_audit row per delivery reset.
// A replay resets attempts and keeps the delivery id (so webhook-id stays the same).
#pragma once

#include "common/error.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

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
    QString state; // queued | running | done | failed
    int matched = 0;
    int replayed = 0;
    QString error;
    qint64 createdAt = 0;
    qint64 finishedAt = 0;
};

class DeadLetters
{
public:
    static QList<DeliveryRecord> list(QSqlDatabase db, const DeliveryFilter &filter, Error *error);

    // Records a queued replay job. A single-delivery job (filter.id) replays that delivery if it is dead or
    // failed; a filter job replays dead deliveries matching target / event type / time range (no limit).
    // VALIDATION_FAILED when the filter is empty (it would replay everything: name at least one criterion).
    static QString createReplayJob(QSqlDatabase db, const DeliveryFilter &filter, const QString &requestedBy,
                                   Error *error);
    // Runs one queued job (taking it atomically, so only one node runs it). False with *error on failure
    // (the job is then marked failed with the reason).
    static bool runReplayJob(QSqlDatabase db, const QString &jobId, const QString &runner, Error *error);
    // Runs every queued job; returns how many ran.
    static int runQueuedJobs(QSqlDatabase db, const QString &runner, Error *error);
    static QList<ReplayJob> jobs(QSqlDatabase db, int limit, Error *error);
};

} // namespace WedSync::Delivery
