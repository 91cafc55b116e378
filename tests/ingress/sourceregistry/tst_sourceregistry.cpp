#include "ingress/sourceregistry.h"

#include <QTest>

using namespace WedSync;
using namespace WedSync::Ingress;

using Headers = QList<QPair<QByteArray, QByteArray>>;
Q_DECLARE_METATYPE(Headers)

class tst_SourceRegistry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detect_data();
    void detect();
    void builtins_data();
    void builtins();
    void unknownIsNull();
    void addCustom();
    void checkSecret_data();
    void checkSecret();
};

void tst_SourceRegistry::detect_data()
{
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<QString>("source");
    QTest::newRow("stripe") << Headers{{"stripe-signature", "t=1,v1=ab"}} << "stripe";
    QTest::newRow("paypal") << Headers{{"paypal-transmission-id", "abc"}} << "paypal";
    QTest::newRow("mailchimp") << Headers{{"x-mailchimp-webhook", "1"}} << "mailchimp";
    QTest::newRow("calendly marker") << Headers{{"x-calendly-webhook", "1"}} << "calendly";
    QTest::newRow("calendly signature") << Headers{{"calendly-webhook-signature", "t=1,v1=ab"}} << "calendly";
    QTest::newRow("zapier user agent")
        << Headers{{"user-agent", "Zapier/1.0 (+https://zapier.com)"}} << "zapier";
    QTest::newRow("zapier is case-sensitive like the mission")
        << Headers{{"user-agent", "zapier-lowercase"}} << "booking_system";
    QTest::newRow("custom crm") << Headers{{"x-custom-webhook", "1"}} << "custom_crm";
    QTest::newRow("nothing") << Headers{{"content-type", "application/json"}} << "booking_system";
    QTest::newRow("no headers") << Headers{} << "booking_system";
    QTest::newRow("stripe wins over zapier agent")
        << Headers{{"user-agent", "Zapier"}, {"stripe-signature", "t=1,v1=ab"}} << "stripe";
    QTest::newRow("paypal before mailchimp")
        << Headers{{"x-mailchimp-webhook", "1"}, {"paypal-transmission-id", "x"}} << "paypal";
    QTest::newRow("empty header value still counts") << Headers{{"x-custom-webhook", ""}} << "custom_crm";
}

void tst_SourceRegistry::detect()
{
    QFETCH(Headers, headers);
    QFETCH(QString, source);
    SourceRegistry registry;
    WebhookRequest r;
    r.headers = headers;
    QCOMPARE(registry.detect(r), source);
    QVERIFY(registry.find(source) != nullptr);
}

void tst_SourceRegistry::builtins_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("mediaType");
    for (const char *json : {"stripe", "paypal", "calendly", "zapier", "custom_crm", "booking_system", "tave",
                             "honeybook", "studio_ninja"})
        QTest::newRow(json) << QString::fromLatin1(json) << QByteArray("application/json");
    QTest::newRow("mailchimp") << "mailchimp" << QByteArray("application/x-www-form-urlencoded");
    QTest::newRow("google_calendar") << "google_calendar" << QByteArray();
}

void tst_SourceRegistry::builtins()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, mediaType);
    SourceRegistry registry;
    const SourceHandler *h = registry.find(name);
    QVERIFY(h);
    QCOMPARE(h->name(), name);
    if (mediaType.isEmpty())
        QVERIFY(h->acceptedMediaTypes().isEmpty());
    else
        QCOMPARE(h->acceptedMediaTypes(), QByteArrayList{mediaType});
    QVERIFY(!registry.schemeDescription(name).isEmpty());
    QVERIFY(registry.names().contains(name));
}

void tst_SourceRegistry::unknownIsNull()
{
    SourceRegistry registry;
    QVERIFY(!registry.find(QStringLiteral("myspace")));
    QVERIFY(!registry.find(QString()));
    QCOMPARE(registry.checkSecret(QStringLiteral("myspace"), "0123456789abcdef0123").code,
             QStringLiteral("UNKNOWN_SOURCE"));
}

void tst_SourceRegistry::addCustom()
{
    SourceRegistry registry;
    Error e;
    QVERIFY(registry.addCustom(QStringLiteral("venue_master"), &e));
    QVERIFY(registry.find(QStringLiteral("venue_master")));
    QVERIFY(!registry.addCustom(QStringLiteral("venue_master"), &e));
    QCOMPARE(e.code, QStringLiteral("VALIDATION_FAILED"));
    QVERIFY(!registry.addCustom(QStringLiteral("Bad-Name"), &e));
    QCOMPARE(e.code, QStringLiteral("UNKNOWN_SOURCE"));
    QVERIFY(!registry.addCustom(QStringLiteral("1abc"), &e));
    QVERIFY(!registry.addCustom(QString(), &e));
    QVERIFY(!registry.addCustom(QStringLiteral("stripe"), &e) || !registry.find(QStringLiteral("stripe")));
}

void tst_SourceRegistry::checkSecret_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QString>("code");
    QTest::newRow("generic ok") << "zapier" << QByteArray("0123456789abcdef") << "";
    QTest::newRow("generic too short") << "zapier" << QByteArray("0123456789abcde") << "VALIDATION_FAILED";
    QTest::newRow("standard ok") << "honeybook" << QByteArray("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") << "";
    QTest::newRow("standard without prefix")
        << "honeybook" << QByteArray("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") << "VALIDATION_FAILED";
    QTest::newRow("standard not base64")
        << "studio_ninja" << QByteArray("whsec_!!!!not-base64!!!!!!!!!!!!!!") << "VALIDATION_FAILED";
    QTest::newRow("standard too short key")
        << "studio_ninja" << QByteArray("whsec_c2hvcnQ=") << "VALIDATION_FAILED";
    QTest::newRow("unknown") << "nope" << QByteArray("0123456789abcdef") << "UNKNOWN_SOURCE";
}

void tst_SourceRegistry::checkSecret()
{
    QFETCH(QString, source);
    QFETCH(QByteArray, secret);
    QFETCH(QString, code);
    SourceRegistry registry;
    const Error e = registry.checkSecret(source, secret);
    QCOMPARE(e.code, code);
    if (e)
        QVERIFY(!e.message.contains(QString::fromLatin1(secret)));
}

QTEST_GUILESS_MAIN(tst_SourceRegistry)
#include "tst_sourceregistry.moc"
