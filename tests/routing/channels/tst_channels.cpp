#include "events/event.h"
#include "routing/channel.h"

#include <QJsonArray>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Routing;

using Captures = QHash<QString, QString>;
Q_DECLARE_METATYPE(Captures)

class tst_Channels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void match_data();
    void match();
    void badPattern_data();
    void badPattern();
    void names_data();
    void names();
    void eventTypes_data();
    void eventTypes();
    void channelsOfEvent();
};

void tst_Channels::match_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("channel");
    QTest::addColumn<bool>("matches");
    QTest::addColumn<Captures>("captures");

    QTest::newRow("exact") << "supplier:dashboard:s1"
                           << "supplier:dashboard:s1" << true << Captures{};
    QTest::newRow("exact-other-id") << "supplier:dashboard:s1"
                                    << "supplier:dashboard:s2" << false << Captures{};
    QTest::newRow("exact-is-case-sensitive") << "supplier:dashboard:s1"
                                             << "Supplier:dashboard:s1" << false << Captures{};
    QTest::newRow("capture-supplier")
        << "supplier:dashboard:{supplierId}"
        << "supplier:dashboard:sup_42" << true << Captures{{"supplierId", "sup_42"}};
    QTest::newRow("capture-form") << "form:response:{formId}"
                                  << "form:response:f-9" << true << Captures{{"formId", "f-9"}};
    QTest::newRow("capture-couple") << "journey:milestone:{coupleId}"
                                    << "journey:milestone:c.7" << true << Captures{{"coupleId", "c.7"}};
    QTest::newRow("two-captures") << "{kind}:photography:{orgId}"
                                  << "supplier:photography:org1" << true
                                  << Captures{{"kind", "supplier"}, {"orgId", "org1"}};
    QTest::newRow("capture-needs-segment") << "supplier:dashboard:{supplierId}"
                                           << "supplier:dashboard" << false << Captures{};
    QTest::newRow("capture-one-segment-only") << "supplier:dashboard:{supplierId}"
                                              << "supplier:dashboard:a:b" << false << Captures{};
    QTest::newRow("capture-wrong-prefix") << "supplier:dashboard:{supplierId}"
                                          << "form:dashboard:s1" << false << Captures{};
    QTest::newRow("wildcard-middle") << "supplier:*:s1"
                                     << "supplier:photography:s1" << true << Captures{};
    QTest::newRow("wildcard-middle-one-segment") << "supplier:*:s1"
                                                 << "supplier:a:b:s1" << false << Captures{};
    QTest::newRow("wildcard-trailing-one") << "supplier:*"
                                           << "supplier:dashboard" << true << Captures{};
    QTest::newRow("wildcard-trailing-rest") << "supplier:*"
                                            << "supplier:dashboard:s1" << true << Captures{};
    QTest::newRow("wildcard-trailing-needs-one") << "supplier:*"
                                                 << "supplier" << false << Captures{};
    QTest::newRow("wildcard-all") << "*"
                                  << "venue:alerts" << true << Captures{};
    QTest::newRow("admin-defined") << "venue:{venueId}:alerts"
                                   << "venue:v1:alerts" << true << Captures{{"venueId", "v1"}};
    QTest::newRow("admin-defined-miss") << "venue:{venueId}:alerts"
                                        << "venue:v1:notes" << false << Captures{};
    QTest::newRow("invalid-channel-empty") << "*"
                                           << "" << false << Captures{};
    QTest::newRow("invalid-channel-space") << "supplier:*"
                                           << "supplier:a b" << false << Captures{};
    QTest::newRow("invalid-channel-empty-segment") << "supplier:*:x"
                                                   << "supplier::x" << false << Captures{};
    QTest::newRow("invalid-channel-single-segment") << "*"
                                                    << "supplier" << false << Captures{};
    QTest::newRow("literal-braces-not-capture") << "supplier:dashboard:{supplierId}"
                                                << "supplier:dashboard:{x}" << false << Captures{};
}

void tst_Channels::match()
{
    QFETCH(QString, pattern);
    QFETCH(QString, channel);
    QFETCH(bool, matches);
    QFETCH(Captures, captures);
    Error e;
    const auto p = ChannelPattern::parse(pattern, &e);
    QVERIFY2(p.has_value(), qPrintable(e.message));
    Captures got{{"stale", "value"}};
    QCOMPARE(p->match(channel, &got), matches);
    if (matches)
        QCOMPARE(got, captures);
    else
        QCOMPARE(got, (Captures{{"stale", "value"}})); // untouched on a miss
}

void tst_Channels::badPattern_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::newRow("empty") << "";
    QTest::newRow("space") << "supplier:dash board";
    QTest::newRow("empty-segment") << "supplier::x";
    QTest::newRow("unclosed-capture") << "supplier:{id";
    QTest::newRow("capture-bad-name") << "supplier:{1id}";
    QTest::newRow("duplicate-capture") << "{a}:{a}";
    QTest::newRow("partial-wildcard") << "supplier:dash*";
    QTest::newRow("too-many-segments") << "a:b:c:d:e:f:g:h:i";
    QTest::newRow("too-long") << QString(201, QLatin1Char('a'));
}

void tst_Channels::badPattern()
{
    QFETCH(QString, pattern);
    Error e;
    QVERIFY(!ChannelPattern::parse(pattern, &e).has_value());
    QCOMPARE(e.code, QStringLiteral("ROUTING_BAD_PATTERN"));
    QVERIFY(!e.message.isEmpty());
}

void tst_Channels::names_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("dashboard") << Channels::supplierDashboard("s1") << true;
    QTest::newRow("form") << Channels::formResponse("f1") << true;
    QTest::newRow("journey") << Channels::journeyMilestone("c1") << true;
    QTest::newRow("photography") << Channels::supplierPhotography("o1") << true;
    QTest::newRow("admin") << "venue:v1:alerts" << true;
    QTest::newRow("id-with-colon-makes-extra-segment") << Channels::supplierDashboard("a:b") << true;
    QTest::newRow("empty-id") << Channels::supplierDashboard("") << false;
    QTest::newRow("control-char") << Channels::formResponse("f\n1") << false;
    QTest::newRow("unicode") << Channels::formResponse(QStringLiteral("f\u00e9")) << false;
    QTest::newRow("one segment") << "supplier" << false;
    QTest::newRow("leading colon") << ":supplier:s1" << false;
    QTest::newRow("trailing colon") << "supplier:s1:" << false;
    QTest::newRow("double colon") << "supplier::s1" << false;
    QTest::newRow("eight segments") << "a:b:c:d:e:f:g:h" << true;
    QTest::newRow("nine segments") << "a:b:c:d:e:f:g:h:i" << false;
    QTest::newRow("segment of 64") << QStringLiteral("supplier:") + QString(64, QLatin1Char('x')) << true;
    QTest::newRow("segment of 65") << QStringLiteral("supplier:") + QString(65, QLatin1Char('x')) << false;
    QTest::newRow("200 characters") << QStringLiteral("a:b:c:d:") + QString(62, QLatin1Char('x')) +
                                           QLatin1Char(':') + QString(64, QLatin1Char('y')) +
                                           QLatin1Char(':') + QString(64, QLatin1Char('z'))
                                    << true;
    QTest::newRow("201 characters") << QStringLiteral("a:b:c:d:") + QString(63, QLatin1Char('x')) +
                                           QLatin1Char(':') + QString(64, QLatin1Char('y')) +
                                           QLatin1Char(':') + QString(64, QLatin1Char('z'))
                                    << false;
    QTest::newRow("punctuation allowed") << "form:f_1.2-3" << true;
    QTest::newRow("space") << "form:f 1" << false;
    QTest::newRow("wildcard is not a name") << "supplier:*" << false;
}

void tst_Channels::names()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(Channels::isValidName(name), valid);
}

void tst_Channels::eventTypes_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("matches");
    QTest::newRow("star") << "*"
                          << "booking.created" << true;
    QTest::newRow("empty-is-any") << ""
                                  << "form.submitted" << true;
    QTest::newRow("exact") << "booking.created"
                           << "booking.created" << true;
    QTest::newRow("exact-miss") << "booking.created"
                                << "booking.cancelled" << false;
    QTest::newRow("prefix") << "booking.*"
                            << "booking.cancelled" << true;
    QTest::newRow("prefix-miss") << "booking.*"
                                 << "payment.received" << false;
    QTest::newRow("prefix-needs-dot") << "booking.*"
                                      << "bookingx.created" << false;
}

void tst_Channels::eventTypes()
{
    QFETCH(QString, pattern);
    QFETCH(QString, type);
    QFETCH(bool, matches);
    QCOMPARE(eventTypeMatches(pattern, type), matches);
}

void tst_Channels::channelsOfEvent()
{
    Events::Event e;
    e.type = QStringLiteral("form.submitted");
    e.organizationId = QStringLiteral("org_5");
    e.data =
        QJsonObject{{"supplier_id", "sup_1"},
                    {"form_id", 77},
                    {"couple_id", "cpl_3"},
                    {"supplier_type", "photography"},
                    {"channels", QJsonArray{"venue:v1:alerts", "bad channel", "supplier:dashboard:sup_1"}}};
    QCOMPARE(Channels::forEvent(e),
             (QStringList{"supplier:dashboard:sup_1", "form:response:77", "journey:milestone:cpl_3",
                          "supplier:photography:org_5", "venue:v1:alerts"}));
    e.data = QJsonObject{{"supplier_type", "venue"}};
    QCOMPARE(Channels::forEvent(e), QStringList());
}

QTEST_GUILESS_MAIN(tst_Channels)
#include "tst_channels.moc"
