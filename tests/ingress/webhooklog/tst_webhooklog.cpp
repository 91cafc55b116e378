// The webhook log writes queued rows in batches on its own thread: every field lands, the body only when
// given, nothing is written per record before the flush interval, a full queue drops (and counts), stop
// writes what is queued, and retention removes old rows.
#include "ingress/webhooklog.h"
#include "store/database.h"
#include "store/migrator.h"
#include "testdb.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Ingress;

class tst_WebhookLog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { Test::TestBackend::cleanup(); }
    void writesEveryField();
    void batchesInsteadOfWritingPerRecord();
    void fullQueueDrops();
    void stopWritesWhatIsQueued();
    void retentionPrunes();
    void failedBatchIsCountedAndLogRecovers();

private:
    std::unique_ptr<Store::Database> openDb()
    {
        Error e;
        auto s = Store::DatabaseSettings::fromUrl(Test::TestBackend::freshUrl(), QString(), &e);
        auto db = std::make_unique<Store::Database>(*s);
        if (Store::Migrator().migrate(db->connection(&e), &e) < 0)
            qFatal("migration failed: %s", qPrintable(e.message));
        return db;
    }
    static qint64 count(Store::Database *db, const QString &where = QStringLiteral("1=1"))
    {
        QSqlQuery q(db->connection());
        q.exec(QStringLiteral("SELECT COUNT(*) FROM webhook_log WHERE ") + where);
        q.next();
        return q.value(0).toLongLong();
    }
    static RequestRecord rec(int i)
    {
        RequestRecord r;
        r.requestId = QStringLiteral("req_%1").arg(i);
        r.receivedAt = QDateTime::currentDateTimeUtc();
        r.source = QStringLiteral("zapier");
        r.route = QStringLiteral("/webhooks/{source}");
        r.method = QStringLiteral("POST");
        r.status = 200;
        r.latencyMs = 1.5;
        r.peer = QStringLiteral("127.0.0.1");
        return r;
    }
};

void tst_WebhookLog::writesEveryField()
{
    auto db = openDb();
    WebhookLog log(db.get(), {});
    log.start();
    RequestRecord ok = rec(1);
    ok.integrationId = QStringLiteral("int_7");
    ok.eventId = QStringLiteral("evt_1");
    ok.body = "{\"a\":1}";
    ok.supplierType = QStringLiteral("photography");
    ok.weddingId = QStringLiteral("wed_42");
    ok.weddingDate = QStringLiteral("2027-06-12");
    RequestRecord bad = rec(2);
    bad.status = 401;
    bad.errorCode = QStringLiteral("INVALID_SIGNATURE");
    log.record(ok);
    log.record(bad);
    QVERIFY(log.flush());
    QCOMPARE(log.written(), 2);
    QSqlQuery q(db->connection());
    QVERIFY(q.exec(QStringLiteral(
        "SELECT request_id, received_at, source, integration_id, route, method, status, "
        "error_code, latency_ms, peer_ip, event_id, body, supplier_type, wedding_id, wedding_date "
        "FROM webhook_log ORDER BY id")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("req_1"));
    QCOMPARE(q.value(1).toLongLong(), ok.receivedAt.toMSecsSinceEpoch());
    QCOMPARE(q.value(2).toString(), QStringLiteral("zapier"));
    QCOMPARE(q.value(3).toString(), QStringLiteral("int_7"));
    QCOMPARE(q.value(4).toString(), QStringLiteral("/webhooks/{source}"));
    QCOMPARE(q.value(5).toString(), QStringLiteral("POST"));
    QCOMPARE(q.value(6).toInt(), 200);
    QVERIFY(q.value(7).isNull());
    QCOMPARE(q.value(8).toDouble(), 1.5);
    QCOMPARE(q.value(9).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(q.value(10).toString(), QStringLiteral("evt_1"));
    QCOMPARE(q.value(11).toByteArray(), QByteArray("{\"a\":1}"));
    QCOMPARE(q.value(12).toString(), QStringLiteral("photography"));
    QCOMPARE(q.value(13).toString(), QStringLiteral("wed_42"));
    QCOMPARE(q.value(14).toString(), QStringLiteral("2027-06-12"));
    QVERIFY(q.next());
    QCOMPARE(q.value(6).toInt(), 401);
    QCOMPARE(q.value(7).toString(), QStringLiteral("INVALID_SIGNATURE"));
    QVERIFY(q.value(3).isNull());
    QVERIFY(q.value(11).isNull());
    QVERIFY(q.value(12).isNull());
    QVERIFY(q.value(13).isNull());
    QVERIFY(q.value(14).isNull());
}

// A batch the database refuses is dropped and counted, and the log keeps writing once the table is back.
void tst_WebhookLog::failedBatchIsCountedAndLogRecovers()
{
    auto db = openDb();
    WebhookLog log(db.get(), {});
    log.start();
    log.record(rec(1));
    QVERIFY(log.flush());
    QCOMPARE(log.written(), 1);
    {
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE webhook_log RENAME TO webhook_log_away")));
    }
    log.record(rec(2));
    QVERIFY(log.flush());
    QCOMPARE(log.written(), 1);
    QCOMPARE(log.dropped(), 1);
    {
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE webhook_log_away RENAME TO webhook_log")));
    }
    log.record(rec(3));
    QVERIFY(log.flush());
    QCOMPARE(log.written(), 2);
    QCOMPARE(count(db.get()), 2);
}

void tst_WebhookLog::batchesInsteadOfWritingPerRecord()
{
    auto db = openDb();
    WebhookLog::Options o;
    o.flushInterval = std::chrono::milliseconds(1000);
    o.batchRows = 50;
    WebhookLog log(db.get(), o);
    log.start();
    for (int i = 0; i < 10; ++i)
        log.record(rec(i));
    QTest::qWait(300);
    QCOMPARE(count(db.get()), 0); // below a batch: waits for the interval
    QTRY_COMPARE_WITH_TIMEOUT(count(db.get()), 10, 3000);
    // A full batch goes at once.
    QElapsedTimer t;
    t.start();
    for (int i = 10; i < 60; ++i)
        log.record(rec(i));
    QTRY_COMPARE_WITH_TIMEOUT(count(db.get()), 60, 3000);
    QVERIFY(t.elapsed() < 900);
}

void tst_WebhookLog::fullQueueDrops()
{
    auto db = openDb();
    WebhookLog::Options o;
    o.maxQueued = 5;
    WebhookLog log(db.get(), o); // not started: nothing drains the queue
    for (int i = 0; i < 8; ++i)
        log.record(rec(i));
    QCOMPARE(log.dropped(), 3);
    log.start();
    QVERIFY(log.flush());
    QCOMPARE(count(db.get()), 5);
}

void tst_WebhookLog::stopWritesWhatIsQueued()
{
    auto db = openDb();
    WebhookLog::Options o;
    o.flushInterval = std::chrono::seconds(60);
    {
        WebhookLog log(db.get(), o);
        log.start();
        for (int i = 0; i < 7; ++i)
            log.record(rec(i));
    }
    QCOMPARE(count(db.get()), 7);
}

void tst_WebhookLog::retentionPrunes()
{
    auto db = openDb();
    {
        WebhookLog log(db.get(), {});
        log.start();
        RequestRecord old = rec(1);
        old.receivedAt = QDateTime::currentDateTimeUtc().addDays(-10);
        log.record(old);
        log.record(rec(2));
        QVERIFY(log.flush());
    }
    QCOMPARE(count(db.get()), 2);
    WebhookLog::Options o;
    o.retention = std::chrono::hours(24 * 7);
    o.pruneInterval = std::chrono::milliseconds(100);
    WebhookLog log(db.get(), o);
    log.start();
    QTRY_COMPARE_WITH_TIMEOUT(count(db.get()), 1, 10000);
    QCOMPARE(count(db.get(), QStringLiteral("request_id = 'req_2'")), 1);
}

QTEST_GUILESS_MAIN(tst_WebhookLog)
#include "tst_webhooklog.moc"
