// Source and subscription management over the node protocol: validation with stable codes, roles, audit,
// secrets never returned, and a secret set over the protocol verifying the very next webhook.
#include "../../ingress/rawhttpclient.h"
#include "client/nodeclient.h"
#include "delivery/subscriptions.h"
#include "ingress/sources/generichmac.h"
#include "nodefixture.h"
#include "simulate/signingkeys.h"
#include "store/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace WedSync;
using namespace WedSync::Test;
using Client::ConnectionState;
using Client::NodeClient;
using Node::Role;

namespace {

const QByteArray kSecret1 = "zapier-secret-one-0123456789";
const QByteArray kSecret2 = "zapier-secret-two-9876543210";

QByteArray zapBody(const QString &id)
{
    return QJsonDocument(
               QJsonObject{{QStringLiteral("event_type"), QStringLiteral("booking.created")},
                           {QStringLiteral("event_id"), id},
                           {QStringLiteral("timestamp"), QStringLiteral("2026-11-20T10:00:00.000Z")},
                           {QStringLiteral("data"),
                            QJsonObject{{QStringLiteral("booking_id"), id},
                                        {QStringLiteral("supplier_id"), QStringLiteral("sup_1")}}}})
        .toJson(QJsonDocument::Compact);
}

// Posts a zapier webhook signed with `secret`; returns the HTTP status (0 when there was no answer).
int postWebhook(quint16 port, const QString &id, const QByteArray &secret)
{
    const QByteArray body = zapBody(id);
    QByteArray r = "POST /webhooks/zapier HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    r += "X-Webhook-Signature: " + Ingress::Sources::GenericHmac::sign(secret, body, true) + "\r\n";
    r += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    WedSync::Test::Client client(port);
    if (!client.connected)
        return 0;
    client.send(r);
    Reply reply;
    return client.next(&reply) ? reply.status : 0;
}

QJsonObject entryOf(const Client::Result &list, const QString &source, const QString &integration = {})
{
    for (const QJsonValue &v : list.data.toObject().value(QLatin1String("items")).toArray()) {
        const QJsonObject o = v.toObject();
        if (o.value(QLatin1String("source")).toString() == source &&
            o.value(QLatin1String("integration")).toString() == integration)
            return o;
    }
    return {};
}

} // namespace

class tst_AdminCommands : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void sourceSetRefused_data();
    void sourceSetRefused();
    void secretSetOverProtocolVerifiesNextWebhook();
    void paypalCertificate();
    void roles_data();
    void roles();
    void subscriptionAddRefused_data();
    void subscriptionAddRefused();
    void subscriptionLifecycle();

private:
    NodeClient *client(Role role, const QString &name);
    std::unique_ptr<NodeFixture> m_node;
    QList<NodeClient *> m_clients;
    NodeClient *m_admin = nullptr;
};

NodeClient *tst_AdminCommands::client(Role role, const QString &name)
{
    auto *c = new NodeClient(this);
    c->connectToNode(m_node->url(), m_node->token(role, name));
    m_clients << c;
    return c;
}

void tst_AdminCommands::initTestCase()
{
    WEDSYNC_INIT_BACKEND();
    m_node = std::make_unique<NodeFixture>();
    // Cached credentials are trusted for an hour: only the in-process invalidation can make a new secret
    // verify the next webhook.
    QVERIFY(
        m_node->start(QString(), {{QStringLiteral("delivery.enabled"), QStringLiteral("false")},
                                  {QStringLiteral("ingress.credentials_refresh"), QStringLiteral("1h")}}));
    m_admin = client(Role::Admin, QStringLiteral("admin"));
    QTRY_COMPARE(m_admin->state(), ConnectionState::Connected);
}

void tst_AdminCommands::cleanupTestCase()
{
    qDeleteAll(m_clients);
    m_clients.clear();
    m_node.reset();
    TestBackend::cleanup();
}

void tst_AdminCommands::sourceSetRefused_data()
{
    QTest::addColumn<QJsonObject>("args");
    QTest::addColumn<QString>("code");
    const auto with = [](std::initializer_list<QPair<QString, QJsonValue>> kv) {
        QJsonObject o;
        for (const auto &p : kv)
            o.insert(p.first, p.second);
        return o;
    };
    const QString secret = QString::fromLatin1(kSecret1);
    QTest::newRow("no-source") << with({{"secret", secret}}) << "BAD_REQUEST";
    QTest::newRow("source-not-string") << with({{"source", 5}, {"secret", secret}}) << "BAD_REQUEST";
    QTest::newRow("unknown-source") << with({{"source", "nosuchvendor"}, {"secret", secret}})
                                    << "UNKNOWN_SOURCE";
    QTest::newRow("no-secret") << with({{"source", "zapier"}}) << "SECRET_EMPTY";
    QTest::newRow("empty-secret") << with({{"source", "zapier"}, {"secret", ""}}) << "SECRET_EMPTY";
    QTest::newRow("blank-secret") << with({{"source", "zapier"}, {"secret", "   \n"}}) << "SECRET_EMPTY";
    QTest::newRow("short-secret") << with({{"source", "zapier"}, {"secret", "short"}}) << "SECRET_TOO_SHORT";
    QTest::newRow("secret-not-string") << with({{"source", "zapier"}, {"secret", 12345}}) << "BAD_REQUEST";
    QTest::newRow("bad-standard-secret")
        << with({{"source", "calendly"}, {"secret", "x"}}) << "SECRET_TOO_SHORT";
    QTest::newRow("integration-with-space")
        << with({{"source", "zapier"}, {"secret", secret}, {"integration", "a b"}}) << "VALIDATION_FAILED";
    QTest::newRow("negative-grace") << with({{"source", "zapier"}, {"secret", secret}, {"grace", -5}})
                                    << "VALIDATION_FAILED";
    QTest::newRow("unparsable-grace")
        << with({{"source", "zapier"}, {"secret", secret}, {"grace", "soon"}}) << "VALIDATION_FAILED";
    QTest::newRow("grace-over-90-days")
        << with({{"source", "zapier"}, {"secret", secret}, {"grace", "91d"}}) << "VALIDATION_FAILED";
    QTest::newRow("certificate-for-hmac-source")
        << with({{"source", "zapier"}, {"secret", secret}, {"certificate_pem", "x"}}) << "VALIDATION_FAILED";
    QTest::newRow("paypal-with-secret")
        << with({{"source", "paypal"}, {"secret", secret}, {"webhook_id", "WH-1"}}) << "VALIDATION_FAILED";
    QTest::newRow("paypal-no-certificate")
        << with({{"source", "paypal"}, {"webhook_id", "WH-1"}}) << "CERTIFICATE_INVALID";
    QTest::newRow("paypal-bad-pem")
        << with({{"source", "paypal"},
                 {"certificate_pem",
                  "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----"},
                 {"webhook_id", "WH-1"}})
        << "CERTIFICATE_INVALID";
}

void tst_AdminCommands::sourceSetRefused()
{
    QFETCH(QJsonObject, args);
    QFETCH(QString, code);
    const Client::Result r = callNode(*m_admin, true, QStringLiteral("source.set"), args);
    QVERIFY(!r.ok);
    QCOMPARE(r.errorCode, code);
    QVERIFY(!r.errorMessage.isEmpty());
    // Nothing was stored for the source.
    const Client::Result list = callNode(*m_admin, false, QStringLiteral("source.list"), {});
    QVERIFY2(list.ok, qPrintable(list.errorCode));
    const QString source = args.value(QLatin1String("source")).toString();
    if (source == QLatin1String("zapier") || source == QLatin1String("paypal"))
        QCOMPARE(entryOf(list, source).value(QLatin1String("configured")).toBool(), false);
}

void tst_AdminCommands::secretSetOverProtocolVerifiesNextWebhook()
{
    const quint16 port = m_node->engine->ingressPort();
    QVERIFY(port > 0);
    // Nothing configured yet: refused.
    QCOMPARE(postWebhook(port, QStringLiteral("evt_a0"), kSecret1), 503);

    Client::Result r = callNode(*m_admin, true, QStringLiteral("source.set"),
                                {{QStringLiteral("source"), QStringLiteral("zapier")},
                                 {QStringLiteral("secret"), QString::fromLatin1(kSecret1)}});
    QVERIFY2(r.ok, qPrintable(r.errorCode + r.errorMessage));
    QCOMPARE(r.data.toObject().value(QLatin1String("has_secret")).toBool(), true);
    QCOMPARE(postWebhook(port, QStringLiteral("evt_a1"), kSecret1), 200);

    // Rotation without grace: the very next webhook needs the new secret, the old one is refused.
    r = callNode(*m_admin, true, QStringLiteral("source.set"),
                 {{QStringLiteral("source"), QStringLiteral("zapier")},
                  {QStringLiteral("secret"), QString::fromLatin1(kSecret2)},
                  {QStringLiteral("grace"), 0}});
    QVERIFY2(r.ok, qPrintable(r.errorCode + r.errorMessage));
    QCOMPARE(r.data.toObject().value(QLatin1String("has_previous_secret")).toBool(), false);
    QCOMPARE(postWebhook(port, QStringLiteral("evt_a2"), kSecret2), 200);
    QCOMPARE(postWebhook(port, QStringLiteral("evt_a3"), kSecret1), 401);

    // Rotation with a grace period: both verify, and the list says until when.
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    r = callNode(*m_admin, true, QStringLiteral("source.set"),
                 {{QStringLiteral("source"), QStringLiteral("zapier")},
                  {QStringLiteral("secret"), QString::fromLatin1(kSecret1)},
                  {QStringLiteral("grace"), QStringLiteral("2h")}});
    QVERIFY2(r.ok, qPrintable(r.errorCode + r.errorMessage));
    QCOMPARE(postWebhook(port, QStringLiteral("evt_a4"), kSecret1), 200);
    QCOMPARE(postWebhook(port, QStringLiteral("evt_a5"), kSecret2), 200);
    const Client::Result list = callNode(*m_admin, false, QStringLiteral("source.list"), {});
    QVERIFY2(list.ok, qPrintable(list.errorCode));
    const QJsonObject zapier = entryOf(list, QStringLiteral("zapier"));
    QCOMPARE(zapier.value(QLatin1String("configured")).toBool(), true);
    QCOMPARE(zapier.value(QLatin1String("has_secret")).toBool(), true);
    QCOMPARE(zapier.value(QLatin1String("has_previous_secret")).toBool(), true);
    const qint64 graceEnd = qint64(zapier.value(QLatin1String("grace_until")).toDouble());
    QVERIFY(graceEnd >= before + 2 * 3600 * 1000 - 1000);
    QVERIFY(graceEnd <= QDateTime::currentMSecsSinceEpoch() + 2 * 3600 * 1000 + 1000);
    // A known source nobody configured is listed as such.
    QCOMPARE(entryOf(list, QStringLiteral("stripe")).value(QLatin1String("configured")).toBool(), false);
    // Never a secret, in any answer.
    const QByteArray raw = QJsonDocument(list.data.toObject()).toJson();
    QVERIFY(!raw.contains(kSecret1));
    QVERIFY(!raw.contains(kSecret2));

    // Every change is audited with its target, and the audit holds no secret either.
    const Client::Result audit = callNode(*m_admin, false, QStringLiteral("audit.list"), {});
    QVERIFY2(audit.ok, qPrintable(audit.errorCode));
    int sets = 0;
    for (const QJsonValue &v : audit.data.toObject().value(QLatin1String("items")).toArray()) {
        const QJsonObject a = v.toObject();
        if (a.value(QLatin1String("action")).toString() == QLatin1String("source.set") &&
            a.value(QLatin1String("target")).toString() == QLatin1String("zapier") &&
            a.value(QLatin1String("outcome")).toString() == QLatin1String("ok"))
            ++sets;
    }
    QCOMPARE(sets, 3);
    const QByteArray auditRaw = QJsonDocument(audit.data.toObject()).toJson();
    QVERIFY(!auditRaw.contains(kSecret1));
    QVERIFY(!auditRaw.contains(kSecret2));

    // Removed: the next webhook is refused again; removing twice says nothing is configured.
    r = callNode(*m_admin, true, QStringLiteral("source.remove"),
                 {{QStringLiteral("source"), QStringLiteral("zapier")}});
    QVERIFY2(r.ok, qPrintable(r.errorCode + r.errorMessage));
    QCOMPARE(postWebhook(port, QStringLiteral("evt_a6"), kSecret1), 503);
    r = callNode(*m_admin, true, QStringLiteral("source.remove"),
                 {{QStringLiteral("source"), QStringLiteral("zapier")}});
    QCOMPARE(r.errorCode, QStringLiteral("SOURCE_NOT_CONFIGURED"));
    r = callNode(*m_admin, true, QStringLiteral("source.remove"),
                 {{QStringLiteral("source"), QStringLiteral("nope")}});
    QCOMPARE(r.errorCode, QStringLiteral("UNKNOWN_SOURCE"));
}

void tst_AdminCommands::paypalCertificate()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto cert =
        Simulate::generateRsaCertificate(now.addDays(-1), now.addDays(30), "paypal.test.example");
    QVERIFY(!cert.isNull());
    const auto expired = Simulate::generateRsaCertificate(now.addDays(-30), now.addDays(-1));
    Client::Result r =
        callNode(*m_admin, true, QStringLiteral("source.set"),
                 {{QStringLiteral("source"), QStringLiteral("paypal")},
                  {QStringLiteral("certificate_pem"), QString::fromLatin1(expired.certificatePem)},
                  {QStringLiteral("webhook_id"), QStringLiteral("WH-1")}});
    QCOMPARE(r.errorCode, QStringLiteral("CERTIFICATE_INVALID"));
    r = callNode(*m_admin, true, QStringLiteral("source.set"),
                 {{QStringLiteral("source"), QStringLiteral("paypal")},
                  {QStringLiteral("certificate_pem"), QString::fromLatin1(cert.certificatePem)}});
    QCOMPARE(r.errorCode, QStringLiteral("VALIDATION_FAILED"));
    r = callNode(*m_admin, true, QStringLiteral("source.set"),
                 {{QStringLiteral("source"), QStringLiteral("paypal")},
                  {QStringLiteral("integration"), QStringLiteral("venue-42")},
                  {QStringLiteral("certificate_pem"), QString::fromLatin1(cert.certificatePem)},
                  {QStringLiteral("webhook_id"), QStringLiteral("WH-7XY")}});
    QVERIFY2(r.ok, qPrintable(r.errorCode + r.errorMessage));
    const Client::Result list = callNode(*m_admin, false, QStringLiteral("source.list"), {});
    QVERIFY2(list.ok, qPrintable(list.errorCode));
    const QJsonObject paypal = entryOf(list, QStringLiteral("paypal"), QStringLiteral("venue-42"));
    QCOMPARE(paypal.value(QLatin1String("configured")).toBool(), true);
    const QJsonObject p = paypal.value(QLatin1String("paypal")).toObject();
    QCOMPARE(p.value(QLatin1String("webhook_id")).toString(), QStringLiteral("WH-7XY"));
    QCOMPARE(p.value(QLatin1String("has_certificate")).toBool(), true);
    QVERIFY2(p.value(QLatin1String("certificate_subject"))
                 .toString()
                 .contains(QLatin1String("paypal.test.example")),
             qPrintable(p.value(QLatin1String("certificate_subject")).toString()));
    QVERIFY(p.value(QLatin1String("certificate_expires_at")).toDouble() > double(now.toMSecsSinceEpoch()));
}

void tst_AdminCommands::roles_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<bool>("command");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QJsonObject>("args");
    const QJsonObject setArgs{{QStringLiteral("source"), QStringLiteral("stripe")},
                              {QStringLiteral("secret"), QStringLiteral("whsec_role-test-secret-0123")}};
    QTest::newRow("viewer-source-list") << int(Role::Viewer) << false << "source.list" << QJsonObject();
    QTest::newRow("operator-source-set") << int(Role::Operator) << true << "source.set" << setArgs;
    QTest::newRow("operator-source-remove")
        << int(Role::Operator) << true << "source.remove"
        << QJsonObject{{QStringLiteral("source"), QStringLiteral("stripe")}};
    QTest::newRow("viewer-subscription-list")
        << int(Role::Viewer) << false << "subscription.list" << QJsonObject();
    QTest::newRow("operator-subscription-add")
        << int(Role::Operator) << true << "subscription.add"
        << QJsonObject{{QStringLiteral("url"), QStringLiteral("https://hooks.example.com/x")}};
    QTest::newRow("operator-subscription-remove")
        << int(Role::Operator) << true << "subscription.remove"
        << QJsonObject{{QStringLiteral("id"), QStringLiteral("sub_1")}};
}

void tst_AdminCommands::roles()
{
    QFETCH(int, role);
    QFETCH(bool, command);
    QFETCH(QString, name);
    QFETCH(QJsonObject, args);
    NodeClient *c = client(Role(role), QStringLiteral("role-%1").arg(QTest::currentDataTag()));
    QTRY_COMPARE(c->state(), ConnectionState::Connected);
    const Client::Result r = callNode(*c, command, name, args);
    QCOMPARE(r.errorCode, QStringLiteral("FORBIDDEN"));
    // The refusal is audited.
    const Client::Result audit = callNode(*m_admin, false, QStringLiteral("audit.list"),
                                          {{QStringLiteral("outcome"), QStringLiteral("denied")}});
    QVERIFY2(audit.ok, qPrintable(audit.errorCode));
    bool found = false;
    for (const QJsonValue &v : audit.data.toObject().value(QLatin1String("items")).toArray())
        found = found || (v.toObject().value(QLatin1String("action")).toString() == name &&
                          v.toObject().value(QLatin1String("actor")).toString() ==
                              QStringLiteral("role-%1").arg(QTest::currentDataTag()));
    QVERIFY(found);
    // Nothing changed: stripe is still unconfigured.
    const Client::Result list = callNode(*m_admin, false, QStringLiteral("source.list"), {});
    QCOMPARE(entryOf(list, QStringLiteral("stripe")).value(QLatin1String("configured")).toBool(), false);
}

void tst_AdminCommands::subscriptionAddRefused_data()
{
    QTest::addColumn<QJsonObject>("args");
    QTest::addColumn<QString>("code");
    const QJsonObject ok{{QStringLiteral("url"), QStringLiteral("https://hooks.example.com/wedsync")},
                         {QStringLiteral("event_types"), QJsonArray{QStringLiteral("payment.received")}},
                         {QStringLiteral("secret"), QStringLiteral("subscription-secret-0123")}};
    const auto but = [&ok](const QString &key, const QJsonValue &v) {
        QJsonObject o = ok;
        if (v.isUndefined())
            o.remove(key);
        else
            o.insert(key, v);
        return o;
    };
    QTest::newRow("no-url") << but(QStringLiteral("url"), QJsonValue::Undefined) << "VALIDATION_FAILED";
    QTest::newRow("ftp-url") << but(QStringLiteral("url"), QStringLiteral("ftp://x.example.com/"))
                             << "VALIDATION_FAILED";
    QTest::newRow("no-events") << but(QStringLiteral("event_types"), QJsonArray()) << "VALIDATION_FAILED";
    QTest::newRow("events-not-strings")
        << but(QStringLiteral("event_types"), QJsonArray{1, 2}) << "BAD_REQUEST";
    QTest::newRow("no-secret") << but(QStringLiteral("secret"), QJsonValue::Undefined) << "VALIDATION_FAILED";
    QTest::newRow("short-secret") << but(QStringLiteral("secret"), QStringLiteral("short"))
                                  << "VALIDATION_FAILED";
    QTest::newRow("attempts-0") << but(QStringLiteral("max_attempts"), 0) << "VALIDATION_FAILED";
    QTest::newRow("attempts-11") << but(QStringLiteral("max_attempts"), 11) << "VALIDATION_FAILED";
    QTest::newRow("attempts-text") << but(QStringLiteral("max_attempts"), QStringLiteral("3"))
                                   << "VALIDATION_FAILED";
    QTest::newRow("backoff") << but(QStringLiteral("backoff"), QStringLiteral("quadratic"))
                             << "VALIDATION_FAILED";
    QTest::newRow("delay") << but(QStringLiteral("initial_delay"), QStringLiteral("later"))
                           << "VALIDATION_FAILED";
    QTest::newRow("rate") << but(QStringLiteral("rate_limit"), QStringLiteral("fast")) << "VALIDATION_FAILED";
}

void tst_AdminCommands::subscriptionAddRefused()
{
    QFETCH(QJsonObject, args);
    QFETCH(QString, code);
    const Client::Result r = callNode(*m_admin, true, QStringLiteral("subscription.add"), args);
    QVERIFY(!r.ok);
    QCOMPARE(r.errorCode, code);
    QVERIFY(!r.errorMessage.isEmpty());
    const Client::Result list = callNode(*m_admin, false, QStringLiteral("subscription.list"), {});
    QVERIFY2(list.ok, qPrintable(list.errorCode));
    QVERIFY(list.data.toObject().value(QLatin1String("items")).toArray().isEmpty());
}

void tst_AdminCommands::subscriptionLifecycle()
{
    const QString secret = QStringLiteral("subscription-secret-0123");
    Client::Result r =
        callNode(*m_admin, true, QStringLiteral("subscription.add"),
                 {{QStringLiteral("url"), QStringLiteral("https://hooks.example.com/wedsync")},
                  {QStringLiteral("event_types"), QStringLiteral("payment.received, booking.created")},
                  {QStringLiteral("secret"), secret},
                  {QStringLiteral("max_attempts"), 3},
                  {QStringLiteral("backoff"), QStringLiteral("linear")},
                  {QStringLiteral("initial_delay"), QStringLiteral("30s")},
                  {QStringLiteral("rate_limit"), QStringLiteral("100/min")}});
    QVERIFY2(r.ok, qPrintable(r.errorCode + r.errorMessage));
    const QString id = r.data.toObject().value(QLatin1String("id")).toString();
    QVERIFY(id.startsWith(QLatin1String("sub_")));
    // Stored as the CLI would store it.
    Error e;
    QSqlDatabase db = m_node->engine->database()->connection(&e);
    const auto stored = Delivery::SubscriptionStore::get(db, id, &e);
    QVERIFY(stored);
    QCOMPARE(stored->eventTypes,
             QStringList({QStringLiteral("payment.received"), QStringLiteral("booking.created")}));
    QCOMPARE(stored->policy.maxAttempts, 3);
    QCOMPARE(stored->policy.backoff, Delivery::Backoff::Linear);
    QCOMPARE(stored->policy.initialDelayMs, qint64(30000));
    QCOMPARE(stored->rateLimit, 100);
    QCOMPARE(stored->rateWindowMs, qint64(60000));
    QCOMPARE(stored->secret, secret);

    r = callNode(*m_admin, false, QStringLiteral("subscription.list"), {});
    QVERIFY2(r.ok, qPrintable(r.errorCode));
    const QJsonArray items = r.data.toObject().value(QLatin1String("items")).toArray();
    QCOMPARE(items.size(), 1);
    const QJsonObject s = items.first().toObject();
    QCOMPARE(s.value(QLatin1String("id")).toString(), id);
    QCOMPARE(s.value(QLatin1String("has_secret")).toBool(), true);
    QCOMPARE(s.value(QLatin1String("max_attempts")).toInt(), 3);
    QCOMPARE(s.value(QLatin1String("backoff")).toString(), QStringLiteral("linear"));
    QVERIFY(!QJsonDocument(r.data.toObject()).toJson().contains(secret.toUtf8()));

    r = callNode(*m_admin, true, QStringLiteral("subscription.disable"), {{QStringLiteral("id"), id}});
    QVERIFY2(r.ok, qPrintable(r.errorCode));
    r = callNode(*m_admin, true, QStringLiteral("subscription.remove"), {{QStringLiteral("id"), id}});
    QVERIFY2(r.ok, qPrintable(r.errorCode));
    QVERIFY(!Delivery::SubscriptionStore::get(db, id, &e));
    r = callNode(*m_admin, true, QStringLiteral("subscription.remove"), {{QStringLiteral("id"), id}});
    QCOMPARE(r.errorCode, QStringLiteral("SUBSCRIPTION_NOT_FOUND"));
    r = callNode(*m_admin, true, QStringLiteral("subscription.remove"), {});
    QCOMPARE(r.errorCode, QStringLiteral("BAD_REQUEST"));
}

QTEST_GUILESS_MAIN(tst_AdminCommands)
#include "tst_admincommands.moc"
