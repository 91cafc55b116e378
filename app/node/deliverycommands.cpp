#include "deliverycommands.h"

#include "delivery/deadletters.h"
#include "delivery/subscriptions.h"
#include "store/database.h"
#include "store/migrator.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QHostInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>
#include <memory>

namespace WedSync::NodeApp {

using namespace WedSync::Delivery;

static QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

static QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

static int fail(const Error &e)
{
    err() << e.code << ": " << e.message << Qt::endl;
    return Failure;
}

// "--key value" pairs after the positional words; false (with a message) on a malformed list.
static bool parseOptions(const QStringList &args, int from, const QStringList &known,
                         QHash<QString, QString> *options, QStringList *positional)
{
    for (int i = from; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (!a.startsWith(QLatin1String("--"))) {
            positional->append(a);
            continue;
        }
        const QString name = a.mid(2);
        if (!known.contains(name)) {
            err() << "unknown option " << a << "; known: --" << known.join(QStringLiteral(", --"))
                  << Qt::endl;
            return false;
        }
        if (i + 1 >= args.size()) {
            err() << "option " << a << " needs a value" << Qt::endl;
            return false;
        }
        options->insert(name, args.at(++i));
    }
    return true;
}

struct Opened
{
    std::unique_ptr<Store::Database> database;
    QSqlDatabase db;
};

static bool openDatabase(const Config &config, Opened *o)
{
    Error error;
    auto settings = Store::DatabaseSettings::fromUrl(config.string(QStringLiteral("store.database")),
                                                     config.dataDir(), &error);
    if (!settings) {
        fail(error);
        return false;
    }
    o->database = std::make_unique<Store::Database>(*settings);
    o->db = o->database->connection(&error);
    if (!o->db.isOpen() || Store::Migrator().migrate(o->db, &error) < 0) {
        fail(error);
        return false;
    }
    return true;
}

static std::optional<qint64> parseDuration(const QString &text)
{
    ConfigKey k;
    k.name = QStringLiteral("initial-delay");
    k.type = ConfigKey::Type::Duration;
    QString why;
    const auto v = Config::parseValue(k, text, &why);
    if (!v)
        return std::nullopt;
    return v->toLongLong();
}

// ISO 8601 (2026-06-20T14:00:00Z) or milliseconds since the epoch.
static std::optional<qint64> parseTime(const QString &text)
{
    bool ok = false;
    const qint64 ms = text.toLongLong(&ok);
    if (ok)
        return ms;
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid())
        return std::nullopt;
    return t.toMSecsSinceEpoch();
}

static QString formatTime(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate) : QStringLiteral("-");
}

static const char *kSubscriptionUsage =
    "usage: wedsync-node subscription add --url URL --events TYPE[,TYPE...] --secret-file FILE\n"
    "                                     [--max-attempts 1-10] [--backoff linear|exponential]\n"
    "                                     [--initial-delay 60s] [--rate-limit 100/min]\n"
    "       wedsync-node subscription list\n"
    "       wedsync-node subscription disable|enable|remove ID\n";

int runSubscription(const Config &config, const QStringList &args)
{
    const QString verb = args.value(0);
    QHash<QString, QString> options;
    QStringList positional;
    if (verb == QLatin1String("add")) {
        if (!parseOptions(args, 1,
                          {QStringLiteral("url"), QStringLiteral("events"), QStringLiteral("secret-file"),
                           QStringLiteral("max-attempts"), QStringLiteral("backoff"),
                           QStringLiteral("initial-delay"), QStringLiteral("rate-limit")},
                          &options, &positional) ||
            !positional.isEmpty() || !options.contains(QStringLiteral("url")) ||
            !options.contains(QStringLiteral("events")) || !options.contains(QStringLiteral("secret-file"))) {
            err() << kSubscriptionUsage;
            return Usage;
        }
        Subscription s;
        s.url = options.value(QStringLiteral("url"));
        s.eventTypes = options.value(QStringLiteral("events")).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (QString &t : s.eventTypes)
            t = t.trimmed();
        QFile f(options.value(QStringLiteral("secret-file")));
        if (!f.open(QIODevice::ReadOnly)) {
            err() << "cannot read the secret file " << f.fileName() << Qt::endl;
            return Usage;
        }
        s.secret = QString::fromUtf8(f.readAll()).trimmed();
        if (options.contains(QStringLiteral("max-attempts"))) {
            bool ok = false;
            s.policy.maxAttempts = options.value(QStringLiteral("max-attempts")).toInt(&ok);
            if (!ok)
                s.policy.maxAttempts = 0; // validate() explains the range
        }
        if (options.contains(QStringLiteral("backoff"))) {
            const QString b = options.value(QStringLiteral("backoff"));
            if (b != QLatin1String("linear") && b != QLatin1String("exponential")) {
                err() << "--backoff must be linear or exponential" << Qt::endl;
                return Usage;
            }
            s.policy.backoff = backoffFromString(b);
        }
        if (options.contains(QStringLiteral("initial-delay"))) {
            const auto d = parseDuration(options.value(QStringLiteral("initial-delay")));
            if (!d) {
                err() << "--initial-delay must be a duration such as 500ms, 30s or 5m" << Qt::endl;
                return Usage;
            }
            s.policy.initialDelayMs = *d;
        }
        if (options.contains(QStringLiteral("rate-limit"))) {
            const auto r = parseRateLimit(options.value(QStringLiteral("rate-limit")));
            if (!r) {
                err() << "--rate-limit must look like 100/min, 10/s, 5000/h or 20000/day" << Qt::endl;
                return Usage;
            }
            s.rateLimit = r->first;
            s.rateWindowMs = r->second;
        }
        Opened o;
        if (!openDatabase(config, &o))
            return Failure;
        Error e;
        if (!SubscriptionStore::add(o.db, &s, &e))
            return fail(e);
        out() << s.id << Qt::endl;
        return Ok;
    }
    if (verb == QLatin1String("list") && args.size() == 1) {
        Opened o;
        if (!openDatabase(config, &o))
            return Failure;
        Error e;
        const auto subs = SubscriptionStore::list(o.db, &e);
        if (e)
            return fail(e);
        for (const Subscription &s : subs) {
            out() << s.id << "  " << (s.active ? "active  " : "disabled") << "  " << s.url
                  << "  events=" << s.eventTypes.join(QLatin1Char(','))
                  << "  attempts=" << s.policy.maxAttempts << " " << backoffToString(s.policy.backoff)
                  << " from " << s.policy.initialDelayMs << "ms";
            if (s.rateLimit > 0)
                out() << "  rate=" << s.rateLimit << "/" << s.rateWindowMs << "ms";
            if (!s.active && !s.disabledReason.isEmpty())
                out() << "  (" << s.disabledReason << ")";
            out() << Qt::endl;
        }
        if (subs.isEmpty())
            out() << "no subscriptions" << Qt::endl;
        return Ok;
    }
    if ((verb == QLatin1String("disable") || verb == QLatin1String("enable") ||
         verb == QLatin1String("remove")) &&
        args.size() == 2) {
        Opened o;
        if (!openDatabase(config, &o))
            return Failure;
        Error e;
        const QString id = args.at(1);
        const bool ok = verb == QLatin1String("remove")
                            ? SubscriptionStore::remove(o.db, id, &e)
                            : SubscriptionStore::setActive(o.db, id, verb == QLatin1String("enable"),
                                                           QStringLiteral("disabled by an operator"), &e);
        if (!ok)
            return fail(e);
        out() << id << " " << verb << "d" << Qt::endl;
        return Ok;
    }
    err() << kSubscriptionUsage;
    return Usage;
}

static const char *kDeliveriesUsage =
    "usage: wedsync-node deliveries list [--state pending|retrying|delivered|failed|dead] [--target T] "
    "[--type E]\n"
    "                                    [--since TIME] [--until TIME] [--limit N]\n"
    "       wedsync-node deliveries replay --id ID\n"
    "       wedsync-node deliveries replay [--target T] [--type E] [--since TIME] [--until TIME]\n"
    "       wedsync-node deliveries jobs [--cancel JOB_ID]\n"
    "       wedsync-node deliveries alerts\n"
    "TIME: ISO 8601 (2026-06-20T14:00:00Z) or milliseconds since the epoch.\n";

static bool filterFrom(const QHash<QString, QString> &options, DeliveryFilter *f)
{
    f->id = options.value(QStringLiteral("id"));
    f->state = options.value(QStringLiteral("state"));
    f->target = options.value(QStringLiteral("target"));
    f->eventType = options.value(QStringLiteral("type"));
    for (const QString &k : {QStringLiteral("since"), QStringLiteral("until")}) {
        if (!options.contains(k))
            continue;
        const auto t = parseTime(options.value(k));
        if (!t) {
            err() << "--" << k << " must be ISO 8601 (2026-06-20T14:00:00Z) or epoch milliseconds"
                  << Qt::endl;
            return false;
        }
        (k == QLatin1String("since") ? f->sinceMs : f->untilMs) = *t;
    }
    if (options.contains(QStringLiteral("limit")))
        f->limit = options.value(QStringLiteral("limit")).toInt();
    static const QStringList states = {QStringLiteral("pending"), QStringLiteral("retrying"),
                                       QStringLiteral("delivered"), QStringLiteral("failed"),
                                       QStringLiteral("dead")};
    if (!f->state.isEmpty() && !states.contains(f->state)) {
        err() << "--state must be one of " << states.join(QStringLiteral(", ")) << Qt::endl;
        return false;
    }
    return true;
}

int runDeliveries(const Config &config, const QStringList &args)
{
    const QString verb = args.value(0);
    QHash<QString, QString> options;
    QStringList positional;
    if (verb == QLatin1String("list")) {
        DeliveryFilter f;
        if (!parseOptions(args, 1,
                          {QStringLiteral("state"), QStringLiteral("target"), QStringLiteral("type"),
                           QStringLiteral("since"), QStringLiteral("until"), QStringLiteral("limit")},
                          &options, &positional) ||
            !positional.isEmpty() || !filterFrom(options, &f)) {
            err() << kDeliveriesUsage;
            return Usage;
        }
        Opened o;
        if (!openDatabase(config, &o))
            return Failure;
        Error e;
        const auto rows = DeadLetters::list(o.db, f, &e);
        if (e)
            return fail(e);
        for (const DeliveryRecord &r : rows) {
            out() << r.id << "  " << r.state.leftJustified(9) << "  " << r.target << "  " << r.eventType
                  << "  seq=" << r.eventSeq << "  attempts=" << r.attempts << "/" << r.maxAttempts
                  << "  created=" << formatTime(r.createdAt);
            if (r.state == QLatin1String("pending") || r.state == QLatin1String("retrying"))
                out() << "  next=" << formatTime(r.nextAttemptAt);
            if (r.responseCode > 0)
                out() << "  http=" << r.responseCode;
            if (!r.lastError.isEmpty())
                out() << "  error=\"" << r.lastError << "\"";
            out() << Qt::endl;
        }
        if (rows.isEmpty())
            out() << "no deliveries match" << Qt::endl;
        return Ok;
    }
    if (verb == QLatin1String("replay")) {
        DeliveryFilter f;
        if (!parseOptions(args, 1,
                          {QStringLiteral("id"), QStringLiteral("target"), QStringLiteral("type"),
                           QStringLiteral("since"), QStringLiteral("until")},
                          &options, &positional) ||
            !positional.isEmpty() || !filterFrom(options, &f) ||
            (!f.id.isEmpty() && (!f.target.isEmpty() || !f.eventType.isEmpty() || f.sinceMs || f.untilMs))) {
            err() << kDeliveriesUsage;
            return Usage;
        }
        Opened o;
        if (!openDatabase(config, &o))
            return Failure;
        Error e;
        const QString who = qEnvironmentVariable("USER", QStringLiteral("cli"));
        const QString job = DeadLetters::createReplayJob(o.db, f, who, &e);
        if (job.isEmpty())
            return fail(e);
        out() << "replay job " << job << " queued" << Qt::endl;
        // Run it here (chunk by chunk, cancellable with 'deliveries jobs --cancel') unless a node took it
        // first. The runner name starts with this node's name, so a node restarting after this process was
        // killed mid-job marks the job interrupted.
        QString node = config.string(QStringLiteral("node.name"));
        if (node.isEmpty())
            node = QHostInfo::localHostName();
        ReplayRunOptions run;
        run.chunkSize = int(config.integer(QStringLiteral("node.replay_chunk_size")));
        QElapsedTimer shown;
        shown.start();
        run.progress = [&shown](const ReplayJob &j) {
            if (!j.isFinished() && shown.elapsed() >= 1000) {
                out() << "  " << j.processed << " of " << j.matched << " looked at, " << j.replayed
                      << " reset" << Qt::endl;
                shown.restart();
            }
        };
        Error runError;
        DeadLetters::runReplayJob(
            o.db, job, QStringLiteral("%1/cli-%2").arg(node).arg(QCoreApplication::applicationPid()),
            &runError, run);
        const auto j = DeadLetters::job(o.db, job, &e);
        if (!j)
            return fail(runError ? runError : e);
        out() << "replay job " << j->id << " " << j->state << ": " << j->replayed
              << " delivery(ies) reset to pending";
        if (j->state == QLatin1String("cancelled"))
            out() << " before it was cancelled by " << j->cancelRequestedBy;
        if (!j->error.isEmpty())
            out() << " (" << j->error << ")";
        out() << Qt::endl;
        return j->state == QLatin1String("failed") ? Failure : Ok;
    }
    if (verb == QLatin1String("jobs") && args.size() == 3 && args.at(1) == QLatin1String("--cancel")) {
        Opened o;
        if (!openDatabase(config, &o))
            return Failure;
        Error e;
        const auto j = DeadLetters::requestCancel(o.db, args.at(2),
                                                  qEnvironmentVariable("USER", QStringLiteral("cli")), &e);
        if (!j)
            return fail(e);
        out() << "replay job " << j->id << " "
              << (j->state == QLatin1String("running") ? QStringLiteral("stops after its current chunk")
                                                       : j->state)
              << ": " << j->replayed << " of " << j->matched << " reset so far" << Qt::endl;
        return Ok;
    }
    if (verb == QLatin1String("jobs") && args.size() == 1) {
        Opened o;
        if (!openDatabase(config, &o))
            return Failure;
        Error e;
        for (const ReplayJob &j : DeadLetters::jobs(o.db, 50, &e)) {
            out() << j.id << "  " << j.state << "  " << j.processed << "/" << j.matched
                  << "  replayed=" << j.replayed << "  by=" << j.requestedBy
                  << "  created=" << formatTime(j.createdAt);
            if (!j.filter.id.isEmpty())
                out() << "  id=" << j.filter.id;
            if (!j.filter.target.isEmpty())
                out() << "  target=" << j.filter.target;
            if (!j.filter.eventType.isEmpty())
                out() << "  type=" << j.filter.eventType;
            if (j.filter.sinceMs)
                out() << "  since=" << formatTime(j.filter.sinceMs);
            if (j.filter.untilMs)
                out() << "  until=" << formatTime(j.filter.untilMs);
            out() << Qt::endl;
        }
        return e ? fail(e) : Ok;
    }
    if (verb == QLatin1String("alerts") && args.size() == 1) {
        Opened o;
        if (!openDatabase(config, &o))
            return Failure;
        QSqlQuery q(o.db);
        if (!q.exec(QStringLiteral(
                "SELECT created_at, target, code, message FROM delivery_alerts ORDER BY created_at "
                "DESC LIMIT 100")))
            return fail(Store::Database::toError(q.lastError(), QStringLiteral("list alerts")));
        int n = 0;
        while (q.next()) {
            ++n;
            out() << formatTime(q.value(0).toLongLong()) << "  " << q.value(1).toString() << "  "
                  << q.value(2).toString() << "  " << q.value(3).toString() << Qt::endl;
        }
        if (n == 0)
            out() << "no delivery alerts" << Qt::endl;
        return Ok;
    }
    err() << kDeliveriesUsage;
    return Usage;
}

} // namespace WedSync::NodeApp
