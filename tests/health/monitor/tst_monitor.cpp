#include "health/monitor.h"
#include "store/database.h"
#include "store/migrator.h"
#include "testdb.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Health;

Q_DECLARE_METATYPE(WedSync::Health::BreakerState)
Q_DECLARE_METATYPE(WedSync::Health::HealthState)

static constexpr qint64 T0 = 1700000040000; // on a minute boundary

class tst_Monitor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { Test::TestBackend::cleanup(); }
    void score_data();
    void score();
    void alertTransitions_data();
    void alertTransitions();
    void acknowledge();
    void persistedTrendAndAlerts();
    void sourcesAndTargetsApart();
};

void tst_Monitor::score_data()
{
    QTest::addColumn<qint64>("ok");
    QTest::addColumn<qint64>("failed");
    QTest::addColumn<double>("p95");
    QTest::addColumn<BreakerState>("breaker");
    QTest::addColumn<qint64>("sinceSuccessMin"); // -1 never
    QTest::addColumn<int>("expected");
    QTest::addColumn<HealthState>("state");
    const auto C = BreakerState::Closed;
    QTest::newRow("all good") << 1000LL << 0LL << 100.0 << C << 0LL << 100 << HealthState::Healthy;
    QTest::newRow("nothing seen yet") << 0LL << 0LL << 0.0 << C << -1LL << 100 << HealthState::Healthy;
    QTest::newRow("99% success") << 990LL << 10LL << 100.0 << C << 0LL << 98 << HealthState::Healthy;
    QTest::newRow("90% success") << 900LL << 100LL << 100.0 << C << 0LL << 71 << HealthState::Warning;
    QTest::newRow("80% success is critical")
        << 800LL << 200LL << 100.0 << C << 0LL << 40 << HealthState::Critical;
    QTest::newRow("all failing, never succeeded")
        << 0LL << 100LL << 100.0 << C << -1LL << 30 << HealthState::Critical;
    QTest::newRow("p95 at 2x SLO") << 100LL << 0LL << 300.0 << C << 0LL << 95 << HealthState::Healthy;
    QTest::newRow("p95 at 4x SLO") << 100LL << 0LL << 600.0 << C << 0LL << 85 << HealthState::Healthy;
    QTest::newRow("95% and slow") << 950LL << 50LL << 450.0 << C << 0LL << 76 << HealthState::Warning;
    QTest::newRow("half-open breaker")
        << 100LL << 0LL << 100.0 << BreakerState::HalfOpen << 0LL << 93 << HealthState::Healthy;
    QTest::newRow("open breaker is critical")
        << 100LL << 0LL << 100.0 << BreakerState::Open << 0LL << 40 << HealthState::Critical;
    QTest::newRow("quiet for 30 min") << 0LL << 0LL << 0.0 << C << 30LL << 95 << HealthState::Healthy;
    QTest::newRow("quiet for 2 h") << 0LL << 0LL << 0.0 << C << 120LL << 90 << HealthState::Healthy;
}

void tst_Monitor::score()
{
    QFETCH(qint64, ok);
    QFETCH(qint64, failed);
    QFETCH(double, p95);
    QFETCH(BreakerState, breaker);
    QFETCH(qint64, sinceSuccessMin);
    QFETCH(int, expected);
    QFETCH(HealthState, state);
    ScoreInputs in;
    in.ok = ok;
    in.failed = failed;
    in.p95Ms = p95;
    in.sloMs = 150;
    in.breaker = breaker;
    in.sinceSuccessMs = sinceSuccessMin < 0 ? -1 : sinceSuccessMin * 60000;
    const int s = Monitor::score(in, HealthPolicy{});
    QCOMPARE(s, expected);
    QCOMPARE(Monitor::stateFor(s), state);
}

void tst_Monitor::alertTransitions_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("openSeverity"); // empty: no open alert
    QTest::addColumn<int>("raised");           // alerts created in total
    QTest::addColumn<QString>("state");
    QTest::newRow("brief failure raises nothing") << "fail:20 eval +60 eval +50 ok:2000 eval"
                                                  << "" << 0 << "healthy";
    QTest::newRow("critical for 2 min raises critical") << "fail:20 eval +60 eval +60 eval"
                                                        << "critical" << 1 << "critical";
    QTest::newRow("critical just under 2 min does not") << "fail:20 eval +60 eval +59 eval"
                                                        << "" << 0 << "critical";
    QTest::newRow("recovery clears after 2 min healthy")
        << "fail:20 eval +60 eval +60 eval +60 ok:5000 eval +60 eval +60 eval"
        << "" << 1 << "healthy";
    QTest::newRow("healthy 1 min is not enough to clear")
        << "fail:20 eval +60 eval +60 eval +60 ok:5000 eval +60 eval"
        << "critical" << 1 << "healthy";
    QTest::newRow("flapping keeps one alert")
        << "fail:20 eval +60 eval +60 eval ok:5000 eval +60 eval fail:3000 eval +60 eval"
        << "critical" << 1 << "critical";
    QTest::newRow("warning for 5 min raises warning")
        << "ok:90 fail:10 eval +100 ok:90 fail:10 eval +100 ok:90 fail:10 eval +100 ok:90 fail:10 eval"
        << "warning" << 1 << "warning";
    QTest::newRow("warning escalates to critical")
        << "ok:90 fail:10 eval +100 ok:90 fail:10 eval +100 ok:90 fail:10 eval +100 ok:90 fail:10 eval "
           "fail:2000 eval +60 fail:10 eval +60 fail:10 eval"
        << "critical" << 1 << "critical";
    QTest::newRow("open breaker for 2 min raises critical") << "open ok:10 eval +60 ok:10 eval +60 ok:10 eval"
                                                            << "critical" << 1 << "critical";
    QTest::newRow("breaker closes again and clears")
        << "open ok:10 eval +60 ok:10 eval +60 ok:10 eval closed ok:10 eval +60 ok:10 eval +60 ok:10 eval"
        << "" << 1 << "healthy";
}

void tst_Monitor::alertTransitions()
{
    QFETCH(QString, script);
    QFETCH(QString, openSeverity);
    QFETCH(int, raised);
    QFETCH(QString, state);
    qint64 now = T0;
    Monitor m(nullptr, HealthPolicy{}, [&] { return now; });
    QSignalSpy alerts(&m, &Monitor::alertChanged);
    BreakerState breaker = BreakerState::Closed;
    for (const QString &step : script.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (step == u"eval") {
            m.evaluate();
        } else if (step.startsWith(QLatin1Char('+'))) {
            now += step.mid(1).toLongLong() * 1000;
        } else if (step == u"open" || step == u"closed") {
            breaker = step == u"open" ? BreakerState::Open : BreakerState::Closed;
        } else {
            const QString kind = step.section(QLatin1Char(':'), 0, 0);
            const int n = step.section(QLatin1Char(':'), 1).toInt();
            QVERIFY2(kind == u"ok" || kind == u"fail", qPrintable(step));
            for (int i = 0; i < n; ++i)
                m.recordDelivery(QStringLiteral("slack-notifications"), kind == u"ok",
                                 kind == u"ok" ? 10 : 100, breaker);
        }
    }
    Error e;
    const auto all = m.alerts(false, 100, &e);
    QCOMPARE(all.size(), raised);
    const auto open = m.alerts(true, 100, &e);
    if (openSeverity.isEmpty()) {
        QVERIFY(open.isEmpty());
    } else {
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().severity, openSeverity);
        QCOMPARE(open.first().integration, QStringLiteral("slack-notifications"));
        QCOMPARE(open.first().kind, QStringLiteral("target"));
    }
    const auto list = m.integrations();
    QCOMPARE(list.size(), 1);
    QCOMPARE(stateName(list.first().state), state);
    int raisedSignals = 0;
    for (const auto &s : alerts)
        raisedSignals += s.at(0).toJsonObject().value(QLatin1String("action")).toString() == u"raised";
    QCOMPARE(raisedSignals, raised);
}

void tst_Monitor::acknowledge()
{
    qint64 now = T0;
    Monitor m(nullptr, HealthPolicy{}, [&] { return now; });
    for (int step = 0; step < 3; ++step) {
        m.recordIngress(QStringLiteral("stripe"), false, 20);
        m.evaluate();
        now += 60000;
    }
    Error e;
    const auto open = m.alerts(true, 10, &e);
    QCOMPARE(open.size(), 1);
    const auto acked = m.acknowledge(open.first().id, QStringLiteral("ops-anna"), &e);
    QVERIFY(acked);
    QCOMPARE(acked->ackedBy, QStringLiteral("ops-anna"));
    QCOMPARE(acked->ackedAtMs, now);
    QVERIFY(acked->isOpen()); // acknowledged is not cleared
    now += 1000;
    const auto again = m.acknowledge(open.first().id, QStringLiteral("ops-ben"), &e);
    QVERIFY(again);
    QCOMPARE(again->ackedBy, QStringLiteral("ops-anna")); // the first acknowledgement stays
    QVERIFY(!m.acknowledge(999, QStringLiteral("x"), &e));
    QCOMPARE(e.code, QStringLiteral("NOT_FOUND"));
}

void tst_Monitor::persistedTrendAndAlerts()
{
    Error e;
    auto settings = Store::DatabaseSettings::fromUrl(Test::TestBackend::freshUrl(), QString(), &e);
    QVERIFY(settings);
    Store::Database db(*settings);
    QSqlDatabase c = db.connection(&e);
    QVERIFY(c.isOpen());
    Store::Migrator migrator;
    QVERIFY2(migrator.migrate(c, &e) >= 0, qPrintable(e.message));
    qint64 now = T0;
    qint64 alertId = 0;
    {
        Monitor m(&db, HealthPolicy{}, [&] { return now; });
        QVERIFY(m.start(&e));
        for (int minute = 0; minute < 4; ++minute) {
            for (int i = 0; i < 10; ++i)
                m.recordIngress(QStringLiteral("calendly"), minute < 1, 30);
            m.evaluate();
            now += 60000;
        }
        m.evaluate();
        const auto open = m.alerts(true, 10, &e);
        QCOMPARE(open.size(), 1);
        alertId = open.first().id;
        QVERIFY(alertId > 0);
        const auto trend = m.trend(QStringLiteral("calendly"), QStringLiteral("source"), T0, now, &e);
        QCOMPARE(trend.size(), 4);
        QCOMPARE(trend.first().ok, 10);
        QCOMPARE(trend.at(1).failed, 10);
        QCOMPARE(trend.at(1).p95Ms, 50.0); // 30 ms falls in the 50 ms bucket
    }
    // A restart keeps the open alert and clears it once the source is healthy again.
    Monitor m2(&db, HealthPolicy{}, [&] { return now; });
    QVERIFY(m2.start(&e));
    QCOMPARE(m2.alerts(true, 10, &e).size(), 1);
    for (int minute = 0; minute < 3; ++minute) {
        for (int i = 0; i < 10; ++i)
            m2.recordIngress(QStringLiteral("calendly"), true, 30);
        m2.evaluate();
        now += 60000;
    }
    m2.evaluate();
    QVERIFY(m2.alerts(true, 10, &e).isEmpty());
    const auto history = m2.alerts(false, 10, &e);
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().id, alertId);
    QVERIFY(history.first().clearedAtMs > 0);
    QSqlQuery q(db.connection(&e));
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM health_log WHERE topic = 'alerts'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 2); // raised, cleared
}

void tst_Monitor::sourcesAndTargetsApart()
{
    qint64 now = T0;
    Monitor m(nullptr, HealthPolicy{}, [&] { return now; });
    m.recordIngress(QStringLiteral("stripe"), true, 600); // slower than the 500 ms ingress SLO
    m.recordDelivery(QStringLiteral("stripe"), false, 10, BreakerState::Open);
    m.evaluate();
    const auto list = m.integrations();
    QCOMPARE(list.size(), 2);
    for (const auto &h : list) {
        if (h.kind == u"source") {
            QCOMPARE(h.sloMs, 500.0);
            QCOMPARE(h.p95Ms, 1000.0);
            QCOMPARE(h.state, HealthState::Healthy);
        } else {
            QCOMPARE(h.sloMs, 150.0);
            QCOMPARE(h.breaker, BreakerState::Open);
            QCOMPARE(h.state, HealthState::Critical);
        }
    }
}

QTEST_GUILESS_MAIN(tst_Monitor)
#include "tst_monitor.moc"
