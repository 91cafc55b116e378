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

QString DeadLetters::createReplayJob(QSqlDatabase db, const DeliveryFilter &f, const QString &requestedBy,
                                     Error *error)
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
    const QString id =
        QStringLiteral("rpl_") +
        QString::number(QRandomGenerator::system()->generate64(), 16).rightJustified(16, QLatin1Char('0'));
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("INSERT INTO replay_jobs (id, delivery_id, target, event_type, since_ms, until_ms, "
                       "requested_by, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?)"));
    q.addBindValue(id);
    q.addBindValue(orNull(f.id));
    q.addBindValue(orNull(f.target));
    q.addBindValue(orNull(f.eventType));
    q.addBindValue(orNull(f.sinceMs));
    q.addBindValue(orNull(f.untilMs));
    q.addBindValue(orNull(requestedBy));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("record replay job"));
        return {};
    }
    return id;
}

static void markFailed(QSqlDatabase db, const QString &jobId, const QString &message)
{
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("UPDATE replay_jobs SET state = 'failed', error = ?, finished_at = ? WHERE id = ?"));
    q.addBindValue(message);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(jobId);
    q.exec();
}

bool DeadLetters::runReplayJob(QSqlDatabase db, const QString &jobId, const QString &runner, Error *error)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery take(db);
    take.prepare(
        QStringLiteral("UPDATE replay_jobs SET state = 'running', started_at = ? WHERE id = ? AND state = "
                       "'queued'"));
    take.addBindValue(now);
    take.addBindValue(jobId);
    if (!take.exec()) {
        if (error)
            *error = Store::Database::toError(take.lastError(), QStringLiteral("start replay job"));
        return false;
    }
    if (take.numRowsAffected() == 0) {
        if (error)
            *error = Error::make(QStringLiteral("REPLAY_JOB_NOT_QUEUED"),
                                 QStringLiteral("Replay job %1 does not exist or already ran.").arg(jobId));
        return false;
    }
    QSqlQuery job(db);
    job.prepare(
        QStringLiteral("SELECT delivery_id, target, event_type, since_ms, until_ms, requested_by FROM "
                       "replay_jobs WHERE id = ?"));
    job.addBindValue(jobId);
    if (!job.exec() || !job.next()) {
        const Error e = Store::Database::toError(job.lastError(), QStringLiteral("read replay job"));
        markFailed(db, jobId, e.message);
        if (error)
            *error = e;
        return false;
    }
    DeliveryFilter f;
    f.id = job.value(0).toString();
    f.target = job.value(1).toString();
    f.eventType = job.value(2).toString();
    f.sinceMs = job.value(3).toLongLong();
    f.untilMs = job.value(4).toLongLong();
    const QString requestedBy = job.value(5).toString();
    job.finish();

    if (!db.transaction()) {
        const Error e = Store::Database::toError(db.lastError(), QStringLiteral("begin replay"));
        markFailed(db, jobId, e.message);
        if (error)
            *error = e;
        return false;
    }
    QVariantList binds;
    QString where = whereFor(f, &binds);
    // One delivery by id: dead or failed. A filter: dead letters only.
    where += f.id.isEmpty() ? QStringLiteral(" AND state = 'dead'")
                            : QStringLiteral(" AND state IN ('dead', 'failed')");
    QSqlQuery sel(db);
    sel.setForwardOnly(true);
    sel.prepare(QStringLiteral("SELECT id, state, attempts FROM deliveries") + where);
    for (const QVariant &b : std::as_const(binds))
        sel.addBindValue(b);
    bool ok = sel.exec();
    QVariantList ids, states, attempts;
    while (ok && sel.next()) {
        ids.append(sel.value(0));
        states.append(sel.value(1));
        attempts.append(sel.value(2));
    }
    sel.finish();
    if (ok && !ids.isEmpty()) {
        QSqlQuery audit(db);
        audit.prepare(QStringLiteral(
            "INSERT INTO replay_audit (job_id, delivery_id, previous_state, previous_attempts, "
            "requested_by, replayed_at) VALUES (?, ?, ?, ?, ?, ?)"));
        QVariantList jobIds, who, at;
        for (int i = 0; i < ids.size(); ++i) {
            jobIds.append(jobId);
            who.append(requestedBy);
            at.append(now);
        }
        audit.addBindValue(jobIds);
        audit.addBindValue(ids);
        audit.addBindValue(states);
        audit.addBindValue(attempts);
        audit.addBindValue(who);
        audit.addBindValue(at);
        ok = audit.execBatch();
        if (ok) {
            QSqlQuery reset(db);
            reset.prepare(
                QStringLiteral("UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?, "
                               "claimed_by = NULL, "
                               "claimed_until = NULL, last_error = NULL, updated_at = ? WHERE id = ?"));
            QVariantList nows;
            for (int i = 0; i < ids.size(); ++i)
                nows.append(now);
            reset.addBindValue(nows);
            reset.addBindValue(nows);
            reset.addBindValue(ids);
            ok = reset.execBatch();
            if (!ok)
                qCWarning(lcDead) << reset.lastError().text();
        }
    }
    QSqlQuery done(db);
    if (ok) {
        done.prepare(QStringLiteral(
            "UPDATE replay_jobs SET state = 'done', matched = ?, replayed = ?, finished_at = ? "
            "WHERE id = ?"));
        done.addBindValue(int(ids.size()));
        done.addBindValue(int(ids.size()));
        done.addBindValue(QDateTime::currentMSecsSinceEpoch());
        done.addBindValue(jobId);
        ok = done.exec();
    }
    if (!ok || !db.commit()) {
        const QSqlError se = sel.lastError().isValid() ? sel.lastError() : db.lastError();
        db.rollback();
        const Error e = Store::Database::toError(se, QStringLiteral("replay dead letters"));
        markFailed(db, jobId, e.message);
        if (error)
            *error = e;
        return false;
    }
    qCInfo(lcDead).noquote() << "replay job" << jobId << "by"
                             << (requestedBy.isEmpty() ? QStringLiteral("?") : requestedBy) << "on" << runner
                             << "reset" << ids.size() << "deliveries";
    return true;
}

int DeadLetters::runQueuedJobs(QSqlDatabase db, const QString &runner, Error *error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id FROM replay_jobs WHERE state = 'queued' ORDER BY created_at"))) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("list replay jobs"));
        return 0;
    }
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    q.finish();
    int ran = 0;
    for (const QString &id : std::as_const(ids))
        if (runReplayJob(db, id, runner, error))
            ++ran;
    return ran;
}

QList<ReplayJob> DeadLetters::jobs(QSqlDatabase db, int limit, Error *error)
{
    QList<ReplayJob> out;
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "SELECT id, delivery_id, target, event_type, since_ms, until_ms, requested_by, state, "
        "matched, replayed, error, created_at, finished_at FROM replay_jobs ORDER BY created_at "
        "DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("list replay jobs"));
        return out;
    }
    while (q.next()) {
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
        out.append(j);
    }
    return out;
}

} // namespace WedSync::Delivery
