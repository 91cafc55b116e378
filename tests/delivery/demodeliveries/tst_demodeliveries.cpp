// The demo's delivery script against a real engine: deliveries reach the in-process sink, an outage makes
// them retry, opens the circuit and leaves dead letters, the recovery closes the circuit, and the replay job
// delivers the dead letters again with the same webhook-id.
#include "demodeliveries.h"
#include "events/journal.h"
#include "node/engine.h"
#include "store/database.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace WedSync;
using Demo::DemoDeliveries;

class tst_DemoDeliveries : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void outageScript();
    void refusedWithoutDelivery();
};

namespace {
Config engineConfig(const QString &dir, bool delivery)
{
    Config config = Config::defaults();
    QString why;
    const QList<QPair<QString, QString>> values{{"node.data_dir", dir},
                                                {"ingress.listen", "127.0.0.1:0"},
                                                {"node.listen", "127.0.0.1:0"},
                                                {"store.sync", "normal"},
                                                {"delivery.breaker_cooldown", "300ms"},
                                                {"delivery.enabled", delivery ? "true" : "false"}};
    for (const auto &[key, value] : values) {
        if (!config.set(key, value, &why))
            qFatal("%s", qPrintable(why));
    }
    return config;
}

qint64 count(Node::Engine &engine, const QString &sql, const QVariantList &binds = {})
{
    Error e;
    QSqlDatabase db = engine.database()->connection(&e);
    QSqlQuery q(db);
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
}
} // namespace

void tst_DemoDeliveries::outageScript()
{
    QTemporaryDir dir;
    Node::Engine engine(engineConfig(dir.path(), true));
    Error e;
    QVERIFY2(engine.start(&e), qPrintable(e.message));

    DemoDeliveries::Options o;
    o.healthySecs = 1;
    o.settleSecs = 1;
    DemoDeliveries demo(&engine, o);
    QList<DemoDeliveries::Phase> phases;
    connect(&demo, &DemoDeliveries::phaseChanged, this,
            [&phases](DemoDeliveries::Phase p) { phases.append(p); });
    QString why;
    QVERIFY2(demo.start(&why), qPrintable(why));
    QVERIFY(demo.sinkPort() != 0);
    const QString sub = demo.subscriptionId();
    QVERIFY(sub.startsWith(QLatin1String("sub_")));

    // Bookings keep arriving, as the simulator would send them.
    int n = 0;
    QTimer feed;
    feed.setInterval(40);
    connect(&feed, &QTimer::timeout, this, [&] {
        Events::Event ev;
        ev.type = QStringLiteral("booking.updated");
        ev.id = QStringLiteral("bk_demo_%1").arg(++n);
        ev.source = QStringLiteral("zapier");
        ev.timestamp = QDateTime::currentDateTimeUtc();
        ev.correlationId = ev.id;
        ev.data = QJsonObject{{QStringLiteral("booking_id"), ev.id}};
        engine.journal()->append(ev);
    });
    feed.start();

    // Healthy -> outage -> recovering -> replaying -> healthy again.
    QTRY_VERIFY_WITH_TIMEOUT(phases.count(DemoDeliveries::Phase::Healthy) >= 2, 30000);
    feed.stop();
    const QList<DemoDeliveries::Phase> expected{
        DemoDeliveries::Phase::Healthy, DemoDeliveries::Phase::Outage, DemoDeliveries::Phase::Recovering,
        DemoDeliveries::Phase::Replaying, DemoDeliveries::Phase::Healthy};
    QCOMPARE(phases.mid(0, 5), expected);

    // The outage left failed attempts (503) and the replay job put at least one dead letter back.
    QVERIFY(count(engine,
                  QStringLiteral("SELECT COUNT(*) FROM delivery_attempts a JOIN deliveries d ON d.id = "
                                 "a.delivery_id WHERE d.target = ? AND a.http_status = 503"),
                  {sub}) >= 5);
    QVERIFY(count(engine,
                  QStringLiteral("SELECT COUNT(*) FROM replay_jobs WHERE requested_by = 'demo' AND state = "
                                 "'done' AND replayed >= 1")) >= 1);
    // Everything is delivered in the end, nothing left dead.
    QTRY_COMPARE_WITH_TIMEOUT(
        count(engine,
              QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE target = ? AND state "
                             "<> 'delivered'"),
              {sub}),
        qint64(0), 20000);
    QVERIFY(count(engine, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE target = ?"), {sub}) > 10);

    // Stopping disables the subscription; the next start replaces it instead of piling them up.
    demo.stop();
    QCOMPARE(count(engine, QStringLiteral("SELECT active FROM subscriptions WHERE id = ?"), {sub}),
             qint64(0));
    DemoDeliveries again(&engine, o);
    QVERIFY2(again.start(&why), qPrintable(why));
    QCOMPARE(count(engine, QStringLiteral("SELECT COUNT(*) FROM subscriptions")), qint64(1));
    again.stop();
    engine.stop();
}

void tst_DemoDeliveries::refusedWithoutDelivery()
{
    QTemporaryDir dir;
    Node::Engine engine(engineConfig(dir.path(), false));
    Error e;
    QVERIFY2(engine.start(&e), qPrintable(e.message));
    DemoDeliveries demo(&engine);
    QString why;
    QVERIFY(!demo.start(&why));
    QVERIFY2(why.contains(QLatin1String("delivery.enabled")), qPrintable(why));
    QVERIFY(!demo.isRunning());
    engine.stop();
}

QTEST_GUILESS_MAIN(tst_DemoDeliveries)
#include "tst_demodeliveries.moc"
