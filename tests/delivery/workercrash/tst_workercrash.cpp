#include "delivery/deliveryrequest.h"
#include "delivery/subscriptions.h"
#include "deliveryfixture.h"
#include "sinkserver.h"
#include "store/database.h"
#include "store/migrator.h"
#include "testdb.h"

#include <QProcess>
#include <QSet>
#include <QSqlQuery>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Delivery;

class tst_WorkerCrash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { Test::TestBackend::cleanup(); }
    void killedMidDelivery();
    void killedBeforeClaimDurable();
};

static int countState(QSqlDatabase db, const char *state)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = ?"));
    q.addBindValue(QString::fromLatin1(state));
    return q.exec() && q.next() ? q.value(0).toInt() : -1;
}

void tst_WorkerCrash::killedMidDelivery()
{
    const QString url = Test::TestBackend::freshUrl();
    Error e;
    auto settings = Store::DatabaseSettings::fromUrl(url, QString(), &e);
    Store::Database database(*settings);
    QSqlDatabase db = database.connection(&e);
    QVERIFY2(Store::Migrator().migrate(db, &e) >= 0, qPrintable(e.message));

    Sink::SinkServer sink;
    const QString secret = QStringLiteral("0123456789abcdef-crash");
    sink.setSecret(secret);
    QString why;
    QVERIFY2(sink.listen(QHostAddress::LocalHost, 0, &why), qPrintable(why));
    Sink::Mode slow;
    slow.mode = QStringLiteral("latency");
    slow.delayMs = 150; // requests are in flight when the kill lands
    sink.setMode(slow);

    Subscription s;
    s.url = QStringLiteral("http://127.0.0.1:%1/hook").arg(sink.port());
    s.eventTypes = {QStringLiteral("booking.created")};
    s.secret = secret;
    s.policy = RetryPolicy{5, Backoff::Linear, 50};
    QVERIFY(SubscriptionStore::add(db, &s, &e));

    const int total = 200;
    const QSet<QString> expected =
        Test::enqueueNumbered(db, s.id, QStringLiteral("booking.created"), total, &e);
    QVERIFY2(expected.size() == total, qPrintable(e.message));

    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QStringLiteral(CRASH_CHILD), {url, QStringLiteral("node-a"), QStringLiteral("1500")});
    QVERIFY(child.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(sink.received() >= 40, 20000);
    child.kill(); // SIGKILL mid-delivery: claims and in-flight requests are left behind
    QVERIFY(child.waitForFinished());
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    const int beforeRestart = countState(db, "delivered");
    QVERIFY2(beforeRestart < total, "everything was delivered before the kill; the test proves nothing");
    {
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE claimed_by = 'node-a'")));
        QVERIFY(q.next());
        QVERIFY2(q.value(0).toInt() > 0, "the kill left no claims behind");
    }

    // Another node takes over once node-a's claims expire.
    sink.setMode(Sink::Mode());
    QProcess second;
    second.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    second.start(QStringLiteral(CRASH_CHILD), {url, QStringLiteral("node-b"), QStringLiteral("1500")});
    QVERIFY(second.waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(countState(db, "delivered"), total, 40000);
    second.kill();
    second.waitForFinished();

    const QSet<QString> received(sink.receivedIds().cbegin(), sink.receivedIds().cend());
    QCOMPARE(received, expected); // every delivery arrived, and nothing but them
    QCOMPARE(sink.invalidSignatures(), 0);
    // Deliveries cut off by the kill were sent again under the same webhook-id.
    QVERIFY(sink.received() > received.size());
    qInfo() << "received" << sink.received() << "unique" << received.size() << "repeats"
            << sink.received() - received.size();
}

// SQLite sends claimed rows while their claim is still being committed. A node that dies before the claim
// reached the disk leaves the rows pending and unclaimed although the receiver got them; the next node sends
// them again under the same webhook-id.
void tst_WorkerCrash::killedBeforeClaimDurable()
{
    if (Test::TestBackend::isPostgres())
        QSKIP("PostgreSQL sends only rows whose claim committed (several nodes share the queue)");
    const QString url = Test::TestBackend::freshUrl();
    Error e;
    auto settings = Store::DatabaseSettings::fromUrl(url, QString(), &e);
    Store::Database database(*settings);
    QSqlDatabase db = database.connection(&e);
    QVERIFY2(Store::Migrator().migrate(db, &e) >= 0, qPrintable(e.message));

    Sink::SinkServer sink;
    const QString secret = QStringLiteral("0123456789abcdef-durable");
    sink.setSecret(secret);
    QString why;
    QVERIFY2(sink.listen(QHostAddress::LocalHost, 0, &why), qPrintable(why));
    Subscription s;
    s.url = QStringLiteral("http://127.0.0.1:%1/hook").arg(sink.port());
    s.eventTypes = {QStringLiteral("booking.created")};
    s.secret = secret;
    QVERIFY(SubscriptionStore::add(db, &s, &e));

    const int total = 10; // fewer than the child's concurrency: one claim takes them all
    const QSet<QString> expected =
        Test::enqueueNumbered(db, s.id, QStringLiteral("booking.created"), total, &e);
    QVERIFY2(expected.size() == total, qPrintable(e.message));

    // The child's commits never reach the write-ahead log once its worker runs: its claim stays in flight.
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QStringLiteral(CRASH_CHILD),
                {url, QStringLiteral("node-a"), QStringLiteral("60000"), QStringLiteral("hold-commits")});
    QVERIFY(child.waitForStarted());
    // Sent without waiting for the claim's commit.
    QTRY_COMPARE_WITH_TIMEOUT(sink.received(), total, 20000);
    child.kill();
    QVERIFY(child.waitForFinished());
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    {
        QSqlQuery q(db);
        QVERIFY(
            q.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'pending' AND attempts = 0 "
                                  "AND claimed_by IS NULL")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), total); // nothing of node-a's claim survived
    }

    // A node with another id (node-a's claims, had any survived, would hold for 60 s) sends them again.
    QProcess second;
    second.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    second.start(QStringLiteral(CRASH_CHILD), {url, QStringLiteral("node-b"), QStringLiteral("60000")});
    QVERIFY(second.waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(countState(db, "delivered"), total, 20000);
    second.kill();
    second.waitForFinished();

    QCOMPARE(sink.received(), 2 * total);
    QCOMPARE(sink.invalidSignatures(), 0);
    QHash<QString, int> times;
    for (const QString &id : sink.receivedIds())
        ++times[id];
    QCOMPARE(QSet<QString>(times.keyBegin(), times.keyEnd()), expected);
    for (auto it = times.cbegin(); it != times.cend(); ++it)
        QVERIFY2(it.value() == 2, qPrintable(it.key())); // each twice, under its own webhook-id
}

QTEST_GUILESS_MAIN(tst_WorkerCrash)
#include "tst_workercrash.moc"
