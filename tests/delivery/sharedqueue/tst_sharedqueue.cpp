// Two nodes (workers with their own database handles and node ids) share one outbox: every delivery is sent
// exactly once, and both take part. On PostgreSQL (tst_sharedqueue_pg) the claims use FOR UPDATE SKIP LOCKED.
#include "delivery/deliveryrequest.h"
#include "delivery/deliveryworker.h"
#include "delivery/subscriptions.h"
#include "deliveryfixture.h"
#include "sinkserver.h"
#include "store/database.h"
#include "store/migrator.h"
#include "testdb.h"

#include <QSet>
#include <QSqlQuery>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Delivery;

class tst_SharedQueue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { Test::TestBackend::cleanup(); }
    void twoNodesDisjoint();
};

void tst_SharedQueue::twoNodesDisjoint()
{
    const QString url = Test::TestBackend::freshUrl();
    Error e;
    auto settings = Store::DatabaseSettings::fromUrl(url, QString(), &e);
    Store::Database dbA(*settings), dbB(*settings), dbTest(*settings);
    QSqlDatabase db = dbTest.connection(&e);
    QVERIFY2(Store::Migrator().migrate(db, &e) >= 0, qPrintable(e.message));

    Sink::SinkServer sink;
    QString why;
    QVERIFY2(sink.listen(QHostAddress::LocalHost, 0, &why), qPrintable(why));
    Sink::Mode slow;
    slow.mode = QStringLiteral("latency");
    slow.delayMs = 5; // keeps both nodes busy at once
    sink.setMode(slow);

    Subscription s;
    s.url = QStringLiteral("http://127.0.0.1:%1/hook").arg(sink.port());
    s.eventTypes = {QStringLiteral("*")};
    s.secret = QStringLiteral("0123456789abcdef-shared");
    QVERIFY(SubscriptionStore::add(db, &s, &e));

    const int total = 600;
    const QSet<QString> expected =
        Test::enqueueNumbered(db, s.id, QStringLiteral("payment.received"), total, &e);
    QVERIFY2(expected.size() == total, qPrintable(e.message));

    WorkerOptions o;
    o.pollIntervalMs = 5;
    o.concurrency = 20;
    o.claimBatch = 20;
    o.ssrf.allowCidrs = {QStringLiteral("127.0.0.1/32")};
    o.nodeId = QStringLiteral("node-a");
    DeliveryWorker a(&dbA, o);
    o.nodeId = QStringLiteral("node-b");
    DeliveryWorker b(&dbB, o);
    QVERIFY(a.start(&e));
    QVERIFY(b.start(&e));

    auto delivered = [&] {
        QSqlQuery q(db);
        return q.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'")) && q.next()
                   ? q.value(0).toInt()
                   : -1;
    };
    QTRY_COMPARE_WITH_TIMEOUT(delivered(), total, 60000);
    a.stop();
    b.stop();

    QCOMPARE(sink.received(), total); // nothing sent twice
    const QSet<QString> received(sink.receivedIds().cbegin(), sink.receivedIds().cend());
    QCOMPARE(received, expected);
    QSqlQuery q(db);
    QVERIFY(
        q.exec(QStringLiteral("SELECT node, COUNT(*) FROM delivery_attempts GROUP BY node ORDER BY node")));
    QHash<QString, int> byNode;
    while (q.next())
        byNode.insert(q.value(0).toString(), q.value(1).toInt());
    qInfo() << "attempts by node" << byNode;
    QCOMPARE(byNode.value(QStringLiteral("node-a")) + byNode.value(QStringLiteral("node-b")), total);
    QVERIFY2(byNode.value(QStringLiteral("node-a")) > 0 && byNode.value(QStringLiteral("node-b")) > 0,
             "one node did all the work; the queue was not shared");
    dbA.releaseThreadConnection();
}

QTEST_GUILESS_MAIN(tst_SharedQueue)
#include "tst_sharedqueue.moc"
