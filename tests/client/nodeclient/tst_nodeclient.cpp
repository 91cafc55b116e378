#include "client/nodeclient.h"
#include "health/monitor.h"
#include "node/audit.h"
#include "node/nodeserver.h"
#include "nodefixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QWebSocket>

using namespace WedSync;
using namespace WedSync::Test;
using Client::ConnectionState;
using Client::NodeClient;
using Node::Role;

class tst_NodeClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { TestBackend::cleanup(); }
    void embeddedConnectAndQuery();
    void refusedTokenFails();
    void resumeAcrossForcedReconnect();
    void burstArrivesInOrderInSlices();
    void liveOnlyResumesFromHead();
    void requestErrors_data();
    void requestErrors();
    void timeoutAndDisconnected();
    void eventGetWithChain();
    void healthOverTheProtocol();
};

static QList<qint64> seqsOf(const QList<Client::TopicEvent> &events)
{
    QList<qint64> out;
    for (const auto &e : events)
        out.append(e.seq);
    return out;
}

void tst_NodeClient::embeddedConnectAndQuery()
{
    NodeFixture f;
    QVERIFY(f.start(QString(), {}, /*embedded*/ true));
    QVERIFY(!f.engine->embeddedToken().isEmpty());
    QCOMPARE(f.engine->nodeUrl().host(), QStringLiteral("127.0.0.1"));
    // The embedded token is not stored.
    Error e;
    QVERIFY(f.engine->tokens()->list(&e).isEmpty());
    NodeClient client;
    QSignalSpy hello(&client, &NodeClient::helloReceived);
    client.connectToNode(f.url(), f.engine->embeddedToken());
    QTRY_COMPARE(client.state(), ConnectionState::Connected);
    QCOMPARE(hello.count(), 1);
    QCOMPARE(client.info().role, QStringLiteral("admin"));
    QCOMPARE(client.info().node, QStringLiteral("test-node"));
    Client::Result got;
    bool done = false;
    client.query(QStringLiteral("node.info"), {}, [&](const Client::Result &r) {
        got = r;
        done = true;
    });
    QTRY_VERIFY(done);
    QVERIFY2(got.ok, qPrintable(got.errorMessage));
    QCOMPARE(got.data.toObject().value(QLatin1String("embedded")).toBool(), true);
    QVERIFY(!got.data.toObject().value(QLatin1String("database")).toString().isEmpty());
}

void tst_NodeClient::refusedTokenFails()
{
    NodeFixture f;
    QVERIFY(f.start());
    NodeClient client;
    client.setReconnectDelays(10, 20);
    QSignalSpy states(&client, &NodeClient::stateChanged);
    client.connectToNode(f.url(), Node::TokenStore::generate());
    QTRY_COMPARE(client.state(), ConnectionState::Failed);
    QVERIFY(states.last().at(1).toString().startsWith(QStringLiteral("AUTH_INVALID")));
    QTest::qWait(100); // no reconnect loop after a refusal
    QCOMPARE(client.state(), ConnectionState::Failed);
}

void tst_NodeClient::resumeAcrossForcedReconnect()
{
    NodeFixture f;
    QVERIFY(f.start());
    QList<Events::Event> batch;
    for (int i = 0; i < 300; ++i)
        batch.append(makeNodeEvent(QStringLiteral("r%1").arg(i)));
    f.append(batch);

    NodeClient client;
    client.setReconnectDelays(20, 100);
    QList<qint64> seen;
    connect(&client, &NodeClient::eventsReceived, this,
            [&](const QList<Client::TopicEvent> &events) { seen += seqsOf(events); });
    client.connectToNode(f.url(), f.token(Role::Viewer, QStringLiteral("v")));
    client.subscribe(QStringLiteral("events"), {}, 0);
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 300, 10000);

    // Drop the connection (as a network failure would), append meanwhile, and expect the client to
    // reconnect and continue from its last seq.
    QWebSocket *socket = client.findChild<QWebSocket *>();
    QVERIFY(socket);
    QSignalSpy states(&client, &NodeClient::stateChanged);
    socket->abort();
    QList<Events::Event> more;
    for (int i = 0; i < 200; ++i)
        more.append(makeNodeEvent(QStringLiteral("q%1").arg(i)));
    f.append(more);
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 500, 10000);
    bool reconnected = false;
    for (const auto &s : states)
        reconnected = reconnected || s.at(0).value<ConnectionState>() == ConnectionState::Reconnecting;
    QVERIFY(reconnected);
    QCOMPARE(client.state(), ConnectionState::Connected);
    for (int i = 0; i < seen.size(); ++i)
        QCOMPARE(seen.at(i), qint64(i + 1));
    QCOMPARE(client.lastSeq(QStringLiteral("events")), 500);
    f.append({makeNodeEvent(QStringLiteral("last"))});
    QTRY_COMPARE(seen.size(), 501);
    QCOMPARE(seen.last(), 501);
}

void tst_NodeClient::burstArrivesInOrderInSlices()
{
    // A replay larger than one slice: parsed on the client's parser thread, handed over in order, never
    // more than one slice (500 frames) per batch, each event with its compact JSON ready to store.
    NodeFixture f;
    QVERIFY(f.start());
    QList<Events::Event> burst;
    for (int i = 0; i < 2500; ++i)
        burst.append(makeNodeEvent(QStringLiteral("b%1").arg(i), QStringLiteral("stripe"),
                                   QStringLiteral("payment.received"), QStringLiteral("wed_%1").arg(i % 7)));
    f.append(burst);

    NodeClient client;
    QList<qint64> seen;
    int largestBatch = 0;
    int rawMismatches = 0;
    connect(&client, &NodeClient::eventsReceived, this, [&](const QList<Client::TopicEvent> &events) {
        largestBatch = std::max(largestBatch, int(events.size()));
        for (const Client::TopicEvent &e : events) {
            QJsonObject expected = e.data;
            expected.insert(QStringLiteral("seq"), e.seq);
            if (e.topic != QLatin1String("events") || QJsonDocument::fromJson(e.raw).object() != expected)
                ++rawMismatches;
        }
        seen += seqsOf(events);
    });
    client.connectToNode(f.url(), f.token(Role::Viewer, QStringLiteral("v")));
    client.subscribe(QStringLiteral("events"), {}, 0);
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 2500, 20000);
    for (int i = 0; i < seen.size(); ++i)
        QCOMPARE(seen.at(i), qint64(i + 1));
    QCOMPARE(rawMismatches, 0);
    QVERIFY(largestBatch >= 1);
    QVERIFY2(largestBatch <= 500, qPrintable(QStringLiteral("batch of %1 events").arg(largestBatch)));
    QCOMPARE(client.lastSeq(QStringLiteral("events")), 2500);

    // After a disconnect on request nothing more arrives, not even frames still on the parser thread.
    f.append({makeNodeEvent(QStringLiteral("late"))});
    QTRY_COMPARE(seen.size(), 2501);
    client.disconnectFromNode();
    QCOMPARE(client.state(), ConnectionState::Disconnected);
    QTest::qWait(50);
    QCOMPARE(seen.size(), 2501);
}

void tst_NodeClient::liveOnlyResumesFromHead()
{
    NodeFixture f;
    QVERIFY(f.start());
    f.append({makeNodeEvent(QStringLiteral("old"))});
    NodeClient client;
    client.setReconnectDelays(20, 100);
    QList<qint64> seen;
    connect(&client, &NodeClient::eventsReceived, this,
            [&](const QList<Client::TopicEvent> &events) { seen += seqsOf(events); });
    client.connectToNode(f.url(), f.token(Role::Viewer, QStringLiteral("v")));
    client.subscribe(QStringLiteral("events")); // live only
    QTRY_COMPARE(client.state(), ConnectionState::Connected);
    // The head is learned from the subscribe answer (or from event 1 if the node fetched it after the
    // subscription began): either way the client knows where it stands.
    QTRY_COMPARE(client.lastSeq(QStringLiteral("events")), 1);
    QTest::qWait(20);
    const QList<qint64> before = seen; // [] or [1]
    QVERIFY(before.isEmpty() || before == QList<qint64>{1});
    client.findChild<QWebSocket *>()->abort();
    f.append({makeNodeEvent(QStringLiteral("during"))});
    QTRY_COMPARE(seen, before + QList<qint64>{2});
    QTest::qWait(50);
    QCOMPARE(seen, before + QList<qint64>{2}); // nothing replayed twice, the one during the drop not lost
}

void tst_NodeClient::requestErrors_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<bool>("command");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("code");
    QTest::newRow("forbidden") << int(Role::Viewer) << true << "token.revoke"
                               << "FORBIDDEN";
    QTest::newRow("unknown query") << int(Role::Admin) << false << "no.such.query"
                                   << "UNKNOWN_QUERY";
    QTest::newRow("not found") << int(Role::Admin) << true << "token.revoke"
                               << "NOT_FOUND";
}

void tst_NodeClient::requestErrors()
{
    QFETCH(int, role);
    QFETCH(bool, command);
    QFETCH(QString, name);
    QFETCH(QString, code);
    NodeFixture f;
    QVERIFY(f.start());
    NodeClient client;
    client.connectToNode(f.url(), f.token(Role(role), QStringLiteral("t")));
    QTRY_COMPARE(client.state(), ConnectionState::Connected);
    Client::Result got;
    int calls = 0;
    auto cb = [&](const Client::Result &r) {
        got = r;
        ++calls;
    };
    const QJsonObject args{{QStringLiteral("name"), QStringLiteral("nobody")}};
    if (command)
        client.command(name, args, cb);
    else
        client.query(name, args, cb);
    QTRY_COMPARE(calls, 1);
    QVERIFY(!got.ok);
    QCOMPARE(got.errorCode, code);
    QVERIFY(!got.errorMessage.isEmpty());
}

void tst_NodeClient::timeoutAndDisconnected()
{
    NodeFixture f;
    QVERIFY(f.start());
    // A handler that never answers, and one that answers later.
    f.engine->nodeServer()->registerQuery(
        QStringLiteral("test.never"), Role::Viewer,
        Node::NodeServer::Handler(
            [](const Node::RequestContext &, const QJsonObject &, const Node::NodeServer::Done &) {}));
    NodeClient client;
    client.setRequestTimeout(200);
    client.setReconnectDelays(10000, 10000);
    // Not connected yet: DISCONNECTED at once (but asynchronously).
    Client::Result early;
    int earlyCalls = 0;
    client.query(QStringLiteral("node.info"), {}, [&](const Client::Result &r) {
        early = r;
        ++earlyCalls;
    });
    QCOMPARE(earlyCalls, 0);
    QTRY_COMPARE(earlyCalls, 1);
    QCOMPARE(early.errorCode, QStringLiteral("DISCONNECTED"));

    client.connectToNode(f.url(), f.token(Role::Viewer, QStringLiteral("v")));
    QTRY_COMPARE(client.state(), ConnectionState::Connected);
    Client::Result timedOut;
    int calls = 0;
    client.query(QStringLiteral("test.never"), {}, [&](const Client::Result &r) {
        timedOut = r;
        ++calls;
    });
    QTRY_COMPARE(calls, 1);
    QCOMPARE(timedOut.errorCode, QStringLiteral("TIMEOUT"));

    client.setRequestTimeout(30000);
    Client::Result dropped;
    int dropCalls = 0;
    client.query(QStringLiteral("test.never"), {}, [&](const Client::Result &r) {
        dropped = r;
        ++dropCalls;
    });
    QTest::qWait(50);
    client.findChild<QWebSocket *>()->abort();
    QTRY_COMPARE(dropCalls, 1);
    QCOMPARE(dropped.errorCode, QStringLiteral("DISCONNECTED"));
    QCOMPARE(client.state(), ConnectionState::Reconnecting);
    client.disconnectFromNode();
    QCOMPARE(client.state(), ConnectionState::Disconnected);
    QTest::qWait(50);
    QCOMPARE(dropCalls, 1);
}

void tst_NodeClient::eventGetWithChain()
{
    NodeFixture f;
    QVERIFY(f.start());
    Events::Event root =
        makeNodeEvent(QStringLiteral("root"), QStringLiteral("calendly"), QStringLiteral("booking.created"));
    root.correlationId = QStringLiteral("chain-1");
    Events::Event child =
        makeNodeEvent(QStringLiteral("child"), QStringLiteral("engine"), QStringLiteral("email.send"));
    child.correlationId = QStringLiteral("chain-1");
    child.causationId = QStringLiteral("root");
    const qint64 rootSeq = f.append({root});
    f.append({child, makeNodeEvent(QStringLiteral("other"))}, {rootSeq});
    NodeClient client;
    client.connectToNode(f.url(), f.token(Role::Viewer, QStringLiteral("v")));
    QTRY_COMPARE(client.state(), ConnectionState::Connected);
    Client::Result got;
    int calls = 0;
    client.query(QStringLiteral("event.get"), {{QStringLiteral("seq"), 2}}, [&](const Client::Result &r) {
        got = r;
        ++calls;
    });
    QTRY_COMPARE(calls, 1);
    QVERIFY2(got.ok, qPrintable(got.errorMessage));
    const QJsonObject o = got.data.toObject();
    QCOMPARE(o.value(QLatin1String("event")).toObject().value(QLatin1String("event_id")).toString(),
             QStringLiteral("child"));
    QCOMPARE(o.value(QLatin1String("chain")).toArray().size(), 2);
    QCOMPARE(
        o.value(QLatin1String("chain")).toArray().at(0).toObject().value(QLatin1String("seq")).toInteger(),
        1);
    client.query(QStringLiteral("event.get"), {{QStringLiteral("seq"), 99}}, [&](const Client::Result &r) {
        got = r;
        ++calls;
    });
    QTRY_COMPARE(calls, 2);
    QCOMPARE(got.errorCode, QStringLiteral("NOT_FOUND"));
}

void tst_NodeClient::healthOverTheProtocol()
{
    NodeFixture f;
    QVERIFY(f.start());
    NodeClient client;
    QList<Client::TopicEvent> health;
    connect(&client, &NodeClient::eventsReceived, this, [&](const QList<Client::TopicEvent> &events) {
        for (const auto &e : events) {
            if (e.topic == u"health")
                health.append(e);
        }
    });
    client.connectToNode(f.url(), f.token(Role::Viewer, QStringLiteral("coordinator")));
    client.subscribe(QStringLiteral("health"));
    QTRY_COMPARE(client.state(), ConnectionState::Connected);
    QTRY_VERIFY(client.lastSeq(QStringLiteral("health")) >= 0);
    QTest::qWait(50); // the subscription is live

    for (int i = 0; i < 10; ++i)
        f.engine->health()->recordIngress(QStringLiteral("stripe"), false, 40);
    f.engine->health()->recordDelivery(QStringLiteral("photography-crm"), true, 80,
                                       Health::BreakerState::Closed);
    f.engine->health()->evaluate();
    QTRY_COMPARE(health.size(), 2);
    bool sawCritical = false;
    for (const auto &e : health)
        sawCritical = sawCritical || (e.data.value(QLatin1String("integration")).toString() == u"stripe" &&
                                      e.data.value(QLatin1String("state")).toString() == u"critical");
    QVERIFY(sawCritical);

    Client::Result got;
    int calls = 0;
    client.query(QStringLiteral("health.integrations"), {}, [&](const Client::Result &r) {
        got = r;
        ++calls;
    });
    QTRY_COMPARE(calls, 1);
    QVERIFY2(got.ok, qPrintable(got.errorMessage));
    const QJsonArray items = got.data.toObject().value(QLatin1String("items")).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).toObject().value(QLatin1String("integration")).toString(),
             QStringLiteral("stripe")); // worst first
    QCOMPARE(items.at(0).toObject().value(QLatin1String("state")).toString(), QStringLiteral("critical"));

    // A viewer may not acknowledge; the refusal is audited.
    client.command(QStringLiteral("alert.ack"), {{QStringLiteral("id"), 1}}, [&](const Client::Result &r) {
        got = r;
        ++calls;
    });
    QTRY_COMPARE(calls, 2);
    QCOMPARE(got.errorCode, QStringLiteral("FORBIDDEN"));
    Error e;
    QCOMPARE(
        f.engine->audit()->list(0, 10, QStringLiteral("coordinator"), QStringLiteral("denied"), &e).size(),
        1);

    NodeClient ops;
    ops.connectToNode(f.url(), f.token(Role::Operator, QStringLiteral("support")));
    QTRY_COMPARE(ops.state(), ConnectionState::Connected);
    ops.command(QStringLiteral("alert.ack"), {{QStringLiteral("id"), 12345}}, [&](const Client::Result &r) {
        got = r;
        ++calls;
    });
    QTRY_COMPARE(calls, 3);
    QCOMPARE(got.errorCode, QStringLiteral("NOT_FOUND"));
    const auto rows = f.engine->audit()->list(0, 10, QStringLiteral("support"), QString(), &e);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().data.value(QLatin1String("outcome")).toString(), QStringLiteral("failed"));
    QVERIFY(rows.first().raw.isEmpty()); // compact JSON is written for topic "events" only
    QCOMPARE(rows.first().data.value(QLatin1String("action")).toString(), QStringLiteral("alert.ack"));
}

QTEST_GUILESS_MAIN(tst_NodeClient)
#include "tst_nodeclient.moc"
