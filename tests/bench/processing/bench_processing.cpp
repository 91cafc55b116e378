// Event processing throughput end to end: journal -> processor (handlers, routing rules, derived events
// journaled, side effects, delivery rows, cursor) on SQLite and PostgreSQL.
//   bench_processing [--backend sqlite|postgres|both] [--events N] [--mix plain|routing|wedding|all] [--sync
//   full|normal]
// "backlog": N events are journaled first, then the processor drains them (catch-up speed after downtime).
// "live": a producer appends N events in batches of 500 while the processor runs (keeping up with ingest).
#include "events/journal.h"
#include "pgserver.h"
#include "processing/processor.h"
#include "store/database.h"
#include "store/migrator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <cstdio>

using namespace WedSync;

namespace {

enum class Mix { Plain, Routing, Wedding };

Events::Event makeEvent(qint64 i, Mix mix)
{
    Events::Event e;
    e.id = QStringLiteral("evt_%1").arg(i);
    e.source = QStringLiteral("zapier");
    e.timestamp = QDateTime::currentDateTimeUtc();
    e.correlationId = QStringLiteral("cor_%1").arg(i);
    e.weddingId = QStringLiteral("wed_%1").arg(i % 500);
    if (mix == Mix::Plain) {
        // On no channel and matched by no rule: the pipeline itself (read, handlers, cursor), nothing to
        // deliver.
        e.type = QStringLiteral("review.received");
        e.data = QJsonObject{{QStringLiteral("rating"), int(i % 5)},
                             {QStringLiteral("text"), QStringLiteral("Lovely day")}};
        return e;
    }
    if (mix == Mix::Routing) {
        // Published on supplier:dashboard and journey:milestone: five connector deliveries, nothing derived.
        e.type = QStringLiteral("booking.updated");
        e.data = QJsonObject{{QStringLiteral("supplier_id"), QStringLiteral("sup_%1").arg(i % 200)},
                             {QStringLiteral("couple_id"), QStringLiteral("cpl_%1").arg(i % 500)},
                             {QStringLiteral("status"), QStringLiteral("confirmed")}};
        return e;
    }
    switch (i % 3) {
    case 0:
        e.type = QStringLiteral("booking.created");
        e.data = QJsonObject{{QStringLiteral("booking_id"), QStringLiteral("bk_%1").arg(i)},
                             {QStringLiteral("supplier_id"), QStringLiteral("sup_%1").arg(i % 200)},
                             {QStringLiteral("couple_email"), QStringLiteral("couple%1@example.com").arg(i)},
                             {QStringLiteral("couple_name"), QStringLiteral("Amy & Ben")},
                             {QStringLiteral("start"), QStringLiteral("2026-06-20T15:00:00Z")},
                             {QStringLiteral("venue"), QStringLiteral("Hollow Barn")}};
        break;
    case 1:
        e.type = QStringLiteral("payment.received");
        e.data = QJsonObject{{QStringLiteral("booking_id"), QStringLiteral("bk_%1").arg(i - 1)},
                             {QStringLiteral("amount"), 150000},
                             {QStringLiteral("currency"), QStringLiteral("gbp")},
                             {QStringLiteral("email"), QStringLiteral("couple%1@example.com").arg(i - 1)}};
        break;
    default:
        e.type = QStringLiteral("form.submitted");
        e.data = QJsonObject{{QStringLiteral("form_id"), QStringLiteral("f_%1").arg(i % 50)},
                             {QStringLiteral("supplier_id"), QStringLiteral("sup_%1").arg(i % 200)},
                             {QStringLiteral("answers"), QJsonObject{{QStringLiteral("guests"), 120}}}};
        break;
    }
    return e;
}

struct Result
{
    qint64 roots = 0;
    qint64 processed = 0;
    qint64 deliveries = 0;
    double seconds = 0;
    qint64 maxLag = 0;
};

qint64 count(Store::Database *db, const char *sql)
{
    QSqlQuery q(db->connection());
    q.exec(QString::fromLatin1(sql));
    q.next();
    return q.value(0).toLongLong();
}

Result run(const QString &url, bool syncFull, qint64 n, Mix mix, bool live)
{
    Error e;
    auto s = Store::DatabaseSettings::fromUrl(url, QString(), &e);
    s->syncFull = syncFull;
    Store::Database db(*s);
    if (Store::Migrator().migrate(db.connection(&e), &e) < 0)
        qFatal("%s", qPrintable(e.message));
    Events::Journal journal(&db, {});
    journal.start(&e);
    Processing::Processor::Options o;
    o.batchSize = 1000;
    Routing::NotifySettings ns;
    ns.slackWebhookUrl = QStringLiteral("http://127.0.0.1:9/slack");
    ns.emailUrl = QStringLiteral("http://127.0.0.1:9/email");
    ns.emailFrom = QStringLiteral("noreply@wedsync.test");
    o.notify = ns;
    Processing::Processor processor(&db, &journal, o);
    QList<Events::Event> all;
    for (qint64 i = 0; i < n; ++i)
        all.append(makeEvent(i, mix));
    auto appendAll = [&] {
        for (qint64 i = 0; i < n; i += 500) {
            auto f = journal.append(all.mid(i, 500));
            f.waitForFinished();
        }
    };
    Result r;
    r.roots = n;
    QElapsedTimer t;
    if (!live) {
        appendAll();
        t.start();
        processor.start(&e);
    } else {
        processor.start(&e);
        t.start();
        QThread *producer = QThread::create(appendAll);
        producer->start();
        while (!producer->isFinished()) {
            r.maxLag = std::max(r.maxLag, journal.lastSeq() - processor.cursor());
            QThread::msleep(5);
        }
        producer->wait();
        delete producer;
    }
    // Drained when the cursor meets the journal head and no batch is in hand (derived events land first).
    while (processor.cursor() != journal.lastSeq() || journal.lastSeq() < n)
        QThread::msleep(1);
    r.seconds = t.nsecsElapsed() / 1e9;
    processor.stop();
    journal.stop();
    r.processed = count(&db, "SELECT COUNT(*) FROM journal");
    r.deliveries = count(&db, "SELECT COUNT(*) FROM deliveries");
    if (count(&db, "SELECT COUNT(*) FROM processing_errors") != 0)
        qFatal("handler errors during the benchmark");
    db.releaseThreadConnection();
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("backend"), QStringLiteral("sqlite, postgres or both"), QStringLiteral("b"),
                 QStringLiteral("sqlite")});
    p.addOption({QStringLiteral("events"), QStringLiteral("root events per run"), QStringLiteral("n"),
                 QStringLiteral("30000")});
    p.addOption({QStringLiteral("mix"), QStringLiteral("plain, routing, wedding or all"), QStringLiteral("m"),
                 QStringLiteral("all")});
    p.addOption({QStringLiteral("sync"), QStringLiteral("SQLite durability: full or normal"),
                 QStringLiteral("s"), QStringLiteral("full")});
    p.process(app);
    QLoggingCategory::setFilterRules(QStringLiteral("wedsync.*.info=false\nwedsync.*.warning=true"));
    const qint64 n = p.value(QStringLiteral("events")).toLongLong();
    const bool syncFull = p.value(QStringLiteral("sync")) == QLatin1String("full");
    const QString backend = p.value(QStringLiteral("backend"));
    const QString mix = p.value(QStringLiteral("mix"));

    QTemporaryDir dir;
    std::unique_ptr<Test::PgServer> pg;
    int dbIndex = 0;
    auto urlFor = [&](const QString &b) {
        if (b == QLatin1String("sqlite"))
            return QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("bench%1.db").arg(dbIndex++));
        if (!pg) {
            pg = std::make_unique<Test::PgServer>();
            QString err;
            if (!pg->start(&err))
                qFatal("postgres: %s", qPrintable(err));
        }
        const QString name = QStringLiteral("bench%1").arg(dbIndex++);
        QString err;
        pg->createDatabase(name, &err);
        return pg->url(name);
    };
    std::printf("| backend | mix | mode | root events | journal events processed | delivery rows | seconds | "
                "root events/s | events/s | deliveries/s | max lag "
                "|\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    QStringList backends =
        backend == QLatin1String("both") ? QStringList{"sqlite", "postgres"} : QStringList{backend};
    QStringList mixes =
        mix == QLatin1String("all") ? QStringList{"plain", "routing", "wedding"} : QStringList{mix};
    for (const QString &b : backends) {
        for (const QString &m : mixes) {
            for (bool live : {false, true}) {
                const Mix mx = m == QLatin1String("plain")     ? Mix::Plain
                               : m == QLatin1String("routing") ? Mix::Routing
                                                               : Mix::Wedding;
                const Result r = run(urlFor(b), syncFull, n, mx, live);
                std::printf("| %s%s | %s | %s | %lld | %lld | %lld | %.2f | %.0f | %.0f | %.0f | %s |\n",
                            qPrintable(b),
                            b == QLatin1String("sqlite") ? (syncFull ? " (full)" : " (normal)") : "",
                            qPrintable(m), live ? "live" : "backlog", r.roots, r.processed, r.deliveries,
                            r.seconds, r.roots / r.seconds, r.processed / r.seconds, r.deliveries / r.seconds,
                            live ? qPrintable(QString::number(r.maxLag)) : "-");
                std::fflush(stdout);
            }
        }
    }
    return 0;
}
