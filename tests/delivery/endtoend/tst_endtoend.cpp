// End to end, journal to receiver: an event is journaled, the processor writes a delivery row for a matching
// subscription in its processing transaction, the outbox worker delivers it to an in-process wedsync-sink,
// and the test checks both signature schemes with its own implementation of each. Then the retry path:
// a receiver that keeps failing turns the delivery into a dead letter (every attempt recorded, every repeat
// with the same webhook-id), and a replay of that dead letter delivers it.
#include "delivery/deadletters.h"
#include "delivery/deliveryrequest.h"
#include "delivery/deliveryworker.h"
#include "delivery/subscriptions.h"
#include "processingfixture.h"
#include "sinkserver.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Test;
using namespace WedSync::Delivery;

namespace {
const QString kSecret = QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

// X-WedSync-Signature: sha256=<hex HMAC-SHA256(secret as UTF-8, body)>.
bool platformSignatureValid(const QByteArray &header, const QByteArray &body)
{
    return header ==
           "sha256=" +
               QMessageAuthenticationCode::hash(body, kSecret.toUtf8(), QCryptographicHash::Sha256).toHex();
}

// Standard Webhooks: webhook-signature holds "v1,<base64 HMAC-SHA256(key, id.timestamp.body)>", where the
// key is the base64 part of the whsec_ secret, decoded.
bool standardSignatureValid(const QHash<QByteArray, QByteArray> &h, const QByteArray &body)
{
    const QByteArray key = QByteArray::fromBase64(kSecret.mid(6).toLatin1());
    const QByteArray signedContent = h.value("webhook-id") + '.' + h.value("webhook-timestamp") + '.' + body;
    const QByteArray expected =
        "v1," + QMessageAuthenticationCode::hash(signedContent, key, QCryptographicHash::Sha256).toBase64();
    return h.value("webhook-signature").split(' ').contains(expected);
}
} // namespace

class tst_EndToEnd : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { TestBackend::cleanup(); }
    void journalToSignedDelivery();
    void retriesToDeadLetterThenReplay();

private:
    struct Rig
    {
        ProcessingFixture f;
        Sink::SinkServer sink;
        std::unique_ptr<DeliveryWorker> worker;
        QString subscription;
    };
    static bool setUp(Rig &rig, int maxAttempts);
};

bool tst_EndToEnd::setUp(Rig &rig, int maxAttempts)
{
    rig.sink.setSecret(kSecret);
    QString why;
    if (!rig.sink.listen(QHostAddress::LocalHost, 0, &why))
        return false;
    Subscription s;
    s.url = QStringLiteral("http://127.0.0.1:%1/hooks/wedsync").arg(rig.sink.port());
    s.eventTypes = {QStringLiteral("booking.created")};
    s.secret = kSecret;
    s.policy = RetryPolicy{maxAttempts, Backoff::Linear, 30};
    Error e;
    if (!SubscriptionStore::add(rig.f.conn(), &s, &e)) {
        qWarning("subscription: %s", qPrintable(e.message));
        return false;
    }
    rig.subscription = s.id;
    rig.f.options.notify = Routing::NotifySettings(); // no notification channels: only the subscription
    if (!rig.f.start())
        return false;
    WorkerOptions o;
    o.nodeId = QStringLiteral("e2e");
    o.pollIntervalMs = 10;
    o.ssrf.allowCidrs = {QStringLiteral("127.0.0.1/32")};
    rig.worker = std::make_unique<DeliveryWorker>(rig.f.db.get(), o);
    if (!rig.worker->start(&e)) {
        qWarning("worker: %s", qPrintable(e.message));
        return false;
    }
    return true;
}

void tst_EndToEnd::journalToSignedDelivery()
{
    Rig rig;
    QVERIFY(setUp(rig, 3));
    const Events::Event booking = rootEvent(QStringLiteral("booking.created"), QStringLiteral("bk_e2e_1"),
                                            {{"booking_id", "bk_e2e_1"},
                                             {"couple_email", "ana.luc@example.com"},
                                             {"supplier_id", "sup_7"},
                                             {"start", "2026-06-20T15:00:00Z"},
                                             {"end", "2026-06-20T23:00:00Z"}});
    const qint64 seq = rig.f.append(booking);
    const QString id = makeDeliveryId(seq, rig.subscription);

    // The processor wrote the row (with the subscription's URL and policy) as it processed the event.
    QTRY_COMPARE_WITH_TIMEOUT(
        rig.f.count(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE id = ? AND target = ? AND "
                                   "max_attempts = 3 AND backoff = 'linear'"),
                    {id, rig.subscription}),
        qint64(1), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(
        rig.f.count(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE id = ? AND state = 'delivered'"),
                    {id}),
        qint64(1), 10000);
    // Derived events (email.send, calendar.block, ...) match no subscription: one webhook only.
    QCOMPARE(rig.sink.received(), 1);
    QCOMPARE(rig.sink.invalidSignatures(), 0);
    QCOMPARE(rig.sink.stats().value(QStringLiteral("signature_valid")).toInt(), 1);

    const QHash<QByteArray, QByteArray> h = rig.sink.lastHeaders();
    const QByteArray body = rig.sink.lastBody();
    QCOMPARE(h.value("webhook-id"), id.toUtf8());
    QCOMPARE(h.value("x-wedsync-event"), QByteArray("booking.created"));
    QCOMPARE(h.value("x-wedsync-timestamp"), h.value("webhook-timestamp"));
    QVERIFY(qAbs(h.value("webhook-timestamp").toLongLong() - QDateTime::currentSecsSinceEpoch()) < 60);
    QVERIFY(platformSignatureValid(h.value("x-wedsync-signature"), body));
    QVERIFY(standardSignatureValid(h, body));
    // A tampered body fails both.
    QByteArray tampered = body;
    tampered.replace("bk_e2e_1", "bk_e2e_2");
    QVERIFY(!platformSignatureValid(h.value("x-wedsync-signature"), tampered));
    QVERIFY(!standardSignatureValid(h, tampered));
    // The body is the journaled event.
    const QJsonObject sent = QJsonDocument::fromJson(body).object();
    QCOMPARE(sent.value(QStringLiteral("event_id")).toString(), QStringLiteral("bk_e2e_1"));
    QCOMPARE(sent.value(QStringLiteral("event_type")).toString(), QStringLiteral("booking.created"));
    QCOMPARE(rig.f.count(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts WHERE delivery_id = ? AND "
                                        "http_status = 200"),
                         {id}),
             qint64(1));
}

void tst_EndToEnd::retriesToDeadLetterThenReplay()
{
    Rig rig;
    Sink::Mode failing;
    failing.mode = QStringLiteral("fail");
    failing.status = 503;
    rig.sink.setMode(failing);
    QVERIFY(setUp(rig, 3));
    const qint64 seq =
        rig.f.append(rootEvent(QStringLiteral("booking.created"), QStringLiteral("bk_e2e_dead"),
                               {{"booking_id", "bk_e2e_dead"},
                                {"couple_email", "ana.luc@example.com"},
                                {"supplier_id", "sup_7"},
                                {"start", "2026-06-20T15:00:00Z"},
                                {"end", "2026-06-20T23:00:00Z"}}));
    const QString id = makeDeliveryId(seq, rig.subscription);
    QTRY_COMPARE_WITH_TIMEOUT(
        rig.f.count(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE id = ? AND state = 'dead'"), {id}),
        qint64(1), 15000);
    // Three attempts, each recorded, each the same webhook-id, each signed correctly.
    QCOMPARE(rig.sink.received(), 3);
    QCOMPARE(rig.sink.receivedIds(), (QStringList{id, id, id}));
    QCOMPARE(rig.sink.invalidSignatures(), 0);
    QCOMPARE(rig.f.count(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts WHERE delivery_id = ? AND "
                                        "http_status = 503 AND error_code = 'HTTP_503'"),
                         {id}),
             qint64(3));
    Error e;
    DeliveryFilter dead;
    dead.state = QStringLiteral("dead");
    dead.target = rig.subscription;
    const QList<DeliveryRecord> letters = DeadLetters::list(rig.f.conn(), dead, &e);
    QVERIFY2(e.isNull(), qPrintable(e.message));
    QCOMPARE(letters.size(), 1);
    QCOMPARE(letters.first().id, id);
    QCOMPARE(letters.first().attempts, 3);
    QCOMPARE(letters.first().responseCode, 503);

    // The receiver recovers; replaying the dead letter delivers it with the same webhook-id.
    rig.sink.setMode(Sink::Mode());
    DeliveryFilter one;
    one.id = id;
    const QString job = DeadLetters::createReplayJob(rig.f.conn(), one, QStringLiteral("e2e-test"), &e);
    QVERIFY2(!job.isEmpty(), qPrintable(e.message));
    QVERIFY2(DeadLetters::runReplayJob(rig.f.conn(), job, QStringLiteral("e2e-node"), &e),
             qPrintable(e.message));
    QTRY_COMPARE_WITH_TIMEOUT(
        rig.f.count(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE id = ? AND state = 'delivered'"),
                    {id}),
        qint64(1), 15000);
    QCOMPARE(rig.sink.receivedIds().size(), 4);
    QCOMPARE(rig.sink.receivedIds().last(), id);
    QCOMPARE(rig.sink.stats().value(QStringLiteral("signature_valid")).toInt(), 4);
}

QTEST_GUILESS_MAIN(tst_EndToEnd)
#include "tst_endtoend.moc"
