// The simulator's traffic against the real source handlers (every source x every fault gives the answer
// the simulator expects), the secrets file round trip and installation, and an end-to-end run over HTTP
// against an engine's ingress with no unexpected answer.
#include "ingress/credentialstore.h"
#include "ingress/sourceregistry.h"
#include "node/engine.h"
#include "processing/processor.h"
#include "simulate/simulator.h"
#include "simulate/webhookfactory.h"
#include "store/database.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Simulate;

Q_DECLARE_METATYPE(WedSync::Simulate::Fault)

class tst_Simulator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void againstHandlers_data();
    void againstHandlers();
    void duplicatesRepeatTheEventId();
    void deterministicForASeed();
    void secretsRoundTrip();
    void endToEnd();

private:
    SimulatorSecrets m_secrets;
};

void tst_Simulator::initTestCase()
{
    m_secrets = SimulatorSecrets::generate();
    QVERIFY(!m_secrets.paypal.isNull());
}

void tst_Simulator::againstHandlers_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<Fault>("fault");
    for (const QString &s : WebhookFactory::sources()) {
        for (Fault f :
             {Fault::None, Fault::BadSignature, Fault::Stale, Fault::Malformed, Fault::WrongMediaType}) {
            if (f == Fault::WrongMediaType && s == QLatin1String("google_calendar"))
                continue;
            if (f == Fault::Stale && !WebhookFactory::signsTimestamp(s))
                continue;
            for (int i = 0; i < 5; ++i) // several draws: each source has several payload kinds
                QTest::addRow("%s %s #%d", qPrintable(s), qPrintable(faultName(f)), i) << s << f;
        }
    }
}

void tst_Simulator::againstHandlers()
{
    QFETCH(QString, source);
    QFETCH(Fault, fault);
    static quint32 seed = 7;
    WebhookFactory factory(m_secrets, seed++);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const SimulatedRequest sim = factory.make(source, fault, now);
    QCOMPARE(sim.source, source);
    QVERIFY(sim.target.startsWith("/webhooks/" + source.toLatin1()));

    Ingress::SourceRegistry registry;
    const Ingress::SourceHandler *h = registry.find(source);
    QVERIFY(h);
    Ingress::WebhookRequest r;
    r.method = "POST";
    const qsizetype q = sim.target.indexOf('?');
    r.path = q < 0 ? sim.target : sim.target.left(q);
    r.query = q < 0 ? QByteArray() : sim.target.mid(q + 1);
    for (const auto &hdr : sim.headers)
        r.headers.append({hdr.first.toLower(), hdr.second});
    r.body = sim.body;
    r.receivedAt = now;
    if (fault == Fault::WrongMediaType) {
        QVERIFY(!h->acceptedMediaTypes().isEmpty());
        QVERIFY(!h->acceptedMediaTypes().contains(r.mediaType()));
        QCOMPARE(sim.expectedCode, QStringLiteral("UNSUPPORTED_MEDIA_TYPE"));
        return;
    }
    if (h->acceptedMediaTypes().isEmpty())
        QVERIFY(!r.hasHeader("content-type"));
    else
        QVERIFY(h->acceptedMediaTypes().contains(r.mediaType()));
    // Detection on the bare endpoint agrees for the sources that carry a marker.
    if (QStringList{"stripe", "paypal", "mailchimp", "calendly", "zapier", "custom_crm"}.contains(source))
        QCOMPARE(registry.detect(r), source);

    Ingress::SourceCredentials c;
    c.source = source;
    if (source == QLatin1String("paypal")) {
        c.certificatePem = m_secrets.paypal.certificatePem;
        c.paypalWebhookId = m_secrets.paypalWebhookId;
    } else {
        c.secrets = {m_secrets.secrets.value(source)};
    }
    c.tolerance = std::chrono::seconds(source == QLatin1String("calendly") ? 180 : 300);
    const Error v = h->verify(r, c, now);
    if (fault == Fault::BadSignature || fault == Fault::Stale) {
        QCOMPARE(v.code, sim.expectedCode);
        return;
    }
    QVERIFY2(v.isNull(), qPrintable(v.code + QLatin1Char(' ') + v.message));
    const Ingress::StandardizeResult s = h->standardize(r);
    if (fault == Fault::Malformed) {
        QCOMPARE(s.error.code, sim.expectedCode);
        return;
    }
    QVERIFY2(s.error.isNull(), qPrintable(QJsonDocument(s.error.toJson()).toJson() + sim.body));
    QCOMPARE(s.events.size(), 1);
    QVERIFY(s.events.first().isValid());
    QCOMPARE(s.events.first().source, source);
    if (source != QLatin1String("google_calendar") && source != QLatin1String("mailchimp"))
        QVERIFY2(s.events.first().weddingId.startsWith(QLatin1String("wed_")), qPrintable(sim.body));
}

void tst_Simulator::duplicatesRepeatTheEventId()
{
    WebhookFactory factory(m_secrets, 99);
    Ingress::SourceRegistry registry;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QHash<QString, QString> seen; // event id -> source
    for (int i = 0; i < 30; ++i) {
        const SimulatedRequest sim = factory.make(WebhookFactory::sources().at(i % 11), Fault::None, now);
        Ingress::WebhookRequest r;
        r.headers = sim.headers;
        r.body = sim.body;
        const auto s = registry.find(sim.source)->standardize(r);
        QVERIFY2(s.error.isNull(), qPrintable(sim.source + QLatin1Char(' ') + s.error.message));
        seen.insert(s.events.first().id, sim.source);
    }
    for (int i = 0; i < 10; ++i) {
        const SimulatedRequest dup =
            factory.make(QStringLiteral("stripe"), Fault::Duplicate, now.addSecs(30));
        QCOMPARE(dup.expectedCode, QStringLiteral("duplicate"));
        Ingress::WebhookRequest r;
        r.headers = dup.headers;
        r.body = dup.body;
        const auto s = registry.find(dup.source)->standardize(r);
        QVERIFY(s.error.isNull());
        QCOMPARE(seen.value(s.events.first().id), dup.source);
    }
}

void tst_Simulator::deterministicForASeed()
{
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1781956800, Qt::UTC);
    WebhookFactory a(m_secrets, 5), b(m_secrets, 5), c(m_secrets, 6);
    bool differs = false;
    for (int i = 0; i < 20; ++i) {
        const auto x = a.next(now, 0.3);
        const auto y = b.next(now, 0.3);
        const auto z = c.next(now, 0.3);
        QCOMPARE(x.source, y.source);
        QCOMPARE(x.fault, y.fault);
        if (x.source != QLatin1String("paypal")) // PayPal transmission ids are UUIDs
            QCOMPARE(x.body, y.body);
        differs = differs || x.body != z.body;
    }
    QVERIFY(differs);
}

void tst_Simulator::secretsRoundTrip()
{
    const QByteArray json = m_secrets.toJson();
    Error e;
    const auto back = SimulatorSecrets::fromJson(json, &e);
    QVERIFY2(back, qPrintable(e.message));
    QCOMPARE(back->secrets, m_secrets.secrets);
    QCOMPARE(back->paypal.certificatePem, m_secrets.paypal.certificatePem);
    QCOMPARE(back->paypalWebhookId, m_secrets.paypalWebhookId);
    QVERIFY(!SimulatorSecrets::fromJson("{}", &e));
    QVERIFY(e.message.contains(QLatin1String("delete it")));
    QVERIFY(!SimulatorSecrets::fromJson("nope", &e));
    Ingress::SourceRegistry registry;
    for (auto it = m_secrets.secrets.cbegin(); it != m_secrets.secrets.cend(); ++it)
        QVERIFY2(registry.checkSecret(it.key(), it.value()).isNull(), qPrintable(it.key()));
}

void tst_Simulator::endToEnd()
{
    QTemporaryDir dir;
    Config config = Config::defaults();
    QString why;
    QVERIFY2(config.set(QStringLiteral("node.data_dir"), dir.path(), &why), qPrintable(why));
    QVERIFY(config.set(QStringLiteral("ingress.listen"), QStringLiteral("127.0.0.1:0"), &why));
    QVERIFY(config.set(QStringLiteral("node.listen"), QStringLiteral("127.0.0.1:0"), &why));
    QVERIFY(config.set(QStringLiteral("ingress.rate_limit_ip"), QStringLiteral("0"), &why));
    QVERIFY(config.set(QStringLiteral("ingress.rate_limit_integration"), QStringLiteral("0"), &why));
    QVERIFY(config.set(QStringLiteral("store.sync"), QStringLiteral("normal"), &why));
    Node::Engine engine(config);
    Error e;
    QVERIFY2(engine.start(&e), qPrintable(e.message));
    QVERIFY(engine.ingressPort() != 0);
    QVERIFY2(m_secrets.install(engine.credentials(), &e), qPrintable(e.message));

    Simulator::Options o;
    o.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(engine.ingressPort()));
    o.rate = 400;
    o.badShare = 0.3;
    o.duration = std::chrono::milliseconds(0);
    o.maxRequests = 300;
    o.seed = 42;
    Simulator sim(o, m_secrets);
    QSignalSpy finished(&sim, &Simulator::finished);
    sim.start();
    QVERIFY(finished.wait(45000));
    const auto &st = sim.stats();
    QVERIFY2(st.unexpected == 0 && st.transportErrors == 0, qPrintable(sim.summary()));
    QCOMPARE(st.sent, qint64(300));
    QCOMPARE(st.answered, qint64(300));
    QVERIFY2(st.byOutcome.value(QStringLiteral("accepted")) > 150, qPrintable(sim.summary()));
    QVERIFY2(st.byOutcome.value(QStringLiteral("INVALID_SIGNATURE")) > 0, qPrintable(sim.summary()));
    QVERIFY2(st.byOutcome.value(QStringLiteral("PAYLOAD_TOO_LARGE")) > 0, qPrintable(sim.summary()));
    QVERIFY2(st.byOutcome.value(QStringLiteral("duplicate")) > 0, qPrintable(sim.summary()));
    QVERIFY2(st.byOutcome.value(QStringLiteral("UNSUPPORTED_MEDIA_TYPE")) > 0, qPrintable(sim.summary()));
    QVERIFY2(st.byOutcome.value(QStringLiteral("TIMESTAMP_OUT_OF_TOLERANCE")) > 0, qPrintable(sim.summary()));
    QVERIFY2(st.byOutcome.value(QStringLiteral("INVALID_JSON")) > 0, qPrintable(sim.summary()));
    qInfo().noquote() << sim.summary();

    // What the simulator sends is what the handlers expect: once processing has caught up, no handler refused
    // a simulated event. Allowed: an email with nobody to send it to (a payment arriving before the booking
    // that names the couple, in random order across vendors; a calendar push names no vendor email).
    QTRY_VERIFY_WITH_TIMEOUT(engine.processor()->cursor() >= engine.journal()->lastSeq(), 20000);
    QSqlDatabase db = engine.database()->connection(&e);
    QVERIFY2(db.isOpen(), qPrintable(e.message));
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("SELECT handler, event_type, code, message FROM processing_errors WHERE "
                                  "handler NOT IN ('notify.email', 'vendor.connected/vendor_welcome')")));
    QStringList refused;
    while (q.next())
        refused.append(QStringLiteral("%1 on %2: %3 %4")
                           .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                q.value(3).toString()));
    QVERIFY2(refused.isEmpty(), qPrintable(refused.join(QLatin1Char('\n'))));
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM bookings WHERE status = 'paid'")));
    QVERIFY(q.next());
    QVERIFY2(q.value(0).toLongLong() > 0, "no simulated payment reached a booking");
    engine.stop();
}

QTEST_GUILESS_MAIN(tst_Simulator)
#include "tst_simulator.moc"
