// Signature verification of every source: a data-driven table of valid, tampered, wrong-secret, missing
// and malformed signatures, stale and future timestamps and rotated secrets, plus known test vectors
// computed independently (Python's hmac, the Standard Webhooks reference vector) so that signer and
// verifier cannot agree on a wrong construction.
#include "ingress/sourceregistry.h"
#include "ingress/sources/generichmac.h"
#include "ingress/sources/paypalsignature.h"
#include "ingress/sources/signatures.h"
#include "ingress/sources/standardwebhooks.h"
#include "ingress/sources/timestampedhmac.h"
#include "simulate/signingkeys.h"

#include <QTest>
#include <functional>

using namespace WedSync;
using namespace WedSync::Ingress;
using namespace WedSync::Ingress::Sources;

namespace {
const qint64 kNow = 1781956800; // 2026-06-20T12:00:00Z

struct Fixture
{
    QString source;
    QByteArray secret;      // the current secret
    QByteArray oldSecret;   // the rotated one
    QByteArray wrongSecret; // never configured
    bool timestamped = false;
    bool bodySigned = true;
    qint64 tolerance = 300;
    // Puts the signature headers (or query) on the request for these secrets and timestamp.
    std::function<void(WebhookRequest &, const QByteArrayList &, qint64)> sign;
    QByteArray signatureHeader; // what "missing"/"malformed" removes or garbles ("" = the query)
};

QList<Fixture> fixtures()
{
    QList<Fixture> list;
    auto timestamped = [](const char *header) {
        return [header](WebhookRequest &r, const QByteArrayList &s, qint64 t) {
            r.headers.append({header, TimestampedHmac::sign(s, t, r.body)});
        };
    };
    list.append(Fixture{QStringLiteral("stripe"), "whsec_current_0123456789abcdef",
                        "whsec_old_0123456789abcdef", "whsec_wrong_0123456789abcdef", true, true, 300,
                        timestamped("stripe-signature"), "stripe-signature"});
    list.append(Fixture{QStringLiteral("calendly"), "calendly-signing-key-current-01",
                        "calendly-signing-key-old-0123", "calendly-signing-key-wrong-012", true, true, 180,
                        timestamped("calendly-webhook-signature"), "calendly-webhook-signature"});
    auto standard = [](WebhookRequest &r, const QByteArrayList &s, qint64 t) {
        r.headers.append({"webhook-id", QByteArray("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")});
        r.headers.append({"webhook-timestamp", QByteArray::number(t)});
        r.headers.append(
            {"webhook-signature", StandardWebhooks::sign(s, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", t, r.body)});
    };
    for (const char *name : {"honeybook", "studio_ninja"})
        list.append(Fixture{QString::fromLatin1(name), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                            "whsec_b2xkLXNlY3JldC0wMTIzNDU2Nzg5YWJjZGVm",
                            "whsec_d3Jvbmctc2VjcmV0LTAxMjM0NTY3ODlhYmNk", true, true, 300, standard,
                            "webhook-signature"});
    auto generic = [](WebhookRequest &r, const QByteArrayList &s, qint64) {
        // A generic sender signs with one secret; several secrets = several attempts, the last one sent.
        r.headers.append({"x-webhook-signature", GenericHmac::sign(s.last(), r.body)});
    };
    for (const char *name : {"zapier", "custom_crm", "booking_system", "tave"})
        list.append(Fixture{QString::fromLatin1(name), "generic-current-secret-0123",
                            "generic-old-secret-012345", "generic-wrong-secret-01234", false, true, 300,
                            generic, "x-webhook-signature"});
    auto mailchimp = [](WebhookRequest &r, const QByteArrayList &s, qint64) {
        r.query = "key=" + s.last().toPercentEncoding() + "&list=1";
    };
    list.append(Fixture{QStringLiteral("mailchimp"), "mailchimp-current-key-0123",
                        "mailchimp-old-key-0123456", "mailchimp-wrong-key-012345", false, false, 300,
                        mailchimp, ""});
    auto google = [](WebhookRequest &r, const QByteArrayList &s, qint64) {
        r.headers.append({"x-goog-channel-token", s.last()});
    };
    list.append(Fixture{QStringLiteral("google_calendar"), "gcal-channel-token-current",
                        "gcal-channel-token-old-0123", "gcal-channel-token-wrong-01", false, false, 300,
                        google, "x-goog-channel-token"});
    return list;
}

SourceCredentials credentialsFor(const Fixture &f, const QByteArrayList &secrets)
{
    SourceCredentials c;
    c.source = f.source;
    c.secrets = secrets;
    c.tolerance = std::chrono::seconds(f.tolerance);
    return c;
}
} // namespace

class tst_SourceVerify : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void verify_data();
    void verify();
    void knownVectors();
    void parsers_data();
    void parsers();
    void paypal_data();
    void paypal();
    void paypalCertificateChecks();
};

void tst_SourceVerify::verify_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArrayList>("signWith");
    QTest::addColumn<qint64>("signedAt");
    QTest::addColumn<QByteArrayList>("configured");
    QTest::addColumn<QString>("mutation"); // "", "tamper", "drop", "garble", "prefix"
    QTest::addColumn<QString>("code");

    const QByteArray body = R"({"id":"evt_1","type":"job.updated"})";
    const QString bad = QString::fromLatin1(IngressError::InvalidSignature);
    const QString stale = QString::fromLatin1(IngressError::TimestampOutOfTolerance);
    for (const Fixture &f : fixtures()) {
        const QByteArrayList current{f.secret};
        const QByteArrayList rotated{f.secret, f.oldSecret};
        auto row = [&](const char *what) -> QTestData & {
            return QTest::addRow("%s: %s", qPrintable(f.source), what);
        };
        row("valid") << f.source << body << current << kNow << current << ""
                     << "";
        row("valid, empty body") << f.source << QByteArray() << current << kNow << current << ""
                                 << "";
        row("tampered body") << f.source << body << current << kNow << current << "tamper"
                             << (f.bodySigned ? bad : QString());
        row("wrong secret") << f.source << body << QByteArrayList{f.wrongSecret} << kNow << current << ""
                            << bad;
        row("missing signature") << f.source << body << current << kNow << current << "drop" << bad;
        row("malformed signature") << f.source << body << current << kNow << current << "garble" << bad;
        row("nothing configured") << f.source << body << current << kNow << QByteArrayList{} << "" << bad;
        row("rotated: old secret within grace")
            << f.source << body << QByteArrayList{f.oldSecret} << kNow << rotated << ""
            << "";
        row("rotated: new secret during grace") << f.source << body << current << kNow << rotated << ""
                                                << "";
        row("rotated: old secret after grace")
            << f.source << body << QByteArrayList{f.oldSecret} << kNow << current << "" << bad;
        if (f.timestamped) {
            row("stale timestamp") << f.source << body << current << kNow - f.tolerance - 1 << current << ""
                                   << stale;
            row("future timestamp") << f.source << body << current << kNow + f.tolerance + 1 << current << ""
                                    << stale;
            row("far future timestamp")
                << f.source << body << current << kNow + 86400 * 365 << current << "" << stale;
            row("edge of tolerance, old")
                << f.source << body << current << kNow - f.tolerance << current << ""
                << "";
            row("edge of tolerance, future")
                << f.source << body << current << kNow + f.tolerance << current << ""
                << "";
            row("stale and wrong secret is a bad signature")
                << f.source << body << QByteArrayList{f.wrongSecret} << kNow - 3600 << current << "" << bad;
            row("sender signs with wrong and old secret")
                << f.source << body << QByteArrayList{f.wrongSecret, f.oldSecret} << kNow << rotated << ""
                << "";
        }
        if (f.signatureHeader == "x-webhook-signature")
            row("sha256= prefix") << f.source << body << current << kNow << current << "prefix"
                                  << "";
    }
}

void tst_SourceVerify::verify()
{
    QFETCH(QString, source);
    QFETCH(QByteArray, body);
    QFETCH(QByteArrayList, signWith);
    QFETCH(qint64, signedAt);
    QFETCH(QByteArrayList, configured);
    QFETCH(QString, mutation);
    QFETCH(QString, code);

    Fixture f;
    for (const Fixture &candidate : fixtures()) {
        if (candidate.source == source)
            f = candidate;
    }
    SourceRegistry registry;
    const SourceHandler *handler = registry.find(source);
    QVERIFY(handler);

    WebhookRequest r;
    r.method = "POST";
    r.path = "/webhooks/" + source.toLatin1();
    r.body = body;
    f.sign(r, signWith, signedAt);
    if (mutation == QLatin1String("tamper"))
        r.body.append(' ');
    for (auto &h : r.headers) {
        if (h.first != f.signatureHeader)
            continue;
        if (mutation == QLatin1String("garble"))
            h.second = "t=abc,v1=,,zz not-a-signature";
        if (mutation == QLatin1String("prefix"))
            h.second = "sha256=" + h.second;
    }
    if (mutation == QLatin1String("drop")) {
        r.headers.removeIf([&](const auto &h) { return h.first == f.signatureHeader; });
        if (f.signatureHeader.isEmpty())
            r.query = "list=1";
    }
    if (mutation == QLatin1String("garble") && f.signatureHeader.isEmpty())
        r.query = "key=%%zz";

    const Error e =
        handler->verify(r, credentialsFor(f, configured), QDateTime::fromSecsSinceEpoch(kNow, Qt::UTC));
    QCOMPARE(e.code, code);
    if (e) {
        QVERIFY(!e.message.isEmpty());
        for (const QByteArray &s : configured + signWith) // secrets never leak into messages
            QVERIFY2(!e.message.contains(QString::fromLatin1(s)), qPrintable(e.message));
    }
}

void tst_SourceVerify::knownVectors()
{
    // Stripe construction, computed with Python: hmac.new(b'whsec_test_secret_0123456789',
    // b'1781956800.{"id":"evt_1"}', sha256).hexdigest()
    SourceRegistry registry;
    const QDateTime now = QDateTime::fromSecsSinceEpoch(kNow, Qt::UTC);
    WebhookRequest stripe;
    stripe.body = R"({"id":"evt_1"})";
    stripe.headers = {
        {"stripe-signature",
         "t=1781956800,v1=00ff,v1=faa9524942431241c62083caf27d93f3cb9077582ffc9e2dfceca1869f960cb5"}};
    SourceCredentials c;
    c.secrets = {"whsec_test_secret_0123456789"};
    QCOMPARE(registry.find(QStringLiteral("stripe"))->verify(stripe, c, now).code, QString());
    // Key is the whole whsec_ string, not its decoded form.
    c.secrets = {"test_secret_0123456789"};
    QCOMPARE(registry.find(QStringLiteral("stripe"))->verify(stripe, c, now).code,
             QStringLiteral("INVALID_SIGNATURE"));

    // Standard Webhooks reference vector.
    WebhookRequest std;
    std.body = R"({"test": 2432232314})";
    std.headers = {{"webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"},
                   {"webhook-timestamp", "1614265330"},
                   {"webhook-signature", "v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="}};
    c.secrets = {"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"};
    QCOMPARE(registry.find(QStringLiteral("honeybook"))
                 ->verify(std, c, QDateTime::fromSecsSinceEpoch(1614265330 + 10, Qt::UTC))
                 .code,
             QString());

    // Generic: hmac.new(b'generic-secret-0123456789', b'{"id":"x"}', sha256).hexdigest()
    WebhookRequest generic;
    generic.body = R"({"id":"x"})";
    generic.headers = {
        {"x-webhook-signature", "sha256=F6E51A0D69E00484F53677093CA0B8750F5071BDFC1977197F9CE790A7741C7A"}};
    c.secrets = {"generic-secret-0123456789"};
    QCOMPARE(registry.find(QStringLiteral("zapier"))->verify(generic, c, now).code, QString());

    // CRC32 as zlib: zlib.crc32(b'123456789') and of a PayPal body.
    QCOMPARE(crc32("123456789"), 0xCBF43926u);
    QCOMPARE(crc32(R"({"id":"WH-1"})"), 838965618u);
    QCOMPARE(PayPalSignature::signString("tid", "2026-06-20T12:00:00Z", QStringLiteral("WH-9"),
                                         R"({"id":"WH-1"})"),
             QByteArray("tid|2026-06-20T12:00:00Z|WH-9|838965618"));
}

void tst_SourceVerify::parsers_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("timestamp");
    QTest::addColumn<int>("signatures");
    QTest::newRow("one") << QByteArray("t=12,v1=ab") << true << qint64(12) << 1;
    QTest::newRow("several v1 and v0") << QByteArray("t=12,v1=ab,v0=cd,v1=ef") << true << qint64(12) << 2;
    QTest::newRow("spaces") << QByteArray(" t=12 , v1=ab ") << true << qint64(12) << 1;
    QTest::newRow("order") << QByteArray("v1=ab,t=99") << true << qint64(99) << 1;
    QTest::newRow("no timestamp") << QByteArray("v1=ab") << false << qint64(0) << 0;
    QTest::newRow("no v1") << QByteArray("t=12,v0=ab") << false << qint64(0) << 0;
    QTest::newRow("two timestamps") << QByteArray("t=12,t=13,v1=ab") << false << qint64(0) << 0;
    QTest::newRow("negative timestamp") << QByteArray("t=-12,v1=ab") << false << qint64(0) << 0;
    QTest::newRow("timestamp with junk") << QByteArray("t=12x,v1=ab") << false << qint64(0) << 0;
    QTest::newRow("huge timestamp") << QByteArray("t=99999999999999999999,v1=ab") << false << qint64(0) << 0;
    QTest::newRow("empty") << QByteArray() << false << qint64(0) << 0;
    QTest::newRow("commas only") << QByteArray(",,,,") << false << qint64(0) << 0;
}

void tst_SourceVerify::parsers()
{
    QFETCH(QByteArray, header);
    QFETCH(bool, ok);
    QFETCH(qint64, timestamp);
    QFETCH(int, signatures);
    const auto p = parseTimestampedSignatureHeader(header);
    QCOMPARE(p.has_value(), ok);
    if (ok) {
        QCOMPARE(p->timestamp, timestamp);
        QCOMPARE(p->v1.size(), signatures);
    }
    // Standard Webhooks lists
    QCOMPARE(parseStandardSignatures("v1,YWJj v1a,xyz v2,YWJj")->size(), 1);
    QVERIFY(!parseStandardSignatures("v1,!!! v1a,YWJj"));
    QVERIFY(!parseStandardSignatures(""));
    QCOMPARE(parseStandardSignatures("  v1,YWJj   v1,ZGVm  ")->size(), 2);
    QVERIFY(!decodeHex("abc"));
    QVERIFY(!decodeHex("zz"));
    QCOMPARE(*decodeHex("0aFF"), QByteArray("\x0a\xff"));
}

void tst_SourceVerify::paypal_data()
{
    QTest::addColumn<QString>("mutation");
    QTest::addColumn<qint64>("sentAt");
    QTest::addColumn<QString>("code");
    const QString bad = QStringLiteral("INVALID_SIGNATURE");
    QTest::newRow("valid") << "" << kNow << "";
    QTest::newRow("valid, algo header absent") << "no-algo" << kNow << "";
    QTest::newRow("tampered body") << "tamper" << kNow << bad;
    QTest::newRow("other webhook id") << "webhook-id" << kNow << bad;
    QTest::newRow("signed by another key") << "other-key" << kNow << bad;
    QTest::newRow("transmission id changed") << "transmission-id" << kNow << bad;
    QTest::newRow("missing signature") << "drop-sig" << kNow << bad;
    QTest::newRow("signature not base64") << "garble-sig" << kNow << bad;
    QTest::newRow("unsupported algorithm") << "algo" << kNow << bad;
    QTest::newRow("time not ISO") << "bad-time" << kNow << bad;
    QTest::newRow("stale transmission") << "" << kNow - 301 << "TIMESTAMP_OUT_OF_TOLERANCE";
    QTest::newRow("future transmission") << "" << kNow + 301 << "TIMESTAMP_OUT_OF_TOLERANCE";
    QTest::newRow("cert-url to elsewhere is ignored") << "evil-cert-url" << kNow << "";
    QTest::newRow("no certificate configured") << "no-cert" << kNow << "SOURCE_NOT_CONFIGURED";
}

void tst_SourceVerify::paypal()
{
    QFETCH(QString, mutation);
    QFETCH(qint64, sentAt);
    QFETCH(QString, code);
    static const auto now = QDateTime::fromSecsSinceEpoch(kNow, Qt::UTC);
    static const Simulate::RsaCertificate pinned =
        Simulate::generateRsaCertificate(now.addDays(-1), now.addDays(365));
    static const Simulate::RsaCertificate other =
        Simulate::generateRsaCertificate(now.addDays(-1), now.addDays(365));
    QVERIFY(!pinned.isNull() && !other.isNull());

    WebhookRequest r;
    r.body = R"({"id":"WH-1","event_type":"PAYMENT.CAPTURE.COMPLETED"})";
    const QByteArray tid = "69cd13f0-d67a-11e5-baa3-778b53f4ae55";
    const QByteArray time = QDateTime::fromSecsSinceEpoch(sentAt, Qt::UTC).toString(Qt::ISODate).toLatin1();
    const QString signedWebhookId =
        mutation == QLatin1String("webhook-id") ? QStringLiteral("WH-OTHER") : QStringLiteral("WH-4U1234");
    const QByteArray key =
        mutation == QLatin1String("other-key") ? other.privateKeyPem : pinned.privateKeyPem;
    QByteArray sig =
        PayPalSignature::sign(key, PayPalSignature::signString(tid, time, signedWebhookId, r.body));
    QVERIFY(!sig.isEmpty());
    if (mutation == QLatin1String("garble-sig"))
        sig = "***";
    r.headers = {{"paypal-transmission-id", mutation == QLatin1String("transmission-id") ? tid + "0" : tid},
                 {"paypal-transmission-time", mutation == QLatin1String("bad-time") ? "yesterday" : time},
                 {"paypal-cert-url", mutation == QLatin1String("evil-cert-url")
                                         ? "http://169.254.169.254/latest/meta-data"
                                         : "https://api.paypal.com/v1/notifications/certs/CERT-360caa42"}};
    if (mutation != QLatin1String("drop-sig"))
        r.headers.append({"paypal-transmission-sig", sig});
    if (mutation != QLatin1String("no-algo"))
        r.headers.append({"paypal-auth-algo",
                          QByteArray(mutation == QLatin1String("algo") ? "SHA1withRSA" : "SHA256withRSA")});
    if (mutation == QLatin1String("tamper"))
        r.body.replace("WH-1", "WH-2");

    SourceCredentials c;
    c.source = QStringLiteral("paypal");
    c.certificatePem = mutation == QLatin1String("no-cert") ? QByteArray() : pinned.certificatePem;
    c.paypalWebhookId = QStringLiteral("WH-4U1234");
    SourceRegistry registry;
    const Error e = registry.find(QStringLiteral("paypal"))->verify(r, c, now);
    QCOMPARE(e.code, code);
}

void tst_SourceVerify::paypalCertificateChecks()
{
    const auto now = QDateTime::fromSecsSinceEpoch(kNow, Qt::UTC);
    const auto valid = Simulate::generateRsaCertificate(now.addDays(-1), now.addDays(30));
    const auto expired = Simulate::generateRsaCertificate(now.addDays(-60), now.addDays(-1));
    const auto future = Simulate::generateRsaCertificate(now.addDays(1), now.addDays(60));
    QCOMPARE(PayPalSignature::checkCertificate(valid.certificatePem, now).code, QString());
    QCOMPARE(PayPalSignature::checkCertificate(expired.certificatePem, now).code,
             QStringLiteral("VALIDATION_FAILED"));
    QVERIFY(PayPalSignature::checkCertificate(expired.certificatePem, now)
                .message.contains(QLatin1String("expired")));
    QCOMPARE(PayPalSignature::checkCertificate(future.certificatePem, now).code,
             QStringLiteral("VALIDATION_FAILED"));
    QCOMPARE(PayPalSignature::checkCertificate(valid.privateKeyPem, now).code,
             QStringLiteral("VALIDATION_FAILED"));
    QCOMPARE(PayPalSignature::checkCertificate("garbage", now).code, QStringLiteral("VALIDATION_FAILED"));
}

QTEST_GUILESS_MAIN(tst_SourceVerify)
#include "tst_sourceverify.moc"
