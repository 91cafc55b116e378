// Demo traffic turns the ingress's per-source-IP rate limit off only while it runs: with a budget of three
// webhooks per hour per address, a second of demo traffic is never refused (429), and once it is over the
// fourth request from 127.0.0.1 is refused again.
#include "demotraffic.h"
#include "nodefixture.h"
#include "store/database.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlQuery>

using namespace WedSync;

class tst_DemoTraffic : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { Test::TestBackend::cleanup(); }
    void ipLimitOffOnlyWhileDemoRuns();
};

static int post(QNetworkAccessManager &nam, quint16 port)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/webhooks/stripe").arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = nam.post(request, QByteArrayLiteral("{}"));
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!done.wait(10000))
        return -1;
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

void tst_DemoTraffic::ipLimitOffOnlyWhileDemoRuns()
{
    Test::NodeFixture node;
    QVERIFY(node.start(QString(), {{QStringLiteral("ingress.rate_limit_ip"), QStringLiteral("3")},
                                   {QStringLiteral("ingress.rate_limit_integration"), QStringLiteral("0")}}));
    const quint16 port = node.engine->ingressPort();
    QVERIFY(port != 0);

    ConsoleApp::DemoTraffic demo(node.engine.get());
    QSignalSpy running(&demo, &ConsoleApp::DemoTraffic::runningChanged);
    demo.start();
    QCOMPARE(running.size(), 1);
    QCOMPARE(running.at(0).at(0).toBool(), true);
    QVERIFY(demo.isRunning());
    // 20 webhooks/s from one address: far beyond three an hour.
    QTest::qWait(1200);
    demo.stop();
    QTRY_COMPARE_WITH_TIMEOUT(running.size(), 2, 10000);
    QCOMPARE(running.at(1).at(0).toBool(), false);
    QVERIFY(!demo.isRunning());
    const Simulate::Simulator::Stats stats = demo.lastStats();
    QVERIFY2(stats.answered >= 10, qPrintable(QString::number(stats.answered)));
    QCOMPARE(stats.rateLimited, 0);
    QCOMPARE(stats.unexpected, 0);
    // The demo also delivered to its own sink (the Deliveries page has something to show), and once over
    // its subscription is disabled so nothing queues for the sink that went with it.
    {
        Error e;
        QSqlDatabase db = node.engine->database()->connection(&e);
        QSqlQuery q(db);
        QVERIFY(
            q.exec(QStringLiteral("SELECT s.active, COUNT(d.id) FROM subscriptions s LEFT JOIN deliveries d "
                                  "ON d.target = s.id AND d.state = 'delivered' GROUP BY s.id, s.active")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY2(q.value(1).toInt() > 0, "no demo delivery reached the sink");
        QVERIFY(!q.next());
    }

    // Over: the configured budget holds again for the same address (the bucket starts full).
    QNetworkAccessManager nam;
    for (int i = 0; i < 3; ++i) {
        const int status = post(nam, port);
        QVERIFY2(status != 429 && status > 0, qPrintable(QString::number(status)));
    }
    QCOMPARE(post(nam, port), 429);
}

QTEST_GUILESS_MAIN(tst_DemoTraffic)
#include "tst_demotraffic.moc"
