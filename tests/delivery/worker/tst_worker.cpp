// The outbox worker against an in-process wedsync-sink: every retry path, the circuit breaker, 410,
// Retry-After, timeouts, SSRF refusal, endpoint disabling and dead-letter bulk replay.
#include "delivery/deadletters.h"
#include "delivery/deliveryrequest.h"
#include "delivery/deliveryworker.h"
#include "delivery/subscriptions.h"
#include "sinkserver.h"
#include "store/database.h"
#include "store/migrator.h"
#include "testdb.h"
#include "walfaults.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <atomic>
#include <memory>

using namespace WedSync;
using namespace WedSync::Delivery;

static const QString kSecret = QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

class tst_Worker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        WEDSYNC_INIT_BACKEND();
        Test::WalFaults::install(); // forwards everything until a test arms it
    }
    void cleanupTestCase() { Test::TestBackend::cleanup(); }
    void init();
    void cleanup();
    void deliversSigned();
    void retryPaths_data();
    void retryPaths();
    void retryAfterHonoured();
    void exhaustedBecomesDead();
    void breakerOpensWaitsAndCloses();
    void ssrfRefused();
    void endpointDisabledAfterFailingTooLong();
    void deadLetterBulkReplay();
    void urgentFirst();
    void backlogSettlesEachOnce_data();
    void backlogSettlesEachOnce();
    void connectsToApprovedAddress();
    void nameResolvingToForbiddenAddressRefused_data();
    void nameResolvingToForbiddenAddressRefused();
    void connectorRateLimitDefers();
    void connectorHonoursVendorHeaders();
    void claimCommitFailedSendsAgain();

private:
    void startWorker(WorkerOptions o = {});
    QString addSubscription(int maxAttempts, qint64 initialDelayMs,
                            const QString &path = QStringLiteral("/hook"), const QString &url = QString());
    QString enqueueFor(const QString &target, qint64 seq, Priority p = Priority::Normal,
                       const QString &type = QStringLiteral("booking.created"));
    QString enqueueConnector(const QString &target, qint64 seq, const QJsonObject &meta = {});
    QVariant value(const QString &sql, const QVariantList &binds = {});
    QString stateOf(const QString &id)
    {
        return value(QStringLiteral("SELECT state FROM deliveries WHERE id = ?"), {id}).toString();
    }
    int attemptsOf(const QString &id)
    {
        return value(QStringLiteral("SELECT attempts FROM deliveries WHERE id = ?"), {id}).toInt();
    }

    std::unique_ptr<Store::Database> m_db;
    std::unique_ptr<Sink::SinkServer> m_sink;
    std::unique_ptr<DeliveryWorker> m_worker;
};

void tst_Worker::init()
{
    Error e;
    auto s = Store::DatabaseSettings::fromUrl(Test::TestBackend::freshUrl(), QString(), &e);
    m_db = std::make_unique<Store::Database>(*s);
    QSqlDatabase c = m_db->connection(&e);
    QVERIFY2(Store::Migrator().migrate(c, &e) >= 0, qPrintable(e.message));
    m_sink = std::make_unique<Sink::SinkServer>();
    m_sink->setSecret(kSecret);
    QString why;
    QVERIFY2(m_sink->listen(QHostAddress::LocalHost, 0, &why), qPrintable(why));
}

void tst_Worker::cleanup()
{
    if (m_worker)
        m_worker->stop();
    m_worker.reset();
    m_sink.reset();
    if (m_db)
        m_db->releaseThreadConnection();
    m_db.reset();
}

void tst_Worker::startWorker(WorkerOptions o)
{
    o.nodeId = o.nodeId.isEmpty() ? QStringLiteral("test-node") : o.nodeId;
    o.pollIntervalMs = 10;
    if (o.ssrf.allowCidrs.isEmpty() && o.ssrf.allowHosts.isEmpty() && !o.ssrf.httpsOnly)
        o.ssrf.allowCidrs = {QStringLiteral("127.0.0.1/32")};
    m_worker = std::make_unique<DeliveryWorker>(m_db.get(), o);
    Error e;
    QVERIFY2(m_worker->start(&e), qPrintable(e.message));
}

QString tst_Worker::addSubscription(int maxAttempts, qint64 initialDelayMs, const QString &path,
                                    const QString &url)
{
    Subscription s;
    s.url = url.isEmpty() ? QStringLiteral("http://127.0.0.1:%1%2").arg(m_sink->port()).arg(path) : url;
    s.eventTypes = {QStringLiteral("booking.created"), QStringLiteral("payment.received")};
    s.secret = kSecret;
    s.policy = RetryPolicy{maxAttempts, Backoff::Linear, initialDelayMs};
    Error e;
    if (!SubscriptionStore::add(m_db->connection(), &s, &e))
        qFatal("add subscription: %s", qPrintable(e.message));
    return s.id;
}

QString tst_Worker::enqueueFor(const QString &target, qint64 seq, Priority p, const QString &type)
{
    DeliveryRequest r;
    r.eventSeq = seq;
    r.eventType = type;
    r.kind = TargetKind::Webhook;
    r.target = target;
    r.priority = p;
    r.payload = QStringLiteral("{\"event_type\":\"%1\",\"seq\":%2}").arg(type).arg(seq).toUtf8();
    QSqlDatabase db = m_db->connection();
    Error e;
    db.transaction();
    if (!enqueue(db, {r}, &e))
        qFatal("enqueue: %s", qPrintable(e.message));
    db.commit();
    return makeDeliveryId(seq, target);
}

QString tst_Worker::enqueueConnector(const QString &target, qint64 seq, const QJsonObject &meta)
{
    DeliveryRequest r;
    r.eventSeq = seq;
    r.eventType = QStringLiteral("crm.job.updated");
    r.kind = TargetKind::Connector;
    r.target = target;
    r.meta = meta;
    r.payload = QStringLiteral("{\"job\":%1}").arg(seq).toUtf8();
    QSqlDatabase db = m_db->connection();
    Error e;
    db.transaction();
    if (!enqueue(db, {r}, &e))
        qFatal("enqueue: %s", qPrintable(e.message));
    db.commit();
    return makeDeliveryId(seq, target);
}

QVariant tst_Worker::value(const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(m_db->connection());
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec() || !q.next())
        return {};
    return q.value(0);
}

void tst_Worker::deliversSigned()
{
    const QString sub = addSubscription(5, 50);
    const QString id = enqueueFor(sub, 1);
    startWorker();
    QSignalSpy attempts(m_worker.get(), &DeliveryWorker::attemptFinished);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), QStringLiteral("delivered"), 10000);
    QCOMPARE(m_sink->received(), 1);
    QCOMPARE(m_sink->invalidSignatures(), 0);
    QCOMPARE(m_sink->stats().value(QStringLiteral("signature_valid")).toInt(), 1);
    const auto &h = m_sink->lastHeaders();
    QCOMPARE(h.value("webhook-id"), id.toUtf8());
    QCOMPARE(h.value("x-wedsync-event"), QByteArray("booking.created"));
    QCOMPARE(h.value("user-agent"), QByteArray("WedSync-Webhook/1.0"));
    QCOMPARE(h.value("content-type"), QByteArray("application/json"));
    QCOMPARE(m_sink->lastBody(), QByteArray("{\"event_type\":\"booking.created\",\"seq\":1}"));
    QCOMPARE(attemptsOf(id), 1);
    QCOMPARE(value(QStringLiteral("SELECT response_code FROM deliveries WHERE id = ?"), {id}).toInt(), 200);
    QCOMPARE(value(QStringLiteral("SELECT http_status FROM delivery_attempts WHERE delivery_id = ?"), {id})
                 .toInt(),
             200);
    QCOMPARE(value(QStringLiteral("SELECT response_body FROM delivery_attempts WHERE delivery_id = ?"), {id})
                 .toString(),
             QStringLiteral("{\"received\":true}"));
    QTRY_COMPARE(attempts.size(), 1);
    QCOMPARE(attempts.at(0).at(0).toString(), sub);
    QCOMPARE(attempts.at(0).at(1).toBool(), true);
    QCOMPARE(attempts.at(0).at(3).toInt(), 200);
    QCOMPARE(attempts.at(0).at(4).toString(), QStringLiteral("closed"));
}

void tst_Worker::retryPaths_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("finalState");
    QTest::addColumn<int>("finalAttempts");
    QTest::addColumn<QString>("firstError");
    QTest::newRow("503 twice then ok") << "fail" << 503 << 2 << "delivered" << 3 << "HTTP_503";
    QTest::newRow("500 then ok") << "fail" << 500 << 1 << "delivered" << 2 << "HTTP_500";
    QTest::newRow("408 then ok") << "fail" << 408 << 1 << "delivered" << 2 << "HTTP_408";
    QTest::newRow("429 then ok") << "ratelimit" << 429 << 1 << "delivered" << 2 << "HTTP_429";
    QTest::newRow("timeout then ok") << "timeout" << 0 << 1 << "delivered" << 2 << "TIMEOUT";
    QTest::newRow("400 fails at once") << "fail" << 400 << 1 << "failed" << 1 << "HTTP_400";
    QTest::newRow("404 fails at once") << "fail" << 404 << 1 << "failed" << 1 << "HTTP_404";
    QTest::newRow("410 disables the subscription") << "gone" << 410 << 1 << "failed" << 1 << "HTTP_410";
}

void tst_Worker::retryPaths()
{
    QFETCH(QString, mode);
    QFETCH(int, status);
    QFETCH(int, count);
    QFETCH(QString, finalState);
    QFETCH(int, finalAttempts);
    QFETCH(QString, firstError);
    Sink::Mode m;
    m.mode = mode;
    m.status = status;
    m.count = count;
    m.retryAfterSecs = 0;
    m_sink->setMode(m);
    const QString sub = addSubscription(5, 30);
    const QString id = enqueueFor(sub, 10);
    WorkerOptions o;
    o.channelTimeoutMs = 400;
    startWorker(o);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), finalState, 15000);
    QCOMPARE(attemptsOf(id), finalAttempts);
    QCOMPARE(
        value(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts WHERE delivery_id = ?"), {id}).toInt(),
        finalAttempts);
    QCOMPARE(value(QStringLiteral(
                       "SELECT error_code FROM delivery_attempts WHERE delivery_id = ? AND attempt = 1"),
                   {id})
                 .toString(),
             firstError);
    // Every attempt carried the same webhook-id.
    QCOMPARE(m_sink->receivedIds(), QStringList(finalAttempts, id));
    const bool active =
        value(QStringLiteral("SELECT active FROM subscriptions WHERE id = ?"), {sub}).toInt() == 1;
    QCOMPARE(active, mode != QLatin1String("gone"));
    if (mode == QLatin1String("gone")) {
        QCOMPARE(
            value(QStringLiteral("SELECT disabled_reason FROM subscriptions WHERE id = ?"), {sub}).toString(),
            QStringLiteral("410 Gone"));
        QCOMPARE(value(QStringLiteral("SELECT code FROM delivery_alerts WHERE target = ?"), {sub}).toString(),
                 QStringLiteral("SUBSCRIPTION_GONE"));
        // Later deliveries to the disabled subscription are not sent.
        const QString next = enqueueFor(sub, 11);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(next), QStringLiteral("failed"), 10000);
        QVERIFY(value(QStringLiteral("SELECT last_error FROM deliveries WHERE id = ?"), {next})
                    .toString()
                    .startsWith(QLatin1String("SUBSCRIPTION_DISABLED")));
        QCOMPARE(m_sink->received(), 1);
    }
}

void tst_Worker::retryAfterHonoured()
{
    Sink::Mode m;
    m.mode = QStringLiteral("ratelimit");
    m.count = 1;
    m.retryAfterSecs = 2;
    m_sink->setMode(m);
    const QString sub = addSubscription(5, 10); // the policy alone would retry after 10 ms
    const QString id = enqueueFor(sub, 20);
    QElapsedTimer t;
    QList<qint64> arrivals;
    connect(m_sink.get(), &Sink::SinkServer::webhookReceived, this, [&] { arrivals.append(t.elapsed()); });
    t.start();
    startWorker();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), QStringLiteral("delivered"), 15000);
    QCOMPARE(arrivals.size(), 2);
    QVERIFY2(arrivals.at(1) - arrivals.at(0) >= 1900,
             qPrintable(QString::number(arrivals.at(1) - arrivals.at(0))));
}

void tst_Worker::exhaustedBecomesDead()
{
    Sink::Mode m;
    m.mode = QStringLiteral("fail");
    m.status = 502;
    m_sink->setMode(m);
    const QString sub = addSubscription(3, 20);
    const QString id = enqueueFor(sub, 30);
    startWorker();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), QStringLiteral("dead"), 15000);
    QCOMPARE(attemptsOf(id), 3);
    QCOMPARE(m_sink->received(), 3);
    QCOMPARE(value(QStringLiteral("SELECT response_code FROM deliveries WHERE id = ?"), {id}).toInt(), 502);
    Error e;
    DeliveryFilter f;
    f.state = QStringLiteral("dead");
    const auto dead = DeadLetters::list(m_db->connection(), f, &e);
    QCOMPARE(dead.size(), 1);
    QCOMPARE(dead.at(0).id, id);
}

void tst_Worker::breakerOpensWaitsAndCloses()
{
    Sink::Mode m;
    m.mode = QStringLiteral("fail");
    m.status = 503;
    m.count = 5;
    m_sink->setMode(m);
    const QString sub = addSubscription(10, 10);
    const QString first = enqueueFor(sub, 40);
    WorkerOptions o;
    o.breakerThreshold = 5;
    o.breakerCooldownMs = 800;
    startWorker(o);
    QSignalSpy changes(m_worker.get(), &DeliveryWorker::breakerChanged);
    QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 1, 10000);
    QCOMPARE(changes.at(0).at(1).toString(), QStringLiteral("open"));
    QTRY_COMPARE_WITH_TIMEOUT(
        value(QStringLiteral("SELECT state FROM delivery_targets WHERE target = ?"), {sub}).toString(),
        QStringLiteral("open"), 5000);
    // While open, new deliveries wait without spending attempts and nothing reaches the endpoint.
    const QString second = enqueueFor(sub, 41);
    QTest::qWait(300);
    QCOMPARE(m_sink->received(), 5);
    QCOMPARE(attemptsOf(second), 0);
    QCOMPARE(attemptsOf(first), 5);
    // After the cool-down a probe goes out, succeeds and closes the circuit; both complete.
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(first), QStringLiteral("delivered"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(second), QStringLiteral("delivered"), 10000);
    QCOMPARE(attemptsOf(second), 1);
    QTRY_COMPARE(changes.size(), 3);
    QCOMPARE(changes.at(1).at(1).toString(), QStringLiteral("half_open"));
    QCOMPARE(changes.at(2).at(1).toString(), QStringLiteral("closed"));
    QTRY_COMPARE(
        value(QStringLiteral("SELECT state FROM delivery_targets WHERE target = ?"), {sub}).toString(),
        QStringLiteral("closed"));
}

void tst_Worker::ssrfRefused()
{
    const QString sub = addSubscription(5, 10);
    const QString id = enqueueFor(sub, 50);
    WorkerOptions o;
    o.ssrf.allowHosts = {QStringLiteral("receiver.example")}; // loopback not allow-listed
    startWorker(o);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), QStringLiteral("failed"), 10000);
    QCOMPARE(m_sink->received(), 0);
    QCOMPARE(value(QStringLiteral("SELECT error_code FROM delivery_attempts WHERE delivery_id = ?"), {id})
                 .toString(),
             QStringLiteral("DESTINATION_FORBIDDEN"));
    QVERIFY(value(QStringLiteral("SELECT last_error FROM deliveries WHERE id = ?"), {id})
                .toString()
                .contains(QLatin1String("loopback")));
}

void tst_Worker::endpointDisabledAfterFailingTooLong()
{
    // Nothing listens on this port: every attempt is a network error.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 deadPort = probe.serverPort();
    probe.close();
    const QString sub =
        addSubscription(10, 20, QString(), QStringLiteral("http://127.0.0.1:%1/x").arg(deadPort));
    const QString id = enqueueFor(sub, 60);
    WorkerOptions o;
    o.breakerThreshold = 100;
    o.disableAfterMs = 150;
    startWorker(o);
    QSignalSpy disabled(m_worker.get(), &DeliveryWorker::endpointDisabled);
    QTRY_COMPARE_WITH_TIMEOUT(disabled.size(), 1, 10000);
    QCOMPARE(disabled.at(0).at(0).toString(), sub);
    QTRY_COMPARE(value(QStringLiteral("SELECT active FROM subscriptions WHERE id = ?"), {sub}).toInt(), 0);
    QCOMPARE(value(QStringLiteral("SELECT code FROM delivery_alerts WHERE target = ?"), {sub}).toString(),
             QStringLiteral("ENDPOINT_DISABLED"));
    QVERIFY(
        !value(QStringLiteral("SELECT disabled_at FROM delivery_targets WHERE target = ?"), {sub}).isNull());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), QStringLiteral("failed"), 10000);
    QCOMPARE(value(QStringLiteral(
                       "SELECT error_code FROM delivery_attempts WHERE delivery_id = ? AND attempt = 1"),
                   {id})
                 .toString(),
             QStringLiteral("NETWORK_ERROR"));

    // An operator enables it again: the endpoint is no longer disabled and deliveries are sent again.
    Error e;
    QVERIFY(SubscriptionStore::setActive(m_db->connection(), sub, true, QString(), &e));
    QVERIFY(
        value(QStringLiteral("SELECT disabled_at FROM delivery_targets WHERE target = ?"), {sub}).isNull());
    QCOMPARE(value(QStringLiteral("SELECT state FROM delivery_targets WHERE target = ?"), {sub}).toString(),
             QStringLiteral("closed"));
    QTest::qWait(1200); // the worker refreshes its view of subscriptions and targets every second
    const QString again = enqueueFor(sub, 61);
    QTRY_VERIFY_WITH_TIMEOUT(
        !value(QStringLiteral("SELECT error_code FROM delivery_attempts WHERE delivery_id = ? AND "
                              "attempt = 1"),
               {again})
             .isNull(),
        10000);
    QCOMPARE(value(QStringLiteral(
                       "SELECT error_code FROM delivery_attempts WHERE delivery_id = ? AND attempt = 1"),
                   {again})
                 .toString(),
             QStringLiteral("NETWORK_ERROR"));
    QVERIFY(!SubscriptionStore::setActive(m_db->connection(), QStringLiteral("sub_missing"), true, QString(),
                                          &e));
    QCOMPARE(e.code, QStringLiteral("SUBSCRIPTION_NOT_FOUND"));
}

void tst_Worker::deadLetterBulkReplay()
{
    Sink::Mode m;
    m.mode = QStringLiteral("fail");
    m.status = 500;
    m_sink->setMode(m);
    const QString a = addSubscription(1, 10, QStringLiteral("/a"));
    const QString b = addSubscription(1, 10, QStringLiteral("/b"));
    QStringList deadA;
    for (int i = 0; i < 3; ++i)
        deadA << enqueueFor(a, 100 + i);
    const QString otherType = enqueueFor(a, 110, Priority::Normal, QStringLiteral("payment.received"));
    const QString deadB = enqueueFor(b, 120);
    startWorker();
    for (const QString &id : deadA + QStringList{otherType, deadB})
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), QStringLiteral("dead"), 10000);
    QCOMPARE(m_sink->received(), 5);

    // Refused: a filter that names nothing.
    Error e;
    QSqlDatabase db = m_db->connection();
    QVERIFY(DeadLetters::createReplayJob(db, DeliveryFilter{}, QStringLiteral("ops"), &e).isEmpty());
    QCOMPARE(e.code, QStringLiteral("VALIDATION_FAILED"));

    m_sink->setMode(Sink::Mode());
    DeliveryFilter f;
    f.target = a;
    f.eventType = QStringLiteral("booking.created");
    f.sinceMs = QDateTime::currentMSecsSinceEpoch() - 60000;
    f.untilMs = QDateTime::currentMSecsSinceEpoch() + 60000;
    const QString job = DeadLetters::createReplayJob(db, f, QStringLiteral("ops@wedsync"), &e);
    QVERIFY2(!job.isEmpty(), qPrintable(e.message));
    // The node's replay pool runs queued jobs (tst_replayjobs); here the job is run directly while the
    // worker delivers what it resets.
    QVERIFY2(DeadLetters::runReplayJob(db, job, QStringLiteral("test-node"), &e), qPrintable(e.message));
    QCOMPARE(value(QStringLiteral("SELECT state FROM replay_jobs WHERE id = ?"), {job}).toString(),
             QStringLiteral("done"));
    QCOMPARE(value(QStringLiteral("SELECT replayed FROM replay_jobs WHERE id = ?"), {job}).toInt(), 3);
    QCOMPARE(
        value(QStringLiteral("SELECT COUNT(*) FROM replay_audit WHERE job_id = ? AND previous_state = 'dead' "
                             "AND previous_attempts = 1 AND requested_by = 'ops@wedsync'"),
              {job})
            .toInt(),
        3);
    for (const QString &id : deadA) {
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), QStringLiteral("delivered"), 10000);
        QCOMPARE(attemptsOf(id), 1);                  // attempts were reset by the replay
        QCOMPARE(m_sink->receivedIds().count(id), 2); // same webhook-id both times
    }
    // Outside the filter: still dead.
    QCOMPARE(stateOf(otherType), QStringLiteral("dead"));
    QCOMPARE(stateOf(deadB), QStringLiteral("dead"));

    // A single replay by id; running it twice is refused.
    DeliveryFilter one;
    one.id = deadB;
    const QString single = DeadLetters::createReplayJob(db, one, QStringLiteral("ops"), &e);
    QVERIFY2(DeadLetters::runReplayJob(db, single, QStringLiteral("test-node"), &e), qPrintable(e.message));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(deadB), QStringLiteral("delivered"), 10000);
    QVERIFY(!DeadLetters::runReplayJob(db, single, QStringLiteral("cli"), &e));
    QCOMPARE(e.code, QStringLiteral("REPLAY_JOB_NOT_QUEUED"));
}

// A backlog drained through few or many slots, with failures retried: the worker gathers results into
// ticks and commits them while responses keep arriving, and every delivery must still be settled exactly
// once, with one attempt row per request and no claim left behind.
void tst_Worker::backlogSettlesEachOnce_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("concurrency");
    QTest::addColumn<int>("failFirst"); // the sink's first N requests answer 503
    QTest::newRow("200 through 8 slots") << 200 << 8 << 0;
    QTest::newRow("300 through 100 slots") << 300 << 100 << 0;
    QTest::newRow("200 through 50 slots, first 25 answered 503") << 200 << 50 << 25;
}

void tst_Worker::backlogSettlesEachOnce()
{
    QFETCH(int, count);
    QFETCH(int, concurrency);
    QFETCH(int, failFirst);
    if (failFirst > 0) {
        Sink::Mode m;
        m.mode = QStringLiteral("fail");
        m.status = 503;
        m.count = failFirst;
        m.retryAfterSecs = 0;
        m_sink->setMode(m);
    }
    const QString sub = addSubscription(5, 30);
    QList<DeliveryRequest> requests;
    for (int i = 1; i <= count; ++i) {
        DeliveryRequest r;
        r.eventSeq = 1000 + i;
        r.eventType = QStringLiteral("booking.created");
        r.kind = TargetKind::Webhook;
        r.target = sub;
        r.payload = QStringLiteral("{\"seq\":%1}").arg(i).toUtf8();
        requests.append(r);
    }
    {
        QSqlDatabase db = m_db->connection();
        Error e;
        QVERIFY(db.transaction());
        QVERIFY2(enqueue(db, requests, &e), qPrintable(e.message));
        QVERIFY(db.commit());
    }
    WorkerOptions o;
    o.concurrency = concurrency;
    o.breakerThreshold = 1000; // the 503s are about retries here, not the breaker
    startWorker(o);
    QSignalSpy settled(m_worker.get(), &DeliveryWorker::deliverySettled);
    QTRY_COMPARE_WITH_TIMEOUT(
        value(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'")).toInt(), count,
        30000);
    QTRY_COMPARE(settled.size(), count);
    QSet<QString> ids;
    for (const auto &args : std::as_const(settled)) {
        ids.insert(args.at(0).toString());
        QCOMPARE(args.at(1).toString(), QStringLiteral("delivered"));
    }
    QCOMPARE(ids.size(), count); // each settled once
    QCOMPARE(m_sink->stats().value(QStringLiteral("unique_ids")).toInt(), count);
    QCOMPARE(m_sink->received(), count + failFirst);
    QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts")).toInt(), count + failFirst);
    QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts WHERE http_status = 503")).toInt(),
             failFirst);
    QCOMPARE(value(QStringLiteral("SELECT SUM(attempts) FROM deliveries")).toInt(), count + failFirst);
    QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE claimed_by IS NOT NULL")).toInt(),
             0);
}

void tst_Worker::urgentFirst()
{
    const QString sub = addSubscription(5, 10);
    QStringList normal;
    for (int i = 0; i < 5; ++i)
        normal << enqueueFor(sub, 200 + i, Priority::Low);
    const QString urgent = enqueueFor(sub, 300, Priority::Urgent);
    WorkerOptions o;
    o.concurrency = 1;
    startWorker(o);
    QTRY_COMPARE_WITH_TIMEOUT(m_sink->received(), 6, 10000);
    QCOMPARE(m_sink->receivedIds().first(), urgent);
}

void tst_Worker::connectsToApprovedAddress()
{
    // ".invalid" never resolves in real DNS: the delivery arriving proves the connection went to the address
    // the guard approved rather than to a second lookup (which could answer differently: DNS rebinding).
    const QString host = QStringLiteral("hooks.wedsync.invalid");
    const QString sub =
        addSubscription(3, 10, QString(), QStringLiteral("http://%1:%2/hook").arg(host).arg(m_sink->port()));
    const QString id = enqueueFor(sub, 70);
    auto lookups = std::make_shared<std::atomic<int>>(0);
    WorkerOptions o;
    o.ssrf.allowCidrs = {QStringLiteral("127.0.0.1/32")};
    o.ssrf.resolve = [lookups, host](const QString &name) {
        ++*lookups;
        return name == host ? QList<QHostAddress>{QHostAddress(QHostAddress::LocalHost)}
                            : QList<QHostAddress>();
    };
    startWorker(o);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), QStringLiteral("delivered"), 10000);
    QCOMPARE(lookups->load(), 1);
    // The receiver still sees its own name, and the signatures verify.
    QCOMPARE(m_sink->lastHeaders().value("host"),
             QStringLiteral("%1:%2").arg(host).arg(m_sink->port()).toUtf8());
    QCOMPARE(m_sink->invalidSignatures(), 0);
    QCOMPARE(m_sink->stats().value(QStringLiteral("signature_valid")).toInt(), 1);
}

void tst_Worker::nameResolvingToForbiddenAddressRefused_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("klass");
    QTest::newRow("loopback") << "127.0.0.1"
                              << "loopback";
    QTest::newRow("private") << "10.20.30.40"
                             << "private";
    QTest::newRow("metadata") << "169.254.169.254"
                              << "metadata";
    QTest::newRow("v4-mapped loopback") << "::ffff:127.0.0.1"
                                        << "loopback";
}

void tst_Worker::nameResolvingToForbiddenAddressRefused()
{
    QFETCH(QString, address);
    QFETCH(QString, klass);
    const QString sub = addSubscription(
        3, 10, QString(), QStringLiteral("http://rebind.wedsync.invalid:%1/hook").arg(m_sink->port()));
    const QString id = enqueueFor(sub, 71);
    WorkerOptions o;
    o.ssrf.allowHosts = {QStringLiteral("receiver.example")}; // nothing of ours allow-listed
    o.ssrf.resolve = [address](const QString &) { return QList<QHostAddress>{QHostAddress(address)}; };
    startWorker(o);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), QStringLiteral("failed"), 10000);
    QCOMPARE(m_sink->received(), 0);
    QCOMPARE(attemptsOf(id), 1);
    QCOMPARE(value(QStringLiteral("SELECT error_code FROM delivery_attempts WHERE delivery_id = ?"), {id})
                 .toString(),
             QStringLiteral("DESTINATION_FORBIDDEN"));
    QVERIFY(value(QStringLiteral("SELECT last_error FROM deliveries WHERE id = ?"), {id})
                .toString()
                .contains(klass));
}

void tst_Worker::connectorRateLimitDefers()
{
    ConnectorConfig zap = ConnectorConfig::zapier(
        QStringLiteral("zap-key-0123456789"),
        QUrl(QStringLiteral("http://127.0.0.1:%1/hooks/catch/1/abc").arg(m_sink->port())));
    QCOMPARE(zap.perMinute, 300);
    QCOMPARE(zap.perHour, 1000);
    QCOMPARE(zap.perDay, 10000);
    QCOMPARE(zap.timeoutMs, qint64(30000));
    zap.perMinute = 2; // so that the test reaches the limit
    WorkerOptions o;
    o.connectors.insert(QStringLiteral("photography-crm"), zap);
    QStringList ids;
    for (int i = 1; i <= 4; ++i)
        ids.append(enqueueConnector(QStringLiteral("photography-crm"), 80 + i));
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    startWorker(o);
    QTRY_COMPARE_WITH_TIMEOUT(
        value(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'")).toInt(), 2, 10000);
    // The other two wait for the minute to pass: still pending, no attempt spent, nothing sent.
    QTRY_COMPARE_WITH_TIMEOUT(
        value(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'pending' AND attempts = 0 AND "
                             "next_attempt_at >= ?"),
              {before + 50000})
            .toInt(),
        2, 10000);
    QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts")).toInt(), 2);
    QCOMPARE(m_sink->received(), 2);
    const auto &h = m_sink->lastHeaders();
    QCOMPARE(h.value("authorization"), QByteArray("Bearer zap-key-0123456789"));
    QCOMPARE(h.value("user-agent"), QByteArray("WedSync-Connector/1.0"));
    QCOMPARE(h.value("content-type"), QByteArray("application/json"));
    QVERIFY(m_sink->lastBody().startsWith("{\"job\":8"));
}

void tst_Worker::connectorHonoursVendorHeaders()
{
    ConnectorConfig stripe =
        ConnectorConfig::stripe(QStringLiteral("sk_test_0123456789"),
                                QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_sink->port())));
    QCOMPARE(stripe.perMinute, 100);
    QCOMPARE(stripe.timeoutMs, qint64(10000));
    QCOMPARE(stripe.initialDelayMs, qint64(500));
    WorkerOptions o;
    o.connectors.insert(QStringLiteral("stripe"), stripe);
    // The vendor answers "none remaining until 1 s from now".
    Sink::Mode m;
    m.count = 1;
    m.headers = {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", "1"}};
    m_sink->setMode(m);
    const QString first = enqueueConnector(QStringLiteral("stripe"), 90, {{"path", "/v1/charges"}});
    startWorker(o);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(first), QStringLiteral("delivered"), 10000);
    const qint64 firstAt =
        value(QStringLiteral("SELECT delivered_at FROM deliveries WHERE id = ?"), {first}).toLongLong();
    // The next one waits out the vendor's reset without spending an attempt, then goes.
    const QString second = enqueueConnector(QStringLiteral("stripe"), 91, {{"path", "/v1/charges"}});
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(second), QStringLiteral("delivered"), 10000);
    QCOMPARE(attemptsOf(second), 1);
    const qint64 secondAt =
        value(QStringLiteral("SELECT delivered_at FROM deliveries WHERE id = ?"), {second}).toLongLong();
    QVERIFY2(secondAt - firstAt >= 900, qPrintable(QString::number(secondAt - firstAt)));
    QCOMPARE(m_sink->received(), 2);
    QCOMPARE(m_sink->lastHeaders().value("authorization"), QByteArray("Bearer sk_test_0123456789"));

    // A 503 is retried with the preset's policy (Stripe: 500 ms initial delay), as an attempt.
    m.headers.clear();
    m.mode = QStringLiteral("fail");
    m.status = 503;
    m.count = 1;
    m_sink->setMode(m);
    const QString third = enqueueConnector(QStringLiteral("stripe"), 92, {{"path", "/v1/charges"}});
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(third), QStringLiteral("delivered"), 10000);
    QCOMPARE(attemptsOf(third), 2);
    const QList<qint64> starts = [&] {
        QList<qint64> out;
        QSqlQuery q(m_db->connection());
        q.prepare(QStringLiteral(
            "SELECT started_at FROM delivery_attempts WHERE delivery_id = ? ORDER BY attempt"));
        q.addBindValue(third);
        q.exec();
        while (q.next())
            out.append(q.value(0).toLongLong());
        return out;
    }();
    QCOMPARE(starts.size(), 2);
    QVERIFY2(starts[1] - starts[0] >= 400, qPrintable(QString::number(starts[1] - starts[0])));
}

// SQLite sends claimed rows while their claim commits. When that COMMIT fails, the rows were sent but are
// still pending and unclaimed: each is sent again under the same webhook-id, and reported settled once (when
// its settle matched the row), not for the request whose claim was lost.
void tst_Worker::claimCommitFailedSendsAgain()
{
    if (Test::TestBackend::isPostgres())
        QSKIP("PostgreSQL sends only rows whose claim committed (several nodes share the queue)");
    const QString sub = addSubscription(5, 50);
    QSet<QString> ids;
    for (int seq = 1; seq <= 3; ++seq)
        ids.insert(enqueueFor(sub, seq));
    // The next write to the write-ahead log fails: the worker's first claim (starting writes nothing).
    Test::WalFaults::setMode(Test::WalFaults::Mode::FailNext);
    const int failuresBefore = Test::WalFaults::failures();
    startWorker();
    QSignalSpy settled(m_worker.get(), &DeliveryWorker::deliverySettled);
    for (const QString &id : std::as_const(ids))
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), QStringLiteral("delivered"), 10000);
    QCOMPARE(Test::WalFaults::failures(), failuresBefore + 1);
    QCOMPARE(m_sink->received(), 6);
    QCOMPARE(m_sink->invalidSignatures(), 0);
    QHash<QString, int> times;
    for (const QString &id : m_sink->receivedIds())
        ++times[id];
    QCOMPARE(QSet<QString>(times.keyBegin(), times.keyEnd()), ids);
    for (auto it = times.cbegin(); it != times.cend(); ++it)
        QVERIFY2(it.value() == 2, qPrintable(it.key()));
    QTRY_COMPARE(settled.size(), 3);
    QSet<QString> settledIds;
    for (const QList<QVariant> &args : std::as_const(settled)) {
        settledIds.insert(args.at(0).toString());
        QCOMPARE(args.at(1).toString(), QStringLiteral("delivered"));
    }
    QCOMPARE(settledIds, ids);
    QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts")).toInt(), 6);
    QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE claimed_by IS NOT NULL")).toInt(),
             0);
    QTest::qWait(100); // nothing more arrives
    QCOMPARE(m_sink->received(), 6);
    QCOMPARE(settled.size(), 3);
}

QTEST_GUILESS_MAIN(tst_Worker)
#include "tst_worker.moc"
