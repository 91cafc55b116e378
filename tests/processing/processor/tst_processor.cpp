#include "node/engine.h"
#include "processingfixture.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QTemporaryDir>
#include <atomic>
#include <thread>

using namespace WedSync;
using namespace WedSync::Test;
using Events::Event;
using Processing::Handler;
using Processing::HandlerContext;

class tst_Processor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { TestBackend::cleanup(); }
    void derivedIdsStable_data();
    void derivedIdsStable();
    void priorityOrder();
    void retries_data();
    void retries();
    void backoffGrowsWithAttempt();
    void failedWriteIsolated();
    void abortedBatchRetriedWithoutDuplicates();
    void restartResumesExactlyOnce();
    void reprocessingIsIdempotent();
    void sideEffectsKeptThroughSchema10();
    void rulesReloaded();
    void engineRunsProcessor();
    void databaseGoesAway();
};

static Event review(int i)
{
    return rootEvent(QStringLiteral("review.received"), QStringLiteral("rv_%1").arg(i), {{"rating", i % 5}});
}

// Derived event ids are what makes reprocessing idempotent across nodes: they must stay "evt_" + the
// parent's seq as 16 hex digits + the first 24 hex digits of SHA-256 over
// "<source>\n<id>\n<handler>\n<index>" (UTF-8), and grow with the parent's seq (the journal's
// (source, event_id) index relies on it to append instead of writing a random leaf).
void tst_Processor::derivedIdsStable_data()
{
    QTest::addColumn<qint64>("seq");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("handler");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("expected"); // empty: computed from the formula

    // Pinned: a change of algorithm or key layout breaks this row even if the formula below moved with it.
    QTest::newRow("pinned") << qint64(1) << "stripe"
                            << "evt_1"
                            << "payment.received" << 0
                            << QStringLiteral("evt_000000000000000107eb39abea6288e748c63b5f");
    QTest::newRow("second output") << qint64(4096) << "zapier"
                                   << "zap_9"
                                   << "booking.created" << 2 << QString();
    QTest::newRow("non-ASCII") << qint64(77) << QString::fromUtf8("tav\u00e9")
                               << QString::fromUtf8("job_\u00fc\u4e2d") << "form.submitted" << 11
                               << QString();
    QTest::newRow("empty id") << qint64(5) << "engine"
                              << ""
                              << "email.send" << 0 << QString();
    QTest::newRow("largest seq") << std::numeric_limits<qint64>::max() << "calendly"
                                 << "inv_1"
                                 << "booking.created" << 1 << QString();
}

void tst_Processor::derivedIdsStable()
{
    QFETCH(qint64, seq);
    QFETCH(QString, source);
    QFETCH(QString, id);
    QFETCH(QString, handler);
    QFETCH(int, index);
    QFETCH(QString, expected);
    if (expected.isEmpty()) {
        const QByteArray key =
            source.toUtf8() + '\n' + id.toUtf8() + '\n' + handler.toUtf8() + '\n' + QByteArray::number(index);
        expected =
            QStringLiteral("evt_%1").arg(seq, 16, 16, QLatin1Char('0')) +
            QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(24));
    }
    Events::StoredEvent parent;
    parent.seq = seq;
    parent.event.source = source;
    parent.event.id = id;
    const QString got = Processing::Processor::derivedEventId(parent, handler, index);
    QCOMPARE(got, expected);
    QCOMPARE(got.size(), 44);
    // Different outputs of one handler never collide.
    QVERIFY(Processing::Processor::derivedEventId(parent, handler, index + 1) != got);
    // A later parent's derived events sort after this one's, whatever their hash.
    if (seq < std::numeric_limits<qint64>::max()) {
        Events::StoredEvent later = parent;
        later.seq = seq + 1;
        QVERIFY(Processing::Processor::derivedEventId(later, handler, index) > got);
    }
}

void tst_Processor::priorityOrder()
{
    ProcessingFixture f;
    f.options.registerWeddingHandlers = false;
    auto *p = f.create();
    QMutex mutex;
    QStringList order;
    auto record = [&](const QString &name) {
        return [&, name](HandlerContext &, Error *) {
            QMutexLocker lock(&mutex);
            order.append(name);
            return true;
        };
    };
    p->registry().add(
        {QStringLiteral("low"), QStringLiteral("review.received"), 10, record(QStringLiteral("low"))});
    p->registry().add(
        {QStringLiteral("high"), QStringLiteral("review.received"), 100, record(QStringLiteral("high"))});
    p->registry().add({QStringLiteral("other-type"), QStringLiteral("booking.created"), 1000,
                       record(QStringLiteral("other"))});
    p->registry().add(
        {QStringLiteral("mid"), QStringLiteral("review.received"), 50, record(QStringLiteral("mid"))});
    p->registry().add({QStringLiteral("any"), QStringLiteral("*"), 75, record(QStringLiteral("any"))});
    p->registry().add(
        {QStringLiteral("mid-2"), QStringLiteral("review.received"), 50, record(QStringLiteral("mid-2"))});
    QVERIFY(f.start());
    f.append(review(1));
    WEDSYNC_DRAIN(f);
    QMutexLocker lock(&mutex);
    QCOMPARE(order, (QStringList{"high", "any", "mid", "mid-2", "low"}));
}

void tst_Processor::retries_data()
{
    QTest::addColumn<int>("failures"); // how many calls fail before success (-1: always)
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("handlerMax"); // 0: the processor's default (3)
    QTest::addColumn<int>("expectCalls");
    QTest::addColumn<int>("expectAttemptsRecorded"); // 0: no error row
    QTest::newRow("succeeds-on-third") << 2 << "UPSTREAM_DOWN" << 0 << 3 << 0;
    QTest::newRow("always-fails") << -1 << "UPSTREAM_DOWN" << 0 << 3 << 3;
    QTest::newRow("permanent-not-retried") << -1 << "VALIDATION_FAILED" << 0 << 1 << 1;
    QTest::newRow("handler-own-limit") << -1 << "UPSTREAM_DOWN" << 5 << 5 << 5;
    QTest::newRow("first-try") << 0 << "" << 0 << 1 << 0;
}

void tst_Processor::retries()
{
    QFETCH(int, failures);
    QFETCH(QString, code);
    QFETCH(int, handlerMax);
    QFETCH(int, expectCalls);
    QFETCH(int, expectAttemptsRecorded);
    ProcessingFixture f;
    f.options.registerWeddingHandlers = false;
    auto *p = f.create();
    std::atomic<int> calls{0};
    Handler h{QStringLiteral("flaky"), QStringLiteral("review.received"), 10,
              [&](HandlerContext &ctx, Error *error) {
                  const int n = ++calls;
                  if (failures < 0 || n <= failures) {
                      *error = Error::make(code, QStringLiteral("call %1 failed").arg(n));
                      return false;
                  }
                  ctx.output.derive(QStringLiteral("integration.sync"), {{"n", n}});
                  return true;
              }};
    h.maxAttempts = handlerMax;
    p->registry().add(h);
    bool otherRan = false;
    p->registry().add(
        {QStringLiteral("steady"), QStringLiteral("review.received"), 5, [&](HandlerContext &, Error *) {
             otherRan = true;
             return true;
         }});
    QVERIFY(f.start());
    const Event root = review(1);
    const qint64 seq = f.append(root);
    WEDSYNC_DRAIN(f);
    QCOMPARE(calls.load(), expectCalls);
    QVERIFY(otherRan); // one failing handler does not stop the others
    const auto errors = p->handlerErrors();
    if (expectAttemptsRecorded == 0) {
        QVERIFY(errors.isEmpty());
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM journal WHERE causation_id = ?"), {root.id}),
                 qint64(1));
        return;
    }
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].eventSeq, seq);
    QCOMPARE(errors[0].eventId, root.id);
    QCOMPARE(errors[0].eventType, QStringLiteral("review.received"));
    QCOMPARE(errors[0].handler, QStringLiteral("flaky"));
    QCOMPARE(errors[0].code, code);
    QCOMPARE(errors[0].attempts, expectAttemptsRecorded);
    QCOMPARE(errors[0].message, QStringLiteral("call %1 failed").arg(expectCalls));
    // A failed handler derives nothing.
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM journal WHERE causation_id = ?"), {root.id}),
             qint64(0));
    QCOMPARE(errors[0].toJson().value("handler").toString(), QStringLiteral("flaky"));
}

void tst_Processor::backoffGrowsWithAttempt()
{
    ProcessingFixture f;
    f.options.registerWeddingHandlers = false;
    f.options.retryBase = std::chrono::milliseconds(40);
    auto *p = f.create();
    QList<qint64> at;
    QElapsedTimer clock;
    clock.start();
    p->registry().add(
        {QStringLiteral("down"), QStringLiteral("review.received"), 1, [&](HandlerContext &, Error *error) {
             at.append(clock.elapsed());
             *error = Error::make(QStringLiteral("UPSTREAM_DOWN"), QStringLiteral("down"));
             return false;
         }});
    QVERIFY(f.start());
    f.append(review(1));
    WEDSYNC_DRAIN(f);
    QCOMPARE(at.size(), 3);
    QVERIFY2(at[1] - at[0] >= 40, qPrintable(QString::number(at[1] - at[0]))); // base * 1
    QVERIFY2(at[2] - at[1] >= 80, qPrintable(QString::number(at[2] - at[1]))); // base * 2
}

void tst_Processor::failedWriteIsolated()
{
    ProcessingFixture f;
    f.options.registerWeddingHandlers = false;
    auto *p = f.create();
    auto write = [](const QString &sql) {
        return [sql](QSqlDatabase &db, Error *error) {
            QSqlQuery q(db);
            if (!q.exec(sql)) {
                *error = Store::Database::toError(q.lastError(), QStringLiteral("test write"));
                return false;
            }
            return true;
        };
    };
    p->registry().add(
        {QStringLiteral("good"), QStringLiteral("review.received"), 10, [&](HandlerContext &ctx, Error *) {
             ctx.output.writes.append(write(QStringLiteral(
                 "INSERT INTO bookings (booking_id, status, updated_at) VALUES ('good', 'confirmed', 1)")));
             return true;
         }});
    p->registry().add(
        {QStringLiteral("bad"), QStringLiteral("review.received"), 5, [&](HandlerContext &ctx, Error *) {
             // Its first write succeeds, the second fails: neither may remain.
             ctx.output.writes.append(write(QStringLiteral(
                 "INSERT INTO bookings (booking_id, status, updated_at) VALUES ('bad', 'confirmed', 1)")));
             ctx.output.writes.append(write(QStringLiteral("INSERT INTO no_such_table VALUES (1)")));
             Delivery::DeliveryRequest r;
             r.eventSeq = ctx.event.seq;
             r.eventType = ctx.event.event.type;
             r.kind = Delivery::TargetKind::Connector;
             r.target = QStringLiteral("bad-target");
             r.payload = "{}";
             ctx.output.deliveries.append(r);
             return true;
         }});
    QVERIFY(f.start());
    f.append(review(1));
    WEDSYNC_DRAIN(f);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM bookings WHERE booking_id = 'good'")), qint64(1));
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM bookings WHERE booking_id = 'bad'")), qint64(0));
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE target = 'bad-target'")),
             qint64(0));
    const auto errors = p->handlerErrors();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].handler, QStringLiteral("bad"));
    QCOMPARE(errors[0].attempts, 3);
}

// The batch fails after its derived events were journaled (the delivery insert fails once, as a crash before
// the commit would): the retry journals nothing new and handles every event once.
void tst_Processor::abortedBatchRetriedWithoutDuplicates()
{
    ProcessingFixture f;
    f.options.registerWeddingHandlers = false;
    auto *p = f.create();
    std::atomic<int> enqueueCalls{0};
    p->setEnqueue([&](QSqlDatabase &db, const QList<Delivery::DeliveryRequest> &list, Error *error) {
        if (++enqueueCalls == 1) {
            *error = Error::make(QString::fromLatin1(ErrorCode::StoreUnavailable),
                                 QStringLiteral("simulated crash"));
            return false;
        }
        return Delivery::enqueue(db, list, error);
    });
    p->registry().add(
        {QStringLiteral("fan"), QStringLiteral("review.received"), 1, [](HandlerContext &ctx, Error *) {
             ctx.output.derive(QStringLiteral("integration.sync"), {{"from", ctx.event.event.id}});
             ctx.output.derive(QStringLiteral("calendar.block"), {{"from", ctx.event.event.id}});
             Delivery::DeliveryRequest r;
             r.eventSeq = ctx.event.seq;
             r.eventType = ctx.event.event.type;
             r.kind = Delivery::TargetKind::Connector;
             r.target = QStringLiteral("crm");
             r.payload = "{}";
             ctx.output.deliveries.append(r);
             return true;
         }});
    for (int i = 0; i < 10; ++i)
        f.append(review(i));
    QVERIFY(f.start());
    WEDSYNC_DRAIN(f);
    QVERIFY(enqueueCalls.load() >= 2);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM journal")), qint64(30));
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE target = 'crm'")), qint64(10));
    QCOMPARE(p->processedCount(), qint64(30));
}

void tst_Processor::restartResumesExactlyOnce()
{
    const QString url = TestBackend::freshUrl();
    QMutex mutex;
    QHash<qint64, int> seen; // seq -> times handled (committed or not)
    std::atomic<bool> gateOpen{false};
    std::atomic<bool> gateReached{false};
    auto setup = [&](ProcessingFixture &f, bool gated) {
        f.options.registerWeddingHandlers = false;
        f.options.batchSize = 50;
        auto *p = f.create();
        p->registry().add(
            {QStringLiteral("count"), QStringLiteral("*"), 1, [&, gated](HandlerContext &ctx, Error *) {
                 {
                     QMutexLocker lock(&mutex);
                     ++seen[ctx.event.seq];
                 }
                 if (gated && ctx.event.seq == 600) {
                     gateReached = true;
                     for (int i = 0; i < 1000 && !gateOpen; ++i)
                         std::this_thread::sleep_for(std::chrono::milliseconds(5));
                 }
                 // No ON CONFLICT: handling an event twice would fail here and be recorded.
                 ctx.output.writes.append([seq = ctx.event.seq](QSqlDatabase &db, Error *error) {
                     QSqlQuery q(db);
                     q.prepare(QStringLiteral("INSERT INTO handled (seq) VALUES (?)"));
                     q.addBindValue(seq);
                     if (!q.exec()) {
                         *error = Store::Database::toError(q.lastError(), QStringLiteral("handled"));
                         return false;
                     }
                     return true;
                 });
                 if (ctx.event.event.type == QLatin1String("review.received"))
                     ctx.output.derive(QStringLiteral("integration.sync"), {{"of", ctx.event.event.id}});
                 return true;
             }});
    };
    const int firstRun = 1000;
    {
        ProcessingFixture f(url);
        QSqlQuery q(f.conn());
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE handled (seq BIGINT PRIMARY KEY)")));
        setup(f, true);
        QList<Event> batch;
        for (int i = 0; i < firstRun; ++i)
            batch.append(review(i));
        auto fut = f.journal->append(batch);
        fut.waitForFinished();
        QVERIFY(f.start());
        QTRY_VERIFY_WITH_TIMEOUT(gateReached.load(), 30000);
        // Stop while a batch is in hand: it finishes and commits, the rest waits for the next run.
        gateOpen = true;
        f.processor->stop();
        const qint64 cursor = f.processor->cursor();
        QVERIFY(cursor >= 600);
        QVERIFY2(cursor < f.journal->lastSeq(), "the processor should have stopped mid-way");
        QCOMPARE(Processing::Processor::storedCursor(f.db.get(), QStringLiteral("main")), cursor);
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM handled")), cursor);
        QCOMPARE(f.count(QStringLiteral("SELECT MAX(seq) FROM handled")), cursor);
        // More arrives while the processor is down.
        for (int i = firstRun; i < firstRun + 100; ++i)
            f.append(review(i));
    }
    {
        ProcessingFixture f(url);
        setup(f, false);
        QVERIFY(f.start());
        WEDSYNC_DRAIN(f);
        const qint64 total = f.journal->lastSeq();
        QCOMPARE(total, qint64(2 * (firstRun + 100)));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM handled")), total);
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(DISTINCT seq) FROM handled")), total);
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM processing_errors")), qint64(0));
        QMutexLocker lock(&mutex);
        QCOMPARE(qint64(seen.size()), total);
        for (auto it = seen.begin(); it != seen.end(); ++it)
            QVERIFY2(it.value() == 1,
                     qPrintable(QStringLiteral("seq %1 handled %2 times").arg(it.key()).arg(it.value())));
    }
}

void tst_Processor::reprocessingIsIdempotent()
{
    const QString url = TestBackend::freshUrl();
    qint64 journalRows = 0, deliveryRows = 0, bookingRows = 0;
    QString bookingState;
    const QJsonObject booking{{"booking_id", "bk_1"},
                              {"supplier_id", "sup_1"},
                              {"couple_email", "amy@example.com"},
                              {"start", "2026-06-20T15:00:00Z"},
                              {"supplier_phone", "+447700900123"}};
    {
        ProcessingFixture f(url);
        QVERIFY(f.start());
        f.append(rootEvent(QStringLiteral("booking.created"), QStringLiteral("b1"), booking));
        f.append(rootEvent(QStringLiteral("payment.received"), QStringLiteral("p1"),
                           {{"booking_id", "bk_1"}, {"amount", 1000}}));
        f.append(rootEvent(QStringLiteral("form.submitted"), QStringLiteral("f1"),
                           {{"form_id", "f_1"}, {"supplier_id", "sup_1"}}));
        WEDSYNC_DRAIN(f);
        journalRows = f.count(QStringLiteral("SELECT COUNT(*) FROM journal"));
        deliveryRows = f.count(QStringLiteral("SELECT COUNT(*) FROM deliveries"));
        bookingRows = f.count(QStringLiteral("SELECT COUNT(*) FROM bookings"));
        bookingState = f.rows(QStringLiteral("SELECT status || ':' || paid_amount FROM bookings"))
                           .value(0)
                           .value(0)
                           .toString();
        QVERIFY(journalRows > 3);
        QVERIFY(deliveryRows > 0);
        QVERIFY(f.forgetProgress()); // everything is handled again
    }
    ProcessingFixture f(url);
    QVERIFY(f.start());
    WEDSYNC_DRAIN(f);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM journal")), journalRows);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM deliveries")), deliveryRows);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM bookings")), bookingRows);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM payments")), qint64(1));
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM form_submissions")), qint64(1));
    QCOMPARE(f.rows(QStringLiteral("SELECT status || ':' || paid_amount FROM bookings"))
                 .value(0)
                 .value(0)
                 .toString(),
             bookingState);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM processing_errors")), qint64(0));
}

// Schema 10 re-keys payments and form submissions by the seq of the event that made them. Rows written under
// schema 9 keep every column, and their seq still dedupes: reprocessing the old events adds nothing, while a
// new payment of the same booking is counted.
void tst_Processor::sideEffectsKeptThroughSchema10()
{
    QTemporaryDir old;
    QVERIFY(old.isValid());
    QVERIFY(copyMigrationsBefore(10, old.path()));
    const QString url = TestBackend::freshUrl();
    const Event payment =
        rootEvent(QStringLiteral("payment.received"), QStringLiteral("evt_old_pay"),
                  {{"booking_id", "bk_old"}, {"amount", 500}, {"currency", "gbp"}}, QStringLiteral("stripe"));
    const Event form = rootEvent(QStringLiteral("form.submitted"), QStringLiteral("old_form"),
                                 {{"form_id", "f_old"}, {"supplier_id", "sup_1"}});
    {
        Error e;
        auto settings = Store::DatabaseSettings::fromUrl(url, QString(), &e);
        Store::Database database(*settings);
        QSqlDatabase db = database.connection(&e);
        QCOMPARE(Store::Migrator(old.path()).migrate(db, &e), 9);
        QSqlQuery q(db);
        int seq = 0;
        for (const Event *ev : {&payment, &form}) {
            ++seq;
            q.prepare(QStringLiteral("INSERT INTO journal (seq, source, event_id, event_type, occurred_at, "
                                     "received_at, chain_seq, payload) VALUES (?,?,?,?,0,0,?,?)"));
            for (const QVariant &v :
                 QVariantList{seq, ev->source, ev->id, ev->type, seq, QString::fromUtf8(ev->toCompactJson())})
                q.addBindValue(v);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO journal_head (id, last_seq) VALUES (1, 2) "
                                       "ON CONFLICT (id) DO UPDATE SET last_seq = 2")),
                 qPrintable(q.lastError().text()));
        QVERIFY2(
            q.exec(QStringLiteral(
                "INSERT INTO payments (payment_key, booking_id, amount, currency, received_at, event_seq) "
                "VALUES ('stripe:evt_old_pay', 'bk_old', 500, 'gbp', 1000, 1)")),
            qPrintable(q.lastError().text()));
        QVERIFY2(
            q.exec(QStringLiteral(
                "INSERT INTO form_submissions (submission_key, form_id, supplier_id, couple_id, "
                "respondent_email, answers, submitted_at, event_seq) VALUES ('zapier:old_form', 'f_old', "
                "'sup_1', NULL, 'amy@example.com', '{}', 2000, 2)")),
            qPrintable(q.lastError().text()));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO bookings (booking_id, status, paid_amount, currency, "
                                      "updated_at) VALUES ('bk_old', 'paid', 500, 'gbp', 0)")));
        QVERIFY(q.exec(QStringLiteral("UPDATE processing_cursor SET last_seq = 2")));
        q.finish();
        db = QSqlDatabase();
        database.releaseThreadConnection();
    }

    {
        ProcessingFixture f(url); // migrates to the newest schema
        QCOMPARE(f.rows(QStringLiteral("SELECT event_seq, payment_key, booking_id, amount, currency, "
                                       "received_at FROM payments")),
                 (QList<QVariantList>{{1, "stripe:evt_old_pay", "bk_old", 500, "gbp", 1000}}));
        QCOMPARE(
            f.rows(QStringLiteral("SELECT event_seq, submission_key, form_id, supplier_id, "
                                  "respondent_email, answers, submitted_at FROM form_submissions")),
            (QList<QVariantList>{{2, "zapier:old_form", "f_old", "sup_1", "amy@example.com", "{}", 2000}}));
        QVERIFY(f.start());
        f.append(rootEvent(QStringLiteral("payment.received"), QStringLiteral("evt_new_pay"),
                           {{"booking_id", "bk_old"}, {"amount", 1000}, {"currency", "gbp"}},
                           QStringLiteral("stripe")));
        WEDSYNC_DRAIN(f);
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM payments")), qint64(2));
        QCOMPARE(f.count(QStringLiteral("SELECT paid_amount FROM bookings WHERE booking_id = 'bk_old'")),
                 qint64(1500));
        QVERIFY(f.forgetProgress()); // the old events are handled again too
    }
    ProcessingFixture f(url);
    QVERIFY(f.start());
    WEDSYNC_DRAIN(f);
    // Found by seq, not doubled.
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM payments")), qint64(2));
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM form_submissions")), qint64(1));
    QCOMPARE(f.count(QStringLiteral("SELECT paid_amount FROM bookings WHERE booking_id = 'bk_old'")),
             qint64(1500));
    QCOMPARE(
        f.count(QStringLiteral("SELECT COUNT(*) FROM payments WHERE payment_key = 'stripe:evt_new_pay'")),
        qint64(1));
}

void tst_Processor::rulesReloaded()
{
    ProcessingFixture f;
    QVERIFY(f.start());
    Routing::Rule r;
    r.name = QStringLiteral("reviews-to-crm");
    r.eventPattern = QStringLiteral("review.received");
    r.target = QStringLiteral("review-crm");
    r.fieldMapping = QStringLiteral(R"({"stars":"/data/rating","who":{"const":"wedsync"}})");
    Error e;
    QVERIFY2(f.processor->addRule(r, &e) > 0, qPrintable(e.message));
    QCOMPARE(f.processor->rules().size(), 11);
    const qint64 seq = f.append(review(4));
    WEDSYNC_DRAIN(f);
    const auto rows =
        f.rows(QStringLiteral("SELECT payload FROM deliveries WHERE target = 'review-crm' AND event_seq = ?"),
               {seq});
    QCOMPARE(rows.size(), 1);
    QCOMPARE(QJsonDocument::fromJson(rows[0][0].toByteArray()).object(),
             (QJsonObject{{"stars", 4}, {"who", "wedsync"}}));
    QVERIFY(f.processor->setRuleEnabled(QStringLiteral("reviews-to-crm"), false, &e));
    const qint64 seq2 = f.append(review(5));
    WEDSYNC_DRAIN(f);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE event_seq = ?"), {seq2}),
             qint64(0));
    QVERIFY(f.processor->removeRule(QStringLiteral("reviews-to-crm"), &e));
    QVERIFY(!f.processor->removeRule(QStringLiteral("reviews-to-crm"), &e));
    QCOMPARE(e.code, QStringLiteral("ROUTING_RULE_NOT_FOUND"));
}

void tst_Processor::engineRunsProcessor()
{
    if (TestBackend::isPostgres())
        QSKIP("the engine wiring is backend-independent; covered by the SQLite run");
    QTemporaryDir dir;
    Config config = Config::defaults();
    QVERIFY(config.set(QStringLiteral("node.data_dir"), dir.path()));
    QVERIFY(config.set(QStringLiteral("store.sync"), QStringLiteral("normal")));
    QVERIFY(config.set(QStringLiteral("ingress.listen"), QStringLiteral("127.0.0.1:0")));
    QVERIFY(config.set(QStringLiteral("node.listen"), QStringLiteral("127.0.0.1:0")));
    QVERIFY(config.set(QStringLiteral("notify.email_from"), QStringLiteral("noreply@wedsync.test")));
    QVERIFY(config.set(QStringLiteral("notify.email_url"), QStringLiteral("http://127.0.0.1:9/emails")));
    Node::Engine engine(config);
    Error e;
    QVERIFY2(engine.start(&e), qPrintable(e.message));
    QVERIFY(engine.processor() && engine.processor()->isRunning());
    QCOMPARE(engine.routingRules(&e).size(), 10);
    auto fut = engine.journal()->append(
        rootEvent(QStringLiteral("booking.created"), QStringLiteral("bad"), {{"x", 1}}));
    fut.waitForFinished();
    QTRY_COMPARE_WITH_TIMEOUT(engine.processor()->cursor(), engine.journal()->lastSeq(), 30000);
    QCOMPARE(engine.handlerErrors(10, 0, &e).size(), 1);
    engine.stop();
    QVERIFY(!engine.processor());
    QCOMPARE(engine.handlerErrors(10, 0, &e).size(), 0);
    QCOMPARE(e.code, QStringLiteral("ENGINE_NOT_RUNNING"));
}

// The server goes away between batches and comes back: the processor's connection (and any statement its
// handlers prepared on it) is dead, and processing must resume on a new one without losing or redoing work.
void tst_Processor::databaseGoesAway()
{
    if (!TestBackend::isPostgres())
        QSKIP("needs a server that can be stopped: runs in tst_processor_pg");
    ProcessingFixture f;
    f.options.registerWeddingHandlers = false;
    f.options.batchSize = 10;
    {
        QSqlQuery q(f.conn());
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE handled (seq BIGINT PRIMARY KEY)")));
    }
    auto *p = f.create();
    p->registry().add({QStringLiteral("count"), QStringLiteral("*"), 1, [](HandlerContext &ctx, Error *) {
                           ctx.output.writes.append([seq = ctx.event.seq](QSqlDatabase &db, Error *error) {
                               return Processing::execPrepared(
                                   db, QStringLiteral("INSERT INTO handled (seq) VALUES (?)"), {seq}, error);
                           });
                           return true;
                       }});
    QVERIFY(f.start());
    for (int i = 0; i < 25; ++i)
        f.append(review(i));
    WEDSYNC_DRAIN(f);

    QString why;
    QVERIFY2(TestBackend::server()->stopImmediately(&why), qPrintable(why));
    QTest::qWait(500); // idle polls while the server is down
    QVERIFY2(TestBackend::server()->startAgain(&why), qPrintable(why));
    f.db->reconnect(); // this thread's connection died too
    for (int i = 25; i < 50; ++i)
        f.append(review(i));
    WEDSYNC_DRAIN(f);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM handled")), qint64(50));
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM processing_errors")), qint64(0));
    QCOMPARE(p->processedCount(), qint64(50));
}

QTEST_GUILESS_MAIN(tst_Processor)
#include "tst_processor.moc"
