#include "delivery/deliveryrequest.h"
#include "delivery/retrypolicy.h"
#include "store/database.h"
#include "store/migrator.h"
#include "testdb.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Delivery;

class tst_Enqueue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { Test::TestBackend::cleanup(); }
    void deliveryId_data();
    void deliveryId();
    void schema();
    void enqueueInsertsOnceAndRollsBack();
    void subscriptionPolicyCopied();
    void everyColumnWritten();
    void invalidRequestRefused();
    void backoff_data();
    void backoff();

private:
    std::unique_ptr<Store::Database> open()
    {
        Error e;
        auto s = Store::DatabaseSettings::fromUrl(Test::TestBackend::freshUrl(), QString(), &e);
        auto db = std::make_unique<Store::Database>(*s);
        QSqlDatabase c = db->connection(&e);
        if (Store::Migrator().migrate(c, &e) < 0)
            qFatal("migrate: %s", qPrintable(e.message));
        return db;
    }
    static DeliveryRequest request(qint64 seq, const QString &target, TargetKind kind = TargetKind::Slack)
    {
        DeliveryRequest r;
        r.eventSeq = seq;
        r.eventType = QStringLiteral("booking.created");
        r.kind = kind;
        r.target = target;
        r.payload = QByteArrayLiteral("{\"text\":\"New booking \\u00e9\"}");
        r.priority = Priority::Urgent;
        r.weddingId = QStringLiteral("wed_1");
        return r;
    }
    static int count(QSqlDatabase db, const QString &sql)
    {
        QSqlQuery q(db);
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toInt();
    }
};

void tst_Enqueue::deliveryId_data()
{
    QTest::addColumn<qint64>("seqA");
    QTest::addColumn<QString>("targetA");
    QTest::addColumn<qint64>("seqB");
    QTest::addColumn<QString>("targetB");
    QTest::addColumn<bool>("same");
    QTest::newRow("same event and target")
        << qint64(7) << "slack-notifications" << qint64(7) << "slack-notifications" << true;
    QTest::newRow("other target") << qint64(7) << "slack-notifications" << qint64(7) << "email-service"
                                  << false;
    QTest::newRow("other event") << qint64(7) << "slack-notifications" << qint64(8) << "slack-notifications"
                                 << false;
    QTest::newRow("no ambiguity across the separator") << qint64(1) << "1:x" << qint64(11) << ":x" << false;
}

void tst_Enqueue::deliveryId()
{
    QFETCH(qint64, seqA);
    QFETCH(QString, targetA);
    QFETCH(qint64, seqB);
    QFETCH(QString, targetB);
    QFETCH(bool, same);
    const QString a = makeDeliveryId(seqA, targetA);
    const QString b = makeDeliveryId(seqB, targetB);
    QVERIFY(QRegularExpression(QStringLiteral("^msg_[0-9a-f]{32}$")).match(a).hasMatch());
    QCOMPARE(a == b, same);
}

void tst_Enqueue::schema()
{
    auto db = open();
    const QStringList tables = db->connection().tables();
    for (const char *t : {"subscriptions", "deliveries", "delivery_attempts", "delivery_targets",
                          "delivery_alerts", "replay_jobs", "replay_audit"})
        QVERIFY2(tables.contains(QLatin1String(t)), t);
}

void tst_Enqueue::enqueueInsertsOnceAndRollsBack()
{
    auto database = open();
    QSqlDatabase db = database->connection();
    Error e;
    QVERIFY(db.transaction());
    QVERIFY2(enqueue(db,
                     {request(1, QStringLiteral("slack-notifications")),
                      request(1, QStringLiteral("email-service"))},
                     &e),
             qPrintable(e.message));
    QVERIFY(db.commit());
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM deliveries")), 2);

    // Re-processing the same event enqueues nothing new.
    QVERIFY(db.transaction());
    QVERIFY(enqueue(db, {request(1, QStringLiteral("slack-notifications"))}, &e));
    QVERIFY(db.commit());
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM deliveries")), 2);

    // A rolled-back processing transaction leaves no delivery behind.
    QVERIFY(db.transaction());
    QVERIFY(enqueue(db, {request(2, QStringLiteral("slack-notifications"))}, &e));
    QVERIFY(db.rollback());
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM deliveries")), 2);

    QSqlQuery q(db);
    QVERIFY(q.exec(
        QStringLiteral("SELECT id, state, attempts, priority, kind, payload, max_attempts, initial_delay_ms, "
                       "backoff FROM deliveries WHERE target = 'slack-notifications'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), makeDeliveryId(1, QStringLiteral("slack-notifications")));
    QCOMPARE(q.value(1).toString(), QStringLiteral("pending"));
    QCOMPARE(q.value(2).toInt(), 0);
    QCOMPARE(q.value(3).toInt(), 0);
    QCOMPARE(q.value(4).toString(), QStringLiteral("slack"));
    QCOMPARE(q.value(5).toByteArray(), request(1, QString()).payload);
    QCOMPARE(q.value(6).toInt(), 5);
    QCOMPARE(q.value(7).toLongLong(), 1000);
    QCOMPARE(q.value(8).toString(), QStringLiteral("exponential"));
}

void tst_Enqueue::subscriptionPolicyCopied()
{
    auto database = open();
    QSqlDatabase db = database->connection();
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("INSERT INTO subscriptions (id, url, event_types, secret, max_attempts, "
                                  "backoff, initial_delay_ms, created_at, "
                                  "updated_at) VALUES ('sub_1', 'https://crm.example/hook', "
                                  "'booking.created', '0123456789abcdef', 3, 'linear', "
                                  "2000, 0, 0)")));
    Error e;
    QVERIFY(db.transaction());
    QVERIFY(enqueue(db, {request(5, QStringLiteral("sub_1"), TargetKind::Webhook)}, &e));
    QVERIFY(db.commit());
    QVERIFY(q.exec(QStringLiteral("SELECT url, max_attempts, backoff, initial_delay_ms FROM deliveries")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("https://crm.example/hook"));
    QCOMPARE(q.value(1).toInt(), 3);
    QCOMPARE(q.value(2).toString(), QStringLiteral("linear"));
    QCOMPARE(q.value(3).toLongLong(), 2000);
}

// Every value of a request reaches its column (SQLite binds through the C API, PostgreSQL through QtSql), and
// optional values left empty are NULL. Several rows in one call, each with its own values.
void tst_Enqueue::everyColumnWritten()
{
    auto database = open();
    QSqlDatabase db = database->connection();
    DeliveryRequest full = request(7, QStringLiteral("crm"), TargetKind::Connector);
    full.id = QStringLiteral("msg_explicit");
    full.eventType = QStringLiteral("payment.received");
    full.priority = Priority::Low;
    full.correlationId = QStringLiteral("corr-9");
    full.meta = QJsonObject{{QStringLiteral("url"), QStringLiteral("https://crm.example/in")},
                            {QStringLiteral("max_attempts"), 3},
                            {QStringLiteral("timeout_ms"), 2500},
                            {QStringLiteral("note"), QStringLiteral("caf\u00e9")}};
    DeliveryRequest bare = request(8, QStringLiteral("slack-notifications"));
    bare.weddingId.clear();
    Error e;
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(db.transaction());
    QVERIFY2(enqueue(db, {full, bare}, &e), qPrintable(e.message));
    QVERIFY(db.commit());
    const qint64 after = QDateTime::currentMSecsSinceEpoch();

    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral(
        "SELECT id, event_seq, event_type, kind, target, url, payload, priority, wedding_id, correlation_id, "
        "meta, max_attempts, timeout_ms, next_attempt_at, created_at, claimed_by FROM deliveries ORDER BY "
        "event_seq")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("msg_explicit"));
    QCOMPARE(q.value(1).toLongLong(), 7);
    QCOMPARE(q.value(2).toString(), QStringLiteral("payment.received"));
    QCOMPARE(q.value(3).toString(), QStringLiteral("connector"));
    QCOMPARE(q.value(4).toString(), QStringLiteral("crm"));
    QCOMPARE(q.value(5).toString(), QStringLiteral("https://crm.example/in"));
    QCOMPARE(q.value(6).toByteArray(), full.payload);
    QCOMPARE(q.value(7).toInt(), 3);
    QCOMPARE(q.value(8).toString(), QStringLiteral("wed_1"));
    QCOMPARE(q.value(9).toString(), QStringLiteral("corr-9"));
    QCOMPARE(QJsonDocument::fromJson(q.value(10).toString().toUtf8()).object(), full.meta);
    QCOMPARE(q.value(11).toInt(), 3);
    QCOMPARE(q.value(12).toLongLong(), 2500);
    QVERIFY(q.value(13).toLongLong() >= before && q.value(13).toLongLong() <= after);
    QCOMPARE(q.value(14).toLongLong(), q.value(13).toLongLong());
    QVERIFY(q.value(15).isNull());

    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), makeDeliveryId(8, QStringLiteral("slack-notifications")));
    QCOMPARE(q.value(3).toString(), QStringLiteral("slack"));
    QVERIFY(q.value(5).isNull());
    QCOMPARE(q.value(7).toInt(), 0);
    QVERIFY(q.value(8).isNull());
    QVERIFY(q.value(9).isNull());
    QVERIFY(q.value(10).isNull());
    QCOMPARE(q.value(11).toInt(), 5);
    QCOMPARE(q.value(12).toLongLong(), 0);
    QVERIFY(!q.next());
}

void tst_Enqueue::invalidRequestRefused()
{
    auto database = open();
    QSqlDatabase db = database->connection();
    Error e;
    QVERIFY(db.transaction());
    QVERIFY(!enqueue(db, {request(0, QStringLiteral("slack-notifications"))}, &e));
    QCOMPARE(e.code, QStringLiteral("VALIDATION_FAILED"));
    e = {};
    QVERIFY(!enqueue(db, {request(3, QString())}, &e));
    QCOMPARE(e.code, QStringLiteral("VALIDATION_FAILED"));
    QVERIFY(db.rollback());

    // No payload at all is refused by the database on both backends (an empty one is a body like any other).
    DeliveryRequest noBody = request(4, QStringLiteral("slack-notifications"));
    noBody.payload = QByteArray();
    DeliveryRequest emptyBody = request(5, QStringLiteral("slack-notifications"));
    emptyBody.payload = QByteArrayLiteral("");
    e = {};
    QVERIFY(db.transaction());
    QVERIFY(!enqueue(db, {noBody}, &e));
    QVERIFY(!e.code.isEmpty());
    QVERIFY(db.rollback());
    QVERIFY(db.transaction());
    QVERIFY2(enqueue(db, {emptyBody}, &e), qPrintable(e.message));
    QVERIFY(db.commit());
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM deliveries")), 1);
}

void tst_Enqueue::backoff_data()
{
    QTest::addColumn<QString>("shape");
    QTest::addColumn<qint64>("initial");
    QTest::addColumn<QList<qint64>>("delays");
    QTest::newRow("channel 1-2-4-8 s")
        << "exponential" << qint64(1000) << QList<qint64>{1000, 2000, 4000, 8000};
    QTest::newRow("linear 60 s") << "linear" << qint64(60000) << QList<qint64>{60000, 120000, 180000, 240000};
}

void tst_Enqueue::backoff()
{
    QFETCH(QString, shape);
    QFETCH(qint64, initial);
    QFETCH(QList<qint64>, delays);
    RetryPolicy p{5, backoffFromString(shape), initial};
    for (int i = 0; i < delays.size(); ++i) {
        QCOMPARE(p.baseDelayMs(i + 1), delays.at(i));
        const qint64 jittered = p.delayMs(i + 1);
        QVERIFY(jittered >= delays.at(i) * 9 / 10 && jittered <= delays.at(i) * 11 / 10);
    }
}

QTEST_GUILESS_MAIN(tst_Enqueue)
#include "tst_enqueue.moc"
