#include "delivery/deadletters.h"

#include "delivery/retrypolicy.h"
#include "store/database.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

namespace WedSync::Delivery {

static Q_LOGGING_CATEGORY(lcDead, "wedsync.delivery.replay", QtInfoMsg)

// WHERE clause and bind values for a filter.
static QString whereFor(const DeliveryFilter &f, QVariantList *binds)
{
    QStringList parts;
    if (!f.id.isEmpty()) {
        parts << QStringLiteral("id = ?");
        binds->append(f.id);
    }
    if (!f.state.isEmpty()) {
        parts << QStringLiteral("state = ?");
        binds->append(f.state);
    }
    if (!f.target.isEmpty()) {
        parts << QStringLiteral("target = ?");
        binds->append(f.target);
    }
    if (!f.eventType.isEmpty()) {
        parts << QStringLiteral("event_type = ?");
        binds->append(f.eventType);
    }
    if (f.sinceMs > 0) {
        parts << QStringLiteral("created_at >= ?");
        binds->append(f.sinceMs);
    }
    if (f.untilMs > 0) {
        parts << QStringLiteral("created_at < ?");
        binds->append(f.untilMs);
    }
    return parts.isEmpty() ? QString() : QStringLiteral(" WHERE ") + parts.join(QStringLiteral(" AND "));
}

QList<DeliveryRecord> DeadLetters::list(QSqlDatabase db, const DeliveryFilter &filter, Error *error)
{
    QList<DeliveryRecord> out;
    QVariantList binds;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT id, event_seq, event_type, kind, target, state, attempts, max_attempts, "
                       "next_attempt_at, response_code, last_error, created_at, updated_at FROM deliveries") +
        whereFor(filter, &binds) + QStringLiteral(" ORDER BY created_at DESC, id LIMIT ?"));
    for (const QVariant &b : std::as_const(binds))
        q.addBindValue(b);
    q.addBindValue(filter.limit > 0 ? filter.limit : 100);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("list deliveries"));
        return out;
    }
    while (q.next()) {
        DeliveryRecord r;
        r.id = q.value(0).toString();
        r.eventSeq = q.value(1).toLongLong();
        r.eventType = q.value(2).toString();
        r.kind = q.value(3).toString();
        r.target = q.value(4).toString();
        r.state = q.value(5).toString();
        r.attempts = q.value(6).toInt();
        r.maxAttempts = q.value(7).toInt();
        r.nextAttemptAt = q.value(8).toLongLong();
        r.responseCode = q.value(9).toInt();
        r.lastError = q.value(10).toString();
        r.createdAt = q.value(11).toLongLong();
        r.updatedAt = q.value(12).toLongLong();
        out.append(r);
    }
    return out;
}

static QVariant orNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

static QVariant orNull(qint64 v)
{
    return v == 0 ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(v);
}

bool ReplayJob::isFinished() const
{
    return state == QLatin1String("done") || state == QLatin1String("failed") ||
           state == QLatin1String("cancelled") || state == QLatin1String("interrupted");
}

static QString newJobId()
{
    return QStringLiteral("rpl_") +
           QString::number(QRandomGenerator::system()->generate64(), 16).rightJustified(16, QLatin1Char('0'));
}

static bool insertJob(QSqlDatabase db, const QString &id, const DeliveryFilter &f, const QString &requestedBy,
                      const QString &claimFor, int matched, Error *error)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("INSERT INTO replay_jobs (id, delivery_id, target, event_type, since_ms, until_ms, "
                       "requested_by, state, matched, runner, started_at, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(id);
    q.addBindValue(orNull(f.id));
    q.addBindValue(orNull(f.target));
    q.addBindValue(orNull(f.eventType));
    q.addBindValue(orNull(f.sinceMs));
    q.addBindValue(orNull(f.untilMs));
    q.addBindValue(orNull(requestedBy));
    q.addBindValue(claimFor.isEmpty() ? QStringLiteral("queued") : QStringLiteral("running"));
    q.addBindValue(matched);
    q.addBindValue(orNull(claimFor));
    q.addBindValue(claimFor.isEmpty() ? orNull(qint64(0)) : QVariant(now));
    q.addBindValue(now);
    q.addBindValue(now);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("record replay job"));
        return false;
    }
    return true;
}

QString DeadLetters::createReplayJob(QSqlDatabase db, const DeliveryFilter &f, const QString &requestedBy,
                                     Error *error, const QString &claimFor)
{
    if (f.id.isEmpty() && f.target.isEmpty() && f.eventType.isEmpty() && f.sinceMs == 0 && f.untilMs == 0) {
        if (error)
            *error = Error::make(
                QString::fromLatin1(ErrorCode::ValidationFailed),
                QStringLiteral("Name the delivery (--id) or at least one filter (--target, --type, "
                               "--since, --until) to replay."));
        return {};
    }
    if (f.sinceMs > 0 && f.untilMs > 0 && f.untilMs <= f.sinceMs) {
        if (error)
            *error = Error::make(QString::fromLatin1(ErrorCode::ValidationFailed),
                                 QStringLiteral("--until must be later than --since."));
        return {};
    }
    const QString id = newJobId();
    return insertJob(db, id, f, requestedBy, claimFor, 0, error) ? id : QString();
}

QString DeadLetters::createReplayJobForIds(QSqlDatabase db, const QStringList &ids,
                                           const QString &requestedBy, Error *error, const QString &claimFor)
{
    if (ids.isEmpty() || ids.contains(QString())) {
        if (error)
            *error =
                Error::make(QString::fromLatin1(ErrorCode::ValidationFailed),
                            QStringLiteral("Give at least one delivery id to replay, and no empty ids."));
        return {};
    }
    const QString id = newJobId();
    if (!db.transaction()) {
        if (error)
            *error = Store::Database::toError(db.lastError(), QStringLiteral("begin replay job"));
        return {};
    }
    bool ok = insertJob(db, id, DeliveryFilter{}, requestedBy, claimFor, int(ids.size()), error);
    if (ok) {
        QSqlQuery items(db);
        items.prepare(
            QStringLiteral("INSERT INTO replay_job_items (job_id, item_no, delivery_id) VALUES (?, ?, ?)"));
        QVariantList jobIds, numbers, deliveryIds;
        for (qsizetype i = 0; i < ids.size(); ++i) {
            jobIds.append(id);
            numbers.append(qint64(i + 1));
            deliveryIds.append(ids.at(i));
        }
        items.addBindValue(jobIds);
        items.addBindValue(numbers);
        items.addBindValue(deliveryIds);
        ok = items.execBatch();
        if (!ok && error)
            *error = Store::Database::toError(items.lastError(), QStringLiteral("record replay job items"));
    }
    if (!ok || !db.commit()) {
        if (ok && error)
            *error = Store::Database::toError(db.lastError(), QStringLiteral("commit replay job"));
        db.rollback();
        return {};
    }
    return id;
}

static void finishJob(QSqlDatabase db, const QString &jobId, const QString &state, const QString &message)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE replay_jobs SET state = ?, error = ?, finished_at = ?, updated_at = ? "
                             "WHERE id = ? AND state = 'running'"));
    q.addBindValue(state);
    q.addBindValue(orNull(message));
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(jobId);
    if (!q.exec())
        qCWarning(lcDead).noquote() << "replay job" << jobId << "could not be marked" << state << ":"
                                    << q.lastError().text();
}

static const char kJobColumns[] =
    "SELECT id, delivery_id, target, event_type, since_ms, until_ms, requested_by, state, matched, "
    "replayed, error, created_at, finished_at, processed, runner, cancel_requested_by, started_at, "
    "updated_at, (SELECT COUNT(*) FROM replay_job_items i WHERE i.job_id = replay_jobs.id) FROM replay_jobs";

static ReplayJob jobFrom(const QSqlQuery &q)
{
    ReplayJob j;
    j.id = q.value(0).toString();
    j.filter.id = q.value(1).toString();
    j.filter.target = q.value(2).toString();
    j.filter.eventType = q.value(3).toString();
    j.filter.sinceMs = q.value(4).toLongLong();
    j.filter.untilMs = q.value(5).toLongLong();
    j.requestedBy = q.value(6).toString();
    j.state = q.value(7).toString();
    j.matched = q.value(8).toInt();
    j.replayed = q.value(9).toInt();
    j.error = q.value(10).toString();
    j.createdAt = q.value(11).toLongLong();
    j.finishedAt = q.value(12).toLongLong();
    j.processed = q.value(13).toInt();
    j.runner = q.value(14).toString();
    j.cancelRequestedBy = q.value(15).toString();
    j.startedAt = q.value(16).toLongLong();
    j.updatedAt = q.value(17).toLongLong();
    j.items = q.value(18).toInt();
    return j;
}

std::optional<ReplayJob> DeadLetters::job(QSqlDatabase db, const QString &jobId, Error *error)
{
    QSqlQuery q(db);
    q.prepare(QString::fromLatin1(kJobColumns) + QStringLiteral(" WHERE id = ?"));
    q.addBindValue(jobId);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("read replay job"));
        return std::nullopt;
    }
    if (!q.next()) {
        if (error)
            *error = Error::make(QString::fromLatin1(ReplayError::NotFound),
                                 QStringLiteral("No replay job %1; list them with 'wedsync-node deliveries "
                                                "jobs' or use the job id a replay returned.")
                                     .arg(jobId.left(64)));
        return std::nullopt;
    }
    return jobFrom(q);
}

bool DeadLetters::claimQueuedJob(QSqlDatabase db, const QString &jobId, const QString &runner, Error *error)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery take(db);
    take.prepare(QStringLiteral("UPDATE replay_jobs SET state = 'running', runner = ?, started_at = ?, "
                                "updated_at = ? WHERE id = ? AND state = 'queued'"));
    take.addBindValue(runner);
    take.addBindValue(now);
    take.addBindValue(now);
    take.addBindValue(jobId);
    if (!take.exec()) {
        if (error)
            *error = Store::Database::toError(take.lastError(), QStringLiteral("start replay job"));
        return false;
    }
    if (take.numRowsAffected() == 0) {
        if (error)
            *error = Error::make(QString::fromLatin1(ReplayError::NotQueued),
                                 QStringLiteral("Replay job %1 does not exist or already ran.").arg(jobId));
        return false;
    }
    return true;
}

QStringList DeadLetters::queuedJobs(QSqlDatabase db, int limit, Error *error)
{
    QStringList ids;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT id FROM replay_jobs WHERE state = 'queued' ORDER BY created_at LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("list replay jobs"));
        return ids;
    }
    while (q.next())
        ids.append(q.value(0).toString());
    return ids;
}

bool DeadLetters::runReplayJob(QSqlDatabase db, const QString &jobId, const QString &runner, Error *error,
                               const ReplayRunOptions &options)
{
    return claimQueuedJob(db, jobId, runner, error) && executeReplayJob(db, jobId, runner, options, error);
}

namespace {

// One chunk: up to `limit` candidate ids after the job's resume point, each reset if it is still replayable.
struct Chunk
{
    QStringList ids;
    QString last; // the new resume point
};

} // namespace

bool DeadLetters::executeReplayJob(QSqlDatabase db, const QString &jobId, const QString &runner,
                                   const ReplayRunOptions &options, Error *error)
{
    auto fail = [&](const Error &e) {
        finishJob(db, jobId, QStringLiteral("failed"), e.message);
        if (error)
            *error = e;
        return false;
    };
    Error e;
    auto job = DeadLetters::job(db, jobId, &e);
    if (!job)
        return fail(e);
    if (job->state != QLatin1String("running")) {
        if (error)
            *error = Error::make(QString::fromLatin1(ReplayError::NotQueued),
                                 QStringLiteral("Replay job %1 is %2, not running.").arg(jobId, job->state));
        return false;
    }
    const DeliveryFilter f = job->filter;
    const bool byItems = job->items > 0;
    const int chunkSize = qMax(1, options.chunkSize);
    // One delivery by id or a list: dead or failed. A filter: dead letters only.
    const QString replayable = (byItems || !f.id.isEmpty()) ? QStringLiteral("state IN ('dead', 'failed')")
                                                            : QStringLiteral("state = 'dead'");
    QVariantList filterBinds;
    DeliveryFilter unlimited = f;
    QString where = whereFor(unlimited, &filterBinds);
    where += (where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) + replayable;

    // The total, fixed when the job starts (a list: its length).
    if (!byItems && job->processed == 0) {
        QSqlQuery count(db);
        count.prepare(QStringLiteral("SELECT COUNT(*) FROM deliveries") + where);
        for (const QVariant &b : std::as_const(filterBinds))
            count.addBindValue(b);
        if (!count.exec() || !count.next())
            return fail(Store::Database::toError(count.lastError(), QStringLiteral("count dead letters")));
        const int matched = count.value(0).toInt();
        // End the read before writing: on SQLite a statement left open keeps its read snapshot, and the
        // write below would then fail with "database is locked" as soon as another connection had committed.
        count.finish();
        QSqlQuery set(db);
        set.prepare(QStringLiteral("UPDATE replay_jobs SET matched = ?, updated_at = ? WHERE id = ?"));
        set.addBindValue(matched);
        set.addBindValue(QDateTime::currentMSecsSinceEpoch());
        set.addBindValue(jobId);
        if (!set.exec())
            return fail(Store::Database::toError(set.lastError(), QStringLiteral("record replay total")));
        job->matched = matched;
    }
    if (options.progress)
        options.progress(*job);

    QString resumeAfter;
    {
        QSqlQuery r(db);
        r.prepare(QStringLiteral("SELECT resume_after FROM replay_jobs WHERE id = ?"));
        r.addBindValue(jobId);
        if (r.exec() && r.next())
            resumeAfter = r.value(0).toString();
    }
    const QString requestedBy = job->requestedBy;
    int processed = job->processed;
    int replayed = job->replayed;
    for (;;) {
        // Between chunks (after the runner's pause, if any): a cancel request, in-process or recorded by
        // anyone on the job row, or the node stopping.
        bool cancel = options.cancelled && options.cancelled();
        if (!cancel && options.shutdown && options.shutdown()) {
            finishJob(db, jobId, QStringLiteral("interrupted"),
                      QStringLiteral("the node stopped before the job finished; what was replayed stays "
                                     "replayed, start a new replay for the rest"));
            qCInfo(lcDead).noquote() << "replay job" << jobId << "interrupted after" << processed;
            if (options.progress) {
                if (auto now = DeadLetters::job(db, jobId, nullptr))
                    options.progress(*now);
            }
            return true;
        }
        if (!cancel) {
            QSqlQuery c(db);
            c.prepare(QStringLiteral("SELECT cancel_requested_at FROM replay_jobs WHERE id = ?"));
            c.addBindValue(jobId);
            if (c.exec() && c.next())
                cancel = !c.value(0).isNull();
        }
        if (cancel) {
            finishJob(db, jobId, QStringLiteral("cancelled"), QString());
            qCInfo(lcDead).noquote() << "replay job" << jobId << "cancelled after" << processed << "of"
                                     << job->matched << "(" << replayed << "replayed)";
            if (options.progress) {
                if (auto now = DeadLetters::job(db, jobId, nullptr))
                    options.progress(*now);
            }
            return true;
        }

        Chunk chunk;
        QSqlQuery sel(db);
        sel.setForwardOnly(true);
        if (byItems) {
            sel.prepare(
                QStringLiteral("SELECT delivery_id, item_no FROM replay_job_items WHERE job_id = ? AND "
                               "item_no > ? ORDER BY item_no LIMIT ?"));
            sel.addBindValue(jobId);
            sel.addBindValue(resumeAfter.toLongLong());
            sel.addBindValue(chunkSize);
        } else {
            sel.prepare(QStringLiteral("SELECT id, id FROM deliveries") + where +
                        (resumeAfter.isEmpty() ? QString() : QStringLiteral(" AND id > ?")) +
                        QStringLiteral(" ORDER BY id LIMIT ?"));
            for (const QVariant &b : std::as_const(filterBinds))
                sel.addBindValue(b);
            if (!resumeAfter.isEmpty())
                sel.addBindValue(resumeAfter);
            sel.addBindValue(chunkSize);
        }
        if (!sel.exec())
            return fail(Store::Database::toError(sel.lastError(), QStringLiteral("select dead letters")));
        while (sel.next()) {
            chunk.ids.append(sel.value(0).toString());
            chunk.last = sel.value(1).toString();
        }
        sel.finish();
        if (chunk.ids.isEmpty())
            break;

        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (!db.transaction())
            return fail(Store::Database::toError(db.lastError(), QStringLiteral("begin replay chunk")));
        int chunkReplayed = 0;
        bool ok = true;
        QSqlError sqlError;
        // Write first: SQLite then takes the write lock before reading, so a writer on another connection
        // cannot invalidate this transaction's snapshot between its reads and its writes.
        QSqlQuery touch(db);
        touch.prepare(QStringLiteral("UPDATE replay_jobs SET updated_at = ? WHERE id = ?"));
        touch.addBindValue(now);
        touch.addBindValue(jobId);
        if (!touch.exec()) {
            ok = false;
            sqlError = touch.lastError();
        }
        QSqlQuery read(db);
        read.prepare(QStringLiteral("SELECT state, attempts FROM deliveries WHERE id = ? AND ") + replayable);
        QSqlQuery reset(db);
        reset.prepare(
            QStringLiteral("UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?, "
                           "claimed_by = NULL, claimed_until = NULL, last_error = NULL, updated_at = ? "
                           "WHERE id = ? AND state = ?"));
        QSqlQuery audit(db);
        audit.prepare(
            QStringLiteral("INSERT INTO replay_audit (job_id, delivery_id, previous_state, "
                           "previous_attempts, requested_by, replayed_at) VALUES (?, ?, ?, ?, ?, ?)"));
        for (const QString &id : std::as_const(chunk.ids)) {
            if (!ok)
                break;
            read.addBindValue(id);
            if (!read.exec()) {
                ok = false;
                sqlError = read.lastError();
                break;
            }
            if (!read.next())
                continue; // no longer dead or failed (or gone): counted as processed, not replayed
            const QString state = read.value(0).toString();
            const int attempts = read.value(1).toInt();
            read.finish();
            reset.addBindValue(now);
            reset.addBindValue(now);
            reset.addBindValue(id);
            reset.addBindValue(state);
            if (!reset.exec()) {
                ok = false;
                sqlError = reset.lastError();
                break;
            }
            if (reset.numRowsAffected() != 1)
                continue;
            audit.addBindValue(jobId);
            audit.addBindValue(id);
            audit.addBindValue(state);
            audit.addBindValue(attempts);
            audit.addBindValue(orNull(requestedBy));
            audit.addBindValue(now);
            if (!audit.exec()) {
                ok = false;
                sqlError = audit.lastError();
                break;
            }
            ++chunkReplayed;
        }
        if (ok) {
            QSqlQuery progress(db);
            progress.prepare(
                QStringLiteral("UPDATE replay_jobs SET processed = ?, replayed = ?, resume_after = ?, "
                               "updated_at = ? WHERE id = ?"));
            progress.addBindValue(processed + int(chunk.ids.size()));
            progress.addBindValue(replayed + chunkReplayed);
            progress.addBindValue(chunk.last);
            progress.addBindValue(now);
            progress.addBindValue(jobId);
            ok = progress.exec();
            if (!ok)
                sqlError = progress.lastError();
        }
        if (!ok || !db.commit()) {
            if (ok)
                sqlError = db.lastError();
            db.rollback();
            return fail(Store::Database::toError(sqlError, QStringLiteral("replay dead letters")));
        }
        processed += int(chunk.ids.size());
        replayed += chunkReplayed;
        resumeAfter = chunk.last;
        job->processed = processed;
        job->replayed = replayed;
        job->updatedAt = now;
        if (options.progress)
            options.progress(*job);
        if (chunk.ids.size() < chunkSize)
            break;
    }

    QSqlQuery done(db);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // A filter job's total is what it found when it started; dead letters that appeared meanwhile count too.
    done.prepare(
        QStringLiteral("UPDATE replay_jobs SET state = 'done', matched = CASE WHEN matched < ? THEN ? "
                       "ELSE matched END, finished_at = ?, updated_at = ? WHERE id = ? AND state = "
                       "'running'"));
    done.addBindValue(processed);
    done.addBindValue(processed);
    done.addBindValue(now);
    done.addBindValue(now);
    done.addBindValue(jobId);
    if (!done.exec())
        return fail(Store::Database::toError(done.lastError(), QStringLiteral("finish replay job")));
    qCInfo(lcDead).noquote() << "replay job" << jobId << "by"
                             << (requestedBy.isEmpty() ? QStringLiteral("?") : requestedBy) << "on" << runner
                             << "reset" << replayed << "of" << processed << "deliveries";
    if (options.progress) {
        if (auto now = DeadLetters::job(db, jobId, nullptr))
            options.progress(*now);
    }
    return true;
}

QList<ReplayJob> DeadLetters::jobs(QSqlDatabase db, int limit, Error *error)
{
    QList<ReplayJob> out;
    QSqlQuery q(db);
    q.prepare(QString::fromLatin1(kJobColumns) + QStringLiteral(" ORDER BY created_at DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("list replay jobs"));
        return out;
    }
    while (q.next())
        out.append(jobFrom(q));
    return out;
}

std::optional<ReplayJob> DeadLetters::requestCancel(QSqlDatabase db, const QString &jobId,
                                                    const QString &requestedBy, Error *error)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // A queued job never started: it ends here. A running one is stopped by its runner between chunks.
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("UPDATE replay_jobs SET state = 'cancelled', cancel_requested_by = ?, "
                       "cancel_requested_at = ?, finished_at = ?, updated_at = ? WHERE id = ? AND state "
                       "= 'queued'"));
    q.addBindValue(orNull(requestedBy));
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(jobId);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("cancel replay job"));
        return std::nullopt;
    }
    if (q.numRowsAffected() == 0) {
        q.prepare(QStringLiteral("UPDATE replay_jobs SET cancel_requested_by = ?, cancel_requested_at = ?, "
                                 "updated_at = ? WHERE id = ? AND state = 'running' AND cancel_requested_at "
                                 "IS NULL"));
        q.addBindValue(orNull(requestedBy));
        q.addBindValue(now);
        q.addBindValue(now);
        q.addBindValue(jobId);
        if (!q.exec()) {
            if (error)
                *error = Store::Database::toError(q.lastError(), QStringLiteral("cancel replay job"));
            return std::nullopt;
        }
    }
    auto j = job(db, jobId, error);
    if (!j)
        return std::nullopt;
    if (j->isFinished() && j->cancelRequestedBy.isEmpty()) {
        if (error)
            *error = Error::make(
                QString::fromLatin1(ReplayError::Finished),
                QStringLiteral("Replay job %1 already ended (%2); nothing to cancel.").arg(jobId, j->state),
                {{QStringLiteral("state"), j->state}});
        return std::nullopt;
    }
    if (j->isFinished() && j->state != QLatin1String("cancelled")) {
        if (error)
            *error = Error::make(
                QString::fromLatin1(ReplayError::Finished),
                QStringLiteral("Replay job %1 ended (%2) before it could be cancelled.").arg(jobId, j->state),
                {{QStringLiteral("state"), j->state}});
        return std::nullopt;
    }
    qCInfo(lcDead).noquote() << "replay job" << jobId << "cancel requested by"
                             << (requestedBy.isEmpty() ? QStringLiteral("?") : requestedBy);
    return j;
}

int DeadLetters::markInterrupted(QSqlDatabase db, const QString &node, Error *error)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE replay_jobs SET state = 'interrupted', error = ?, finished_at = ?, "
                             "updated_at = ? WHERE state = 'running' AND (runner = ? OR runner LIKE ?)"));
    q.addBindValue(QStringLiteral("the node running it stopped before it finished; what was replayed stays "
                                  "replayed, start a new replay for the rest"));
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(node);
    q.addBindValue(QString(node).replace(QLatin1Char('%'), QLatin1Char('_')) + QStringLiteral("/%"));
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("mark interrupted replay jobs"));
        return -1;
    }
    const int n = q.numRowsAffected();
    if (n > 0)
        qCWarning(lcDead).noquote() << n << "replay job(s) left running by" << node
                                    << "when it stopped are now marked interrupted";
    return n;
}

} // namespace WedSync::Delivery
