// The `deliveries` topic as a console receives it after real delivery attempts: an event is journaled, the
// processor enqueues it for a subscription, the worker delivers it to an in-process wedsync-sink, and the
// subscriber gets one {"kind":"attempt"} item per attempt with every field the worker recorded.
#include "client/nodeclient.h"
#include "delivery/deliveryrequest.h"
#include "delivery/subscriptions.h"
#include "nodefixture.h"
#include "sinkserver.h"
#include "store/database.h"

#include <QJsonArray>
#include <QTcpServer>

using namespace WedSync;
using namespace WedSync::Test;
using Client::ConnectionState;
using Client::NodeClient;
using Node::Role;

namespace {
const QString kSecret = QStringLiteral("whsec_ZGVsaXZlcnktZmVlZC10ZXN0LXNlY3JldA==");
}

class tst_DeliveryFeed : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { TestBackend::cleanup(); }
    void attemptPayload_data();
    void attemptPayload();
};

void tst_DeliveryFeed::attemptPayload_data()
{
    QTest::addColumn<QString>("mode");   // sink mode, or "refused" for a port nobody listens on
    QTest::addColumn<int>("sinkStatus"); // for mode fail
    QTest::addColumn<QString>("status"); // succeeded | failed
    QTest::addColumn<int>("httpStatus"); // 0 = none (no HTTP answer)
    QTest::addColumn<bool>("hasError");
    QTest::addColumn<QString>("finalState"); // the delivery's state after its only attempt
    QTest::newRow("delivered") << "ok" << 0 << "succeeded" << 200 << false << "delivered";
    QTest::newRow("server-error") << "fail" << 500 << "failed" << 500 << true << "dead";
    QTest::newRow("client-error") << "fail" << 400 << "failed" << 400 << true << "failed";
    QTest::newRow("gone") << "gone" << 0 << "failed" << 410 << true << "failed";
    QTest::newRow("connection-refused") << "refused" << 0 << "failed" << 0 << true << "dead";
}

void tst_DeliveryFeed::attemptPayload()
{
    QFETCH(QString, mode);
    QFETCH(int, sinkStatus);
    QFETCH(QString, status);
    QFETCH(int, httpStatus);
    QFETCH(bool, hasError);
    QFETCH(QString, finalState);

    Sink::SinkServer sink;
    sink.setSecret(kSecret);
    QString why;
    QVERIFY2(sink.listen(QHostAddress::LocalHost, 0, &why), qPrintable(why));
    quint16 port = sink.port();
    if (mode == QLatin1String("refused")) {
        QTcpServer probe; // a port that was free a moment ago and that nobody listens on now
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    } else {
        Sink::Mode m;
        m.mode = mode;
        m.status = sinkStatus > 0 ? sinkStatus : 200;
        sink.setMode(m);
    }

    NodeFixture f;
    QVERIFY(f.start(QString(), {{QStringLiteral("delivery.allow_cidrs"), QStringLiteral("127.0.0.1/32")}}));
    Error e;
    QSqlDatabase db = f.engine->database()->connection(&e);
    Delivery::Subscription sub;
    sub.url = QStringLiteral("http://127.0.0.1:%1/hook").arg(port);
    sub.eventTypes = {QStringLiteral("payment.received")};
    sub.secret = kSecret;
    sub.policy = Delivery::RetryPolicy{1, Delivery::Backoff::Linear, 1000}; // one attempt: a final outcome
    QVERIFY2(Delivery::SubscriptionStore::add(db, &sub, &e), qPrintable(e.message));

    NodeClient viewer;
    viewer.connectToNode(f.url(), f.token(Role::Viewer, QStringLiteral("viewer")));
    QTRY_COMPARE(viewer.state(), ConnectionState::Connected);
    QList<QJsonObject> attempts;
    connect(&viewer, &NodeClient::eventsReceived, this, [&](const QList<Client::TopicEvent> &events) {
        for (const auto &ev : events)
            if (ev.topic == QLatin1String("deliveries") &&
                ev.data.value(QLatin1String("kind")).toString() == QLatin1String("attempt"))
                attempts << ev.data.value(QLatin1String("attempt")).toObject();
    });
    viewer.subscribe(QStringLiteral("deliveries"), {}, 0); // from the start: nothing published is missed

    Events::Event event = makeNodeEvent(QStringLiteral("evt_feed_1"));
    event.data.insert(QStringLiteral("booking_id"), QStringLiteral("b_1")); // a payment the handlers accept
    const qint64 seq = f.append({event});
    QVERIFY(seq > 0);
    QTRY_COMPARE_WITH_TIMEOUT(attempts.size(), 1, 15000);
    const QJsonObject a = attempts.first();
    QCOMPARE(a.value(QLatin1String("delivery_id")).toString(), Delivery::makeDeliveryId(seq, sub.id));
    QCOMPARE(a.value(QLatin1String("target")).toString(), sub.id);
    QCOMPARE(a.value(QLatin1String("event_id")).toString(), QStringLiteral("evt_feed_1"));
    QCOMPARE(a.value(QLatin1String("source")).toString(), QStringLiteral("stripe"));
    QCOMPARE(a.value(QLatin1String("event_type")).toString(), QStringLiteral("payment.received"));
    QCOMPARE(qint64(a.value(QLatin1String("event_seq")).toDouble()), seq);
    QCOMPARE(a.value(QLatin1String("attempt")).toInt(), 1);
    QCOMPARE(a.value(QLatin1String("status")).toString(), status);
    QCOMPARE(a.value(QLatin1String("ok")).toBool(), status == QLatin1String("succeeded"));
    if (httpStatus > 0)
        QCOMPARE(a.value(QLatin1String("http_status")).toInt(), httpStatus);
    else
        QVERIFY(a.value(QLatin1String("http_status")).isNull());
    QVERIFY(a.value(QLatin1String("latency_ms")).isDouble());
    QVERIFY(a.value(QLatin1String("latency_ms")).toDouble() >= 0);
    QVERIFY(a.value(QLatin1String("at")).toDouble() > 0);
    QVERIFY(a.value(QLatin1String("id")).toDouble() > 0);
    QCOMPARE(!a.value(QLatin1String("error")).isNull() || !a.value(QLatin1String("error_code")).isNull(),
             hasError);
    // The delivery settles as the attempt said.
    const auto stateOf = [&] {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT state FROM deliveries WHERE id = ?"));
        q.addBindValue(a.value(QLatin1String("delivery_id")).toString());
        return q.exec() && q.next() ? q.value(0).toString() : QString();
    };
    QTRY_COMPARE(stateOf(), finalState);
    // One attempt, one item: the wake-up after the worker's signal and the once-a-second fallback poll
    // read the same rows without publishing any twice (wait out one poll to be sure).
    QTest::qWait(1200);
    QCOMPARE(attempts.size(), 1);
}

QTEST_GUILESS_MAIN(tst_DeliveryFeed)
#include "tst_deliveryfeed.moc"
