#include "routing/notifier.h"
#include "routing/rules.h"
#include "store/database.h"
#include "store/migrator.h"
#include "testdb.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Routing;
using Delivery::Priority;
using Delivery::TargetKind;

class tst_Rules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { Test::TestBackend::cleanup(); }
    void seededDefaults();
    void defaultMappingsRoute_data();
    void defaultMappingsRoute();
    void customCrmRule();
    void mappingFailureReported();
    void invalidRules_data();
    void invalidRules();
    void enableDisableRemove();

private:
    std::unique_ptr<Store::Database> open()
    {
        Error e;
        auto s = Store::DatabaseSettings::fromUrl(Test::TestBackend::freshUrl(), QString(), &e);
        auto db = std::make_unique<Store::Database>(*s);
        QSqlDatabase c = db->connection(&e);
        if (Store::Migrator().migrate(c, &e) < 0)
            qFatal("migrate: %s", qPrintable(e.message));
        return db;
    }
    static Events::StoredEvent event(qint64 seq, const QString &type, const QJsonObject &data)
    {
        Events::StoredEvent se;
        se.seq = seq;
        se.event.type = type;
        se.event.id = QStringLiteral("ev_%1").arg(seq);
        se.event.source = QStringLiteral("zapier");
        se.event.timestamp = QDateTime(QDate(2026, 6, 20), QTime(15, 0), Qt::UTC);
        se.event.weddingId = QStringLiteral("wed_1");
        se.event.organizationId = QStringLiteral("org_1");
        se.event.data = data;
        return se;
    }
    static Notifier notifier()
    {
        NotifySettings s;
        s.slackWebhookUrl = QStringLiteral("http://127.0.0.1:9/slack");
        s.whatsappUrl = QStringLiteral("http://127.0.0.1:9/wa");
        s.whatsappPhoneId = QStringLiteral("1234");
        s.emailUrl = QStringLiteral("http://127.0.0.1:9/email");
        s.emailFrom = QStringLiteral("WedSync <noreply@wedsync.test>");
        return Notifier(s);
    }
};

void tst_Rules::seededDefaults()
{
    auto db = open();
    QSqlDatabase c = db->connection();
    Error e;
    const QList<Rule> rules = RuleStore::list(c, &e);
    QVERIFY2(e.isNull(), qPrintable(e.message));
    QCOMPARE(rules.size(), 10);
    QMultiHash<QString, QString> targets;
    for (const Rule &r : rules) {
        QVERIFY(r.enabled);
        if (!r.channelPattern.isEmpty())
            targets.insert(r.channelPattern, r.target);
    }
    auto sorted = [](QStringList l) {
        l.sort();
        return l;
    };
    QCOMPARE(sorted(targets.values("supplier:dashboard:{supplierId}")),
             (QStringList{"photography-crm", "venue-management", "whatsapp-business"}));
    QCOMPARE(sorted(targets.values("form:response:{formId}")),
             (QStringList{"email-service", "slack-notifications", "supplier-dashboards"}));
    QCOMPARE(sorted(targets.values("journey:milestone:{coupleId}")),
             (QStringList{"client-communications", "project-management", "timeline-coordination"}));
    QStringList skipped;
    QCOMPARE(RuleSet::compile(rules, &skipped).size(), 10);
    QVERIFY(skipped.isEmpty());
}

void tst_Rules::defaultMappingsRoute_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("data");
    QTest::addColumn<QStringList>("targets");
    QTest::newRow("supplier-dashboard")
        << "booking.updated"
        << R"({"supplier_id":"sup_1","supplier_phone":"+447700900123"})"
        << QStringList{"photography-crm", "venue-management", "whatsapp-business"};
    QTest::newRow("supplier-dashboard-no-phone")
        << "booking.updated"
        << R"({"supplier_id":"sup_1"})" << QStringList{"photography-crm", "venue-management"};
    QTest::newRow("form-response") << "form.updated"
                                   << R"({"form_id":"f1","supplier_email":"s@vendor.test"})"
                                   << QStringList{"email-service", "slack-notifications",
                                                  "supplier-dashboards"};
    QTest::newRow("journey") << "review.received"
                             << R"({"couple_id":"c1"})"
                             << QStringList{"client-communications", "project-management",
                                            "timeline-coordination"};
    QTest::newRow("no-channel") << "review.received"
                                << R"({"rating":5})" << QStringList{};
    QTest::newRow("derived-events-not-on-channels") << "calendar.block"
                                                    << R"({"supplier_id":"sup_1"})" << QStringList{};
    QTest::newRow("event-type-rule") << "crm.job.updated"
                                     << R"({"wedding_id":"wed_1","venue":"Barn"})"
                                     << QStringList{"photography-crm"};
}

void tst_Rules::defaultMappingsRoute()
{
    QFETCH(QString, type);
    QFETCH(QString, data);
    QFETCH(QStringList, targets);
    auto db = open();
    QSqlDatabase c = db->connection();
    const RuleSet set = RuleSet::compile(RuleStore::list(c, nullptr));
    const auto se = event(41, type, QJsonDocument::fromJson(data.toUtf8()).object());
    const auto routed = set.route(se, notifier());
    QVERIFY(routed.errors.isEmpty());
    QStringList got;
    for (const auto &r : routed.deliveries) {
        got.append(r.target);
        QCOMPARE(r.id, Delivery::makeDeliveryId(41, r.target));
        QCOMPARE(r.eventSeq, qint64(41));
        QCOMPARE(r.eventType, type);
        QCOMPARE(r.weddingId, QStringLiteral("wed_1"));
        QVERIFY(!r.payload.isEmpty());
        if (r.target == QLatin1String("whatsapp-business")) {
            QCOMPARE(r.kind, TargetKind::WhatsApp);
            const QJsonObject p = QJsonDocument::fromJson(r.payload).object();
            QCOMPARE(p.value("messaging_product").toString(), QStringLiteral("whatsapp"));
            QCOMPARE(p.value("to").toString(), QStringLiteral("447700900123"));
        } else if (r.target == QLatin1String("photography-crm") && type == QLatin1String("booking.updated")) {
            QCOMPARE(r.kind, TargetKind::Connector);
            const QJsonObject p = QJsonDocument::fromJson(r.payload).object();
            QCOMPARE(p.value("channel").toString(), QStringLiteral("supplier:dashboard:sup_1"));
            QCOMPARE(p.value("params").toObject().value("supplierId").toString(), QStringLiteral("sup_1"));
            QCOMPARE(p.value("event_id").toString(), QStringLiteral("ev_41"));
        }
    }
    got.sort();
    QCOMPARE(got, targets);
}

void tst_Rules::customCrmRule()
{
    auto db = open();
    QSqlDatabase c = db->connection();
    Rule r;
    r.name = QStringLiteral("honeybook-bookings");
    r.channelPattern = QStringLiteral("supplier:dashboard:{supplierId}");
    r.eventPattern = QStringLiteral("booking.*");
    r.target = QStringLiteral("honeybook");
    r.kind = TargetKind::Connector;
    r.priority = Priority::High;
    r.fieldMapping =
        QStringLiteral(R"({"project.external_id":"/event_id","project.vendor":"/params/supplierId",
        "project.client.email":{"pointer":"/data/couple_email","required":true},"project.date":"/data/start",
        "origin":{"const":"wedsync"}})");
    Error e;
    const qint64 id = RuleStore::add(c, r, &e);
    QVERIFY2(id > 0, qPrintable(e.message));
    QCOMPARE(RuleStore::add(c, r, &e), qint64(0));
    QCOMPARE(e.code, QStringLiteral("ROUTING_RULE_EXISTS"));

    const RuleSet set = RuleSet::compile(RuleStore::list(c, nullptr));
    QCOMPARE(set.size(), 11);
    const auto routed = set.route(event(7, QStringLiteral("booking.created"),
                                        {{"supplier_id", "sup_9"},
                                         {"couple_email", "amy@example.com"},
                                         {"start", "2026-06-20T15:00:00Z"}}),
                                  notifier());
    const auto it = std::find_if(routed.deliveries.begin(), routed.deliveries.end(),
                                 [](const auto &d) { return d.target == QLatin1String("honeybook"); });
    QVERIFY(it != routed.deliveries.end());
    QCOMPARE(it->priority, Priority::High);
    QCOMPARE(QJsonDocument::fromJson(it->payload).object(),
             QJsonDocument::fromJson(R"({"project":{"external_id":"ev_7","vendor":"sup_9",
                 "client":{"email":"amy@example.com"},"date":"2026-06-20T15:00:00Z"},"origin":"wedsync"})")
                 .object());
    // Other event families do not match the rule's event pattern.
    const auto other =
        set.route(event(8, QStringLiteral("payment.failed"), {{"supplier_id", "sup_9"}}), notifier());
    for (const auto &d : other.deliveries)
        QVERIFY(d.target != QLatin1String("honeybook"));
}

void tst_Rules::mappingFailureReported()
{
    auto db = open();
    QSqlDatabase c = db->connection();
    Rule r;
    r.name = QStringLiteral("strict-crm");
    r.eventPattern = QStringLiteral("booking.created");
    r.target = QStringLiteral("strict-crm");
    r.fieldMapping = QStringLiteral(R"({"email":{"pointer":"/data/couple_email","required":true}})");
    Error e;
    QVERIFY2(RuleStore::add(c, r, &e) > 0, qPrintable(e.message));
    const RuleSet set = RuleSet::compile(RuleStore::list(c, nullptr));
    const auto routed = set.route(event(9, QStringLiteral("booking.created"), {{"start", "x"}}), notifier());
    QCOMPARE(routed.deliveries.size(), 0);
    QCOMPARE(routed.errors.size(), 1);
    QCOMPARE(routed.errors.first().code, QStringLiteral("ROUTING_MAPPING_FAILED"));
    QCOMPARE(routed.errors.first().details.value("rule").toString(), QStringLiteral("strict-crm"));
}

void tst_Rules::invalidRules_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("channel");
    QTest::addColumn<QString>("events");
    QTest::addColumn<QString>("mapping");
    QTest::addColumn<QString>("code");
    QTest::newRow("bad-name") << "Bad Name"
                              << "a:b"
                              << "*"
                              << ""
                              << "VALIDATION_FAILED";
    QTest::newRow("bad-pattern") << "r1"
                                 << "a::b"
                                 << "*"
                                 << ""
                                 << "ROUTING_BAD_PATTERN";
    QTest::newRow("no-selector") << "r1"
                                 << ""
                                 << "*"
                                 << ""
                                 << "VALIDATION_FAILED";
    QTest::newRow("bad-event-pattern") << "r1"
                                       << ""
                                       << "Booking Created"
                                       << ""
                                       << "VALIDATION_FAILED";
    QTest::newRow("bad-mapping") << "r1"
                                 << "a:{id}"
                                 << "*"
                                 << R"({"x":"no-slash"})"
                                 << "ROUTING_BAD_MAPPING";
}

void tst_Rules::invalidRules()
{
    QFETCH(QString, name);
    QFETCH(QString, channel);
    QFETCH(QString, events);
    QFETCH(QString, mapping);
    QFETCH(QString, code);
    auto db = open();
    QSqlDatabase c = db->connection();
    Rule r;
    r.name = name;
    r.channelPattern = channel;
    r.eventPattern = events;
    r.target = QStringLiteral("crm");
    r.fieldMapping = mapping;
    Error e;
    QCOMPARE(RuleStore::add(c, r, &e), qint64(0));
    QCOMPARE(e.code, code);
    QCOMPARE(RuleStore::list(c, nullptr).size(), 10);
}

void tst_Rules::enableDisableRemove()
{
    auto db = open();
    QSqlDatabase c = db->connection();
    Error e;
    QVERIFY(RuleStore::setEnabled(c, QStringLiteral("form-slack-notifications"), false, &e));
    QCOMPARE(RuleSet::compile(RuleStore::list(c, nullptr)).size(), 9);
    const auto routed = RuleSet::compile(RuleStore::list(c, nullptr))
                            .route(event(3, QStringLiteral("form.updated"), {{"form_id", "f1"}}), notifier());
    for (const auto &d : routed.deliveries)
        QVERIFY(d.target != QLatin1String("slack-notifications"));
    QVERIFY(RuleStore::remove(c, QStringLiteral("form-slack-notifications"), &e));
    QCOMPARE(RuleStore::list(c, nullptr).size(), 9);
    QVERIFY(!RuleStore::remove(c, QStringLiteral("form-slack-notifications"), &e));
    QCOMPARE(e.code, QStringLiteral("ROUTING_RULE_NOT_FOUND"));
    QVERIFY(!RuleStore::setEnabled(c, QStringLiteral("nope"), true, &e));
    QCOMPARE(e.code, QStringLiteral("ROUTING_RULE_NOT_FOUND"));
}

QTEST_GUILESS_MAIN(tst_Rules)
#include "tst_rules.moc"
