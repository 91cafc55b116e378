// The channel health check: a reachable endpoint is healthy, a closed port is UNREACHABLE, a forbidden
// address is refused without a connection, an open breaker, a disabled endpoint and an overdue backlog (with
// an injected clock) are reported; the monitor gets one sample per channel per pass; alerts are recorded only
// when a channel changes; start() repeats the pass at the interval.
#include "delivery/healthcheck.h"
#include "health/monitor.h"
#include "sinkserver.h"
#include "store/database.h"
#include "store/migrator.h"
#include "testdb.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Delivery;

class tst_HealthCheck : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { Test::TestBackend::cleanup(); }
    void init();
    void cleanup();
    void reportsEachChannel();
    void breakerDisabledAndBacklog_data();
    void breakerDisabledAndBacklog();
    void alertsOnlyOnChange();
    void repeatsAtInterval();

private:
    ChannelHealthOptions options(const QList<Channel> &channels);
    void exec(const QString &sql, const QVariantList &binds = {});
    int count(const QString &sql, const QVariantList &binds = {});
    QUrl sinkUrl(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_sink->port()).arg(path));
    }

    std::unique_ptr<Store::Database> m_db;
    std::unique_ptr<Sink::SinkServer> m_sink;
    quint16 m_deadPort = 0;
    qint64 m_now = 0; // the injected clock
};

void tst_HealthCheck::init()
{
    Error e;
    auto s = Store::DatabaseSettings::fromUrl(Test::TestBackend::freshUrl(), QString(), &e);
    m_db = std::make_unique<Store::Database>(*s);
    QSqlDatabase c = m_db->connection(&e);
    QVERIFY2(Store::Migrator().migrate(c, &e) >= 0, qPrintable(e.message));
    m_sink = std::make_unique<Sink::SinkServer>();
    QString why;
    QVERIFY2(m_sink->listen(QHostAddress::LocalHost, 0, &why), qPrintable(why));
    QTcpServer probe; // a port nothing listens on
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    m_deadPort = probe.serverPort();
    probe.close();
    m_now = QDateTime::currentMSecsSinceEpoch();
}

void tst_HealthCheck::cleanup()
{
    m_sink.reset();
    if (m_db)
        m_db->releaseThreadConnection();
    m_db.reset();
}

ChannelHealthOptions tst_HealthCheck::options(const QList<Channel> &channels)
{
    ChannelHealthOptions o;
    o.channels = channels;
    o.probeTimeoutMs = 2000;
    o.overdueMs = 60000;
    o.ssrf.allowCidrs = {QStringLiteral("127.0.0.1/32")};
    o.clock = [this] { return m_now; };
    return o;
}

void tst_HealthCheck::exec(const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(m_db->connection());
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
}

int tst_HealthCheck::count(const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(m_db->connection());
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    return q.exec() && q.next() ? q.value(0).toInt() : -1;
}

void tst_HealthCheck::reportsEachChannel()
{
    Health::Monitor monitor(nullptr, {}, [this] { return m_now; });
    ChannelHealthCheck check(
        m_db.get(),
        options({{QStringLiteral("slack-notifications"), QStringLiteral("slack"), sinkUrl("/slack")},
                 {QStringLiteral("whatsapp-business"), QStringLiteral("whatsapp"),
                  QUrl(QStringLiteral("http://127.0.0.1:%1/wa").arg(m_deadPort))},
                 {QStringLiteral("email-service"), QStringLiteral("email"),
                  QUrl(QStringLiteral("http://10.20.30.40/emails"))}}),
        &monitor);
    QSignalSpy checked(&check, &ChannelHealthCheck::checked);
    const QList<ChannelStatus> s = check.checkNow();
    QCOMPARE(s.size(), 3);
    QVERIFY2(s[0].healthy(), qPrintable(s[0].detail));
    QVERIFY(s[0].reachable);
    QVERIFY(s[0].probeMs >= 0);
    QCOMPARE(s[0].breaker, QStringLiteral("closed"));
    QCOMPARE(s[1].problem, QStringLiteral("UNREACHABLE"));
    QVERIFY(!s[1].reachable);
    QCOMPARE(s[2].problem, QStringLiteral("DESTINATION_FORBIDDEN"));
    QVERIFY(!s[2].reachable);
    QCOMPARE(m_sink->received(), 0); // a probe connects; it posts nothing
    QCOMPARE(checked.size(), 1);
    const QJsonArray json = checked.at(0).at(0).toJsonArray();
    QCOMPARE(json.size(), 3);
    QCOMPARE(json.at(1).toObject().value(QStringLiteral("problem")).toString(),
             QStringLiteral("UNREACHABLE"));

    // The monitor got one sample per channel: good for Slack, bad for the other two.
    monitor.evaluate();
    QHash<QString, Health::IntegrationHealth> byName;
    for (const auto &h : monitor.integrations())
        byName.insert(h.integration, h);
    QCOMPARE(byName.value(QStringLiteral("slack-notifications")).ok, qint64(1));
    QCOMPARE(byName.value(QStringLiteral("slack-notifications")).failed, qint64(0));
    QCOMPARE(byName.value(QStringLiteral("whatsapp-business")).failed, qint64(1));
    QCOMPARE(byName.value(QStringLiteral("email-service")).failed, qint64(1));
}

void tst_HealthCheck::breakerDisabledAndBacklog_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("problem");
    QTest::newRow("healthy") << ""
                             << "";
    QTest::newRow("breaker open") << "open"
                                  << "CIRCUIT_OPEN";
    QTest::newRow("disabled") << "disabled"
                              << "ENDPOINT_DISABLED";
    QTest::newRow("backlog overdue") << "overdue"
                                     << "BACKLOG_OVERDUE";
    QTest::newRow("backlog due but recent") << "recent"
                                            << "";
}

void tst_HealthCheck::breakerDisabledAndBacklog()
{
    QFETCH(QString, setup);
    QFETCH(QString, problem);
    const QString target = QStringLiteral("photography-crm");
    if (setup == QLatin1String("open") || setup == QLatin1String("disabled"))
        exec(QStringLiteral("INSERT INTO delivery_targets (target, state, consecutive_failures, disabled_at, "
                            "updated_at) VALUES (?, ?, 5, ?, ?)"),
             {target, setup == QLatin1String("open") ? QStringLiteral("open") : QStringLiteral("closed"),
              setup == QLatin1String("disabled") ? QVariant(m_now) : QVariant(QMetaType(QMetaType::LongLong)),
              m_now});
    if (setup == QLatin1String("overdue") || setup == QLatin1String("recent")) {
        const qint64 due = setup == QLatin1String("overdue") ? m_now - 10 * 60000 : m_now - 1000;
        for (int i = 0; i < 3; ++i)
            exec(QStringLiteral(
                     "INSERT INTO deliveries (id, event_seq, event_type, kind, target, payload, "
                     "priority, state, attempts, max_attempts, backoff, initial_delay_ms, timeout_ms, "
                     "next_attempt_at, created_at, updated_at) VALUES (?, ?, 'crm.job.updated', "
                     "'connector', ?, ?, 2, 'retrying', 1, 5, 'exponential', 1000, 0, ?, ?, ?)"),
                 {QStringLiteral("msg_hc_%1").arg(i), i + 1, target, QByteArray("{}"), due + i, due, due});
    }
    ChannelHealthCheck check(m_db.get(), options({{target, QStringLiteral("connector"), sinkUrl("/crm")}}));
    const QList<ChannelStatus> s = check.checkNow();
    QCOMPARE(s.size(), 1);
    QCOMPARE(s[0].problem, problem);
    QVERIFY(s[0].reachable);
    if (setup == QLatin1String("overdue") || setup == QLatin1String("recent"))
        QCOMPARE(s[0].backlog, 3);
    if (setup == QLatin1String("overdue"))
        QCOMPARE(s[0].oldestDueMs, qint64(10 * 60000));
}

void tst_HealthCheck::alertsOnlyOnChange()
{
    const QString target = QStringLiteral("slack-notifications");
    QTcpServer endpoint;
    QVERIFY(endpoint.listen(QHostAddress::LocalHost, 0));
    const quint16 port = endpoint.serverPort();
    ChannelHealthCheck check(m_db.get(),
                             options({{target, QStringLiteral("slack"),
                                       QUrl(QStringLiteral("http://127.0.0.1:%1/slack").arg(port))}}));
    QSignalSpy changed(&check, &ChannelHealthCheck::channelChanged);
    check.checkNow(); // healthy from the start: nothing to say
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM delivery_alerts")), 0);
    endpoint.close(); // the endpoint goes away
    check.checkNow();
    check.checkNow(); // still down: no second alert
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM delivery_alerts WHERE target = ? AND code = "
                                  "'UNREACHABLE'"),
                   {target}),
             1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(1).toString(), QStringLiteral("UNREACHABLE"));
    QVERIFY(endpoint.listen(QHostAddress::LocalHost, port)); // back
    QVERIFY(check.checkNow().at(0).healthy());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM delivery_alerts WHERE target = ? AND code = "
                                  "'CHANNEL_RECOVERED'"),
                   {target}),
             1);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.at(1).at(1).toString(), QString());
}

void tst_HealthCheck::repeatsAtInterval()
{
    ChannelHealthOptions o =
        options({{QStringLiteral("slack-notifications"), QStringLiteral("slack"), sinkUrl("/slack")}});
    o.intervalMs = 30;
    ChannelHealthCheck check(m_db.get(), o);
    QSignalSpy checked(&check, &ChannelHealthCheck::checked);
    check.start();
    QVERIFY(check.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(checked.size() >= 3, 5000);
    check.stop();
    QVERIFY(!check.isRunning());
    const qsizetype after = checked.size();
    QTest::qWait(100);
    QCOMPARE(checked.size(), after); // stopped means stopped
    QCOMPARE(checked.at(0).at(0).toJsonArray().at(0).toObject().value(QStringLiteral("healthy")).toBool(),
             true);
}

QTEST_GUILESS_MAIN(tst_HealthCheck)
#include "tst_healthcheck.moc"
