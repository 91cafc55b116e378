// The connector framework against a scripted local HTTP server: presets, auth, Calendly queries, local rate
// limits refused before sending, retries (Retry-After), vendor x-ratelimit headers, no retry on 4xx.
#include "delivery/connector.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Delivery;

struct Scripted
{
    int status = 200;
    QByteArray body = "{}";
    QList<QPair<QByteArray, QByteArray>> headers;
};

class ScriptServer : public QObject
{
public:
    QList<Scripted> script; // consumed in order; the last one repeats
    QList<QByteArray> requestLines;
    QList<QHash<QByteArray, QByteArray>> requestHeaders;

    ScriptServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                s->setParent(this);
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
            }
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/v2").arg(m_server.serverPort())); }

private:
    void onData(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        const qsizetype end = buf.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buf.left(end).split('\n');
        QHash<QByteArray, QByteArray> h;
        for (int i = 1; i < lines.size(); ++i) {
            const qsizetype c = lines.at(i).indexOf(':');
            if (c > 0)
                h.insert(lines.at(i).left(c).trimmed().toLower(), lines.at(i).mid(c + 1).trimmed());
        }
        if (buf.size() < end + 4 + h.value("content-length", "0").toInt())
            return;
        buf.clear();
        requestLines.append(lines.at(0).trimmed());
        requestHeaders.append(h);
        const Scripted r = script.size() > 1 ? script.takeFirst() : script.value(0);
        QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) +
                         " X\r\nConnection: close\r\nContent-Type: "
                         "application/json\r\nContent-Length: " +
                         QByteArray::number(r.body.size()) + "\r\n";
        for (const auto &p : r.headers)
            out += p.first + ": " + p.second + "\r\n";
        out += "\r\n" + r.body;
        s->write(out);
        s->disconnectFromHost();
    }
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

class tst_Connector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void presets_data();
    void presets();
    void calendlyQueriesWithAuth();
    void localRateLimitRefusedBeforeSending();
    void retries_data();
    void retries();
    void retryAfterHonoured();
    void vendorRateLimitHeadersHonoured();

private:
    static ConnectorResponse run(Connector &c, const QString &path)
    {
        ConnectorResponse out;
        bool done = false;
        c.get(path, {}, [&](const ConnectorResponse &r) {
            out = r;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 20000))
            out.error = Error::make(QStringLiteral("TEST_TIMEOUT"), QStringLiteral("no callback"));
        return out;
    }
};

void tst_Connector::presets_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("perMinute");
    QTest::addColumn<int>("perHour");
    QTest::addColumn<int>("perDay");
    QTest::addColumn<qint64>("timeoutMs");
    QTest::addColumn<qint64>("initialDelayMs");
    QTest::newRow("zapier") << "zapier" << 300 << 1000 << 10000 << qint64(30000) << qint64(1000);
    QTest::newRow("stripe") << "stripe" << 100 << 0 << 0 << qint64(10000) << qint64(500);
    QTest::newRow("calendly") << "calendly" << 50 << 300 << 2000 << qint64(15000) << qint64(1000);
}

void tst_Connector::presets()
{
    QFETCH(QString, name);
    const ConnectorConfig c = name == QLatin1String("zapier") ? ConnectorConfig::zapier(QStringLiteral("k"))
                              : name == QLatin1String("stripe")
                                  ? ConnectorConfig::stripe(QStringLiteral("k"))
                                  : ConnectorConfig::calendly(QStringLiteral("k"));
    QCOMPARE(c.name, name);
    QTEST(c.perMinute, "perMinute");
    QTEST(c.perHour, "perHour");
    QTEST(c.perDay, "perDay");
    QTEST(c.timeoutMs, "timeoutMs");
    QTEST(c.initialDelayMs, "initialDelayMs");
    QCOMPARE(c.baseUrl.scheme(), QStringLiteral("https"));
}

void tst_Connector::calendlyQueriesWithAuth()
{
    ScriptServer server;
    server.script = {
        Scripted{200, R"({"resource":{"uri":"https://api.calendly.com/users/U1","name":"Ana"}})", {}},
        Scripted{200, R"({"collection":[{"name":"Consultation"}]})", {}},
        Scripted{200, R"({"collection":[{"name":"Tasting","start_time":"2026-06-01T10:00:00Z"}]})", {}}};
    CalendlyConnector c(QStringLiteral("tok_calendly"), server.url());
    bool done = false;
    ConnectorResponse user, types, events;
    c.currentUser([&](const ConnectorResponse &r) {
        user = r;
        const QString uri = r.json.object()
                                .value(QStringLiteral("resource"))
                                .toObject()
                                .value(QStringLiteral("uri"))
                                .toString();
        c.eventTypes(uri, [&, uri](const ConnectorResponse &t) {
            types = t;
            c.scheduledEvents(uri, QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC),
                              QDateTime(QDate(2026, 7, 1), QTime(0, 0), Qt::UTC),
                              [&](const ConnectorResponse &e) {
                                  events = e;
                                  done = true;
                              });
        });
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    QVERIFY(user.ok() && types.ok() && events.ok());
    QCOMPARE(server.requestLines.size(), 3);
    QCOMPARE(server.requestLines.at(0), QByteArray("GET /v2/users/me HTTP/1.1"));
    QVERIFY(server.requestLines.at(1).startsWith("GET /v2/event_types?user=https"));
    QVERIFY(server.requestLines.at(2).contains("/v2/scheduled_events?user="));
    QVERIFY(server.requestLines.at(2).contains("min_start_time=2026-06-01T00:00:00.000Z"));
    QVERIFY(server.requestLines.at(2).contains("max_start_time=2026-07-01T00:00:00.000Z"));
    for (const auto &h : server.requestHeaders)
        QCOMPARE(h.value("authorization"), QByteArray("Bearer tok_calendly"));
    QCOMPARE(events.json.object().value(QStringLiteral("collection")).toArray().size(), 1);
}

void tst_Connector::localRateLimitRefusedBeforeSending()
{
    ScriptServer server;
    server.script = {Scripted{}};
    ConnectorConfig cfg = ConnectorConfig::stripe(QStringLiteral("sk_test"), server.url());
    cfg.perMinute = 3;
    Connector c(cfg);
    for (int i = 0; i < 3; ++i)
        QVERIFY(run(c, QStringLiteral("/v1/charges")).ok());
    const ConnectorResponse refused = run(c, QStringLiteral("/v1/charges"));
    QCOMPARE(refused.error.code, QStringLiteral("RATE_LIMITED"));
    QCOMPARE(refused.attempts, 0);
    const qint64 wait = refused.error.details.value(QStringLiteral("retry_after_ms")).toInteger();
    QVERIFY2(wait > 50000 && wait <= 60000, qPrintable(QString::number(wait)));
    QCOMPARE(server.requestLines.size(), 3); // nothing sent
    QCOMPARE(server.requestHeaders.at(0).value("authorization"), QByteArray("Bearer sk_test"));
}

void tst_Connector::retries_data()
{
    QTest::addColumn<QList<int>>("statuses");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("attempts");
    QTest::addColumn<QString>("code");
    QTest::newRow("503 twice then ok") << QList<int>{503, 503, 200} << true << 3 << "";
    QTest::newRow("429 then ok") << QList<int>{429, 200} << true << 2 << "";
    QTest::newRow("always 500: gives up") << QList<int>{500} << false << 3 << "CONNECTOR_HTTP_500";
    QTest::newRow("404 not retried") << QList<int>{404, 200} << false << 1 << "CONNECTOR_HTTP_404";
}

void tst_Connector::retries()
{
    QFETCH(QList<int>, statuses);
    QFETCH(bool, ok);
    QFETCH(int, attempts);
    QFETCH(QString, code);
    ScriptServer server;
    for (int s : statuses)
        server.script.append(Scripted{s, "{}", {}});
    ConnectorConfig cfg = ConnectorConfig::zapier(QStringLiteral("zk"), server.url());
    cfg.maxRetries = 2;
    cfg.initialDelayMs = 20;
    cfg.backoff = Backoff::Linear;
    Connector c(cfg);
    const ConnectorResponse r = run(c, QStringLiteral("/hooks/catch/1"));
    QCOMPARE(r.ok(), ok);
    QCOMPARE(r.attempts, attempts);
    QCOMPARE(r.error.code, code);
    QCOMPARE(server.requestLines.size(), attempts);
}

void tst_Connector::retryAfterHonoured()
{
    ScriptServer server;
    server.script = {Scripted{429, "{}", {{"Retry-After", "1"}}}, Scripted{200, "{}", {}}};
    ConnectorConfig cfg = ConnectorConfig::stripe(QStringLiteral("sk"), server.url());
    cfg.initialDelayMs = 10;
    Connector c(cfg);
    QElapsedTimer t;
    t.start();
    const ConnectorResponse r = run(c, QStringLiteral("/v1/x"));
    QVERIFY(r.ok());
    QCOMPARE(r.attempts, 2);
    QVERIFY2(t.elapsed() >= 950, qPrintable(QString::number(t.elapsed())));
}

void tst_Connector::vendorRateLimitHeadersHonoured()
{
    ScriptServer server;
    server.script = {Scripted{200, "{}", {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", "30"}}},
                     Scripted{200, "{}", {}}};
    Connector c(ConnectorConfig::calendly(QStringLiteral("t"), server.url()));
    QVERIFY(run(c, QStringLiteral("/users/me")).ok());
    const ConnectorResponse refused = run(c, QStringLiteral("/users/me"));
    QCOMPARE(refused.error.code, QStringLiteral("RATE_LIMITED"));
    QVERIFY(refused.error.details.value(QStringLiteral("retry_after_ms")).toInteger() > 25000);
    QCOMPARE(server.requestLines.size(), 1);
}

QTEST_GUILESS_MAIN(tst_Connector)
#include "tst_connector.moc"
