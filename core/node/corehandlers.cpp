#include "corehandlers.h"

#include "events/journal.h"
#include "health/monitor.h"
#include "node/audit.h"
#include "node/engine.h"
#include "node/nodeserver.h"
#include "node/tokenstore.h"
#include "node/topic.h"
#include "store/database.h"

#include <QDateTime>
#include <QJsonArray>

namespace WedSync::Node {

static Outcome badRequest(const QString &message)
{
    return Outcome::failure(NodeError::BadRequest, message);
}

// Reads an optional non-negative integer argument; nullopt (and *bad set) when it has the wrong type.
static std::optional<qint64> intArg(const QJsonObject &args, const char *key, qint64 def, qint64 min,
                                    qint64 max, Outcome *bad)
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

static QJsonObject storedToJson(const Events::StoredEvent &e)
{
    return QJsonObject{{QStringLiteral("seq"), e.seq}, {QStringLiteral("event"), e.event.toJson()}};
}

static QJsonObject tokenToJson(const TokenInfo &t)
{
    return QJsonObject{
        {QStringLiteral("name"), t.name},
        {QStringLiteral("role"), roleName(t.role)},
        {QStringLiteral("created_at"), t.createdAtMs},
        {QStringLiteral("last_used_at"), t.lastUsedAtMs ? QJsonValue(t.lastUsedAtMs) : QJsonValue()},
        {QStringLiteral("revoked_at"), t.revokedAtMs ? QJsonValue(t.revokedAtMs) : QJsonValue()}};
}

// Reads a page of a topic, filtered server-side, scanning at most `scanMax` items.
static Outcome readTopic(NodeServer *server, const RequestContext &ctx, const QString &name,
                         const QJsonObject &args)
{
    Topic *topic = server->topic(name);
    if (!topic)
        return Outcome::failure(NodeError::UnknownTopic,
                                QStringLiteral("no topic \"%1\"").arg(name.left(64)));
    if (ctx.role < topic->readRole())
        return Outcome::failure(
            NodeError::Forbidden,
            QStringLiteral("reading %1 needs the %2 role").arg(name, roleName(topic->readRole())));
    Outcome bad;
    const auto after = intArg(args, "after", 0, 0, std::numeric_limits<qint64>::max() / 2, &bad);
    if (!after)
        return bad;
    const auto to = intArg(args, "to", 0, 0, std::numeric_limits<qint64>::max() / 2, &bad);
    if (!to)
        return bad;
    const auto limit = intArg(args, "limit", 100, 1, 1000, &bad);
    if (!limit)
        return bad;
    const QJsonValue fv = args.value(QLatin1String("filter"));
    if (!fv.isUndefined() && !fv.isNull() && !fv.isObject())
        return badRequest(QStringLiteral("\"filter\" must be an object"));
    const QJsonObject filter = fv.toObject();
    if (const Error fe = topic->checkFilter(filter))
        return Outcome::failure(fe);

    QJsonArray items;
    qint64 cursor = *after;
    qint64 scanned = 0;
    bool end = false;
    constexpr qint64 ScanMax = 20000;
    while (items.size() < *limit && scanned < ScanMax) {
        Error e;
        const auto page = topic->readSince(cursor, 500, &e);
        if (e)
            return Outcome::failure(e);
        for (const TopicItem &i : page) {
            if (*to > 0 && i.seq > *to) {
                end = true;
                break;
            }
            ++scanned;
            cursor = i.seq;
            const QJsonObject data = i.object();
            if (filter.isEmpty() || topic->matches(filter, data))
                items.append(QJsonObject{{QStringLiteral("seq"), i.seq}, {QStringLiteral("data"), data}});
            if (items.size() >= *limit)
                break;
        }
        if (end || page.size() < 500)
            break;
    }
    const bool complete = end || (items.size() < *limit && scanned < ScanMax);
    return Outcome::success(QJsonObject{{QStringLiteral("topic"), name},
                                        {QStringLiteral("items"), items},
                                        {QStringLiteral("next_after"), cursor},
                                        {QStringLiteral("complete"), complete}});
}

void registerCoreHandlers(Engine *engine, NodeServer *server)
{
    server->registerQuery(
        QStringLiteral("node.info"), Role::Viewer,
        [engine, server](const RequestContext &ctx, const QJsonObject &) {
            Error e;
            const qint64 first = engine->journal()->firstSeq(&e);
            const QDateTime started = engine->startedAt();
            return Outcome::success(QJsonObject{
                {QStringLiteral("node"), engine->config().string(QStringLiteral("node.name"))},
                {QStringLiteral("version"), QStringLiteral(WEDSYNC_VERSION)},
                {QStringLiteral("role"), roleName(ctx.role)},
                {QStringLiteral("started_at"), started.toMSecsSinceEpoch()},
                {QStringLiteral("uptime_s"), started.secsTo(QDateTime::currentDateTimeUtc())},
                {QStringLiteral("database"), engine->database()->settings().displayName()},
                {QStringLiteral("backend"),
                 engine->database()->isPostgres() ? QStringLiteral("postgres") : QStringLiteral("sqlite")},
                {QStringLiteral("schema_version"), engine->schemaVersion()},
                {QStringLiteral("last_seq"), engine->lastSeq()},
                {QStringLiteral("first_seq"), first},
                {QStringLiteral("events_per_second"), engine->eventsPerSecond()},
                {QStringLiteral("connections"), server->connectionCount()},
                {QStringLiteral("embedded"), engine->isEmbedded()}});
        });

    server->registerQuery(
        QStringLiteral("event.get"), Role::Viewer, [engine](const RequestContext &, const QJsonObject &args) {
            Error e;
            std::optional<Events::StoredEvent> ev;
            if (args.contains(QLatin1String("seq"))) {
                Outcome bad;
                const auto seq = intArg(args, "seq", 0, 1, std::numeric_limits<qint64>::max() / 2, &bad);
                if (!seq)
                    return bad;
                ev = engine->journal()->at(*seq, &e);
            } else if (args.value(QLatin1String("source")).isString() &&
                       args.value(QLatin1String("event_id")).isString()) {
                ev = engine->journal()->find(args.value(QLatin1String("source")).toString(),
                                             args.value(QLatin1String("event_id")).toString(), &e);
            } else {
                return badRequest(QStringLiteral("give \"seq\", or \"source\" and \"event_id\""));
            }
            if (e)
                return Outcome::failure(e);
            if (!ev)
                return Outcome::failure(
                    NodeError::NotFound,
                    QStringLiteral("no such event in the journal (it may have been pruned by "
                                   "journal.retention)"));
            QJsonArray chain;
            for (const auto &c : engine->journal()->chain(ev->chainSeq, 500, &e))
                chain.append(storedToJson(c));
            if (e)
                return Outcome::failure(e);
            QJsonObject out = storedToJson(*ev);
            out.insert(QStringLiteral("chain"), chain);
            return Outcome::success(out);
        });

    server->registerQuery(QStringLiteral("events.search"), Role::Viewer,
                          [server](const RequestContext &ctx, const QJsonObject &args) {
                              return readTopic(server, ctx, QStringLiteral("events"), args);
                          });
    // Reading back a range, e.g. what a lagged notice reported as skipped.
    server->registerQuery(QStringLiteral("topic.read"), Role::Viewer,
                          [server](const RequestContext &ctx, const QJsonObject &args) {
                              const QJsonValue t = args.value(QLatin1String("topic"));
                              if (!t.isString())
                                  return badRequest(
                                      QStringLiteral("\"topic\" must name a topic, e.g. \"events\""));
                              return readTopic(server, ctx, t.toString(), args);
                          });

    server->registerQuery(
        QStringLiteral("audit.list"), Role::Viewer,
        [engine](const RequestContext &, const QJsonObject &args) {
            Outcome bad;
            const auto before = intArg(args, "before", 0, 0, std::numeric_limits<qint64>::max() / 2, &bad);
            if (!before)
                return bad;
            const auto limit = intArg(args, "limit", 100, 1, 1000, &bad);
            if (!limit)
                return bad;
            Error e;
            const auto rows =
                engine->audit()->list(*before, int(*limit), args.value(QLatin1String("actor")).toString(),
                                      args.value(QLatin1String("outcome")).toString(), &e);
            if (e)
                return Outcome::failure(e);
            QJsonArray items;
            for (const auto &r : rows)
                items.append(r.data);
            return Outcome::success(
                QJsonObject{{QStringLiteral("items"), items},
                            {QStringLiteral("next_before"), rows.isEmpty() ? 0 : rows.last().seq}});
        });

    // Integrations with their health (each source and each delivery target), worst first.
    server->registerQuery(
        QStringLiteral("health.integrations"), Role::Viewer,
        [engine](const RequestContext &, const QJsonObject &args) {
            auto list = engine->health()->integrations();
            const QString kind = args.value(QLatin1String("kind")).toString();
            std::sort(list.begin(), list.end(),
                      [](const Health::IntegrationHealth &a, const Health::IntegrationHealth &b) {
                          return a.score != b.score ? a.score < b.score : a.integration < b.integration;
                      });
            Error e;
            const auto open = engine->health()->alerts(true, 1000, &e);
            QJsonArray items;
            for (const auto &h : list) {
                if (!kind.isEmpty() && h.kind != kind)
                    continue;
                QJsonObject o = h.toJson();
                for (const auto &a : open) {
                    if (a.integration == h.integration && a.kind == h.kind)
                        o.insert(QStringLiteral("alert"), a.toJson());
                }
                items.append(o);
            }
            return Outcome::success(QJsonObject{{QStringLiteral("items"), items}});
        });
    server->registerQuery(
        QStringLiteral("health.trend"), Role::Viewer,
        [engine](const RequestContext &, const QJsonObject &args) {
            const QString integration = args.value(QLatin1String("integration")).toString();
            const QString kind = args.value(QLatin1String("kind")).toString(QStringLiteral("source"));
            if (integration.isEmpty() || (kind != u"source" && kind != u"target"))
                return badRequest(QStringLiteral("give \"integration\" and \"kind\" (source or target)"));
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            Outcome bad;
            const auto from =
                intArg(args, "from", now - 24 * 3600000LL, 0, std::numeric_limits<qint64>::max() / 2, &bad);
            if (!from)
                return bad;
            const auto to = intArg(args, "to", now, 0, std::numeric_limits<qint64>::max() / 2, &bad);
            if (!to)
                return bad;
            Error e;
            const auto points = engine->health()->trend(integration, kind, *from, *to, &e);
            if (e)
                return Outcome::failure(e);
            QJsonArray items;
            for (const auto &p : points)
                items.append(QJsonObject{{QStringLiteral("minute"), p.minuteMs},
                                         {QStringLiteral("ok"), p.ok},
                                         {QStringLiteral("failed"), p.failed},
                                         {QStringLiteral("p95_ms"), p.p95Ms},
                                         {QStringLiteral("score"), p.score},
                                         {QStringLiteral("state"), p.state}});
            return Outcome::success(QJsonObject{{QStringLiteral("integration"), integration},
                                                {QStringLiteral("kind"), kind},
                                                {QStringLiteral("items"), items}});
        });
    server->registerQuery(QStringLiteral("alerts.list"), Role::Viewer,
                          [engine](const RequestContext &, const QJsonObject &args) {
                              Outcome bad;
                              const auto limit = intArg(args, "limit", 100, 1, 1000, &bad);
                              if (!limit)
                                  return bad;
                              Error e;
                              const auto list = engine->health()->alerts(
                                  args.value(QLatin1String("open_only")).toBool(false), int(*limit), &e);
                              if (e)
                                  return Outcome::failure(e);
                              QJsonArray items;
                              for (const auto &a : list)
                                  items.append(a.toJson());
                              return Outcome::success(QJsonObject{{QStringLiteral("items"), items}});
                          });
    const auto acknowledgeAlert = [engine](const RequestContext &ctx, const QJsonObject &args) {
        Outcome bad;
        const auto id = intArg(args, "id", 0, 1, std::numeric_limits<qint64>::max() / 2, &bad);
        if (!id || *id == 0)
            return id ? badRequest(QStringLiteral("\"id\" names the alert to acknowledge")) : bad;
        Error e;
        const auto a = engine->health()->acknowledge(*id, ctx.actor, &e);
        if (!a)
            return Outcome::failure(e);
        return Outcome::success(a->toJson());
    };
    server->registerCommand(QStringLiteral("alert.ack"), Role::Operator, acknowledgeAlert);
    // The name the console uses; the same command.
    server->registerCommand(QStringLiteral("alerts.ack"), Role::Operator, acknowledgeAlert);

    server->registerQuery(QStringLiteral("token.list"), Role::Admin,
                          [engine](const RequestContext &, const QJsonObject &) {
                              Error e;
                              const auto tokens = engine->tokens()->list(&e);
                              if (e)
                                  return Outcome::failure(e);
                              QJsonArray items;
                              for (const auto &t : tokens)
                                  items.append(tokenToJson(t));
                              return Outcome::success(QJsonObject{{QStringLiteral("items"), items}});
                          });
    server->registerCommand(
        QStringLiteral("token.create"), Role::Admin,
        [engine](const RequestContext &, const QJsonObject &args) {
            const auto role = parseRole(args.value(QLatin1String("role")).toString());
            if (!role)
                return badRequest(QStringLiteral("\"role\" must be viewer, operator or admin"));
            Error e;
            const auto token =
                engine->tokens()->create(args.value(QLatin1String("name")).toString(), *role, &e);
            if (!token)
                return Outcome::failure(e);
            return Outcome::success(QJsonObject{{QStringLiteral("name"), args.value(QLatin1String("name"))},
                                                {QStringLiteral("role"), roleName(*role)},
                                                {QStringLiteral("token"), *token}});
        });
    server->registerCommand(
        QStringLiteral("token.revoke"), Role::Admin,
        [engine](const RequestContext &, const QJsonObject &args) {
            Error e;
            if (!engine->tokens()->revoke(args.value(QLatin1String("name")).toString(), &e))
                return Outcome::failure(e);
            return Outcome::success(QJsonObject{{QStringLiteral("name"), args.value(QLatin1String("name"))},
                                                {QStringLiteral("revoked"), true}});
        });
}

} // namespace WedSync::Node
