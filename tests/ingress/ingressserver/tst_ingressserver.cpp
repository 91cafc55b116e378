// The webhook ingress end to end, through a started Engine (store, journal, sources, credentials): accepted
// events are journaled once and answered after the commit, every failure has its status, code and
// envelope, rate limits answer 429 with Retry-After, health and metrics routes, the webhook log, and a
// client leaving while its append waits for the database; many clients served by several worker threads
// (journaled once each, duplicates across threads, signals on the engine's thread, limits shared).
#include "../rawhttpclient.h"
#include "events/journal.h"
#include "ingress/credentialstore.h"
#include "ingress/ingressserver.h"
#include "ingress/sources/generichmac.h"
#include "node/engine.h"
#include "store/database.h"
#include "testdb.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace WedSync;
using namespace WedSync::Ingress;
using WedSync::Test::Client;
using WedSync::Test::Reply;

namespace {

const QByteArray kSecret = "zapier-secret-0123456789";

QByteArray zapBody(const QString &id, const QString &type = QStringLiteral("booking.created"))
{
    QJsonObject o{
        {QStringLiteral("event_type"), type},
        {QStringLiteral("event_id"), id},
        {QStringLiteral("timestamp"), QStringLiteral("2026-11-20T10:00:00.000Z")},
        {QStringLiteral("data"), QJsonObject{{QStringLiteral("booking_id"), QStringLiteral("b_1")}}}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray request(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                   const QByteArray &contentType = "application/json", const QByteArray &extra = {})
{
    QByteArray r = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!contentType.isEmpty())
        r += "Content-Type: " + contentType + "\r\n";
    r += "Content-Length: " + QByteArray::number(body.size()) + "\r\n" + extra + "\r\n" + body;
    return r;
}

QByteArray signedPost(const QByteArray &path, const QByteArray &body, const QByteArray &secret = kSecret,
                      const QByteArray &extra = {})
{
    return request("POST", path, body, "application/json",
                   "X-Webhook-Signature: " + Sources::GenericHmac::sign(secret, body, true) + "\r\n" + extra);
}

QJsonObject jsonOf(const Reply &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

} // namespace

class tst_IngressServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { Test::TestBackend::cleanup(); }
    void init();
    void cleanup();

    void acceptedThenDuplicate();
    void failures_data();
    void failures();
    void detectedSourceAndIntegrationRoute();
    void rateLimited_data();
    void rateLimited();
    void healthAndMetrics();
    void webhookLogRows();
    void disconnectWhileAppendPending();
    void stopWhileAppendPending();
    void concurrentClients_data();
    void concurrentClients();
    void rateLimitAcrossThreads();

private:
    void startEngine(const QHash<QString, QString> &overrides = {});
    Reply send(const QByteArray &bytes)
    {
        Client c(m_engine->ingressPort());
        c.send(bytes);
        Reply r;
        if (!c.next(&r))
            qWarning("no response");
        return r;
    }
    qint64 journalCount()
    {
        QSqlQuery q(m_engine->database()->connection());
        q.exec(QStringLiteral("SELECT COUNT(*) FROM journal"));
        q.next();
        return q.value(0).toLongLong();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Node::Engine> m_engine;
};

void tst_IngressServer::init()
{
    startEngine();
}

void tst_IngressServer::cleanup()
{
    m_engine.reset();
    m_dir.reset();
}

void tst_IngressServer::startEngine(const QHash<QString, QString> &overrides)
{
    m_engine.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    Config config = Config::defaults();
    QString why;
    QVERIFY(config.set(QStringLiteral("node.data_dir"), m_dir->path(), &why));
    QVERIFY2(config.set(QStringLiteral("store.database"), Test::TestBackend::freshUrl(), &why),
             qPrintable(why));
    QVERIFY(config.set(QStringLiteral("store.sync"), QStringLiteral("normal"), &why));
    QVERIFY(config.set(QStringLiteral("ingress.listen"), QStringLiteral("127.0.0.1:0"), &why));
    QVERIFY(config.set(QStringLiteral("node.listen"), QStringLiteral("127.0.0.1:0"), &why));
    QVERIFY(config.set(QStringLiteral("ingress.max_body_bytes"), QStringLiteral("64KiB"), &why));
    for (auto it = overrides.begin(); it != overrides.end(); ++it)
        QVERIFY2(config.set(it.key(), it.value(), &why), qPrintable(why));
    m_engine = std::make_unique<Node::Engine>(config);
    Error e;
    QVERIFY2(m_engine->start(&e), qPrintable(e.message));
    QVERIFY(m_engine->ingressPort() != 0);
    QVERIFY(m_engine->credentials()->setSecret(QStringLiteral("zapier"), QString(), kSecret,
                                               std::chrono::seconds(0), &e));
}

void tst_IngressServer::acceptedThenDuplicate()
{
    QSignalSpy completed(m_engine->ingress(), &IngressServer::requestCompleted);
    const QByteArray body = zapBody(QStringLiteral("evt_100"));
    Reply r = send(signedPost("/webhooks/zapier", body));
    QCOMPARE(r.status, 200);
    const QJsonObject o = jsonOf(r);
    QCOMPARE(o.value(QStringLiteral("success")).toBool(), true);
    const QJsonObject data = o.value(QStringLiteral("data")).toObject();
    QCOMPARE(data.value(QStringLiteral("event_id")).toString(), QStringLiteral("evt_100"));
    QVERIFY(Events::Event::parseTime(data.value(QStringLiteral("processed_at")).toString()).isValid());
    QVERIFY(data.value(QStringLiteral("actions_taken")).toArray().contains(QStringLiteral("journaled")));
    QVERIFY(!data.contains(QStringLiteral("duplicate")));
    const QByteArray requestId = r.header("x-request-id");
    QVERIFY(!requestId.isEmpty());
    // Answered after the commit: the event is already readable, stamped by the engine.
    const auto stored = m_engine->journal()->find(QStringLiteral("zapier"), QStringLiteral("evt_100"));
    QVERIFY(stored);
    QCOMPARE(stored->event.requestId, QString::fromLatin1(requestId));
    QCOMPARE(stored->event.correlationId, QStringLiteral("evt_100"));
    QCOMPARE(stored->event.type, QStringLiteral("booking.created"));
    QVERIFY(stored->event.receivedAt.isValid());

    r = send(signedPost("/webhooks/zapier", body));
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonOf(r).value(QStringLiteral("data")).toObject().value(QStringLiteral("duplicate")).toBool(),
             true);
    QCOMPARE(journalCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 2, 20000);
    const auto rec = completed.at(1).at(0).value<RequestRecord>();
    QCOMPARE(rec.source, QStringLiteral("zapier"));
    QCOMPARE(rec.status, 200);
    QVERIFY(rec.duplicate);
    QVERIFY(rec.latencyMs > 0);
}

void tst_IngressServer::failures_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QByteArray>("allow");
    const QByteArray body = zapBody(QStringLiteral("evt_f"));
    QTest::newRow("bad-signature") << signedPost("/webhooks/zapier", body, "wrong-secret-0123456789") << 401
                                   << "INVALID_SIGNATURE" << QByteArray();
    QTest::newRow("tampered-body") << (signedPost("/webhooks/zapier", body).replace("b_1", "b_2")) << 401
                                   << "INVALID_SIGNATURE" << QByteArray();
    QTest::newRow("no-signature") << request("POST", "/webhooks/zapier", body) << 401 << "INVALID_SIGNATURE"
                                  << QByteArray();
    QTest::newRow("unknown-source") << signedPost("/webhooks/nosuchvendor", body) << 404 << "UNKNOWN_SOURCE"
                                    << QByteArray();
    QTest::newRow("bad-source-name") << signedPost("/webhooks/Bad%20Name", body) << 404 << "UNKNOWN_SOURCE"
                                     << QByteArray();
    QTest::newRow("media-type") << request("POST", "/webhooks/zapier", body, "text/plain",
                                           "X-Webhook-Signature: " +
                                               Sources::GenericHmac::sign(kSecret, body) + "\r\n")
                                << 415 << "UNSUPPORTED_MEDIA_TYPE" << QByteArray();
    QTest::newRow("invalid-json") << signedPost("/webhooks/zapier", "{not json") << 400 << "INVALID_JSON"
                                  << QByteArray();
    QTest::newRow("validation") << signedPost("/webhooks/zapier",
                                              zapBody(QStringLiteral("e"), QStringLiteral("made.up")))
                                << 422 << "VALIDATION_FAILED" << QByteArray();
    QTest::newRow("not-configured") << signedPost("/webhooks/custom_crm", body) << 503
                                    << "SOURCE_NOT_CONFIGURED" << QByteArray();
    QTest::newRow("get-webhook") << request("GET", "/webhooks/zapier", {}, {}) << 405 << "METHOD_NOT_ALLOWED"
                                 << QByteArray("POST");
    QTest::newRow("post-health") << request("POST", "/health/live", "x") << 405 << "METHOD_NOT_ALLOWED"
                                 << QByteArray("GET, HEAD");
    QTest::newRow("delete-metrics") << request("DELETE", "/metrics", {}, {}) << 405 << "METHOD_NOT_ALLOWED"
                                    << QByteArray("GET, HEAD");
    QTest::newRow("unknown-path") << request("GET", "/nothing/here", {}, {}) << 404 << "NOT_FOUND"
                                  << QByteArray();
    QTest::newRow("too-deep") << signedPost("/webhooks/zapier/int/extra", body) << 404 << "NOT_FOUND"
                              << QByteArray();
    QTest::newRow("too-large") << request("POST", "/webhooks/zapier", QByteArray(70000, 'x')) << 413
                               << "PAYLOAD_TOO_LARGE" << QByteArray();
    QTest::newRow("garbage") << QByteArray("\x16\x03\x01garbage\r\n\r\n") << 400 << "BAD_REQUEST"
                             << QByteArray();
}

void tst_IngressServer::failures()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QByteArray, allow);
    const Reply r = send(bytes);
    QCOMPARE(r.status, status);
    const QJsonObject o = jsonOf(r);
    QCOMPARE(o.value(QStringLiteral("success")).toBool(true), false);
    const QJsonObject err = o.value(QStringLiteral("error")).toObject();
    QCOMPARE(err.value(QStringLiteral("code")).toString(), code);
    QVERIFY(!err.value(QStringLiteral("message")).toString().isEmpty());
    QVERIFY(!r.header("x-request-id").isEmpty());
    QCOMPARE(r.header("allow"), allow);
    QCOMPARE(journalCount(), 0);
    // Still serving.
    QCOMPARE(send(signedPost("/webhooks/zapier", zapBody(QStringLiteral("after")))).status, 200);
}

void tst_IngressServer::detectedSourceAndIntegrationRoute()
{
    // The bare endpoint detects Zapier from its User-Agent.
    Reply r =
        send(signedPost("/webhooks", zapBody(QStringLiteral("evt_d")), kSecret, "User-Agent: Zapier\r\n"));
    QCOMPARE(r.status, 200);
    QVERIFY(m_engine->journal()->find(QStringLiteral("zapier"), QStringLiteral("evt_d")));
    // Without it the request is taken for booking_system, which has no secret here.
    r = send(signedPost("/webhooks", zapBody(QStringLiteral("evt_e"))));
    QCOMPARE(r.status, 503);
    QCOMPARE(jsonOf(r)[QStringLiteral("error")][QStringLiteral("code")].toString(),
             QStringLiteral("SOURCE_NOT_CONFIGURED"));
    // A per-integration secret verifies only on its own route.
    Error e;
    QVERIFY(m_engine->credentials()->setSecret(QStringLiteral("zapier"), QStringLiteral("int_9"),
                                               "integration-secret-0123456789", std::chrono::seconds(0), &e));
    r = send(signedPost("/webhooks/zapier/int_9", zapBody(QStringLiteral("evt_i")),
                        "integration-secret-0123456789"));
    QCOMPARE(r.status, 200);
    r = send(
        signedPost("/webhooks/zapier", zapBody(QStringLiteral("evt_j")), "integration-secret-0123456789"));
    QCOMPARE(r.status, 401);
}

void tst_IngressServer::rateLimited_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("scope");
    QTest::newRow("per-integration") << "ingress.rate_limit_integration"
                                     << "integration";
    QTest::newRow("per-ip") << "ingress.rate_limit_ip"
                            << "ip";
}

void tst_IngressServer::rateLimited()
{
    QFETCH(QString, key);
    QFETCH(QString, scope);
    startEngine({{key, QStringLiteral("2")}});
    QCOMPARE(send(signedPost("/webhooks/zapier", zapBody(QStringLiteral("r1")))).status, 200);
    QCOMPARE(send(signedPost("/webhooks/zapier", zapBody(QStringLiteral("r2")))).status, 200);
    const Reply r = send(signedPost("/webhooks/zapier", zapBody(QStringLiteral("r3"))));
    QCOMPARE(r.status, 429);
    QCOMPARE(r.header("retry-after"), QByteArray("1800")); // 2 an hour: one token back in 30 min
    const QJsonObject err = jsonOf(r).value(QStringLiteral("error")).toObject();
    QCOMPARE(err.value(QStringLiteral("code")).toString(), QStringLiteral("RATE_LIMITED"));
    QCOMPARE(err.value(QStringLiteral("details")).toObject().value(QStringLiteral("scope")).toString(),
             scope);
    QCOMPARE(journalCount(), 2);
    // Another integration has its own bucket; the same IP does not.
    Error e;
    QVERIFY(m_engine->credentials()->setSecret(QStringLiteral("zapier"), QStringLiteral("other"), kSecret,
                                               std::chrono::seconds(0), &e));
    const int other = send(signedPost("/webhooks/zapier/other", zapBody(QStringLiteral("r4")))).status;
    QCOMPARE(other, scope == QLatin1String("ip") ? 429 : 200);
    // Health is never rate limited.
    QCOMPARE(send(request("GET", "/health/live", {}, {})).status, 200);
}

void tst_IngressServer::healthAndMetrics()
{
    Reply r = send(request("GET", "/health/live", {}, {}));
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonOf(r)[QStringLiteral("data")][QStringLiteral("status")].toString(), QStringLiteral("live"));
    r = send(request("GET", "/health/ready", {}, {}));
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonOf(r)[QStringLiteral("data")][QStringLiteral("status")].toString(), QStringLiteral("ready"));
    QCOMPARE(send(signedPost("/webhooks/zapier", zapBody(QStringLiteral("m1")))).status, 200);
    QCOMPARE(
        send(signedPost("/webhooks/zapier", zapBody(QStringLiteral("m2")), "bad-secret-00000000")).status,
        401);
    r = send(request("GET", "/metrics", {}, {}));
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("content-type").startsWith("text/plain; version=0.0.4"));
    const QByteArray text = r.body;
    QVERIFY2(text.contains(
                 "wedsync_ingress_requests_total{code=\"OK\",route=\"/webhooks/{source}\",status=\"200\"} 1"),
             text.constData());
    QVERIFY(text.contains("wedsync_ingress_requests_total{code=\"INVALID_SIGNATURE\",route=\"/webhooks/"
                          "{source}\",status=\"401\"} 1"));
    QVERIFY(text.contains(
        "wedsync_ingress_requests_total{code=\"OK\",route=\"/health/ready\",status=\"200\"} 1"));
    QVERIFY(text.contains("# TYPE wedsync_ingress_request_duration_seconds histogram"));
    QVERIFY(text.contains("wedsync_ingress_request_duration_seconds_count{route=\"/webhooks/{source}\"} 2"));
    QVERIFY(text.contains("wedsync_ingress_connections 1"));
}

void tst_IngressServer::concurrentClients_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("clients");
    QTest::addColumn<int>("perClient");
    QTest::newRow("engine thread, 4 clients x 6") << 1 << 4 << 6;
    QTest::newRow("3 workers, 9 clients x 6") << 3 << 9 << 6;
    QTest::newRow("2 workers, 16 clients x 3") << 2 << 16 << 3;
}

// Keep-alive clients pipelining signed webhooks at once: each is answered 200 after its commit, every
// event is journaled once (an event sent by two clients on different workers too: one of them is told it
// is a duplicate), requestCompleted arrives on the engine's thread for every request, and each request
// has its webhook log row and its count in the metrics.
void tst_IngressServer::concurrentClients()
{
    QFETCH(int, threads);
    QFETCH(int, clients);
    QFETCH(int, perClient);
    startEngine({{QStringLiteral("ingress.threads"), QString::number(threads)},
                 {QStringLiteral("ingress.rate_limit_ip"), QStringLiteral("0")},
                 {QStringLiteral("ingress.rate_limit_integration"), QStringLiteral("0")}});
    QCOMPARE(m_engine->ingress()->threadCount(), threads);
    int signalled = 0;
    int offThread = 0;
    connect(
        m_engine->ingress(), &IngressServer::requestCompleted, this,
        [&](const RequestRecord &) {
            ++signalled;
            if (QThread::currentThread() != thread())
                ++offThread;
        },
        Qt::DirectConnection);
    std::vector<std::unique_ptr<Client>> cs;
    for (int i = 0; i < clients; ++i) {
        cs.push_back(std::make_unique<Client>(m_engine->ingressPort()));
        QVERIFY(cs.back()->connected);
    }
    auto id = [](int client, int n) { return QStringLiteral("cc_%1_%2").arg(client).arg(n); };
    // Each client sends its own events, then the first event of the next client (a duplicate, racing
    // the original on another connection).
    for (int i = 0; i < clients; ++i) {
        QByteArray all;
        for (int n = 0; n < perClient; ++n)
            all += signedPost("/webhooks/zapier", zapBody(id(i, n)));
        all += signedPost("/webhooks/zapier", zapBody(id((i + 1) % clients, 0)));
        cs[size_t(i)]->send(all);
    }
    int duplicates = 0;
    for (int i = 0; i < clients; ++i) {
        for (int n = 0; n <= perClient; ++n) {
            Reply r;
            QVERIFY2(cs[size_t(i)]->next(&r),
                     qPrintable(QStringLiteral("client %1 answer %2").arg(i).arg(n)));
            QCOMPARE(r.status, 200);
            const QJsonObject data = jsonOf(r).value(QStringLiteral("data")).toObject();
            const QString expected = n < perClient ? id(i, n) : id((i + 1) % clients, 0);
            QCOMPARE(data.value(QStringLiteral("event_id")).toString(), expected);
            if (data.value(QStringLiteral("duplicate")).toBool())
                ++duplicates;
        }
    }
    const int total = clients * (perClient + 1);
    QCOMPARE(duplicates, clients); // of each pair sending the same event, exactly one was told
    QCOMPARE(journalCount(), qint64(clients * perClient));
    QTRY_COMPARE_WITH_TIMEOUT(signalled, total, 20000);
    QCOMPARE(offThread, 0);
    auto rows = [&] {
        QSqlQuery q(m_engine->database()->connection());
        q.exec(QStringLiteral("SELECT COUNT(*) FROM webhook_log WHERE status = 200"));
        q.next();
        return q.value(0).toLongLong();
    };
    QTRY_COMPARE_WITH_TIMEOUT(rows(), qint64(total), 20000);
    const Reply m = send(request("GET", "/metrics", {}, {}));
    QVERIFY2(m.body.contains("wedsync_ingress_requests_total{code=\"OK\",route=\"/webhooks/{source}\","
                             "status=\"200\"} " +
                             QByteArray::number(total) + '\n'),
             m.body.constData());
}

// The per-IP limit is one budget for all workers: 12 clients on 3 workers, 10 allowed.
void tst_IngressServer::rateLimitAcrossThreads()
{
    startEngine({{QStringLiteral("ingress.threads"), QStringLiteral("3")},
                 {QStringLiteral("ingress.rate_limit_ip"), QStringLiteral("10")}});
    std::vector<std::unique_ptr<Client>> cs;
    for (int i = 0; i < 12; ++i) {
        cs.push_back(std::make_unique<Client>(m_engine->ingressPort()));
        QVERIFY(cs.back()->connected);
    }
    for (int i = 0; i < 12; ++i)
        cs[size_t(i)]->send(signedPost("/webhooks/zapier", zapBody(QStringLiteral("rl_%1").arg(i))));
    int ok = 0, limited = 0;
    for (auto &c : cs) {
        Reply r;
        QVERIFY(c->next(&r));
        if (r.status == 200)
            ++ok;
        else if (r.status == 429 && !r.header("retry-after").isEmpty())
            ++limited;
    }
    QCOMPARE(ok, 10);
    QCOMPARE(limited, 2);
    QCOMPARE(journalCount(), 10);
}

void tst_IngressServer::webhookLogRows()
{
    QCOMPARE(send(signedPost("/webhooks/zapier", zapBody(QStringLiteral("l1")))).status, 200);
    QCOMPARE(
        send(signedPost("/webhooks/zapier", zapBody(QStringLiteral("l2")), "bad-secret-00000000")).status,
        401);
    QCOMPARE(send(request("GET", "/health/live", {}, {})).status, 200);
    auto rows = [&](const QString &where) {
        QSqlQuery q(m_engine->database()->connection());
        q.exec(QStringLiteral("SELECT COUNT(*) FROM webhook_log WHERE ") + where);
        q.next();
        return q.value(0).toLongLong();
    };
    QTRY_COMPARE_WITH_TIMEOUT(rows(QStringLiteral("1=1")), 2, 20000); // probes are not logged
    QCOMPARE(rows(QStringLiteral(
                 "status = 200 AND error_code IS NULL AND event_id = 'l1' AND body IS NOT NULL "
                 "AND source = 'zapier' AND route = '/webhooks/{source}' AND peer_ip = '127.0.0.1'")),
             1);
    QCOMPARE(rows(QStringLiteral("status = 401 AND error_code = 'INVALID_SIGNATURE' AND body IS NULL")), 1);
    // Where the payload names them, the supplier type, wedding and wedding date are logged too.
    QCOMPARE(rows(QStringLiteral("event_id = 'l1' AND supplier_type IS NULL AND wedding_date IS NULL")), 1);
    QJsonObject o = QJsonDocument::fromJson(zapBody(QStringLiteral("l3"))).object();
    o.insert(QStringLiteral("wedding_id"), QStringLiteral("wed_77"));
    o.insert(QStringLiteral("data"),
             QJsonObject{{QStringLiteral("booking_id"), QStringLiteral("b_3")},
                         {QStringLiteral("supplier_type"), QStringLiteral("Florist")},
                         {QStringLiteral("wedding_date"), QStringLiteral("2027-05-22")}});
    QCOMPARE(send(signedPost("/webhooks/zapier", QJsonDocument(o).toJson(QJsonDocument::Compact))).status,
             200);
    QTRY_COMPARE_WITH_TIMEOUT(rows(QStringLiteral("event_id = 'l3' AND supplier_type = 'florist' AND "
                                                  "wedding_id = 'wed_77' AND wedding_date = '2027-05-22'")),
                              1, 20000);
}

void tst_IngressServer::disconnectWhileAppendPending()
{
    // Another connection holds the journal's write lock, so the append waits inside the database.
    QSqlDatabase blocker =
        QSqlDatabase::cloneDatabase(m_engine->database()->connection(), QStringLiteral("blocker"));
    QVERIFY(blocker.open());
    {
        QSqlQuery q(blocker);
        QVERIFY(blocker.transaction());
        QVERIFY2(q.exec(QStringLiteral("UPDATE journal_head SET last_seq = last_seq WHERE id = 1")),
                 qPrintable(q.lastError().text()));
    }
    {
        Client c(m_engine->ingressPort());
        c.send(signedPost("/webhooks/zapier", zapBody(QStringLiteral("evt_gone"))));
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->ingress()->inFlight(), 1, 20000);
        c.socket.abort();
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_engine->ingress()->connectionCount(), 0, 20000);
    QVERIFY(blocker.rollback());
    blocker.close();
    // The append completes after the client left: the answer is dropped, the event is durable, nothing broke.
    QTRY_COMPARE_WITH_TIMEOUT(m_engine->ingress()->inFlight(), 0, 10000);
    QVERIFY(m_engine->journal()->find(QStringLiteral("zapier"), QStringLiteral("evt_gone")));
    const Reply r = send(signedPost("/webhooks/zapier", zapBody(QStringLiteral("evt_gone"))));
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonOf(r)[QStringLiteral("data")][QStringLiteral("duplicate")].toBool(), true);
}

void tst_IngressServer::stopWhileAppendPending()
{
    startEngine({{QStringLiteral("store.busy_timeout"), QStringLiteral("300ms")}});
    QSqlDatabase blocker =
        QSqlDatabase::cloneDatabase(m_engine->database()->connection(), QStringLiteral("blocker2"));
    QVERIFY(blocker.open());
    QVERIFY(blocker.transaction());
    QSqlQuery q(blocker);
    QVERIFY(q.exec(QStringLiteral("UPDATE journal_head SET last_seq = last_seq WHERE id = 1")));
    Client c(m_engine->ingressPort());
    c.send(signedPost("/webhooks/zapier", zapBody(QStringLiteral("evt_stop"))));
    QTRY_COMPARE_WITH_TIMEOUT(m_engine->ingress()->inFlight(), 1, 20000);
    // The engine stops with the append still waiting: the journal settles it, the ingress goes away after,
    // and the continuation never runs on a destroyed object.
    m_engine->stop();
    QVERIFY(!m_engine->ingress());
    QCoreApplication::processEvents();
    QVERIFY(c.waitClosed());
    QVERIFY(c.buffer.isEmpty()); // never acknowledged
    q.finish();
    QVERIFY(blocker.rollback());
    blocker.close();
}

QTEST_GUILESS_MAIN(tst_IngressServer)
#include "tst_ingressserver.moc"
