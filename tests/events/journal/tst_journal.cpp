#include "events/journal.h"
#include "store/database.h"
#include "store/migrator.h"
#include "testdb.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>
#include <condition_variable>
#include <mutex>
#include <set>

using namespace WedSync;
using namespace WedSync::Events;

static Event makeEvent(const QString &id, const QString &source = QStringLiteral("stripe"),
                       const QString &type = QStringLiteral("payment.received"))
{
    Event e;
    e.type = type;
    e.id = id;
    e.source = source;
    e.timestamp = QDateTime::currentDateTimeUtc();
    e.data =
        QJsonObject{{QStringLiteral("amount"), 150000}, {QStringLiteral("currency"), QStringLiteral("gbp")}};
    e.correlationId = QStringLiteral("cor_") + id;
    e.weddingId = QStringLiteral("wed_1");
    return e;
}

class tst_Journal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { Test::TestBackend::cleanup(); }
    void ordering();
    void idempotency_data();
    void idempotency();
    void paging_data();
    void paging();
    void invalidEventRejected();
    void retention();
    void concurrentAppenders();
    void survivesRestart();
    void chainAndLookup();
    void chainsOfEventsStoredBeforeChainSeq();
    void databaseGoesAway();
    void shutdownRefusesNewAppends();
    void callbackAppends_data();
    void callbackAppends();
    void callbackOncePerAppendUnderLoad();
    void recentTailMatchesStore_data();
    void recentTailMatchesStore();

private:
    struct Fixture
    {
        std::unique_ptr<Store::Database> db;
        std::unique_ptr<Journal> journal;
    };
    Fixture open(Journal::Options options = {}, const QString &url = QString())
    {
        Fixture f;
        Error e;
        auto s = Store::DatabaseSettings::fromUrl(url.isEmpty() ? Test::TestBackend::freshUrl() : url,
                                                  QString(), &e);
        f.db = std::make_unique<Store::Database>(*s);
        QSqlDatabase db = f.db->connection(&e);
        if (Store::Migrator().migrate(db, &e) < 0)
            qFatal("migration failed: %s", qPrintable(e.message));
        f.journal = std::make_unique<Journal>(f.db.get(), options);
        if (!f.journal->start(&e))
            qFatal("journal start failed: %s", qPrintable(e.message));
        return f;
    }
    static qint64 rowCount(Store::Database *db)
    {
        QSqlQuery q(db->connection());
        q.exec(QStringLiteral("SELECT COUNT(*) FROM journal"));
        q.next();
        return q.value(0).toLongLong();
    }
};

void tst_Journal::ordering()
{
    auto f = open();
    QList<QFuture<AppendResult>> futures;
    for (int i = 0; i < 300; ++i)
        futures << f.journal->append(makeEvent(QStringLiteral("evt_%1").arg(i)));
    for (int i = 0; i < futures.size(); ++i) {
        const AppendResult r = futures[i].result();
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.seq, qint64(i + 1)); // one producer: seq follows append order
        QVERIFY(!r.duplicate);
    }
    QCOMPARE(f.journal->lastSeq(), 300);
    const auto events = f.journal->readSince(0, 1000);
    QCOMPARE(events.size(), 300);
    for (int i = 0; i < events.size(); ++i) {
        QCOMPARE(events[i].seq, qint64(i + 1));
        QCOMPARE(events[i].event.id, QStringLiteral("evt_%1").arg(i));
        QVERIFY(events[i].event.receivedAt.isValid()); // stamped by the journal when absent
    }
}

void tst_Journal::idempotency_data()
{
    QTest::addColumn<bool>("sameBatch");
    QTest::newRow("redelivered later") << false;
    QTest::newRow("twice in one batch") << true;
}

void tst_Journal::idempotency()
{
    QFETCH(bool, sameBatch);
    auto f = open();
    const Event e = makeEvent(QStringLiteral("evt_dup"));
    AppendResult first;
    AppendResult second;
    if (sameBatch) {
        const auto results =
            f.journal->append(QList<Event>{makeEvent(QStringLiteral("evt_a")), e, e}).result();
        QCOMPARE(results.size(), 3);
        first = results[1];
        second = results[2];
    } else {
        QVERIFY(f.journal->append(makeEvent(QStringLiteral("evt_a"))).result().ok());
        first = f.journal->append(e).result();
        Event redelivered = e;
        redelivered.deliveryAttempt = 2; // the vendor's retry: same source and id
        second = f.journal->append(redelivered).result();
    }
    QVERIFY(first.ok() && second.ok());
    QCOMPARE(first.seq, 2);
    QVERIFY(!first.duplicate);
    QCOMPARE(second.seq, first.seq);
    QVERIFY(second.duplicate);
    QCOMPARE(rowCount(f.db.get()), 2);
    QCOMPARE(f.journal->lastSeq(), 2);
    // Same id from another source is a different event.
    const AppendResult other =
        f.journal->append(makeEvent(QStringLiteral("evt_dup"), QStringLiteral("paypal"))).result();
    QCOMPARE(other.seq, 3);
    QVERIFY(!other.duplicate);
}

void tst_Journal::paging_data()
{
    QTest::addColumn<int>("total");
    QTest::addColumn<int>("page");
    QTest::newRow("exact pages") << 100 << 10;
    QTest::newRow("ragged last page") << 101 << 7;
    QTest::newRow("page of one") << 5 << 1;
    QTest::newRow("page larger than all") << 20 << 500;
}

void tst_Journal::paging()
{
    QFETCH(int, total);
    QFETCH(int, page);
    auto f = open();
    QList<Event> events;
    for (int i = 0; i < total; ++i)
        events << makeEvent(QStringLiteral("p_%1").arg(i));
    const auto results = f.journal->append(events).result();
    QCOMPARE(results.size(), total);
    qint64 cursor = 0;
    int seen = 0;
    int pages = 0;
    for (;;) {
        const auto chunk = f.journal->readSince(cursor, page);
        if (chunk.isEmpty())
            break;
        QVERIFY(chunk.size() <= page);
        for (const auto &se : chunk) {
            QCOMPARE(se.seq, cursor + 1); // no gaps, no repeats
            QCOMPARE(se.event.id, QStringLiteral("p_%1").arg(seen));
            cursor = se.seq;
            ++seen;
        }
        ++pages;
    }
    QCOMPARE(seen, total);
    QCOMPARE(pages, (total + page - 1) / page);
}

void tst_Journal::invalidEventRejected()
{
    auto f = open();
    Event bad = makeEvent(QStringLiteral("evt_bad"));
    bad.deliveryAttempt = 0;
    const AppendResult r = f.journal->append(bad).result();
    QVERIFY(!r.ok());
    QCOMPARE(r.error.code, QStringLiteral("VALIDATION_FAILED"));
    QCOMPARE(rowCount(f.db.get()), 0);
    // A bad event in a batch fails alone.
    const auto results =
        f.journal
            ->append(QList<Event>{makeEvent(QStringLiteral("ok_1")), bad, makeEvent(QStringLiteral("ok_2"))})
            .result();
    QVERIFY(results[0].ok());
    QVERIFY(!results[1].ok());
    QVERIFY(results[2].ok());
    QCOMPARE(results[2].seq, 2);
}

void tst_Journal::retention()
{
    Journal::Options o;
    o.retention = std::chrono::hours(24);
    o.pruneChunk = 7; // several steps, interleaved with appends
    auto f = open(o);
    const QDateTime old = QDateTime::currentDateTimeUtc().addDays(-3);
    QList<Event> batch;
    for (int i = 0; i < 50; ++i) {
        Event e = makeEvent(QStringLiteral("old_%1").arg(i));
        e.receivedAt = old;
        batch << e;
    }
    for (int i = 0; i < 10; ++i)
        batch << makeEvent(QStringLiteral("new_%1").arg(i));
    QVERIFY(f.journal->append(batch).result().last().ok());
    QCOMPARE(f.journal->lastSeq(), 60);

    QFuture<int> pruned = f.journal->prune();
    // Appends keep working while retention runs.
    const AppendResult during = f.journal->append(makeEvent(QStringLiteral("during"))).result();
    QVERIFY(during.ok());
    QCOMPARE(during.seq, 61);
    QCOMPARE(pruned.result(), 50);
    QCOMPARE(rowCount(f.db.get()), 11);
    QCOMPARE(f.journal->firstSeq(), 51);
    // Sequence numbers never come round again, even if the newest rows were pruned.
    const AppendResult after = f.journal->append(makeEvent(QStringLiteral("after"))).result();
    QCOMPARE(after.seq, 62);
}

void tst_Journal::concurrentAppenders()
{
    Journal::Options o;
    o.maxBatch = 64;
    auto f = open(o);
    constexpr int kThreads = 4;
    constexpr int kPerThread = 400;
    QList<QThread *> threads;
    std::vector<std::vector<AppendResult>> results(kThreads);
    for (int t = 0; t < kThreads; ++t) {
        threads << QThread::create([&, t] {
            std::vector<QFuture<AppendResult>> fs;
            for (int i = 0; i < kPerThread; ++i)
                fs.push_back(f.journal->append(makeEvent(QStringLiteral("t%1_%2").arg(t).arg(i))));
            for (auto &fu : fs)
                results[t].push_back(fu.result());
        });
        threads.last()->start();
    }
    for (QThread *t : threads) {
        QVERIFY(t->wait(120000));
        delete t;
    }
    std::set<qint64> seqs;
    for (int t = 0; t < kThreads; ++t) {
        qint64 previous = 0;
        for (const auto &r : results[t]) {
            QVERIFY(r.ok());
            QVERIFY(r.seq > previous); // each producer's events keep their order
            previous = r.seq;
            QVERIFY(seqs.insert(r.seq).second);
        }
    }
    QCOMPARE(int(seqs.size()), kThreads * kPerThread);
    QCOMPARE(*seqs.begin(), 1);
    QCOMPARE(*seqs.rbegin(), qint64(kThreads * kPerThread)); // dense: no gaps
}

void tst_Journal::survivesRestart()
{
    const QString url = Test::TestBackend::freshUrl();
    {
        auto f = open({}, url);
        for (int i = 0; i < 10; ++i)
            f.journal->append(makeEvent(QStringLiteral("r_%1").arg(i)));
        f.journal->stop(); // flushes what was queued
        QCOMPARE(f.journal->lastSeq(), 10);
        QCOMPARE(f.journal->append(makeEvent(QStringLiteral("late"))).result().error.code,
                 QStringLiteral("SHUTTING_DOWN"));
    }
    auto f = open({}, url);
    QCOMPARE(f.journal->lastSeq(), 10);
    QCOMPARE(f.journal->append(makeEvent(QStringLiteral("r_3"))).result().duplicate, true);
    QCOMPARE(f.journal->append(makeEvent(QStringLiteral("r_10"))).result().seq, 11);
}

void tst_Journal::chainAndLookup()
{
    auto f = open();
    Event root =
        makeEvent(QStringLiteral("root"), QStringLiteral("calendly"), QStringLiteral("booking.created"));
    root.correlationId = QStringLiteral("chain_1");
    Event child = makeEvent(QStringLiteral("child"), QStringLiteral("engine"), QStringLiteral("email.send"));
    child.correlationId = QStringLiteral("chain_1");
    child.causationId = QStringLiteral("root");
    Event grandchild = makeEvent(QStringLiteral("grandchild"), QStringLiteral("engine"),
                                 QStringLiteral("notification.send"));
    grandchild.correlationId = QStringLiteral("chain_1");
    grandchild.causationId = QStringLiteral("child");
    // Each event starts a chain of its own unless told which chain it joins.
    f.journal->append(QList<Event>{root, makeEvent(QStringLiteral("unrelated"))}).waitForFinished();
    // A derived event joins its parent's chain, in the same call as an event that starts one.
    const auto joined = f.journal->append({child, makeEvent(QStringLiteral("second_root"))}, {1}).result();
    QCOMPARE(joined.size(), 2);
    QCOMPARE(joined[0].seq, 3);
    QCOMPARE(f.journal->append({grandchild}, {1}).result().value(0).seq, 5);
    // A duplicate keeps the original's seq and chain.
    QCOMPARE(f.journal->append({child}, {2}).result().value(0).seq, 3);

    const auto chain = f.journal->chain(1);
    QCOMPARE(chain.size(), 3);
    QCOMPARE(chain[0].event.id, QStringLiteral("root"));
    QCOMPARE(chain[1].event.causationId, QStringLiteral("root"));
    QCOMPARE(chain[2].event.causationId, QStringLiteral("child"));
    for (const StoredEvent &se : chain)
        QCOMPARE(se.chainSeq, 1);
    QCOMPARE(f.journal->chain(2).size(), 1); // "unrelated" is a chain of one
    QCOMPARE(f.journal->chain(4).value(0).event.id, QStringLiteral("second_root"));
    QVERIFY(f.journal->chain(0).isEmpty());
    QVERIFY(f.journal->chain(99).isEmpty());

    const auto found = f.journal->find(QStringLiteral("engine"), QStringLiteral("child"));
    QVERIFY(found);
    QCOMPARE(found->seq, 3);
    QCOMPARE(found->chainSeq, 1);
    QCOMPARE(found->event, f.journal->at(3)->event);
    QCOMPARE(f.journal->at(3)->chainSeq, 1);
    QCOMPARE(f.journal->at(4)->chainSeq, 4);
    QCOMPARE(f.journal->readSince(4, 10).value(0).chainSeq, 1);
    QVERIFY(!f.journal->find(QStringLiteral("engine"), QStringLiteral("nope")));
}

// Migration 0009 gives the events of an older journal their chains: the events sharing a correlation id
// form one chain starting at the lowest seq, and an event without one is a chain of its own.
void tst_Journal::chainsOfEventsStoredBeforeChainSeq()
{
    QTemporaryDir old;
    QVERIFY(old.isValid());
    QVERIFY(Test::copyMigrationsBefore(9, old.path()));
    Error e;
    const QString url = Test::TestBackend::freshUrl();
    auto settings = Store::DatabaseSettings::fromUrl(url, QString(), &e);
    {
        Store::Database database(*settings);
        QSqlDatabase db = database.connection(&e);
        QCOMPARE(Store::Migrator(old.path()).migrate(db, &e), 8);
        QSqlQuery q(db);
        const QList<std::pair<int, const char *>> rows = {{1, "'cor_a'"}, {2, "'cor_b'"}, {3, "'cor_a'"},
                                                          {4, "NULL"},    {5, "'cor_b'"}, {6, "'cor_a'"}};
        for (const auto &[seq, correlation] : rows) {
            const Event ev = makeEvent(QStringLiteral("old_%1").arg(seq));
            QVERIFY2(
                q.exec(QStringLiteral("INSERT INTO journal (seq, source, event_id, event_type, occurred_at, "
                                      "received_at, correlation_id, payload) VALUES (%1, 'stripe', "
                                      "'old_%1', 'payment.received', 0, 0, %2, '%3')")
                           .arg(seq)
                           .arg(QLatin1String(correlation), QString::fromUtf8(ev.toCompactJson()))),
                qPrintable(q.lastError().text()));
        }
        QVERIFY(q.exec(QStringLiteral("UPDATE journal_head SET last_seq = 6 WHERE id = 1")));
    }
    auto f = open({}, url); // migrates to the latest version
    auto seqs = [&](qint64 chainSeq) {
        QList<qint64> out;
        for (const StoredEvent &se : f.journal->chain(chainSeq))
            out << se.seq;
        return out;
    };
    QCOMPARE(seqs(1), (QList<qint64>{1, 3, 6}));
    QCOMPARE(seqs(2), (QList<qint64>{2, 5}));
    QCOMPARE(seqs(4), (QList<qint64>{4}));
    QVERIFY(seqs(3).isEmpty());
    QCOMPARE(f.journal->at(5)->chainSeq, 2);
    // New events join old chains as before.
    QCOMPARE(f.journal->append({makeEvent(QStringLiteral("new_1"))}, {2}).result().value(0).seq, 7);
    QCOMPARE(seqs(2), (QList<qint64>{2, 5, 7}));
}

void tst_Journal::databaseGoesAway()
{
    if (!Test::TestBackend::isPostgres())
        QSKIP("needs a server that can be stopped: runs in the PostgreSQL variant (tst_journal_pg)");
    Journal::Options o;
    o.reconnectMax = std::chrono::milliseconds(400);
    o.appendTimeout = std::chrono::seconds(60);
    auto f = open(o);
    QVERIFY(f.journal->append(makeEvent(QStringLiteral("before"))).result().ok());
    QString error;
    QVERIFY2(Test::TestBackend::server()->stopImmediately(&error), qPrintable(error));
    QSignalSpy writable(f.journal.get(), &Journal::writableChanged);
    QFuture<AppendResult> pending = f.journal->append(makeEvent(QStringLiteral("while_down")));
    QTRY_VERIFY_WITH_TIMEOUT(!f.journal->isWritable(), 10000);
    QVERIFY(!pending.isFinished()); // held, not lost and not acknowledged
    QVERIFY2(Test::TestBackend::server()->startAgain(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(pending.isFinished(), 30000);
    QVERIFY2(pending.result().ok(), qPrintable(pending.result().error.message));
    QCOMPARE(pending.result().seq, 2);
    QVERIFY(f.journal->isWritable());
    QVERIFY(writable.size() >= 2);
    // The database came back with everything accepted before and during the outage.
    f.db->reconnect();
    QCOMPARE(rowCount(f.db.get()), 2);
}

void tst_Journal::shutdownRefusesNewAppends()
{
    auto f = open();
    QList<QFuture<AppendResult>> queued;
    for (int i = 0; i < 200; ++i)
        queued << f.journal->append(makeEvent(QStringLiteral("s_%1").arg(i)));
    f.journal->stop();
    for (auto &q : queued)
        QVERIFY(q.result().ok()); // everything accepted before stop() is committed
    QCOMPARE(rowCount(f.db.get()), 200);
}

// The callback form of append() (what the ingress uses): one call per append with one result per event,
// in order; on the writer thread after a commit, at once on the calling thread when nothing is queued.
void tst_Journal::callbackAppends_data()
{
    QTest::addColumn<QStringList>("ids"); // "!" marks an invalid event, "dup" one committed before
    QTest::addColumn<bool>("stopFirst");
    QTest::addColumn<QStringList>("expected"); // per event: OK, DUP or an error code
    QTest::addColumn<bool>("onCallingThread");

    QTest::newRow("all valid") << QStringList{"a", "b", "c"} << false << QStringList{"OK", "OK", "OK"}
                               << false;
    QTest::newRow("invalid in the middle")
        << QStringList{"a", "!", "c"} << false << QStringList{"OK", "VALIDATION_FAILED", "OK"} << false;
    QTest::newRow("all invalid") << QStringList{"!", "!"} << false
                                 << QStringList{"VALIDATION_FAILED", "VALIDATION_FAILED"} << true;
    QTest::newRow("duplicate") << QStringList{"dup", "d"} << false << QStringList{"DUP", "OK"} << false;
    QTest::newRow("no events") << QStringList{} << false << QStringList{} << true;
    QTest::newRow("after stop") << QStringList{"a"} << true << QStringList{"SHUTTING_DOWN"} << true;
}

void tst_Journal::callbackAppends()
{
    QFETCH(QStringList, ids);
    QFETCH(bool, stopFirst);
    QFETCH(QStringList, expected);
    QFETCH(bool, onCallingThread);

    auto f = open();
    QVERIFY(f.journal->append(makeEvent(QStringLiteral("dup"))).result().ok());
    if (stopFirst)
        f.journal->stop();
    QList<Event> events;
    for (const auto &id : ids) {
        Event e = makeEvent(id == QLatin1String("!") ? QStringLiteral("bad") : id);
        if (id == QLatin1String("!"))
            e.deliveryAttempt = 0;
        events << e;
    }
    std::mutex mutex;
    std::condition_variable cv;
    int calls = 0;
    QList<AppendResult> got;
    Qt::HANDLE thread = nullptr;
    f.journal->append(events, [&](QList<AppendResult> results) {
        std::lock_guard lock(mutex);
        ++calls;
        got = std::move(results);
        thread = QThread::currentThreadId();
        cv.notify_all();
    });
    {
        std::unique_lock lock(mutex);
        QVERIFY(cv.wait_for(lock, std::chrono::seconds(10), [&] { return calls > 0; }));
    }
    f.journal->stop(); // nothing more can arrive after this
    QCOMPARE(calls, 1);
    QCOMPARE(thread == QThread::currentThreadId(), onCallingThread);
    QCOMPARE(got.size(), expected.size());
    for (int i = 0; i < expected.size(); ++i) {
        const AppendResult &r = got[i];
        if (expected[i] == QLatin1String("OK")) {
            QVERIFY2(r.ok() && !r.duplicate && r.seq > 1, qPrintable(r.error.message));
        } else if (expected[i] == QLatin1String("DUP")) {
            QVERIFY(r.ok() && r.duplicate);
            QCOMPARE(r.seq, 1);
        } else {
            QVERIFY(!r.ok());
            QCOMPARE(r.error.code, expected[i]);
        }
    }
}

// Many threads append through callbacks while the journal stops under them: every append gets exactly
// one callback, and every event it reports committed is stored.
void tst_Journal::callbackOncePerAppendUnderLoad()
{
    Journal::Options o;
    o.maxBatch = 32;
    auto f = open(o);
    constexpr int kThreads = 4;
    constexpr int kPerThread = 500;
    std::atomic<int> calls{0};
    std::atomic<int> committed{0};
    std::atomic<int> refused{0};
    std::atomic<int> wrongSize{0};
    QList<QThread *> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads << QThread::create([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                QList<Event> pair{makeEvent(QStringLiteral("c%1_%2a").arg(t).arg(i)),
                                  makeEvent(QStringLiteral("c%1_%2b").arg(t).arg(i))};
                f.journal->append(pair, [&](QList<AppendResult> results) {
                    if (results.size() != 2)
                        wrongSize.fetch_add(1);
                    for (const auto &r : results) {
                        if (r.ok())
                            committed.fetch_add(1);
                        else if (r.error.code == QLatin1String("SHUTTING_DOWN"))
                            refused.fetch_add(1);
                    }
                    calls.fetch_add(1);
                });
            }
        });
        threads.last()->start();
    }
    QTRY_VERIFY_WITH_TIMEOUT(calls.load() > kThreads * kPerThread / 4, 60000);
    f.journal->stop();
    for (QThread *t : threads) {
        QVERIFY(t->wait(60000));
        delete t;
    }
    QCOMPARE(calls.load(), kThreads * kPerThread);
    QCOMPARE(wrongSize.load(), 0);
    QCOMPARE(committed.load() + refused.load(), kThreads * kPerThread * 2);
    QCOMPARE(rowCount(f.db.get()), qint64(committed.load()));
}

void tst_Journal::recentTailMatchesStore_data()
{
    QTest::addColumn<bool>("otherWriter");
    QTest::addColumn<int>("tailCache");
    QTest::newRow("this journal's commits only") << false << 2048;
    QTest::newRow("another node's event in between") << true << 2048;
    QTest::newRow("tail smaller than the backlog") << false << 4;
    QTest::newRow("tail off") << false << 0;
}

void tst_Journal::recentTailMatchesStore()
{
    // The processor reads through readRecent: what the in-memory tail gives must be exactly what the
    // database gives, in order, with nothing skipped, whatever the event holds.
    QFETCH(bool, otherWriter);
    QFETCH(int, tailCache);
    Journal::Options options;
    options.tailCache = tailCache;
    auto f = open(options);
    QList<Event> events;
    for (int i = 0; i < 12; ++i) {
        Event e = makeEvent(QStringLiteral("evt_%1").arg(i));
        if (i % 3 == 1) {
            // Offsets, sub-millisecond precision is not kept, Unicode, nesting, every JSON type.
            e.timestamp = QDateTime(QDate(2027, 6, 12), QTime(14, 30, 5, 123), QTimeZone(7200));
            e.data =
                QJsonObject{{QStringLiteral("name"), QStringLiteral("Zo\u00eb & Andr\u00e9 \U0001F492")},
                            {QStringLiteral("amount"), 1250.75},
                            {QStringLiteral("big"), 9007199254740993.0},
                            {QStringLiteral("none"), QJsonValue::Null},
                            {QStringLiteral("yes"), true},
                            {QStringLiteral("list"), QJsonArray{1, QStringLiteral("two"), QJsonObject{}}},
                            {QStringLiteral("quote"), QStringLiteral("say \"hi\"\n\ttab")}};
            e.causationId = QStringLiteral("evt_0");
            e.organizationId = QStringLiteral("org_\u00e9");
        }
        events.append(e);
    }
    // Every third event joins the chain the first one started, as a derived event would.
    auto chainOf = [](int i) { return i % 3 == 1 ? qint64(1) : qint64(0); };
    auto appendRange = [&](int from, int to) {
        for (int i = from; i < to; ++i) {
            const auto results = f.journal->append({events[i]}, {chainOf(i)}).result();
            QCOMPARE(results.size(), 1);
            QVERIFY2(results[0].ok(), qPrintable(results[0].error.message));
        }
    };
    appendRange(0, 6);
    if (otherWriter) {
        // Another node on the same database journals the next sequence number.
        QSqlQuery q(f.db->connection());
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO journal (seq, source, event_id, event_type, occurred_at, received_at, chain_seq, "
            "payload) VALUES (7, 'stripe', 'evt_other', 'payment.received', 0, 0, 7, "
            "'{\"event_type\":\"payment.received\",\"event_id\":\"evt_other\",\"timestamp\":"
            "\"2026-11-20T10:00:00.000Z\",\"source\":\"stripe\",\"data\":{},\"delivery_attempt\":1}')")));
        QVERIFY(q.exec(QStringLiteral("UPDATE journal_head SET last_seq = 7 WHERE id = 1")));
        f.journal->stop();
        Error e;
        QVERIFY(f.journal->start(&e)); // the head is read again at start, as after a failover
    }
    appendRange(6, 12);

    const QList<StoredEvent> stored = f.journal->readSince(0, 1000);
    QCOMPARE(stored.size(), otherWriter ? 13 : 12);
    QList<StoredEvent> recent;
    qint64 cursor = 0;
    for (int guard = 0; guard < 100; ++guard) {
        const QList<StoredEvent> page = f.journal->readRecent(cursor, 5);
        if (page.isEmpty())
            break;
        QVERIFY(page.size() <= 5);
        recent += page;
        cursor = page.last().seq;
    }
    QCOMPARE(recent.size(), stored.size());
    for (int i = 0; i < stored.size(); ++i) {
        QCOMPARE(recent[i].seq, stored[i].seq);
        QCOMPARE(recent[i].seq, qint64(i + 1));
        QCOMPARE(recent[i].chainSeq, stored[i].chainSeq);
        const int index = otherWriter && i >= 6 ? i - 1 : i; // the event's index in `events`
        const bool joined = !(otherWriter && i == 6) && chainOf(index) > 0;
        QCOMPARE(stored[i].chainSeq, joined ? qint64(1) : stored[i].seq);
        QCOMPARE(recent[i].event.toCompactJson(), stored[i].event.toCompactJson());
        QVERIFY(recent[i].event == stored[i].event);
    }
}

QTEST_GUILESS_MAIN(tst_Journal)
#include "tst_journal.moc"
