#include "node/audit.h"
#include "node/nodeserver.h"
#include "nodefixture.h"
#include "rawwsclient.h"

#include <QJsonArray>
#include <QSqlQuery>

using namespace WedSync;
using namespace WedSync::Test;
using Node::Role;

class tst_NodeServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { TestBackend::cleanup(); }
    void helloCarriesRole();
    void handshakeRefusals_data();
    void handshakeRefusals();
    void originCheck();
    void roleDenialsAudited_data();
    void roleDenialsAudited();
    void malformedFrames_data();
    void malformedFrames();
    void replayThenLive();
    void serverSideFilter();
    void rateLimited();
    void fiftyClients();
    void stalledConsumerLagged();
};

void tst_NodeServer::helloCarriesRole()
{
    NodeFixture f;
    QVERIFY(f.start());
    RawWsClient c;
    c.open(f.url(), f.token(Role::Operator, QStringLiteral("ops")));
    const QJsonObject hello = c.waitFor(QStringLiteral("hello"));
    QCOMPARE(hello.value(QLatin1String("role")).toString(), QStringLiteral("operator"));
    QCOMPARE(hello.value(QLatin1String("node")).toString(), QStringLiteral("test-node"));
    QCOMPARE(hello.value(QLatin1String("protocol")).toString(), QStringLiteral("wedsync.v1"));
    QVERIFY(hello.value(QLatin1String("topics")).toArray().contains(QStringLiteral("events")));
    QVERIFY(hello.value(QLatin1String("queries")).toArray().contains(QStringLiteral("node.info")));
    QCOMPARE(c.ws.subprotocol(), QStringLiteral("wedsync.v1"));
    QTRY_COMPARE(f.engine->nodeServer()->connectionCount(), 1);
}

void tst_NodeServer::handshakeRefusals_data()
{
    QTest::addColumn<QString>("tokenKind");
    QTest::addColumn<QStringList>("protocols");
    QTest::addColumn<int>("closeCode");
    QTest::addColumn<QString>("reasonStart");
    const QStringList v1{QStringLiteral("wedsync.v1")};
    QTest::newRow("no token") << "none" << v1 << 1008 << "AUTH_REQUIRED";
    QTest::newRow("bad token") << "bad" << v1 << 1008 << "AUTH_INVALID";
    QTest::newRow("not even our format") << "garbage" << v1 << 1008 << "AUTH_INVALID";
    QTest::newRow("revoked token") << "revoked" << v1 << 1008 << "AUTH_INVALID: token revoked";
    QTest::newRow("unknown version") << "good" << QStringList{QStringLiteral("wedsync.v2")} << 1002
                                     << "UNSUPPORTED_PROTOCOL";
    QTest::newRow("no subprotocol") << "good" << QStringList{} << 1002 << "UNSUPPORTED_PROTOCOL";
}

void tst_NodeServer::handshakeRefusals()
{
    QFETCH(QString, tokenKind);
    QFETCH(QStringList, protocols);
    QFETCH(int, closeCode);
    QFETCH(QString, reasonStart);
    NodeFixture f;
    QVERIFY(f.start());
    QByteArray token;
    if (tokenKind == u"good")
        token = f.token(Role::Admin, QStringLiteral("a"));
    else if (tokenKind == u"bad")
        token = Node::TokenStore::generate();
    else if (tokenKind == u"garbage")
        token = "letmein";
    else if (tokenKind == u"revoked") {
        token = f.token(Role::Admin, QStringLiteral("gone"));
        Error e;
        QVERIFY(f.engine->tokens()->revoke(QStringLiteral("gone"), &e));
    }
    RawWsClient c;
    c.open(f.url(), token, protocols);
    QTRY_VERIFY(c.closed);
    QCOMPARE(int(c.ws.closeCode()), closeCode);
    QVERIFY2(c.ws.closeReason().startsWith(reasonStart), qPrintable(c.ws.closeReason()));
    QVERIFY(c.waitFor(QStringLiteral("hello"), 50).isEmpty()); // nothing was served
    QCOMPARE(f.engine->nodeServer()->connectionCount(), 0);
}

void tst_NodeServer::originCheck()
{
    NodeFixture f;
    QVERIFY(f.start(QString(), {{QStringLiteral("node.allowed_origins"), QStringLiteral("https://console.example")}}));
    const QByteArray token = f.token(Role::Viewer, QStringLiteral("v"));
    RawWsClient evil;
    evil.open(f.url(), token, {QStringLiteral("wedsync.v1")}, "https://evil.example");
    QTRY_VERIFY(evil.closed);
    QVERIFY(evil.frames.isEmpty());
    RawWsClient good;
    good.open(f.url(), token, {QStringLiteral("wedsync.v1")}, "https://console.example");
    QVERIFY(!good.waitFor(QStringLiteral("hello")).isEmpty());
}

void tst_NodeServer::roleDenialsAudited_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("viewer reads node.info") << int(Role::Viewer) << "query" << "node.info" << true;
    QTest::newRow("viewer lists tokens") << int(Role::Viewer) << "query" << "token.list" << false;
    QTest::newRow("operator lists tokens") << int(Role::Operator) << "query" << "token.list" << false;
    QTest::newRow("operator revokes token") << int(Role::Operator) << "command" << "token.revoke" << false;
    QTest::newRow("admin lists tokens") << int(Role::Admin) << "query" << "token.list" << true;
}

void tst_NodeServer::roleDenialsAudited()
{
    QFETCH(int, role);
    QFETCH(QString, type);
    QFETCH(QString, name);
    QFETCH(bool, allowed);
    NodeFixture f;
    QVERIFY(f.start());
    RawWsClient c;
    c.open(f.url(), f.token(Role(role), QStringLiteral("who")));
    QVERIFY(!c.waitFor(QStringLiteral("hello")).isEmpty());
    c.send(QJsonObject{{QStringLiteral("type"), type},
                       {QStringLiteral("id"), QStringLiteral("r1")},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("args"), QJsonObject{{QStringLiteral("name"), QStringLiteral("who")}}}});
    const QJsonObject r = c.waitForResult(QStringLiteral("r1"));
    QCOMPARE(r.value(QLatin1String("ok")).toBool(), allowed);
    Error e;
    const auto rows = f.engine->audit()->list(0, 10, QStringLiteral("who"), QStringLiteral("denied"), &e);
    if (allowed) {
        QVERIFY(rows.isEmpty());
    } else {
        QCOMPARE(r.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
                 QStringLiteral("FORBIDDEN"));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().data.value(QLatin1String("action")).toString(), name);
        QCOMPARE(rows.first().data.value(QLatin1String("role")).toString(), Node::roleName(Role(role)));
        QVERIFY(rows.first().data.value(QLatin1String("at")).toInteger() > 0);
    }
}

void tst_NodeServer::malformedFrames_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("id");
    QTest::newRow("not json") << QByteArray("hello?") << "BAD_FRAME" << "";
    QTest::newRow("array") << QByteArray("[1,2]") << "BAD_FRAME" << "";
    QTest::newRow("unknown type") << QByteArray(R"({"type":"dance","id":"x1"})") << "BAD_FRAME" << "x1";
    QTest::newRow("name wrong type") << QByteArray(R"({"type":"query","id":"x2","name":5})") << "BAD_FRAME" << "x2";
    QTest::newRow("args not object") << QByteArray(R"({"type":"query","id":"x3","name":"node.info","args":[]})")
                                     << "BAD_FRAME" << "x3";
    QTest::newRow("query without id") << QByteArray(R"({"type":"query","name":"node.info"})") << "BAD_FRAME" << "";
    QTest::newRow("since is text") << QByteArray(R"({"type":"subscribe","id":"x4","topics":["events"],"since":"0"})")
                                   << "BAD_FRAME" << "x4";
    QTest::newRow("topics empty") << QByteArray(R"({"type":"subscribe","id":"x5","topics":[]})") << "BAD_FRAME" << "x5";
    QTest::newRow("unknown topic") << QByteArray(R"({"type":"subscribe","id":"x6","topics":["nope"]})")
                                   << "UNKNOWN_TOPIC" << "x6";
    QTest::newRow("unknown filter") << QByteArray(R"({"type":"subscribe","id":"x7","topics":["events"],"filter":{"colour":"red"}})")
                                    << "BAD_REQUEST" << "x7";
    QTest::newRow("unknown query") << QByteArray(R"({"type":"query","id":"x8","name":"no.such"})") << "UNKNOWN_QUERY" << "x8";
    QTest::newRow("query as command") << QByteArray(R"({"type":"command","id":"x9","name":"node.info"})")
                                      << "UNKNOWN_COMMAND" << "x9";
    QTest::newRow("bad args") << QByteArray(R"({"type":"query","id":"x10","name":"event.get","args":{"seq":"one"}})")
                              << "BAD_REQUEST" << "x10";
    QByteArray huge = R"({"type":"query","id":"x11","name":"node.info","args":{"pad":")" + QByteArray(100000, 'a') + R"("}})";
    QTest::newRow("huge") << huge << "FRAME_TOO_LARGE" << "";
}

void tst_NodeServer::malformedFrames()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, code);
    QFETCH(QString, id);
    NodeFixture f;
    QVERIFY(f.start(QString(), {{QStringLiteral("node.max_frame_bytes"), QStringLiteral("64KiB")}}));
    RawWsClient c;
    c.open(f.url(), f.token(Role::Viewer, QStringLiteral("v")));
    QVERIFY(!c.waitFor(QStringLiteral("hello")).isEmpty());
    c.send(frame);
    qsizetype at = -1;
    const QJsonObject r = c.waitFor(QStringLiteral("result"), 5000, &at);
    QVERIFY2(!r.isEmpty(), "no answer to a malformed frame");
    QCOMPARE(r.value(QLatin1String("ok")).toBool(), false);
    QCOMPARE(r.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(), code);
    QVERIFY(!r.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString().isEmpty());
    QCOMPARE(r.value(QLatin1String("id")).toString(), id);
    // The connection survives and still answers.
    c.send(QByteArray(R"({"type":"query","id":"after","name":"node.info"})"));
    QCOMPARE(c.waitForResult(QStringLiteral("after")).value(QLatin1String("ok")).toBool(), true);
}

void tst_NodeServer::replayThenLive()
{
    NodeFixture f;
    QVERIFY(f.start());
    QList<Events::Event> first;
    for (int i = 0; i < 700; ++i)
        first.append(makeNodeEvent(QStringLiteral("a%1").arg(i)));
    f.append(first);
    RawWsClient c;
    c.open(f.url(), f.token(Role::Viewer, QStringLiteral("v")));
    QVERIFY(!c.waitFor(QStringLiteral("hello")).isEmpty());
    c.send(QByteArray(R"({"type":"subscribe","id":"s","topics":["events"],"since":100})"));
    // Live appends while the replay is running.
    QList<Events::Event> second;
    for (int i = 0; i < 300; ++i)
        second.append(makeNodeEvent(QStringLiteral("b%1").arg(i)));
    f.append(second);
    auto events = [&] {
        QList<qint64> seqs;
        for (const auto &fr : c.frames) {
            if (fr.value(QLatin1String("type")).toString() == u"event")
                seqs.append(fr.value(QLatin1String("seq")).toInteger());
        }
        return seqs;
    };
    QTRY_COMPARE_WITH_TIMEOUT(events().size(), 900, 10000);
    const auto seqs = events();
    for (int i = 0; i < seqs.size(); ++i)
        QCOMPARE(seqs.at(i), qint64(101 + i)); // ordered, no gap, no duplicate
    QVERIFY(c.waitFor(QStringLiteral("lagged"), 10).isEmpty());
}

void tst_NodeServer::serverSideFilter()
{
    NodeFixture f;
    QVERIFY(f.start());
    f.append({makeNodeEvent(QStringLiteral("1"), QStringLiteral("stripe")),
              makeNodeEvent(QStringLiteral("2"), QStringLiteral("calendly"), QStringLiteral("booking.created"),
                            QStringLiteral("wed_9")),
              makeNodeEvent(QStringLiteral("3"), QStringLiteral("stripe"), QStringLiteral("payment.failed"))});
    RawWsClient c;
    c.open(f.url(), f.token(Role::Viewer, QStringLiteral("v")));
    QVERIFY(!c.waitFor(QStringLiteral("hello")).isEmpty());
    c.send(QByteArray(R"({"type":"subscribe","id":"s","topics":["events"],"since":0,"filter":{"source":"stripe","type":["payment.failed","booking.created"]}})"));
    const QJsonObject ev = c.waitFor(QStringLiteral("event"));
    QCOMPARE(ev.value(QLatin1String("data")).toObject().value(QLatin1String("event_id")).toString(), QStringLiteral("3"));
    f.append({makeNodeEvent(QStringLiteral("4"), QStringLiteral("stripe"), QStringLiteral("payment.failed"), QStringLiteral("wed_9"))});
    qsizetype at = 0;
    qsizetype first = 0;
    c.waitFor(QStringLiteral("event"), 100, &first);
    const QJsonObject ev2 = c.waitFor(QStringLiteral("event"), 5000, &at, first + 1);
    QCOMPARE(ev2.value(QLatin1String("data")).toObject().value(QLatin1String("event_id")).toString(), QStringLiteral("4"));
    // Free text across the event.
    RawWsClient t;
    t.open(f.url(), f.token(Role::Viewer, QStringLiteral("t")));
    QVERIFY(!t.waitFor(QStringLiteral("hello")).isEmpty());
    t.send(QByteArray(R"({"type":"subscribe","id":"s","topics":["events"],"since":0,"filter":{"text":"WED_9","source":"calendly"}})"));
    QCOMPARE(t.waitFor(QStringLiteral("event")).value(QLatin1String("seq")).toInteger(), 2);
}

void tst_NodeServer::rateLimited()
{
    NodeFixture f;
    QVERIFY(f.start(QString(), {{QStringLiteral("node.command_rate"), QStringLiteral("5")}}));
    RawWsClient c;
    c.open(f.url(), f.token(Role::Viewer, QStringLiteral("v")));
    QVERIFY(!c.waitFor(QStringLiteral("hello")).isEmpty());
    for (int i = 0; i < 30; ++i)
        c.send(QStringLiteral(R"({"type":"query","id":"q%1","name":"node.info"})").arg(i).toUtf8());
    QTRY_COMPARE(c.frames.size(), 31);
    int ok = 0, limited = 0;
    for (const auto &fr : c.frames) {
        if (fr.value(QLatin1String("type")).toString() != u"result")
            continue;
        if (fr.value(QLatin1String("ok")).toBool())
            ++ok;
        else if (fr.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString() == u"RATE_LIMITED")
            ++limited;
    }
    QVERIFY2(ok >= 10 && ok <= 12, qPrintable(QString::number(ok))); // burst of 2x the rate
    QCOMPARE(ok + limited, 30);
}

void tst_NodeServer::fiftyClients()
{
    NodeFixture f;
    QVERIFY(f.start());
    const QByteArray token = f.token(Role::Viewer, QStringLiteral("many"));
    std::vector<std::unique_ptr<RawWsClient>> clients;
    for (int i = 0; i < 50; ++i) {
        clients.push_back(std::make_unique<RawWsClient>());
        clients.back()->open(f.url(), token);
    }
    for (auto &c : clients) {
        QVERIFY(!c->waitFor(QStringLiteral("hello")).isEmpty());
        c->send(QByteArray(R"({"type":"subscribe","id":"s","topics":["events"]})"));
        QVERIFY(!c->waitForResult(QStringLiteral("s")).isEmpty());
    }
    QCOMPARE(f.engine->nodeServer()->connectionCount(), 50);
    QList<Events::Event> batch;
    for (int i = 0; i < 200; ++i)
        batch.append(makeNodeEvent(QStringLiteral("m%1").arg(i)));
    const qint64 last = f.append(batch);
    for (auto &c : clients) {
        auto count = [&] {
            int n = 0;
            for (const auto &fr : c->frames)
                n += fr.value(QLatin1String("type")).toString() == u"event";
            return n;
        };
        QTRY_COMPARE_WITH_TIMEOUT(count(), 200, 10000);
        qint64 prev = 0;
        for (const auto &fr : c->frames) {
            if (fr.value(QLatin1String("type")).toString() != u"event")
                continue;
            QCOMPARE(fr.value(QLatin1String("seq")).toInteger(), prev ? prev + 1 : last - 199);
            prev = fr.value(QLatin1String("seq")).toInteger();
        }
    }
}

void tst_NodeServer::stalledConsumerLagged()
{
    NodeFixture f;
    // A small queue and fan-out window make falling behind quick.
    QVERIFY(f.start(QString(), {{QStringLiteral("node.send_queue_max"), QStringLiteral("64KiB")},
                                {QStringLiteral("node.fanout_window"), QStringLiteral("1024")}}));
    const QByteArray token = f.token(Role::Viewer, QStringLiteral("v"));
    RawWsClient healthy;
    healthy.keepFrames = false;
    healthy.open(f.url(), token);
    QVERIFY(!healthy.waitFor(QStringLiteral("hello")).isEmpty());
    healthy.send(QByteArray(R"({"type":"subscribe","id":"s","topics":["events"]})"));
    QVERIFY(!healthy.waitForResult(QStringLiteral("s")).isEmpty());

    // The stalled consumer: a raw TCP socket that completes the handshake, subscribes, then stops reading.
    QTcpSocket stalled;
    stalled.setReadBufferSize(4096);
    stalled.connectToHost(QHostAddress::LocalHost, f.url().port());
    QVERIFY(stalled.waitForConnected(5000));
    stalled.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                  "Sec-WebSocket-Protocol: wedsync.v1\r\nAuthorization: Bearer " + token + "\r\n\r\n");
    QTRY_COMPARE(f.engine->nodeServer()->connectionCount(), 2);
    // A masked client text frame: {"type":"subscribe","topics":["events"]}
    const QByteArray payload = R"({"type":"subscribe","topics":["events"]})";
    QByteArray frame;
    frame.append(char(0x81));
    frame.append(char(0x80 | payload.size()));
    const QByteArray mask("\x01\x02\x03\x04", 4);
    frame.append(mask);
    for (int i = 0; i < payload.size(); ++i)
        frame.append(char(payload[i] ^ mask[i % 4]));
    stalled.write(frame);
    QTest::qWait(100);

    const int total = 15000;
    int appended = 0;
    while (appended < total) {
        QList<Events::Event> batch;
        for (int i = 0; i < 250; ++i)
            batch.append(makeNodeEvent(QStringLiteral("s%1").arg(appended++)));
        f.append(batch);
        // The healthy consumer keeps up (it reads everything before the next burst); the stalled one never reads.
        QTRY_COMPARE_WITH_TIMEOUT(healthy.eventSeqs.size(), appended, 10000);
    }
    QCOMPARE(healthy.lagged, 0); // the healthy one is unaffected
    for (int i = 0; i < total; ++i)
        QCOMPARE(healthy.eventSeqs.at(i), qint64(i + 1));

    // The stalled connection's memory stayed bounded: queue limit + socket high water + one frame.
    const auto stats = f.engine->nodeServer()->connectionStats();
    QCOMPARE(stats.size(), 2);
    for (const auto &s : stats)
        QVERIFY2(s.peakQueuedBytes <= 64 * 1024 + 256 * 1024 + 4096, qPrintable(QString::number(s.peakQueuedBytes)));
    // Once it reads again it is told what it missed.
    stalled.setReadBufferSize(0);
    QByteArray received;
    QTRY_VERIFY_WITH_TIMEOUT((received += stalled.readAll()).contains(R"("type":"lagged")"), 10000);
    QVERIFY(f.engine->nodeServer()->laggedNotices() >= 1);
}

QTEST_GUILESS_MAIN(tst_NodeServer)
#include "tst_nodeserver.moc"
