#include "deliveryhandlers.h"

#include "delivery/deadletters.h"
#include "delivery/deliveryworker.h"
#include "delivery/subscriptions.h"
#include "health/monitor.h"
#include "node/engine.h"
#include "node/nodeserver.h"
#include "node/replayjobs.h"
#include "store/database.h"

#include <QDateTime>
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

// Parses a time argument: milliseconds since the epoch or ISO 8601 text; nullopt (and *bad) otherwise.
std::optional<qint64> timeArg(const QJsonObject &args, const char *key, Outcome *bad)
{
    const QJsonValue v = args.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull())
        return qint64(0);
    if (v.isDouble() && v.toDouble() >= 0 && v.toDouble() == double(qint64(v.toDouble())))
        return qint64(v.toDouble());
    if (v.isString()) {
        QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
        if (t.isValid())
            return t.toMSecsSinceEpoch();
    }
    *bad = badRequest(QStringLiteral("\"%1\" must be milliseconds since the epoch or ISO 8601 "
                                     "(2026-06-20T14:00:00Z)")
                          .arg(QLatin1String(key)));
    return std::nullopt;
}

Outcome jobOutcome(const std::optional<Delivery::ReplayJob> &job, const Error &e)
{
    if (!job) {
        if (e.code == QLatin1String(Delivery::ReplayError::NotFound))
            return Outcome::failure(Error::make(QString::fromLatin1(NodeError::NotFound), e.message));
        return Outcome::failure(e);
    }
    return Outcome::success(ReplayJobRunner::toJson(*job));
}

ReplayJobRunner *runnerOf(Engine *engine, Outcome *unavailable)
{
    ReplayJobRunner *runner = engine->replayJobs();
    if (!runner)
        *unavailable = Outcome::failure("ENGINE_NOT_RUNNING",
                                        QStringLiteral("the engine is not running; start it first"));
    return runner;
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
                        t.insert(QStringLiteral("url"), s.url);
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
                "a.error AS error, a.started_at AS at, d.event_type AS event_type FROM delivery_attempts a "
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
                              QSqlDatabase db = engine->database()->connection(&e);
                              if (!db.isOpen())
                                  return Outcome::failure(e);
                              return jobOutcome(Delivery::DeadLetters::job(db, id, &e), e);
                          });
    server->registerQuery(QStringLiteral("job.list"), Role::Viewer,
                          [engine](const RequestContext &, const QJsonObject &args) {
                              Outcome bad;
                              const auto limit = intArg(args, "limit", 50, 1, 1000, &bad);
                              if (!limit)
                                  return bad;
                              Error e;
                              QSqlDatabase db = engine->database()->connection(&e);
                              if (!db.isOpen())
                                  return Outcome::failure(e);
                              const auto jobs = Delivery::DeadLetters::jobs(db, int(*limit), &e);
                              if (e)
                                  return Outcome::failure(e);
                              QJsonArray items;
                              for (const auto &j : jobs)
                                  items.append(ReplayJobRunner::toJson(j));
                              return Outcome::success(QJsonObject{{QStringLiteral("items"), items}});
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

    // A background job (docs/protocol.md, "Replay jobs"): answered at once with the job as it starts.
    server->registerCommand(
        QStringLiteral("deliveries.replay"), Role::Operator,
        [engine](const RequestContext &ctx, const QJsonObject &args) {
            Outcome unavailable;
            ReplayJobRunner *runner = runnerOf(engine, &unavailable);
            if (!runner)
                return unavailable;
            const QJsonValue idsValue = args.value(QLatin1String("ids"));
            const QJsonValue filterValue = args.value(QLatin1String("filter"));
            Error e;
            if (!idsValue.isUndefined()) {
                if (!filterValue.isUndefined())
                    return badRequest(QStringLiteral("give \"ids\" or \"filter\", not both"));
                const QJsonArray array = idsValue.toArray();
                QStringList ids;
                for (const QJsonValue &v : array)
                    if (v.isString() && !v.toString().isEmpty())
                        ids << v.toString();
                if (!idsValue.isArray() || ids.isEmpty() || ids.size() != array.size())
                    return badRequest(
                        QStringLiteral("\"ids\" must be a non-empty array of dead-letter delivery ids"));
                return jobOutcome(runner->startIds(ids, ctx.actor, &e), e);
            }
            if (!filterValue.isObject())
                return badRequest(QStringLiteral("give \"ids\" (dead-letter delivery ids) or \"filter\" "
                                                 "{target, event_type, since, until}"));
            const QJsonObject fo = filterValue.toObject();
            static const QStringList keys = {QStringLiteral("target"), QStringLiteral("event_type"),
                                             QStringLiteral("since"), QStringLiteral("until")};
            for (auto it = fo.begin(); it != fo.end(); ++it)
                if (!keys.contains(it.key()))
                    return badRequest(QStringLiteral("unknown filter key \"%1\"; use %2")
                                          .arg(it.key().left(64), keys.join(QStringLiteral(", "))));
            Outcome bad;
            Delivery::DeliveryFilter f;
            for (const char *k : {"target", "event_type"}) {
                const QJsonValue v = fo.value(QLatin1String(k));
                if (!v.isUndefined() && !v.isString())
                    return badRequest(QStringLiteral("filter \"%1\" must be a string").arg(QLatin1String(k)));
            }
            f.target = fo.value(QLatin1String("target")).toString();
            f.eventType = fo.value(QLatin1String("event_type")).toString();
            const auto since = timeArg(fo, "since", &bad);
            if (!since)
                return bad;
            const auto until = timeArg(fo, "until", &bad);
            if (!until)
                return bad;
            f.sinceMs = *since;
            f.untilMs = *until;
            return jobOutcome(runner->startFilter(f, ctx.actor, &e), e);
        });

    server->registerCommand(QStringLiteral("deliveries.redeliver"), Role::Operator,
                            [engine](const RequestContext &ctx, const QJsonObject &args) {
                                const QString id = stringArg(args, {"id"});
                                if (id.isEmpty())
                                    return badRequest(
                                        QStringLiteral("\"id\" names the delivery to send again"));
                                Outcome unavailable;
                                ReplayJobRunner *runner = runnerOf(engine, &unavailable);
                                if (!runner)
                                    return unavailable;
                                Error e;
                                return jobOutcome(runner->startIds({id}, ctx.actor, &e), e);
                            });

    // Stops a job between chunks, on whichever node runs it; what was replayed stays replayed.
    server->registerCommand(QStringLiteral("job.cancel"), Role::Operator,
                            [engine](const RequestContext &ctx, const QJsonObject &args) {
                                const QString id = stringArg(args, {"job_id", "id"});
                                if (id.isEmpty())
                                    return badRequest(QStringLiteral("\"job_id\" names the replay job"));
                                Outcome unavailable;
                                ReplayJobRunner *runner = runnerOf(engine, &unavailable);
                                if (!runner)
                                    return unavailable;
                                Error e;
                                return jobOutcome(runner->cancel(id, ctx.actor, &e), e);
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
