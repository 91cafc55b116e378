// Journal append throughput and latency, single and grouped, on SQLite and PostgreSQL, side by side with
// a plain QSqlQuery insert loop (the peer: what code without a journal would do).
//   bench_journal [--backend sqlite|postgres|both] [--events N] [--single N] [--sync full|normal]
#include "events/journal.h"
#include "pgserver.h"
#include "store/database.h"
#include "store/migrator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>
#include <cstdio>
#include <mutex>
#include <sys/resource.h>

using namespace WedSync;
using Clock = std::chrono::steady_clock;

namespace {

struct Row
{
    QString backend, mode;
    qint64 events = 0;
    double seconds = 0;
    std::vector<double> latUs;
    double cpuSeconds = 0; // user + system time of this process during the run (all threads)
};

double cpuNow()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double pct(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

Events::Event makeEvent(qint64 i)
{
    Events::Event e;
    e.type = QStringLiteral("payment.received");
    e.id = QStringLiteral("evt_%1").arg(i);
    e.source = QStringLiteral("stripe");
    e.timestamp = QDateTime::currentDateTimeUtc();
    e.correlationId = QStringLiteral("cor_%1").arg(i);
    e.weddingId = QStringLiteral("wed_%1").arg(i % 500);
    e.data = QJsonObject{{QStringLiteral("amount"), 250000},
                         {QStringLiteral("currency"), QStringLiteral("usd")},
                         {QStringLiteral("customer"), QStringLiteral("cus_Q8sd7Hk2LmN")},
                         {QStringLiteral("metadata"),
                          QJsonObject{{QStringLiteral("booking_id"), QStringLiteral("bk_%1").arg(i)},
                                      {QStringLiteral("venue"), QStringLiteral("Old Mill Barn")}}}};
    return e;
}

std::unique_ptr<Store::Database> freshDb(const QString &url, bool syncFull)
{
    Error e;
    auto s = Store::DatabaseSettings::fromUrl(url, QString(), &e);
    s->syncFull = syncFull;
    auto db = std::make_unique<Store::Database>(*s);
    if (Store::Migrator().migrate(db->connection(&e), &e) < 0)
        qFatal("%s", qPrintable(e.message));
    return db;
}

Row journalSingle(const QString &backend, const QString &url, bool syncFull, qint64 n)
{
    auto db = freshDb(url, syncFull);
    Events::Journal j(db.get(), {});
    Error e;
    j.start(&e);
    Row r{backend, QStringLiteral("journal, one at a time"), n, 0, {}};
    QElapsedTimer t;
    const double cpu0 = cpuNow();
    t.start();
    for (qint64 i = 0; i < n; ++i) {
        const auto s = Clock::now();
        if (!j.append(makeEvent(i)).result().ok())
            qFatal("append failed");
        r.latUs.push_back(std::chrono::duration<double, std::micro>(Clock::now() - s).count());
    }
    r.seconds = t.nsecsElapsed() / 1e9;
    r.cpuSeconds = cpuNow() - cpu0;
    return r;
}

Row journalGrouped(const QString &backend, const QString &url, bool syncFull, qint64 n, int producers)
{
    auto db = freshDb(url, syncFull);
    Events::Journal::Options o;
    o.maxBatch = 2000;
    Events::Journal j(db.get(), o);
    Error e;
    j.start(&e);
    // Prepare events up front: the benchmark measures the journal, not event construction.
    std::vector<std::vector<Events::Event>> work(producers);
    for (qint64 i = 0; i < n; ++i)
        work[i % producers].push_back(makeEvent(i));
    Row r{backend, QStringLiteral("journal, grouped (%1 producers)").arg(producers), n, 0, {}};
    std::mutex m;
    r.latUs.reserve(n);
    QElapsedTimer t;
    const double cpu0 = cpuNow();
    t.start();
    QList<QThread *> threads;
    for (int p = 0; p < producers; ++p) {
        threads << QThread::create([&, p] {
            std::vector<double> lat;
            lat.reserve(work[p].size());
            std::deque<QFuture<void>> inflight;
            for (const auto &ev : work[p]) {
                const auto s = Clock::now();
                inflight.push_back(
                    j.append(ev).then(QtFuture::Launch::Sync, [s, &lat](const Events::AppendResult &res) {
                        if (!res.ok())
                            qFatal("append failed: %s", qPrintable(res.error.message));
                        lat.push_back(std::chrono::duration<double, std::micro>(Clock::now() - s).count());
                    }));
                while (inflight.size() > 4000) {
                    inflight.front().waitForFinished();
                    inflight.pop_front();
                }
            }
            for (auto &f : inflight)
                f.waitForFinished();
            std::lock_guard lock(m);
            r.latUs.insert(r.latUs.end(), lat.begin(), lat.end());
        });
        threads.last()->start();
    }
    for (auto *th : threads) {
        th->wait();
        delete th;
    }
    r.seconds = t.nsecsElapsed() / 1e9;
    r.cpuSeconds = cpuNow() - cpu0;
    if (j.lastSeq() != n)
        qFatal("expected %lld events, journal has %lld", n, j.lastSeq());
    return r;
}

// Offered load at a fixed rate (appends issued every millisecond): the latency a sender sees when the
// journal is not saturated, which is what an HTTP client waits for.
Row journalPaced(const QString &backend, const QString &url, bool syncFull, int ratePerSecond, int seconds)
{
    auto db = freshDb(url, syncFull);
    Events::Journal j(db.get(), {});
    Error e;
    j.start(&e);
    const qint64 n = qint64(ratePerSecond) * seconds;
    std::vector<Events::Event> events;
    events.reserve(n);
    for (qint64 i = 0; i < n; ++i)
        events.push_back(makeEvent(i));
    Row r{backend, QStringLiteral("journal, paced at %1/s").arg(ratePerSecond), n, 0, {}};
    std::mutex m;
    r.latUs.reserve(n);
    std::vector<QFuture<void>> done;
    done.reserve(n);
    QElapsedTimer t;
    const double cpu0 = cpuNow();
    t.start();
    const auto begin = Clock::now();
    qint64 issued = 0;
    while (issued < n) {
        const double elapsed = std::chrono::duration<double>(Clock::now() - begin).count();
        const qint64 due = std::min<qint64>(n, qint64(elapsed * ratePerSecond) + 1);
        for (; issued < due; ++issued) {
            const auto s = Clock::now();
            done.push_back(j.append(events[issued])
                               .then(QtFuture::Launch::Sync, [s, &r, &m](const Events::AppendResult &res) {
                                   if (!res.ok())
                                       qFatal("append failed");
                                   const double us =
                                       std::chrono::duration<double, std::micro>(Clock::now() - s).count();
                                   std::lock_guard lock(m);
                                   r.latUs.push_back(us);
                               }));
        }
        QThread::usleep(200);
    }
    for (auto &f : done)
        f.waitForFinished();
    r.seconds = t.nsecsElapsed() / 1e9;
    r.cpuSeconds = cpuNow() - cpu0;
    return r;
}

Row plainLoop(const QString &backend, const QString &url, bool syncFull, qint64 n, bool oneTransaction)
{
    auto db = freshDb(url, syncFull);
    QSqlDatabase c = db->connection();
    QSqlQuery q(c);
    q.prepare(
        QStringLiteral("INSERT INTO journal (seq, source, event_id, event_type, occurred_at, received_at, "
                       "wedding_id, organization_id, correlation_id, causation_id, payload) VALUES "
                       "(?,?,?,?,?,?,?,?,?,?,?)"));
    Row r{backend,
          oneTransaction ? QStringLiteral("plain QSqlQuery loop, one transaction")
                         : QStringLiteral("plain QSqlQuery loop, autocommit"),
          n,
          0,
          {}};
    QElapsedTimer t;
    const double cpu0 = cpuNow();
    t.start();
    if (oneTransaction)
        c.transaction();
    for (qint64 i = 0; i < n; ++i) {
        const auto s = Clock::now();
        const Events::Event ev = makeEvent(i);
        q.bindValue(0, i + 1);
        q.bindValue(1, ev.source);
        q.bindValue(2, ev.id);
        q.bindValue(3, ev.type);
        q.bindValue(4, ev.timestamp.toMSecsSinceEpoch());
        q.bindValue(5, QDateTime::currentMSecsSinceEpoch());
        q.bindValue(6, ev.weddingId);
        q.bindValue(7, QVariant(QMetaType::fromType<QString>()));
        q.bindValue(8, ev.correlationId);
        q.bindValue(9, QVariant(QMetaType::fromType<QString>()));
        q.bindValue(10, QString::fromUtf8(ev.toCompactJson()));
        if (!q.exec())
            qFatal("insert failed");
        if (!oneTransaction)
            r.latUs.push_back(std::chrono::duration<double, std::micro>(Clock::now() - s).count());
    }
    if (oneTransaction)
        c.commit();
    r.seconds = t.nsecsElapsed() / 1e9;
    r.cpuSeconds = cpuNow() - cpu0;
    return r;
}

void print(const Row &r)
{
    printf("| %-8s | %-42s | %8lld | %10.0f | %9.1f | %9.1f | %8.1f |\n", qPrintable(r.backend),
           qPrintable(r.mode), r.events, r.events / r.seconds, pct(r.latUs, 0.50), pct(r.latUs, 0.99),
           r.cpuSeconds * 1e6 / double(r.events));
    fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("backend"), QStringLiteral("sqlite, postgres or both"), QStringLiteral("b"),
                 QStringLiteral("both")});
    p.addOption({QStringLiteral("events"), QStringLiteral("events for grouped runs"), QStringLiteral("n"),
                 QStringLiteral("200000")});
    p.addOption({QStringLiteral("single"), QStringLiteral("events for one-at-a-time runs"),
                 QStringLiteral("n"), QStringLiteral("2000")});
    p.addOption({QStringLiteral("sync"), QStringLiteral("SQLite synchronous mode: full or normal"),
                 QStringLiteral("mode"), QStringLiteral("full")});
    p.process(app);
    const qint64 n = p.value(QStringLiteral("events")).toLongLong();
    const qint64 single = p.value(QStringLiteral("single")).toLongLong();
    const bool syncFull = p.value(QStringLiteral("sync")) == QLatin1String("full");
    const QString backend = p.value(QStringLiteral("backend"));

    printf("| backend  | mode                                       |   events |   events/s |  p50 (us) |  "
           "p99 (us) | CPU us/ev |\n");
    printf("|----------|--------------------------------------------|----------|------------|-----------|----"
           "-------|----------|\n");
    if (backend == u"sqlite" || backend == u"both") {
        QTemporaryDir dir;
        int k = 0;
        auto url = [&] { return QStringLiteral("sqlite://%1/b%2.db").arg(dir.path()).arg(++k); };
        const QString name = syncFull ? QStringLiteral("sqlite") : QStringLiteral("sqlite~n");
        print(plainLoop(name, url(), syncFull, single, false));
        print(journalSingle(name, url(), syncFull, single));
        print(plainLoop(name, url(), syncFull, n, true));
        print(journalGrouped(name, url(), syncFull, n, 1));
        print(journalGrouped(name, url(), syncFull, n, 4));
        print(journalPaced(name, url(), syncFull, 10000, 3));
    }
    if (backend == u"postgres" || backend == u"both") {
        Test::PgServer pg;
        QString error;
        if (!pg.start(&error)) {
            fprintf(stderr, "PostgreSQL: %s\n", qPrintable(error));
            return 1;
        }
        int k = 0;
        auto url = [&] {
            const QString name = QStringLiteral("b%1").arg(++k);
            pg.createDatabase(name, nullptr);
            return pg.url(name);
        };
        print(plainLoop(QStringLiteral("postgres"), url(), true, single, false));
        print(journalSingle(QStringLiteral("postgres"), url(), true, single));
        print(plainLoop(QStringLiteral("postgres"), url(), true, n / 4, true));
        print(journalGrouped(QStringLiteral("postgres"), url(), true, n / 4, 4));
        print(journalPaced(QStringLiteral("postgres"), url(), true, 5000, 3));
    }
    return 0;
}
