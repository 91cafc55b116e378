#include "processingfixture.h"
#include "routing/rules.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace WedSync;
using namespace WedSync::Test;
using Events::Event;
using Events::StoredEvent;

namespace {
const QJsonObject kBooking{{"booking_id", "bk_1"},
                           {"supplier_id", "sup_1"},
                           {"supplier_name", "Lens & Co"},
                           {"supplier_phone", "+447700900123"},
                           {"couple_email", "amy@example.com"},
                           {"couple_name", "Amy & Ben"},
                           {"start", "2026-06-20T15:00:00Z"},
                           {"end", "2026-06-20T23:00:00Z"},
                           {"venue", "Hollow Barn"}};

struct Delivered
{
    QString target;
    QString kind;
    int priority;
    QJsonObject payload;
    QJsonObject meta;
};

QList<Delivered> deliveriesFor(ProcessingFixture &f, qint64 seq)
{
    QList<Delivered> out;
    for (const auto &r : f.rows(QStringLiteral("SELECT target, kind, priority, payload, meta FROM deliveries "
                                               "WHERE event_seq = ? ORDER BY target"),
                                {seq})) {
        out.append({r[0].toString(), r[1].toString(), r[2].toInt(),
                    QJsonDocument::fromJson(r[3].toByteArray()).object(),
                    QJsonDocument::fromJson(r[4].toString().toUtf8()).object()});
    }
    return out;
}

QStringList targets(const QList<Delivered> &list)
{
    QStringList t;
    for (const auto &d : list)
        t.append(d.target);
    return t;
}

// The derived events of a parent, by type.
QHash<QString, StoredEvent> derivedOf(ProcessingFixture &f, const Event &parent)
{
    QHash<QString, StoredEvent> out;
    // The parent's chain holds everything derived from it (and from the events derived before it).
    const auto stored = f.journal->find(parent.source, parent.id);
    if (!stored)
        return out;
    for (const StoredEvent &se : f.journal->chain(stored->chainSeq)) {
        if (se.event.causationId == parent.id)
            out.insert(se.event.type, se);
    }
    return out;
}
} // namespace

class tst_Chains : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { TestBackend::cleanup(); }
    void bookingCreated();
    void bookingCancelled_data();
    void bookingCancelled();
    void paymentReceived();
    void formSubmitted();
    void vendorConnected();
    void invalidInputRecorded_data();
    void invalidInputRecorded();
    void timelineChangeToCrm();
    void capacityChangeAlerts();
    void weddingDayEmergencyFansOut();
    void emergencyNotOnWeddingDay();
    void unconfiguredChannelsSkipped();
    void paymentAmounts_data();
    void paymentAmounts();
    void crmJobBooksTheWeddingDay();
    void calendlyCancellationFindsItsBooking();
    void unconfiguredConnectorTargetsSkipped_data();
    void unconfiguredConnectorTargetsSkipped();
    void unconfiguredNotificationsSkipped();
};

void tst_Chains::bookingCreated()
{
    ProcessingFixture f;
    QVERIFY(f.start());
    const Event root = rootEvent(QStringLiteral("booking.created"), QStringLiteral("cal_1"), kBooking,
                                 QStringLiteral("calendly"));
    const qint64 seq = f.append(root);
    WEDSYNC_DRAIN(f);

    const auto kids = derivedOf(f, root);
    QCOMPARE(kids.size(), 3);
    QStringList types = kids.keys();
    types.sort();
    QCOMPARE(types, (QStringList{"calendar.block", "email.send", "notification.send"}));
    int index = 0;
    for (const QString &t : {QStringLiteral("email.send"), QStringLiteral("notification.send"),
                             QStringLiteral("calendar.block")}) {
        const Event &d = kids[t].event;
        QCOMPARE(d.correlationId, root.correlationId);
        QCOMPARE(d.causationId, root.id);
        QCOMPARE(d.source, QStringLiteral("engine"));
        QCOMPARE(d.weddingId, root.weddingId);
        QCOMPARE(d.id, Processing::Processor::derivedEventId(*f.journal->at(seq),
                                                             QStringLiteral("booking.created"), index++));
        QVERIFY(kids[t].seq > seq);
        QCOMPARE(kids[t].chainSeq, seq);
    }
    const QJsonObject block = kids["calendar.block"].event.data;
    QCOMPARE(block.value("supplier_id").toString(), QStringLiteral("sup_1"));
    QCOMPARE(block.value("booking_id").toString(), QStringLiteral("bk_1"));
    QCOMPARE(block.value("start").toString(), QStringLiteral("2026-06-20T15:00:00.000Z"));
    QCOMPARE(block.value("end").toString(), QStringLiteral("2026-06-20T23:00:00.000Z"));
    QCOMPARE(kids["email.send"].event.data.value("template").toString(),
             QStringLiteral("booking_confirmation"));
    QCOMPARE(kids["email.send"].event.data.value("to").toArray(), (QJsonArray{"amy@example.com"}));
    QCOMPARE(kids["notification.send"].event.data.value("template").toString(),
             QStringLiteral("new_booking"));

    // Side effect: the booking row.
    const auto booking =
        f.rows(QStringLiteral("SELECT status, supplier_id, couple_email, start_at, end_at FROM bookings "
                              "WHERE booking_id = 'bk_1'"));
    QCOMPARE(booking.size(), 1);
    QCOMPARE(booking[0][0].toString(), QStringLiteral("confirmed"));
    QCOMPARE(booking[0][1].toString(), QStringLiteral("sup_1"));
    QCOMPARE(booking[0][2].toString(), QStringLiteral("amy@example.com"));
    QCOMPARE(booking[0][3].toLongLong(),
             QDateTime(QDate(2026, 6, 20), QTime(15, 0), Qt::UTC).toMSecsSinceEpoch());

    // Deliveries: the root on supplier:dashboard:sup_1 (default mapping), the confirmation email to the
    // couple, the supplier notification on Slack and WhatsApp.
    QCOMPARE(targets(deliveriesFor(f, seq)),
             (QStringList{"photography-crm", "venue-management", "whatsapp-business"}));
    const auto email = deliveriesFor(f, kids["email.send"].seq);
    QCOMPARE(targets(email), QStringList{"email-service"});
    QCOMPARE(email[0].kind, QStringLiteral("email"));
    QCOMPARE(email[0].payload.value("to").toArray(), (QJsonArray{"amy@example.com"}));
    QVERIFY(email[0].payload.value("subject").toString().contains(QLatin1String("Lens & Co")));
    QVERIFY(email[0].payload.value("html").toString().contains(QLatin1String("Lens &amp; Co")));
    QCOMPARE(email[0].meta.value("url").toString(), QStringLiteral("http://127.0.0.1:9/emails"));
    const auto notify = deliveriesFor(f, kids["notification.send"].seq);
    QCOMPARE(targets(notify), (QStringList{"slack-notifications", "whatsapp-business"}));
    QVERIFY(notify[0].payload.value("text").toString().contains(
        QLatin1String("New booking bk_1 from Amy &amp; Ben")));
    QCOMPARE(notify[1].payload.value("to").toString(), QStringLiteral("447700900123"));
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM processing_errors")), qint64(0));
    QCOMPARE(Processing::Processor::storedCursor(f.db.get(), QStringLiteral("main")), f.journal->lastSeq());
}

void tst_Chains::bookingCancelled_data()
{
    QTest::addColumn<QJsonValue>("refund");
    QTest::addColumn<QStringList>("derived");
    QTest::newRow("with-refund") << QJsonValue(25000) << QStringList{"calendar.unblock", "payment.refund"};
    QTest::newRow("zero-refund") << QJsonValue(0) << QStringList{"calendar.unblock"};
    QTest::newRow("no-refund-field") << QJsonValue(QJsonValue::Undefined) << QStringList{"calendar.unblock"};
}

void tst_Chains::bookingCancelled()
{
    QFETCH(QJsonValue, refund);
    QFETCH(QStringList, derived);
    ProcessingFixture f;
    QVERIFY(f.start());
    f.append(rootEvent(QStringLiteral("booking.created"), QStringLiteral("cal_1"), kBooking));
    QJsonObject data{{"booking_id", "bk_1"}, {"supplier_id", "sup_1"}, {"currency", "gbp"}};
    if (!refund.isUndefined())
        data.insert("refund_amount", refund);
    const Event root = rootEvent(QStringLiteral("booking.cancelled"), QStringLiteral("cal_2"), data);
    f.append(root);
    WEDSYNC_DRAIN(f);
    const auto kids = derivedOf(f, root);
    QStringList types = kids.keys();
    types.sort();
    QCOMPARE(types, derived);
    if (kids.contains("payment.refund")) {
        QCOMPARE(kids["payment.refund"].event.data.value("amount").toInt(), 25000);
        QCOMPARE(kids["payment.refund"].event.data.value("booking_id").toString(), QStringLiteral("bk_1"));
        QCOMPARE(kids["payment.refund"].event.causationId, root.id);
    }
    QCOMPARE(kids["calendar.unblock"].event.data.value("booking_id").toString(), QStringLiteral("bk_1"));
    QCOMPARE(f.rows(QStringLiteral("SELECT status FROM bookings WHERE booking_id = 'bk_1'"))
                 .value(0)
                 .value(0)
                 .toString(),
             QStringLiteral("cancelled"));
}

void tst_Chains::paymentReceived()
{
    ProcessingFixture f;
    QVERIFY(f.start());
    f.append(rootEvent(QStringLiteral("booking.created"), QStringLiteral("cal_1"), kBooking));
    WEDSYNC_DRAIN(f);
    // Stripe shape: the booking id in metadata, no email: the receipt goes to the booking's couple.
    const Event root = rootEvent(
        QStringLiteral("payment.received"), QStringLiteral("pi_1"),
        {{"amount", 150000}, {"currency", "gbp"}, {"metadata", QJsonObject{{"booking_id", "bk_1"}}}},
        QStringLiteral("stripe"));
    f.append(root);
    WEDSYNC_DRAIN(f);
    const auto b = f.rows(QStringLiteral(
        "SELECT status, paid_amount, currency, paid_at FROM bookings WHERE booking_id = 'bk_1'"));
    QCOMPARE(b.size(), 1);
    QCOMPARE(b[0][0].toString(), QStringLiteral("paid"));
    QCOMPARE(b[0][1].toLongLong(), qint64(150000));
    QCOMPARE(b[0][2].toString(), QStringLiteral("gbp"));
    QCOMPARE(b[0][3].toLongLong(), root.timestamp.toMSecsSinceEpoch());
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM payments WHERE booking_id = 'bk_1'")), qint64(1));
    const auto kids = derivedOf(f, root);
    QCOMPARE(kids.keys(), QStringList{"email.send"});
    QCOMPARE(kids["email.send"].event.data.value("template").toString(), QStringLiteral("payment_receipt"));
    const auto email = deliveriesFor(f, kids["email.send"].seq);
    QCOMPARE(targets(email), QStringList{"email-service"});
    QCOMPARE(email[0].payload.value("to").toArray(), (QJsonArray{"amy@example.com"}));
    QVERIFY(email[0].payload.value("subject").toString().contains(QLatin1String("1500.00 GBP")));

    // A second payment adds up; a payment for an unknown booking creates it as paid.
    f.append(rootEvent(
        QStringLiteral("payment.received"), QStringLiteral("pi_2"),
        {{"amount", 50000}, {"currency", "gbp"}, {"booking_id", "bk_1"}, {"couple_email", "amy@example.com"}},
        QStringLiteral("stripe")));
    f.append(rootEvent(QStringLiteral("payment.received"), QStringLiteral("pi_3"),
                       {{"amount", 100}, {"booking_id", "bk_new"}, {"email", "c@example.com"}},
                       QStringLiteral("stripe")));
    WEDSYNC_DRAIN(f);
    QCOMPARE(f.count(QStringLiteral("SELECT paid_amount FROM bookings WHERE booking_id = 'bk_1'")),
             qint64(200000));
    QCOMPARE(f.rows(QStringLiteral("SELECT status FROM bookings WHERE booking_id = 'bk_new'"))
                 .value(0)
                 .value(0)
                 .toString(),
             QStringLiteral("paid"));
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM processing_errors")), qint64(0));
}

void tst_Chains::formSubmitted()
{
    ProcessingFixture f;
    QVERIFY(f.start());
    const Event root =
        rootEvent(QStringLiteral("form.submitted"), QStringLiteral("fs_1"),
                  {{"form_id", "f_9"},
                   {"form_name", "Wedding <questionnaire>"},
                   {"supplier_id", "sup_1"},
                   {"respondent_email", "amy@example.com"},
                   {"respondent_name", "Amy"},
                   {"answers", QJsonObject{{"first_dance", "At Last\u0007"}, {"guests", 120}}}});
    const qint64 seq = f.append(root);
    WEDSYNC_DRAIN(f);
    const auto stored =
        f.rows(QStringLiteral("SELECT form_id, supplier_id, respondent_email, answers, event_seq "
                              "FROM form_submissions"));
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored[0][0].toString(), QStringLiteral("f_9"));
    QCOMPARE(stored[0][2].toString(), QStringLiteral("amy@example.com"));
    const QJsonObject answers = QJsonDocument::fromJson(stored[0][3].toString().toUtf8()).object();
    QCOMPARE(answers.value("first_dance").toString(), QStringLiteral("At Last")); // sanitized
    QCOMPARE(answers.value("guests").toInt(), 120);
    QCOMPARE(stored[0][4].toLongLong(), seq);
    const auto kids = derivedOf(f, root);
    QCOMPARE(kids.keys(), QStringList{"notification.send"});
    QCOMPARE(kids["notification.send"].event.data.value("template").toString(),
             QStringLiteral("form_submitted"));
    const auto slack = deliveriesFor(f, kids["notification.send"].seq);
    QCOMPARE(targets(slack), QStringList{"slack-notifications"});
    QVERIFY2(slack[0].payload.value("text").toString().contains(
                 QLatin1String("Wedding &lt;questionnaire&gt; from Amy")),
             qPrintable(slack[0].payload.value("text").toString()));
    // The root is published on form:response:f_9 and on supplier:dashboard:sup_1.
    QCOMPARE(targets(deliveriesFor(f, seq)), (QStringList{"photography-crm", "slack-notifications",
                                                          "supplier-dashboards", "venue-management"}));
}

void tst_Chains::vendorConnected()
{
    ProcessingFixture f;
    QVERIFY(f.start());
    const Event root = rootEvent(QStringLiteral("vendor.connected"), QStringLiteral("cus_1"),
                                 {{"vendor_id", "v_1"},
                                  {"vendor_type", "photographer"},
                                  {"vendor_email", "lens@example.com"},
                                  {"vendor_name", "Lens Co"}},
                                 QStringLiteral("stripe"));
    f.append(root);
    WEDSYNC_DRAIN(f);
    const auto kids = derivedOf(f, root);
    QStringList types = kids.keys();
    types.sort();
    QCOMPARE(types, (QStringList{"email.send", "integration.sync"}));
    QCOMPARE(kids["integration.sync"].event.data.value("mode").toString(), QStringLiteral("initial"));
    QCOMPARE(kids["integration.sync"].event.data.value("vendor_id").toString(), QStringLiteral("v_1"));
    QCOMPARE(kids["email.send"].event.data.value("template").toString(), QStringLiteral("vendor_welcome"));
    const auto mail = deliveriesFor(f, kids["email.send"].seq);
    QCOMPARE(targets(mail), QStringList{"email-service"});
    QCOMPARE(mail[0].payload.value("to").toArray(), (QJsonArray{"lens@example.com"}));
    QVERIFY(
        mail[0].payload.value("subject").toString().contains(QLatin1String("Welcome to WedSync, Lens Co")));

    // Without an address: the sync still starts and the missing welcome is recorded.
    const Event bare = rootEvent(QStringLiteral("vendor.connected"), QStringLiteral("cus_2"),
                                 {{"vendor_id", "v_2"}}, QStringLiteral("stripe"));
    f.append(bare);
    WEDSYNC_DRAIN(f);
    QCOMPARE(derivedOf(f, bare).keys(), QStringList{"integration.sync"});
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM processing_errors WHERE event_id = 'cus_2' AND "
                                    "handler = 'vendor.connected/vendor_welcome'")),
             qint64(1));
}

void tst_Chains::invalidInputRecorded_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<QString>("handler");
    QTest::newRow("booking-without-email")
        << "booking.created" << QJsonObject{{"supplier_id", "s"}, {"start", "2026-06-20T15:00:00Z"}}
        << "booking.created";
    QTest::newRow("booking-bad-start")
        << "booking.created"
        << QJsonObject{{"supplier_id", "s"}, {"couple_email", "a@b.co"}, {"start", "3pm"}}
        << "booking.created";
    QTest::newRow("cancel-without-booking")
        << "booking.cancelled" << QJsonObject{{"refund_amount", 5}} << "booking.cancelled";
    QTest::newRow("cancel-negative-refund")
        << "booking.cancelled" << QJsonObject{{"booking_id", "b"}, {"refund_amount", -5}}
        << "booking.cancelled";
    QTest::newRow("payment-without-amount")
        << "payment.received" << QJsonObject{{"booking_id", "b"}} << "payment.received";
    QTest::newRow("form-without-id") << "form.submitted" << QJsonObject{{"answers", QJsonObject{}}}
                                     << "form.submitted";
    QTest::newRow("timeline-without-venue")
        << "timeline.changed"
        << QJsonObject{{"change", QJsonObject{{"field", "ceremony_time"}, {"to", "16:00"}}}}
        << "transform.timeline";
}

void tst_Chains::invalidInputRecorded()
{
    QFETCH(QString, type);
    QFETCH(QJsonObject, data);
    QFETCH(QString, handler);
    ProcessingFixture f;
    QVERIFY(f.start());
    const Event root = rootEvent(type, QStringLiteral("bad_1"), data);
    const qint64 seq = f.append(root);
    WEDSYNC_DRAIN(f);
    QVERIFY(derivedOf(f, root).isEmpty());
    const auto errors = f.processor->handlerErrors();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].eventSeq, seq);
    QCOMPARE(errors[0].eventId, QStringLiteral("bad_1"));
    QCOMPARE(errors[0].handler, handler);
    QCOMPARE(errors[0].code, QStringLiteral("VALIDATION_FAILED"));
    QCOMPARE(errors[0].attempts, 1); // bad input is not retried
    QVERIFY(!errors[0].message.isEmpty());
}

void tst_Chains::timelineChangeToCrm()
{
    ProcessingFixture f;
    QVERIFY(f.start());
    const Event root =
        rootEvent(QStringLiteral("timeline.changed"), QStringLiteral("tl_1"),
                  {{"venue", "Hollow Barn"},
                   {"change", QJsonObject{{"field", "ceremony_time"}, {"from", "15:00"}, {"to", "16:00"}}},
                   {"timeline", QJsonArray{QJsonObject{{"time", "16:00"}, {"item", "Ceremony"}}}}},
                  QStringLiteral("tave"));
    f.append(root);
    WEDSYNC_DRAIN(f);
    const auto kids = derivedOf(f, root);
    QCOMPARE(kids.keys(), QStringList{"crm.job.updated"});
    const auto crm = deliveriesFor(f, kids["crm.job.updated"].seq);
    QCOMPARE(targets(crm), QStringList{"photography-crm"});
    QCOMPARE(crm[0].priority, int(Delivery::Priority::High));
    // The seeded rule's field mapping shapes the CRM body.
    QCOMPARE(crm[0].payload.value("job_id").toString(), QStringLiteral("wed_1"));
    QCOMPARE(crm[0].payload.value("venue").toString(), QStringLiteral("Hollow Barn"));
    QCOMPARE(crm[0].payload.value("timeline").toArray().size(), 1);
    QCOMPARE(crm[0].payload.value("change").toObject().value("to").toString(), QStringLiteral("16:00"));
    QCOMPARE(crm[0].payload.value("organization_id").toString(), QStringLiteral("org_1"));
}

void tst_Chains::capacityChangeAlerts()
{
    ProcessingFixture f;
    QVERIFY(f.start());
    const Event root = rootEvent(QStringLiteral("venue.capacity_changed"), QStringLiteral("cap_1"),
                                 {{"venue", "Hollow Barn"},
                                  {"old_capacity", 150},
                                  {"new_capacity", 100},
                                  {"guest_count", 120},
                                  {"couple_email", "amy@example.com"},
                                  {"couple_name", "Amy"}});
    f.append(root);
    WEDSYNC_DRAIN(f);
    const auto kids = derivedOf(f, root);
    QCOMPARE(kids.keys(), QStringList{"guest_count.alert"});
    QCOMPARE(kids["guest_count.alert"].event.data.value("over_by").toInt(), 20);
    const auto out = deliveriesFor(f, kids["guest_count.alert"].seq);
    QCOMPARE(targets(out), (QStringList{"email-service", "slack-catering"}));
    QCOMPARE(out[0].payload.value("to").toArray(), (QJsonArray{"amy@example.com"}));
    QVERIFY(out[0].payload.value("text").toString().contains(QLatin1String("which is 20 over")));
    QCOMPARE(out[1].kind, QStringLiteral("slack"));
    QVERIFY(out[1].payload.value("text").toString().startsWith(
        QLatin1String("Catering: Hollow Barn capacity is now 100")));
    QCOMPARE(out[1].meta.value("url").toString(), QStringLiteral("http://127.0.0.1:9/slack-catering"));
    QCOMPARE(out[0].priority, int(Delivery::Priority::High));
}

void tst_Chains::weddingDayEmergencyFansOut()
{
    ProcessingFixture f;
    QVERIFY(f.start());
    const Event root =
        rootEvent(QStringLiteral("message.sent"), QStringLiteral("msg_1"),
                  {{"emergency", "power outage"},
                   {"details", "generator <b>failed</b>"},
                   {"venue", "Hollow Barn"},
                   {"wedding_date", "2026-06-20"},
                   {"contacts", QJsonObject{{"whatsapp", QJsonArray{"+447700900123", "+447700900456",
                                                                    "+447700900123", "+33612345678"}},
                                            {"email", QJsonArray{"plan@example.com", "amy@example.com"}}}}});
    f.append(root);
    WEDSYNC_DRAIN(f);
    const auto kids = derivedOf(f, root);
    QCOMPARE(kids.keys(), QStringList{"emergency.escalated"});
    QCOMPARE(kids["emergency.escalated"].event.data.value("severity").toString(), QStringLiteral("urgent"));
    const auto out = deliveriesFor(f, kids["emergency.escalated"].seq);
    // Every distinct WhatsApp contact gets its own message (the repeated number only once).
    QCOMPARE(targets(out), (QStringList{"email-service", "slack-notifications", "whatsapp-business",
                                        "whatsapp-business", "whatsapp-business"}));
    for (const auto &d : out)
        QCOMPARE(d.priority, int(Delivery::Priority::Urgent));
    QCOMPARE(out[0].payload.value("to").toArray(), (QJsonArray{"plan@example.com", "amy@example.com"}));
    QVERIFY(out[0].payload.value("html").toString().contains(
        QLatin1String("generator &lt;b&gt;failed&lt;/b&gt;")));
    QVERIFY(out[1].payload.value("text").toString().startsWith(QLatin1String("<!channel> URGENT")));
    QStringList phones;
    for (int i = 2; i < out.size(); ++i) {
        phones.append(out[i].payload.value("to").toString());
        QVERIFY(out[i].payload.value("text").toObject().value("body").toString().contains(
            QLatin1String("power outage")));
    }
    phones.sort();
    QCOMPARE(phones, (QStringList{"33612345678", "447700900123", "447700900456"}));
    // Distinct delivery ids: each message is its own webhook-id and none overwrote another.
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(DISTINCT id) FROM deliveries WHERE event_seq = ? AND "
                                    "kind = 'whatsapp'"),
                     {kids["emergency.escalated"].seq}),
             qint64(3));
}

void tst_Chains::emergencyNotOnWeddingDay()
{
    ProcessingFixture f;
    QVERIFY(f.start());
    const Event root = rootEvent(QStringLiteral("message.sent"), QStringLiteral("msg_2"),
                                 {{"emergency", "power outage"}, {"wedding_date", "2026-07-01"}});
    f.append(root);
    WEDSYNC_DRAIN(f);
    QVERIFY(derivedOf(f, root).isEmpty());
}

void tst_Chains::unconfiguredChannelsSkipped()
{
    ProcessingFixture f;
    f.options.notify = {};
    QVERIFY(f.start());
    const Event root = rootEvent(QStringLiteral("booking.created"), QStringLiteral("cal_9"), kBooking);
    f.append(root);
    WEDSYNC_DRAIN(f);
    // The chain still runs and connectors still get their rows; notifications without endpoints are skipped.
    QCOMPARE(derivedOf(f, root).size(), 3);
    QCOMPARE(
        f.count(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE kind IN ('email','slack','whatsapp')")),
        qint64(0));
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE kind = 'connector'")), qint64(2));
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM processing_errors")), qint64(0));
}

void tst_Chains::paymentAmounts_data()
{
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<qint64>("paid"); // 0: refused as VALIDATION_FAILED
    QTest::newRow("minor units") << QJsonObject{{"amount", 150000}, {"currency", "usd"}} << qint64(150000);
    QTest::newRow("paypal decimal") << QJsonObject{{"amount", "300.00"}, {"currency", "USD"}}
                                    << qint64(30000);
    QTest::newRow("one decimal") << QJsonObject{{"amount", "12.5"}, {"currency", "eur"}} << qint64(1250);
    QTest::newRow("whole string") << QJsonObject{{"amount", "45"}, {"currency", "gbp"}} << qint64(4500);
    QTest::newRow("yen has no minor unit")
        << QJsonObject{{"amount", "1500"}, {"currency", "JPY"}} << qint64(1500);
    QTest::newRow("yen with a fraction")
        << QJsonObject{{"amount", "1500.50"}, {"currency", "jpy"}} << qint64(0);
    QTest::newRow("three decimals") << QJsonObject{{"amount", "1.005"}, {"currency", "usd"}} << qint64(0);
    QTest::newRow("negative") << QJsonObject{{"amount", "-5.00"}, {"currency", "usd"}} << qint64(0);
    QTest::newRow("zero") << QJsonObject{{"amount", 0}, {"currency", "usd"}} << qint64(0);
    QTest::newRow("text") << QJsonObject{{"amount", "lots"}, {"currency", "usd"}} << qint64(0);
    QTest::newRow("missing") << QJsonObject{{"currency", "usd"}} << qint64(0);
}

void tst_Chains::paymentAmounts()
{
    QFETCH(QJsonObject, data);
    QFETCH(qint64, paid);
    ProcessingFixture f;
    QVERIFY(f.start());
    // A CRM's job id is the booking; the receipt goes to the payer.
    data.insert("job_id", "job_77");
    data.insert("receipt_email", "payer@example.com");
    f.append(rootEvent(QStringLiteral("payment.received"), QStringLiteral("pay_1"), data,
                       QStringLiteral("paypal")));
    WEDSYNC_DRAIN(f);
    const auto rows = f.rows(QStringLiteral("SELECT amount FROM payments WHERE booking_id = 'job_77'"));
    if (paid == 0) {
        QCOMPARE(rows.size(), 0);
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM processing_errors WHERE code = "
                                        "'VALIDATION_FAILED' AND event_type = 'payment.received'")),
                 qint64(1));
        return;
    }
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0][0].toLongLong(), paid);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM processing_errors")), qint64(0));
}

void tst_Chains::crmJobBooksTheWeddingDay()
{
    ProcessingFixture f;
    QVERIFY(f.start());
    // A photography CRM's job.created: no meeting time, only the wedding date; the job id is the booking.
    const Event root = rootEvent(QStringLiteral("booking.created"), QStringLiteral("crm_1"),
                                 {{"job_id", "job_1001"},
                                  {"event_date", "2026-07-18"},
                                  {"venue", "Old Mill Barn"},
                                  {"couple_name", "Amelia & Noah"},
                                  {"couple_email", "amelia.noah@example.com"}},
                                 QStringLiteral("tave"));
    f.append(root);
    WEDSYNC_DRAIN(f);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM processing_errors")), qint64(0));
    const auto b =
        f.rows(QStringLiteral("SELECT start_at, end_at, couple_email FROM bookings WHERE booking_id "
                              "= 'job_1001'"));
    QCOMPARE(b.size(), 1);
    const QDateTime day(QDate(2026, 7, 18), QTime(0, 0), Qt::UTC);
    QCOMPARE(b[0][0].toLongLong(), day.toMSecsSinceEpoch());
    QCOMPARE(b[0][1].toLongLong(), day.addDays(1).toMSecsSinceEpoch());
    QCOMPARE(b[0][2].toString(), QStringLiteral("amelia.noah@example.com"));
    QCOMPARE(derivedOf(f, root).value("calendar.block").event.data.value("booking_id").toString(),
             QStringLiteral("job_1001"));

    // Neither a start time nor a valid date: refused, with a message naming both.
    f.append(
        rootEvent(QStringLiteral("booking.created"), QStringLiteral("crm_2"),
                  {{"job_id", "job_1002"}, {"event_date", "18/07/2026"}, {"couple_email", "a@example.com"}},
                  QStringLiteral("tave")));
    WEDSYNC_DRAIN(f);
    const auto err = f.rows(QStringLiteral("SELECT message FROM processing_errors"));
    QCOMPARE(err.size(), 1);
    QVERIFY(err[0][0].toString().contains(QLatin1String("data.event_date")));
}

void tst_Chains::calendlyCancellationFindsItsBooking()
{
    ProcessingFixture f;
    QVERIFY(f.start());
    const QString invitee = QStringLiteral("https://api.calendly.com/scheduled_events/GBG/invitees/AAA");
    // As the Calendly standardizer writes them: the invitee's URI names the booking in both events.
    f.append(rootEvent(QStringLiteral("booking.created"), QStringLiteral("invitee.created:AAA"),
                       {{"attendee_email", "sam@example.com"},
                        {"meeting_time", "2026-07-01T15:00:00Z"},
                        {"duration_minutes", 45},
                        {"invitee_uri", invitee}},
                       QStringLiteral("calendly")));
    WEDSYNC_DRAIN(f);
    QCOMPARE(f.rows(QStringLiteral("SELECT status FROM bookings WHERE booking_id = ?"), {invitee}).size(), 1);
    f.append(rootEvent(QStringLiteral("booking.cancelled"), QStringLiteral("invitee.canceled:AAA"),
                       {{"invitee_uri", invitee}}, QStringLiteral("calendly")));
    WEDSYNC_DRAIN(f);
    const auto rows = f.rows(QStringLiteral("SELECT status, couple_email FROM bookings"));
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0][0].toString(), QStringLiteral("cancelled"));
    QCOMPARE(rows[0][1].toString(), QStringLiteral("sam@example.com"));
}

void tst_Chains::unconfiguredConnectorTargetsSkipped_data()
{
    QTest::addColumn<bool>("restrict");
    QTest::addColumn<QStringList>("configured");
    QTest::addColumn<QStringList>("expected");
    // Unrestricted (no connector list given): every rule routes, as a node sharing the queue might deliver.
    QTest::newRow("unrestricted") << false << QStringList{}
                                  << QStringList{"photography-crm", "venue-management", "whatsapp-business"};
    QTest::newRow("none configured") << true << QStringList{} << QStringList{"whatsapp-business"};
    QTest::newRow("crm configured") << true << QStringList{"photography-crm"}
                                    << QStringList{"photography-crm", "whatsapp-business"};
    QTest::newRow("other connector only")
        << true << QStringList{"zapier"} << QStringList{"whatsapp-business"};
}

void tst_Chains::unconfiguredConnectorTargetsSkipped()
{
    QFETCH(bool, restrict);
    QFETCH(QStringList, configured);
    QFETCH(QStringList, expected);
    ProcessingFixture f;
    if (restrict)
        f.options.connectorTargets = QSet<QString>(configured.cbegin(), configured.cend());
    QVERIFY(f.start());
    const Event root = rootEvent(QStringLiteral("booking.created"), QStringLiteral("cal_c1"), kBooking);
    const qint64 seq = f.append(root);
    WEDSYNC_DRAIN(f);
    // Rules to an unconfigured connector queue nothing (and record no error); the rest route as before.
    QCOMPARE(targets(deliveriesFor(f, seq)), expected);
    QCOMPARE(derivedOf(f, root).size(), 3);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM processing_errors")), qint64(0));
}

void tst_Chains::unconfiguredNotificationsSkipped()
{
    // A fresh install has no Slack, WhatsApp or mail API: the chain still runs and journals its derived
    // events, the notifications are skipped without an error row, but a bad template is still refused.
    ProcessingFixture f;
    f.options.notify = {};
    QVERIFY(f.start());
    const Event root = rootEvent(QStringLiteral("booking.created"), QStringLiteral("cal_9"), kBooking,
                                 QStringLiteral("calendly"));
    const qint64 seq = f.append(root);
    const Event badTemplate =
        rootEvent(QStringLiteral("email.send"), QStringLiteral("mail_9"),
                  {{"template", "no_such_template"}, {"to", QJsonArray{"amy@example.com"}}});
    const qint64 badSeq = f.append(badTemplate);
    WEDSYNC_DRAIN(f);

    const auto kids = derivedOf(f, root);
    QCOMPARE(kids.size(), 3);
    QVERIFY(deliveriesFor(f, kids["email.send"].seq).isEmpty());
    QVERIFY(deliveriesFor(f, kids["notification.send"].seq).isEmpty());
    // The root's channel routes to the CRM and venue connectors; the WhatsApp rule has no endpoint.
    QCOMPARE(targets(deliveriesFor(f, seq)), (QStringList{"photography-crm", "venue-management"}));
    const auto errors = f.processor->handlerErrors();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].eventSeq, badSeq);
    QCOMPARE(errors[0].code, QStringLiteral("NOTIFY_UNKNOWN_TEMPLATE"));
}

QTEST_GUILESS_MAIN(tst_Chains)

#include "tst_chains.moc"
