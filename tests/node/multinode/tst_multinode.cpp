#include "nodefixture.h"
#include "rawwsclient.h"

using namespace WedSync;
using namespace WedSync::Test;
using Node::Role;

// Two nodes sharing one PostgreSQL database: an event appended through node A streams to a client of
// node B (woken by LISTEN/NOTIFY, read by sequence), in order and without duplicates.
class tst_MultiNode : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { TestBackend::cleanup(); }
    void eventsCrossNodes();
};

void tst_MultiNode::eventsCrossNodes()
{
    if (!TestBackend::isPostgres())
        QSKIP("several nodes share a database only on PostgreSQL (run tst_multinode_pg)");
    const QString url = TestBackend::freshUrl();
    NodeFixture a;
    NodeFixture b;
    QVERIFY(a.start(url));
    QVERIFY(b.start(url));
    QVERIFY(a.url() != b.url());

    // A token created through A is valid on B: they share the token table.
    const QByteArray token = a.token(Role::Viewer, QStringLiteral("console"));
    RawWsClient onB;
    onB.open(b.url(), token);
    QVERIFY(!onB.waitFor(QStringLiteral("hello")).isEmpty());
    onB.send(QByteArray(R"({"type":"subscribe","id":"s","topics":["events"]})"));
    QVERIFY(onB.waitForResult(QStringLiteral("s")).value(QLatin1String("ok")).toBool());

    QList<Events::Event> batch;
    for (int i = 0; i < 50; ++i)
        batch.append(makeNodeEvent(QStringLiteral("x%1").arg(i)));
    const qint64 last = a.append(batch);
    QTRY_COMPARE_WITH_TIMEOUT(onB.eventSeqs.size(), 50, 10000);
    for (int i = 0; i < 50; ++i)
        QCOMPARE(onB.eventSeqs.at(i), last - 49 + i);
    // B's own journal did not append them: they came from the shared database.
    QCOMPARE(b.engine->journal()->appendedCount(), 0);

    // And the other way round, interleaved with appends on both.
    RawWsClient onA;
    onA.open(a.url(), token);
    QVERIFY(!onA.waitFor(QStringLiteral("hello")).isEmpty());
    onA.send(
        QStringLiteral(R"({"type":"subscribe","id":"s","topics":["events"],"since":%1})").arg(last).toUtf8());
    b.append({makeNodeEvent(QStringLiteral("fromB1"))});
    a.append({makeNodeEvent(QStringLiteral("fromA"))});
    b.append({makeNodeEvent(QStringLiteral("fromB2"))});
    QTRY_COMPARE_WITH_TIMEOUT(onA.eventSeqs.size(), 3, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(onB.eventSeqs.size(), 53, 10000);
    QCOMPARE(onA.eventSeqs, (QList<qint64>{last + 1, last + 2, last + 3}));
    QCOMPARE(onB.eventSeqs.mid(50), (QList<qint64>{last + 1, last + 2, last + 3}));
}

QTEST_GUILESS_MAIN(tst_MultiNode)
#include "tst_multinode.moc"
