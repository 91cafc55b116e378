#include "deliveryhandlers.h"

#include "delivery/deadletters.h"
#include "delivery/deliveryworker.h"
#include "delivery/subscriptions.h"
#include "health/monitor.h"
#include "node/engine.h"
#include "node/nodeserver.h"
#include "store/database.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <limits>
#include <optional>

namespace WedSync::Node {

namespace {

Outcome badRequest(const QString &message)
{
    return Outcome::failure(NodeError::BadRequest, message);
}

std::optional<qint64> intArg(const QJsonObject &args, const char *key, qint64 def, qint64 min, qint64 max,
                             Outcome *bad)
{
    const QJsonValue v = args.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull())
        return def;
    const double d = v.toDouble(-1e300);
    if (!v.isDouble() || d != double(qint64(d)) || d < double(min) || d > double(max)) {
        *bad = badRequest(QStringLiteral("\"%1\" must be an integer from %2 to %3")
                              .arg(QLatin1String(key))
                              .arg(min)
                              .arg(max));
        return std::nullopt;
    }
    return qint64(d);
}

// A required non-empty string argument, looked up under the first of `keys` present.
QString stringArg(const QJsonObject &args, std::initializer_list<const char *> keys)
{
    for (const char *k : keys) {
        const QJsonValue v = args.value(QLatin1String(k));
        if (v.isString())
            return v.toString();
        if (v.isDouble())
            return QString::number(qint64(v.toDouble()));
    }
    return {};
}

// Runs a read-only statement; each row becomes an object keyed by column name.
std::optional<QJsonArray> select(Engine *engine, const QString &sql, const QVariantList &binds, Error *error)
{
    QSqlDatabase db = engine->database()->connection(error);
    if (!db.isOpen())
        return std::nullopt;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec()) {
        *error = Store::Database::toError(q.lastError(), QStringLiteral("read deliveries"));
        return std::nullopt;
    }
    QJsonArray rows;
    while (q.next()) {
        const QSqlRecord r = q.record();
        QJsonObject o;
        for (int i = 0; i < r.count(); ++i)
            o.insert(r.fieldName(i), q.isNull(i) ? QJsonValue() : QJsonValue::fromVariant(q.value(i)));
        rows.append(o);
    }
    return rows;
}

// The console's job states: queued | running | completed | failed.
QString consoleJobState(const QString &state)
{
    return state == QLatin1String("done") ? QStringLiteral("completed") : state;
}

std::optional<QJsonObject> jobStatus(Engine *engine, const QString &jobId, Error *error)
{
    const auto rows =
        select(engine,
               QStringLiteral("SELECT id, delivery_id, target, state, matched, replayed, error, "
                              "created_at, finished_at FROM replay_jobs WHERE id = ?"),
               {jobId}, error);
    if (!rows)
        return std::nullopt;
    if (rows->isEmpty()) {
        *error =
            Error::make(QString::fromLatin1(NodeError::NotFound),
                        QStringLiteral("no replay job \"%1\"; use the job_id that deliveries.replay returned")
                            .arg(jobId.left(64)));
        return std::nullopt;
    }
    const QJsonObject j = rows->first().toObject();
    const QString state = consoleJobState(j.value(QStringLiteral("state")).toString());
    const int matched = j.value(QStringLiteral("matched")).toInt();
    const int replayed = j.value(QStringLiteral("replayed")).toInt();
    const bool finished = state == QLatin1String("completed") || state == QLatin1String("failed");
    return QJsonObject{{QStringLiteral("job_id"), jobId},
                       {QStringLiteral("delivery_id"), j.value(QStringLiteral("delivery_id"))},
                       {QStringLiteral("state"), state},
                       {QStringLiteral("total"), matched},
                       {QStringLiteral("done"), replayed},
                       {QStringLiteral("failed"), finished ? matched - replayed : 0},
                       {QStringLiteral("error"), j.value(QStringLiteral("error"))},
                       {QStringLiteral("created_at"), j.value(QStringLiteral("created_at"))},
                       {QStringLiteral("finished_at"), j.value(QStringLiteral("finished_at"))}};
}

// Creates and runs one tracked replay job per delivery; the answer sums their status.
Outcome replay(Engine *engine, const RequestContext &ctx, const QStringList &ids)
{
    Error e;
    QSqlDatabase db = engine->database()->connection(&e);
    if (!db.isOpen())
        return Outcome::failure(e);
    QJsonArray jobIds;
    int total = 0;
    int done = 0;
    int failed = 0;
    for (const QString &id : ids) {
        Delivery::DeliveryFilter f;
        f.id = id;
        const QString jobId = Delivery::DeadLetters::createReplayJob(db, f, ctx.actor, &e);
        if (jobId.isEmpty())
            return Outcome::failure(e);
        Error runError;
        Delivery::DeadLetters::runReplayJob(db, jobId, engine->config().string(QStringLiteral("node.name")),
                                            &runError);
        const auto status = jobStatus(engine, jobId, &e);
        if (!status)
            return Outcome::failure(e);
        jobIds.append(jobId);
        // A job that matched nothing (the delivery is no longer dead) counts as one failed replay.
        const int matched = status->value(QStringLiteral("total")).toInt();
        total += qMax(matched, 1);
        done += status->value(QStringLiteral("done")).toInt();
        failed += qMax(matched, 1) - status->value(QStringLiteral("done")).toInt();
    }
    if (Delivery::DeliveryWorker *worker = engine->delivery())
        worker->wake();
    return Outcome::success(
        QJsonObject{{QStringLiteral("job_id"), jobIds.first()},
                    {QStringLiteral("job_ids"), jobIds},
                    {QStringLiteral("total"), total},
                    {QStringLiteral("done"), done},
                    {QStringLiteral("failed"), failed},
                    {QStringLiteral("state"),
                     failed == total && total > 0 ? QStringLiteral("failed") : QStringLiteral("completed")}});
}

Outcome setSubscriptionActive(Engine *engine, const RequestContext &ctx, const QJsonObject &args, bool active)
{
    const QString id = stringArg(args, {"id", "subscription_id"});
    if (id.isEmpty())
        return badRequest(QStringLiteral("\"id\" names the subscription (sub_...)"));
    Error e;
    QSqlDatabase db = engine->database()->connection(&e);
    if (!db.isOpen())
        return Outcome::failure(e);
    const QString reason = active ? QString() : QStringLiteral("disabled by %1").arg(ctx.actor);
    if (!Delivery::SubscriptionStore::setActive(db, id, active, reason, &e))
        return Outcome::failure(e);
    return Outcome::success(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("active"), active}});
}

} // namespace

void registerDeliveryHandlers(Engine *engine, NodeServer *server)
{
    server->registerQuery(
        QStringLiteral("deliveries.targets"), Role::Viewer,
        [engine](const RequestContext &, const QJsonObject &) {
            Error e;
            const auto rows = select(
                engine,
                QStringLiteral("SELECT d.target AS target, MIN(d.kind) AS kind, "
                               "SUM(CASE WHEN d.state = 'pending' THEN 1 ELSE 0 END) AS pending, "
                               "SUM(CASE WHEN d.state = 'delivered' THEN 1 ELSE 0 END) AS delivered, "
                               "SUM(CASE WHEN d.state = 'failed' THEN 1 ELSE 0 END) AS failed, "
                               "SUM(CASE WHEN d.state = 'dead' THEN 1 ELSE 0 END) AS dead, "
                               "COALESCE(MAX(t.state), 'closed') AS breaker, MAX(t.consecutive_failures) AS "
                               "consecutive_failures, MAX(t.last_success_at) AS last_success_at, "
                               "(SELECT d2.response_code FROM deliveries d2 WHERE d2.target = d.target "
                               "ORDER BY d2.updated_at DESC LIMIT 1) AS status_code "
                               "FROM deliveries d LEFT JOIN delivery_targets t ON t.target = d.target "
                               "GROUP BY d.target ORDER BY d.target"),
                {}, &e);
            if (!rows)
                return Outcome::failure(e);
            QSqlDatabase db = engine->database()->connection(&e);
            const auto subscriptions = Delivery::SubscriptionStore::list(db, &e);
            if (e)
                return Outcome::failure(e);
            QJsonArray items;
            for (const QJsonValue &v : *rows) {
                QJsonObject t = v.toObject();
                const QString target = t.value(QStringLiteral("target")).toString();
                t.insert(QStringLiteral("id"), target);
                t.insert(QStringLiteral("state"), t.value(QStringLiteral("breaker")));
                t.insert(QStringLiteral("circuit"), t.value(QStringLiteral("breaker")));
                for (const auto &s : subscriptions) {
                    if (s.id == target || s.url == target) {
                        t.insert(QStringLiteral("subscription_id"), s.id);
                        t.insert(QStringLiteral("active"), s.active);
                        t.insert(QStringLiteral("disabled_reason"), s.disabledReason);
                    }
                }
                items.append(t);
            }
            return Outcome::success(QJsonObject{{QStringLiteral("items"), items}});
        });

    server->registerQuery(
        QStringLiteral("deliveries.attempts"), Role::Viewer,
        [engine](const RequestContext &, const QJsonObject &args) {
            Outcome bad;
            const auto limit = intArg(args, "limit", 100, 1, 1000, &bad);
            if (!limit)
                return bad;
            const QString target = stringArg(args, {"target"});
            QString sql = QStringLiteral(
                "SELECT a.id AS id, a.delivery_id AS delivery_id, d.target AS target, a.attempt AS attempt, "
                "a.http_status AS status_code, a.latency_ms AS latency_ms, a.error_code AS error_code, "
                "a.error AS error, a.started_at AS at FROM delivery_attempts a "
                "JOIN deliveries d ON d.id = a.delivery_id");
            QVariantList binds;
            if (!target.isEmpty()) {
                sql += QStringLiteral(" WHERE d.target = ?");
                binds << target;
            }
            sql += QStringLiteral(" ORDER BY a.started_at DESC, a.id DESC LIMIT ?");
            binds << *limit;
            Error e;
            const auto rows = select(engine, sql, binds, &e);
            if (!rows)
                return Outcome::failure(e);
            return Outcome::success(QJsonObject{{QStringLiteral("items"), *rows}});
        });

    server->registerQuery(
        QStringLiteral("deliveries.dead_letters"), Role::Viewer,
        [engine](const RequestContext &, const QJsonObject &args) {
            Outcome bad;
            const auto limit = intArg(args, "limit", 100, 1, 1000, &bad);
            if (!limit)
                return bad;
            const auto before = intArg(args, "before", 0, 0, std::numeric_limits<qint64>::max() / 2, &bad);
            if (!before)
                return bad;
            Delivery::DeliveryFilter f;
            f.state = QStringLiteral("dead");
            f.untilMs = *before;
            f.limit = int(*limit);
            Error e;
            QSqlDatabase db = engine->database()->connection(&e);
            if (!db.isOpen())
                return Outcome::failure(e);
            const auto list = Delivery::DeadLetters::list(db, f, &e);
            if (e)
                return Outcome::failure(e);
            QJsonArray items;
            qint64 next = 0;
            for (const auto &d : list) {
                items.append(QJsonObject{{QStringLiteral("id"), d.id},
                                         {QStringLiteral("event_seq"), d.eventSeq},
                                         {QStringLiteral("event_type"), d.eventType},
                                         {QStringLiteral("kind"), d.kind},
                                         {QStringLiteral("target"), d.target},
                                         {QStringLiteral("state"), d.state},
                                         {QStringLiteral("attempts"), d.attempts},
                                         {QStringLiteral("status_code"), d.responseCode},
                                         {QStringLiteral("error"), d.lastError},
                                         {QStringLiteral("created_at"), d.createdAt},
                                         {QStringLiteral("updated_at"), d.updatedAt}});
                next = d.createdAt;
            }
            return Outcome::success(QJsonObject{
                {QStringLiteral("items"), items},
                {QStringLiteral("next_before"), list.size() == *limit ? QJsonValue(next) : QJsonValue()}});
        });

    server->registerQuery(QStringLiteral("job.get"), Role::Viewer,
                          [engine](const RequestContext &, const QJsonObject &args) {
                              const QString id = stringArg(args, {"job_id", "id"});
                              if (id.isEmpty())
                                  return badRequest(QStringLiteral("\"job_id\" names the replay job"));
                              Error e;
                              const auto status = jobStatus(engine, id, &e);
                              return status ? Outcome::success(*status) : Outcome::failure(e);
                          });

    server->registerQuery(
        QStringLiteral("health.failures"), Role::Viewer,
        [engine](const RequestContext &, const QJsonObject &args) {
            const QString integration = stringArg(args, {"integration", "id"});
            if (integration.isEmpty())
                return badRequest(
                    QStringLiteral("\"integration\" names a delivery target or a webhook source"));
            Outcome bad;
            const auto limit = intArg(args, "limit", 50, 1, 1000, &bad);
            if (!limit)
                return bad;
            Error e;
            auto rows =
                select(engine,
                       QStringLiteral("SELECT a.delivery_id AS id, a.http_status AS status_code, "
                                      "a.latency_ms AS latency_ms, COALESCE(a.error, a.error_code) AS "
                                      "error, a.started_at AS at FROM delivery_attempts a JOIN "
                                      "deliveries d ON d.id = a.delivery_id WHERE d.target = ? AND "
                                      "(a.error IS NOT NULL OR a.error_code IS NOT NULL OR "
                                      "a.http_status IS NULL OR a.http_status >= 400) "
                                      "ORDER BY a.started_at DESC LIMIT ?"),
                       {integration, *limit}, &e);
            if (!rows)
                return Outcome::failure(e);
            if (rows->isEmpty()) {
                rows = select(engine,
                              QStringLiteral("SELECT request_id AS id, status AS status_code, latency_ms, "
                                             "error_code AS error, received_at AS at FROM webhook_log "
                                             "WHERE (source = ? OR integration_id = ?) AND status >= 400 "
                                             "ORDER BY received_at DESC LIMIT ?"),
                              {integration, integration, *limit}, &e);
                if (!rows)
                    return Outcome::failure(e);
            }
            return Outcome::success(QJsonObject{{QStringLiteral("integration"), integration},
                                                {QStringLiteral("failures"), *rows}});
        });

    server->registerCommand(
        QStringLiteral("deliveries.replay"), Role::Operator,
        [engine](const RequestContext &ctx, const QJsonObject &args) {
            const QJsonArray array = args.value(QLatin1String("ids")).toArray();
            QStringList ids;
            for (const QJsonValue &v : array)
                if (v.isString() && !v.toString().isEmpty())
                    ids << v.toString();
            if (ids.isEmpty() || ids.size() != array.size())
                return badRequest(
                    QStringLiteral("\"ids\" must be a non-empty array of dead-letter delivery ids"));
            if (ids.size() > 1000)
                return badRequest(QStringLiteral("replay at most 1000 deliveries per request"));
            return replay(engine, ctx, ids);
        });

    server->registerCommand(QStringLiteral("deliveries.redeliver"), Role::Operator,
                            [engine](const RequestContext &ctx, const QJsonObject &args) {
                                const QString id = stringArg(args, {"id"});
                                if (id.isEmpty())
                                    return badRequest(
                                        QStringLiteral("\"id\" names the delivery to send again"));
                                return replay(engine, ctx, {id});
                            });

    server->registerCommand(
        QStringLiteral("job.cancel"), Role::Operator, [](const RequestContext &, const QJsonObject &) {
            return Outcome::failure(
                "JOB_CANCEL_UNSUPPORTED",
                QStringLiteral("replay jobs run to completion as soon as they are created and cannot be "
                               "cancelled; check the outcome with job.get"));
        });

    server->registerCommand(
        QStringLiteral("alerts.ack"), Role::Operator,
        [engine](const RequestContext &ctx, const QJsonObject &args) {
            Outcome bad;
            const auto id = intArg(args, "id", 0, 1, std::numeric_limits<qint64>::max() / 2, &bad);
            if (!id || *id == 0)
                return id ? badRequest(QStringLiteral("\"id\" names the alert to acknowledge")) : bad;
            Error e;
            const auto a = engine->health()->acknowledge(*id, ctx.actor, &e);
            if (!a)
                return Outcome::failure(e);
            return Outcome::success(a->toJson());
        });

    server->registerCommand(QStringLiteral("subscription.enable"), Role::Admin,
                            [engine](const RequestContext &ctx, const QJsonObject &args) {
                                return setSubscriptionActive(engine, ctx, args, true);
                            });
    server->registerCommand(QStringLiteral("subscription.disable"), Role::Admin,
                            [engine](const RequestContext &ctx, const QJsonObject &args) {
                                return setSubscriptionActive(engine, ctx, args, false);
                            });
}

} // namespace WedSync::Node
