// Delivery benchmark against a running wedsync-sink (run.sh starts one):
//  1. throughput: N deliveries queued at once, drained by one worker with `concurrency` requests in flight;
//  2. latency: deliveries enqueued at a steady rate (default 1,000/s) in small committed batches, each
//  followed
//     by wake(); latency = delivered_at - created_at (enqueue commit to the receiver's 2xx), p50/p99.
// bench_delivery --sink 127.0.0.1:9090 [--database URL] [--count 20000] [--concurrency 100] [--rate 1000]
//                [--seconds 5]
#include "delivery/deliveryrequest.h"
#include "delivery/deliveryworker.h"
#include "delivery/subscriptions.h"
#include "store/database.h"
#include "store/migrator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <functional>
#include <sys/resource.h>
#include <unistd.h>

using namespace WedSync;
using namespace WedSync::Delivery;

static QTextStream out(stdout);

static int countDelivered(QSqlDatabase db)
{
    QSqlQuery q(db);
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'")) && q.next()
               ? q.value(0).toInt()
               : -1;
}

// CPU time (user + system, microseconds) of the worker's thread ("wedsync-delivery", truncated to 15
// characters by the kernel), from /proc; -1 when it is not found.
static qint64 workerThreadCpuUs()
{
    const QStringList tasks =
        QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tasks) {
        QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(tid));
        if (!comm.open(QIODevice::ReadOnly) || !comm.readAll().startsWith("wedsync-deliver"))
            continue;
        QFile stat(QStringLiteral("/proc/self/task/%1/stat").arg(tid));
        if (!stat.open(QIODevice::ReadOnly))
            return -1;
        const QByteArray line = stat.readAll();
        // Fields after the parenthesised name: state is field 3; utime and stime are fields 14 and 15.
        const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (f.size() < 13)
            return -1;
        const qint64 ticks = f.at(11).toLongLong() + f.at(12).toLongLong();
        return ticks * 1000000 / sysconf(_SC_CLK_TCK);
    }
    return -1;
}

// CPU time (microseconds) of every thread but this (the harness's) one: the delivery worker and its
// committer thread.
static qint64 deliveryThreadsCpuUs()
{
    rusage self{}, harness{};
    if (getrusage(RUSAGE_SELF, &self) != 0 || getrusage(RUSAGE_THREAD, &harness) != 0)
        return -1;
    auto us = [](const rusage &r) {
        return (qint64(r.ru_utime.tv_sec) + r.ru_stime.tv_sec) * 1000000 + r.ru_utime.tv_usec +
               r.ru_stime.tv_usec;
    };
    return us(self) - us(harness);
}

static void waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addOption(
        {QStringLiteral("sink"), QStringLiteral("wedsync-sink address"), QStringLiteral("host:port")});
    p.addOption({QStringLiteral("database"), QStringLiteral("database URL (default: SQLite in a temp dir)"),
                 QStringLiteral("url")});
    p.addOption({QStringLiteral("count"), QStringLiteral("throughput deliveries"), QStringLiteral("n"),
                 QStringLiteral("20000")});
    p.addOption({QStringLiteral("concurrency"), QStringLiteral("in flight"), QStringLiteral("n"),
                 QStringLiteral("100")});
    p.addOption({QStringLiteral("rate"), QStringLiteral("latency phase rate per second"), QStringLiteral("n"),
                 QStringLiteral("1000")});
    p.addOption({QStringLiteral("seconds"), QStringLiteral("latency phase length"), QStringLiteral("n"),
                 QStringLiteral("5")});
    p.addOption({QStringLiteral("secret"), QStringLiteral("signing secret (the sink's)"), QStringLiteral("s"),
                 QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")});
    p.addOption({QStringLiteral("sync-normal"), QStringLiteral("SQLite synchronous=NORMAL instead of FULL")});
    p.process(app);
    QLoggingCategory::setFilterRules(QStringLiteral("wedsync.*.info=false"));

    QTemporaryDir dir;
    const QString url = p.isSet(QStringLiteral("database"))
                            ? p.value(QStringLiteral("database"))
                            : QStringLiteral("sqlite://") + dir.path() + QStringLiteral("/bench.db");
    Error e;
    auto settings = Store::DatabaseSettings::fromUrl(url, QString(), &e);
    if (!settings) {
        out << e.message << Qt::endl;
        return 2;
    }
    if (p.isSet(QStringLiteral("sync-normal")))
        settings->syncFull = false;
    Store::Database database(*settings);
    QSqlDatabase db = database.connection(&e);
    if (!db.isOpen() || Store::Migrator().migrate(db, &e) < 0) {
        out << e.code << ": " << e.message << Qt::endl;
        return 1;
    }
    QSqlQuery(db).exec(QStringLiteral("DELETE FROM deliveries"));

    Subscription s;
    s.url = QStringLiteral("http://%1/hook").arg(p.value(QStringLiteral("sink")));
    s.eventTypes = {QStringLiteral("*")};
    s.secret = p.value(QStringLiteral("secret"));
    s.policy = RetryPolicy{5, Backoff::Exponential, 1000};
    if (!SubscriptionStore::add(db, &s, &e)) {
        out << e.message << Qt::endl;
        return 1;
    }
    const QByteArray body = QByteArrayLiteral("{\"event_type\":\"booking.created\",\"source\":\"calendly\","
                                              "\"data\":{\"meeting_time\":\"2026-06-20T15:00:00Z\","
                                              "\"attendee_email\":\"couple@example.com\",\"attendee_name\":"
                                              "\"Ana & Luc\"},\"wedding_id\":\"wed_42\"}");
    qint64 seq = 0;
    // Per enqueue transaction (microseconds): BEGIN to the rows written (the write lock taken), and to COMMIT
    // returned.
    QList<qint64> enqueueWriteUs, enqueueUs;
    auto enqueueBatch = [&](int n) {
        QList<DeliveryRequest> rs;
        rs.reserve(n);
        for (int i = 0; i < n; ++i) {
            DeliveryRequest r;
            r.eventSeq = ++seq;
            r.eventType = QStringLiteral("booking.created");
            r.target = s.id;
            r.payload = body;
            rs.append(r);
        }
        QElapsedTimer t;
        t.start();
        db.transaction();
        if (!enqueue(db, rs, &e))
            qFatal("enqueue: %s", qPrintable(e.message));
        enqueueWriteUs.append(t.nsecsElapsed() / 1000);
        db.commit();
        enqueueUs.append(t.nsecsElapsed() / 1000);
    };

    WorkerOptions o;
    o.nodeId = QStringLiteral("bench");
    o.concurrency = p.value(QStringLiteral("concurrency")).toInt();
    o.pollIntervalMs = 5;
    o.ssrf.allowCidrs = {QStringLiteral("127.0.0.1/32")};

    // 1. Throughput.
    const int count = p.value(QStringLiteral("count")).toInt();
    for (int done = 0; done < count; done += 1000)
        enqueueBatch(qMin(1000, count - done));
    {
        DeliveryWorker worker(&database, o);
        // Counted from the worker's signal rather than by polling the table, so the harness does not compete
        // with the worker for the CPU.
        std::atomic<int> settled{0};
        QObject::connect(
            &worker, &DeliveryWorker::deliverySettled, &worker, [&settled] { ++settled; },
            Qt::DirectConnection);
        QElapsedTimer t;
        t.start();
        if (!worker.start(&e)) {
            out << e.message << Qt::endl;
            return 1;
        }
        const qint64 cpuBefore = workerThreadCpuUs();
        const qint64 allBefore = deliveryThreadsCpuUs();
        waitUntil(
            [&] {
                QThread::msleep(20);
                return settled.load() >= count;
            },
            300000);
        const qint64 ms = t.elapsed();
        const qint64 cpuAfter = workerThreadCpuUs();
        const qint64 allAfter = deliveryThreadsCpuUs();
        worker.stop();
        const int delivered = countDelivered(db);
        QSqlQuery a(db);
        a.exec(QStringLiteral("SELECT AVG(latency_ms), MAX(latency_ms) FROM delivery_attempts"));
        if (a.next())
            out << "request latency avg " << a.value(0).toDouble() << " ms, max " << a.value(1).toLongLong()
                << " ms" << Qt::endl;
        out << "throughput: " << delivered << " deliveries in " << ms
            << " ms = " << QString::number(delivered * 1000.0 / qMax<qint64>(1, ms), 'f', 0)
            << " deliveries/s (concurrency " << o.concurrency << ", "
            << settings->displayName().section(QLatin1Char(':'), 0, 0) << ")" << Qt::endl;
        if (cpuBefore >= 0 && cpuAfter >= 0 && delivered > 0)
            out << "worker thread CPU: " << (cpuAfter - cpuBefore) / 1000
                << " ms = " << QString::number(double(cpuAfter - cpuBefore) / delivered, 'f', 1)
                << " us per delivery" << Qt::endl;
        if (allBefore >= 0 && allAfter >= 0 && delivered > 0)
            out << "worker + committer threads CPU: "
                << QString::number(double(allAfter - allBefore) / delivered, 'f', 1) << " us per delivery"
                << Qt::endl;
    }

    // 2. Latency at a steady rate.
    QSqlQuery(db).exec(QStringLiteral("DELETE FROM deliveries"));
    QSqlQuery(db).exec(QStringLiteral("DELETE FROM delivery_attempts"));
    const int rate = p.value(QStringLiteral("rate")).toInt();
    const int seconds = p.value(QStringLiteral("seconds")).toInt();
    const int perTick = qMax(1, rate / 100); // every 10 ms
    const int total = rate * seconds;
    enqueueWriteUs.clear();
    enqueueUs.clear();
    {
        DeliveryWorker worker(&database, o);
        std::atomic<int> settled{0};
        QObject::connect(
            &worker, &DeliveryWorker::deliverySettled, &worker, [&settled] { ++settled; },
            Qt::DirectConnection);
        if (!worker.start(&e)) {
            out << e.message << Qt::endl;
            return 1;
        }
        const qint64 cpuBefore = workerThreadCpuUs();
        const qint64 allBefore = deliveryThreadsCpuUs();
        int enqueued = 0;
        QElapsedTimer t;
        t.start();
        while (enqueued < total) {
            const qint64 due = qint64(enqueued) * 1000 / rate;
            if (t.elapsed() >= due) {
                enqueueBatch(perTick);
                enqueued += perTick;
                worker.wake();
            } else {
                // Sleep until the next batch is due (at most 1 ms) rather than spin: the harness shares the
                // two cores with the worker and the sink.
                QCoreApplication::processEvents(QEventLoop::AllEvents);
                QThread::usleep(ulong(qBound(qint64(100), (due - t.elapsed()) * 1000, qint64(1000))));
            }
        }
        waitUntil(
            [&] {
                QThread::msleep(5);
                return settled.load() >= total;
            },
            60000);
        const qint64 ms = t.elapsed();
        const qint64 cpuAfter = workerThreadCpuUs();
        const qint64 allAfter = deliveryThreadsCpuUs();
        worker.stop();
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT delivered_at - created_at FROM deliveries WHERE state = 'delivered'"));
        QList<qint64> lat;
        while (q.next())
            lat.append(q.value(0).toLongLong());
        std::sort(lat.begin(), lat.end());
        auto pct = [&](double f) {
            return lat.isEmpty() ? -1 : lat.at(qMin(lat.size() - 1, int(lat.size() * f)));
        };
        out << "latency at " << rate << "/s for " << seconds << " s: " << lat.size() << "/" << total
            << " delivered in " << ms << " ms; enqueue-commit to 2xx p50 " << pct(0.50) << " ms, p99 "
            << pct(0.99) << " ms, max " << (lat.isEmpty() ? -1 : lat.last()) << " ms" << Qt::endl;
        // Where the time went: the enqueue transaction (the rows' created_at is taken as they are written,
        // so it counts in full), created_at to the request's start (wake-up, claim) and the request itself
        // (sent .. response read).
        auto percentiles = [](QList<qint64> v, const char *unit) {
            std::sort(v.begin(), v.end());
            auto at = [&](double f) {
                return v.isEmpty() ? -1 : v.at(qMin(v.size() - 1, int(v.size() * f)));
            };
            return QStringLiteral("p50 %1 %4, p99 %2 %4, max %3 %4")
                .arg(at(0.5))
                .arg(at(0.99))
                .arg(v.isEmpty() ? -1 : v.last())
                .arg(QLatin1String(unit));
        };
        QList<qint64> toSend, request;
        q.exec(QStringLiteral("SELECT a.started_at - d.created_at, a.latency_ms FROM deliveries d JOIN "
                              "delivery_attempts a ON a.delivery_id = d.id WHERE d.state = 'delivered'"));
        while (q.next()) {
            toSend.append(q.value(0).toLongLong());
            request.append(q.value(1).toLongLong());
        }
        out << "  enqueue: rows written " << percentiles(enqueueWriteUs, "us") << "; committed "
            << percentiles(enqueueUs, "us") << Qt::endl;
        out << "  created_at to request sent " << percentiles(toSend, "ms") << Qt::endl;
        out << "  request (sent to response) " << percentiles(request, "ms") << Qt::endl;
        if (cpuBefore >= 0 && cpuAfter >= 0 && !lat.isEmpty())
            out << "worker thread CPU at " << rate
                << "/s: " << QString::number(double(cpuAfter - cpuBefore) / lat.size(), 'f', 1)
                << " us per delivery; worker + committer threads "
                << QString::number(double(allAfter - allBefore) / lat.size(), 'f', 1) << " us" << Qt::endl;
    }
    database.releaseThreadConnection();
    return 0;
}
