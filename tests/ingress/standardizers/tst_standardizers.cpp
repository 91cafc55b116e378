// Standardization of every source: the mapping tables (vendor type -> standard event, data fields, ids,
// timestamps, wedding/organization ids), refusal of unmapped types, malformed bodies, field-level errors,
// idempotent ids on redelivery and the media types each source accepts.
#include "ingress/sourceregistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Ingress;

using Headers = QList<QPair<QByteArray, QByteArray>>;
Q_DECLARE_METATYPE(Headers)

namespace {
QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject stripeEvent(const QString &type, const QJsonObject &object)
{
    return {{"id", "evt_1NG8Du2eZvKYlo2CUI79vXWy"},
            {"object", "event"},
            {"api_version", "2023-10-16"},
            {"created", 1781956800},
            {"livemode", false},
            {"type", type},
            {"data", QJsonObject{{"object", object}}}};
}

QJsonObject paymentIntent()
{
    return {{"id", "pi_3NG8Dt2eZvKYlo2C0wSrBwYa"},
            {"object", "payment_intent"},
            {"amount", 250000},
            {"amount_received", 250000},
            {"currency", "gbp"},
            {"customer", "cus_NzC3"},
            {"metadata", QJsonObject{{"wedding_id", "wed_42"}, {"organization_id", "org_7"}}}};
}

QJsonObject calendly(const QString &event)
{
    QJsonObject scheduled{{"uri", "https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2"},
                          {"name", "Venue walkthrough"},
                          {"start_time", "2026-07-01T15:00:00.000000Z"},
                          {"end_time", "2026-07-01T15:45:00.000000Z"},
                          {"location", QJsonObject{{"type", "zoom"}, {"join_url", "https://zoom.us/j/123"}}}};
    QJsonObject payload{
        {"uri", "https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2/invitees/AAAAAAAAAAAAAAAA"},
        {"email", "sam@example.com"},
        {"name", "Sam Rivera"},
        {"status", event == QLatin1String("invitee.canceled") ? "canceled" : "active"},
        {"scheduled_event", scheduled},
        {"tracking", QJsonObject{{"utm_content", "wed_42"}, {"utm_campaign", "org_7"}}}};
    if (event == QLatin1String("invitee.canceled"))
        payload.insert("cancellation", QJsonObject{{"canceled_by", "Sam Rivera"}, {"reason", "date moved"}});
    return {{"event", event},
            {"created_at", "2026-06-20T11:59:00.000000Z"},
            {"created_by", "https://api.calendly.com/users/AAAAAAAAAAAAAAAA"},
            {"payload", payload}};
}

QJsonObject crm(const QString &type, const QJsonObject &data)
{
    return {{"id", "crm_evt_991"},
            {"type", type},
            {"occurred_at", "2026-06-20T09:30:00Z"},
            {"wedding_id", "wed_42"},
            {"organization_id", "org_7"},
            {"data", data}};
}
} // namespace

class tst_Standardizers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mapping_data();
    void mapping();
    void redeliverySameId_data();
    void redeliverySameId();
    void mediaTypes_data();
    void mediaTypes();
};

void tst_Standardizers::mapping_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<QString>("code"); // "" = accepted
    QTest::addColumn<QString>("type"); // or, on failure, the first field in error
    QTest::addColumn<QString>("id");   // "#" = a body hash
    QTest::addColumn<QString>("timestamp");
    QTest::addColumn<QString>("wedding");
    QTest::addColumn<QJsonObject>("data"); // a subset of the expected data

    const QString ok;
    const QString vf = QStringLiteral("VALIDATION_FAILED");
    const QString ij = QStringLiteral("INVALID_JSON");
    // --- stripe
    QTest::newRow("stripe payment_intent.succeeded")
        << "stripe" << json(stripeEvent("payment_intent.succeeded", paymentIntent())) << Headers{} << ok
        << "payment.received"
        << "evt_1NG8Du2eZvKYlo2CUI79vXWy"
        << "2026-06-20T12:00:00.000Z"
        << "wed_42"
        << QJsonObject{{"amount", 250000},
                       {"currency", "gbp"},
                       {"customer", "cus_NzC3"},
                       {"metadata", QJsonObject{{"wedding_id", "wed_42"}, {"organization_id", "org_7"}}}};
    QJsonObject withReceipt = paymentIntent();
    withReceipt.insert("receipt_email", "amy@example.com");
    QTest::newRow("stripe payment_intent receipt email")
        << "stripe" << json(stripeEvent("payment_intent.succeeded", withReceipt)) << Headers{} << ok
        << "payment.received"
        << "evt_1NG8Du2eZvKYlo2CUI79vXWy"
        << "2026-06-20T12:00:00.000Z"
        << "wed_42" << QJsonObject{{"amount", 250000}, {"receipt_email", "amy@example.com"}};
    QJsonObject failedIntent = paymentIntent();
    failedIntent.remove("amount_received");
    failedIntent.insert("last_payment_error", QJsonObject{{"message", "Your card was declined."}});
    QTest::newRow("stripe payment_intent.payment_failed")
        << "stripe" << json(stripeEvent("payment_intent.payment_failed", failedIntent)) << Headers{} << ok
        << "payment.failed"
        << "evt_1NG8Du2eZvKYlo2CUI79vXWy"
        << "2026-06-20T12:00:00.000Z"
        << "wed_42" << QJsonObject{{"amount", 250000}, {"failure_message", "Your card was declined."}};
    QTest::newRow("stripe invoice.payment_succeeded")
        << "stripe"
        << json(stripeEvent("invoice.payment_succeeded", {{"id", "in_1"},
                                                          {"amount_paid", 99000},
                                                          {"currency", "usd"},
                                                          {"customer", "cus_9"},
                                                          {"payment_intent", "pi_9"},
                                                          {"metadata", QJsonObject{}}}))
        << Headers{} << ok << "payment.received"
        << "evt_1NG8Du2eZvKYlo2CUI79vXWy"
        << "2026-06-20T12:00:00.000Z"
        << ""
        << QJsonObject{
               {"amount", 99000}, {"currency", "usd"}, {"customer", "cus_9"}, {"payment_intent", "pi_9"}};
    QTest::newRow("stripe customer.created")
        << "stripe"
        << json(stripeEvent("customer.created", {{"id", "cus_NzC3"},
                                                 {"email", "studio@example.com"},
                                                 {"name", "Lens & Light"},
                                                 {"metadata", QJsonObject{{"organization_id", "org_7"}}}}))
        << Headers{} << ok << "vendor.connected"
        << "evt_1NG8Du2eZvKYlo2CUI79vXWy"
        << "2026-06-20T12:00:00.000Z"
        << "" << QJsonObject{{"customer", "cus_NzC3"}, {"email", "studio@example.com"}};
    QTest::newRow("stripe unmapped type refused")
        << "stripe" << json(stripeEvent("charge.refunded", paymentIntent())) << Headers{} << vf << "type"
        << ""
        << ""
        << "" << QJsonObject{};
    QJsonObject noAmount = paymentIntent();
    noAmount.remove("amount");
    noAmount.remove("amount_received");
    QTest::newRow("stripe missing amount")
        << "stripe" << json(stripeEvent("payment_intent.succeeded", noAmount)) << Headers{} << vf
        << "data.object.amount"
        << ""
        << ""
        << "" << QJsonObject{};
    QTest::newRow("stripe created as string")
        << "stripe"
        << QByteArray(
               R"({"id":"evt_1","type":"customer.created","created":"yesterday","data":{"object":{"id":"cus_1"}}})")
        << Headers{} << vf << "created"
        << ""
        << ""
        << "" << QJsonObject{};
    QTest::newRow("stripe malformed") << "stripe" << QByteArray("{\"id\":") << Headers{} << ij << ""
                                      << ""
                                      << ""
                                      << "" << QJsonObject{};
    QTest::newRow("stripe array body") << "stripe" << QByteArray("[1,2]") << Headers{} << ij << ""
                                       << ""
                                       << ""
                                       << "" << QJsonObject{};
    // --- calendly
    QTest::newRow("calendly invitee.created")
        << "calendly" << json(calendly("invitee.created")) << Headers{} << ok << "booking.created"
        << "invitee.created:AAAAAAAAAAAAAAAA"
        << "2026-06-20T11:59:00.000Z"
        << "wed_42"
        << QJsonObject{{"attendee_email", "sam@example.com"},
                       {"attendee_name", "Sam Rivera"},
                       {"meeting_time", "2026-07-01T15:00:00.000Z"},
                       {"duration_minutes", 45},
                       {"meeting_url", "https://zoom.us/j/123"}};
    QTest::newRow("calendly invitee.canceled")
        << "calendly" << json(calendly("invitee.canceled")) << Headers{} << ok << "booking.cancelled"
        << "invitee.canceled:AAAAAAAAAAAAAAAA"
        << "2026-06-20T11:59:00.000Z"
        << "wed_42" << QJsonObject{{"reason", "date moved"}, {"duration_minutes", 45}};
    QJsonObject noEmail = calendly("invitee.created");
    QJsonObject p = noEmail.value("payload").toObject();
    p.remove("email");
    noEmail.insert("payload", p);
    QTest::newRow("calendly missing email")
        << "calendly" << json(noEmail) << Headers{} << vf << "payload.email"
        << ""
        << ""
        << "" << QJsonObject{};
    QTest::newRow("calendly routing form refused")
        << "calendly"
        << json(QJsonObject{{"event", "routing_form_submission.created"},
                            {"created_at", "2026-06-20T11:59:00Z"}})
        << Headers{} << vf << "event"
        << ""
        << ""
        << "" << QJsonObject{};
    // --- paypal
    const QJsonObject capture{
        {"id", "WH-2WR32451HC0233532-67976317FL4543714"},
        {"create_time", "2026-06-20T11:58:00.000Z"},
        {"resource_type", "capture"},
        {"event_type", "PAYMENT.CAPTURE.COMPLETED"},
        {"resource", QJsonObject{{"id", "42311647XV020574X"},
                                 {"status", "COMPLETED"},
                                 {"amount", QJsonObject{{"value", "1500.00"}, {"currency_code", "USD"}}},
                                 {"custom_id", "wedding_id=wed_42;organization_id=org_7"}}}};
    QTest::newRow("paypal capture completed")
        << "paypal" << json(capture) << Headers{} << ok << "payment.received"
        << "WH-2WR32451HC0233532-67976317FL4543714"
        << "2026-06-20T11:58:00.000Z"
        << "wed_42"
        << QJsonObject{{"amount", "1500.00"},
                       {"currency", "USD"},
                       {"transaction_id", "42311647XV020574X"},
                       {"state", "completed"}};
    QJsonObject withBooking = capture;
    QJsonObject resource = capture.value("resource").toObject();
    resource.insert("custom_id", "wedding_id=wed_42;organization_id=org_7;booking_id=job_1042");
    withBooking.insert("resource", resource);
    QTest::newRow("paypal capture names its booking")
        << "paypal" << json(withBooking) << Headers{} << ok << "payment.received"
        << "WH-2WR32451HC0233532-67976317FL4543714"
        << "2026-06-20T11:58:00.000Z"
        << "wed_42" << QJsonObject{{"amount", "1500.00"}, {"booking_id", "job_1042"}};
    const QJsonObject sale{
        {"id", "WH-SALE-1"},
        {"create_time", "2026-06-20T11:58:00Z"},
        {"event_type", "PAYMENT.SALE.COMPLETED"},
        {"resource", QJsonObject{{"id", "80021663DE681814L"},
                                 {"state", "completed"},
                                 {"amount", QJsonObject{{"total", "300.00"}, {"currency", "EUR"}}},
                                 {"parent_payment", "PAY-1"}}}};
    QTest::newRow("paypal sale completed (v1)")
        << "paypal" << json(sale) << Headers{} << ok << "payment.received"
        << "WH-SALE-1"
        << "2026-06-20T11:58:00.000Z"
        << ""
        << QJsonObject{{"amount", "300.00"}, {"currency", "EUR"}, {"transaction_id", "80021663DE681814L"}};
    QJsonObject denied = capture;
    denied.insert("event_type", "PAYMENT.CAPTURE.DENIED");
    QTest::newRow("paypal capture denied") << "paypal" << json(denied) << Headers{} << ok << "payment.failed"
                                           << "WH-2WR32451HC0233532-67976317FL4543714"
                                           << "2026-06-20T11:58:00.000Z"
                                           << "wed_42" << QJsonObject{};
    QJsonObject badAmount = capture;
    badAmount.insert("resource",
                     QJsonObject{{"id", "X"},
                                 {"status", "COMPLETED"},
                                 {"amount", QJsonObject{{"value", "lots"}, {"currency_code", "USD"}}}});
    QTest::newRow("paypal amount not decimal")
        << "paypal" << json(badAmount) << Headers{} << vf << "resource.amount"
        << ""
        << ""
        << "" << QJsonObject{};
    QJsonObject dispute = capture;
    dispute.insert("event_type", "CUSTOMER.DISPUTE.CREATED");
    QTest::newRow("paypal unmapped type") << "paypal" << json(dispute) << Headers{} << vf << "event_type"
                                          << ""
                                          << ""
                                          << "" << QJsonObject{};
    // --- mailchimp
    QTest::newRow("mailchimp campaign sent")
        << "mailchimp"
        << QByteArray(
               "type=campaign&fired_at=2026-06-20+10%3A00%3A00&data[id]=5aa2102003&data[subject]=Save+the+"
               "date%21&data[status]=sent&data[reason]=&data[list_id]=a6b5da1054")
        << Headers{} << ok << "message.sent"
        << "#"
        << "2026-06-20T10:00:00.000Z"
        << ""
        << QJsonObject{{"campaign_id", "5aa2102003"},
                       {"subject", "Save the date!"},
                       {"status", "sent"},
                       {"recipient", "list:a6b5da1054"}};
    QTest::newRow("mailchimp cleaned")
        << "mailchimp"
        << QByteArray(
               "type=cleaned&fired_at=2026-06-20+10%3A00%3A00&data[list_id]=a6b5da1054&data[campaign_id]="
               "4fjk2ma9xd&data[reason]=hard&data[email]=sam%40example.com")
        << Headers{} << ok << "message.sent"
        << "#"
        << "2026-06-20T10:00:00.000Z"
        << ""
        << QJsonObject{
               {"recipient", "sam@example.com"}, {"status", "cleaned"}, {"campaign_id", "4fjk2ma9xd"}};
    QTest::newRow("mailchimp subscribe")
        << "mailchimp"
        << QByteArray(
               "type=subscribe&fired_at=2026-06-20+10%3A00%3A00&data[id]=8a25ff1d98&data[list_id]=a6b5da1054&"
               "data[email]=sam%40example.com&data[merges][FNAME]=Sam&data[merges][WEDDINGID]=wed_42")
        << Headers{} << ok << "client.updated"
        << "#"
        << "2026-06-20T10:00:00.000Z"
        << "wed_42"
        << QJsonObject{{"email", "sam@example.com"}, {"first_name", "Sam"}, {"action", "subscribe"}};
    QTest::newRow("mailchimp unknown type")
        << "mailchimp" << QByteArray("type=poke&fired_at=2026-06-20+10%3A00%3A00&data[list_id]=a")
        << Headers{} << vf << "type"
        << ""
        << ""
        << "" << QJsonObject{};
    QTest::newRow("mailchimp bad fired_at")
        << "mailchimp"
        << QByteArray(
               "type=campaign&fired_at=soon&data[id]=1&data[subject]=s&data[status]=sent&data[list_id]=a")
        << Headers{} << vf << "fired_at"
        << ""
        << ""
        << "" << QJsonObject{};
    QTest::newRow("mailchimp json body")
        << "mailchimp" << QByteArray(R"({"type":"campaign"})") << Headers{} << vf << "type"
        << ""
        << ""
        << "" << QJsonObject{};
    QTest::newRow("mailchimp repeated field")
        << "mailchimp" << QByteArray("type=campaign&type=subscribe") << Headers{} << vf << "body"
        << ""
        << ""
        << "" << QJsonObject{};
    // --- zapier
    QTest::newRow("zapier standard shape")
        << "zapier"
        << QByteArray(
               R"({"event_type":"form.submitted","event_id":"zap_77","timestamp":"2026-06-20T10:00:00+02:00",)"
               R"("data":{"form_id":"f_1","answers":{"guests":120}},"wedding_id":"wed_42","delivery_attempt":2})")
        << Headers{} << ok << "form.submitted"
        << "zap_77"
        << "2026-06-20T08:00:00.000Z"
        << "wed_42" << QJsonObject{{"form_id", "f_1"}};
    QTest::newRow("zapier without id gets a body hash")
        << "zapier"
        << QByteArray(R"({"event_type":"review.received","timestamp":"2026-06-20T10:00:00Z","data":{}})")
        << Headers{} << ok << "review.received"
        << "#"
        << "2026-06-20T10:00:00.000Z"
        << "" << QJsonObject{};
    QTest::newRow("zapier unknown type")
        << "zapier"
        << QByteArray(
               R"({"event_type":"party.started","event_id":"z","timestamp":"2026-06-20T10:00:00Z","data":{}})")
        << Headers{} << vf << "event_type"
        << ""
        << ""
        << "" << QJsonObject{};
    QTest::newRow("zapier derived type refused")
        << "zapier"
        << QByteArray(
               R"({"event_type":"email.send","event_id":"z","timestamp":"2026-06-20T10:00:00Z","data":{}})")
        << Headers{} << vf << "event_type"
        << ""
        << ""
        << "" << QJsonObject{};
    QTest::newRow("zapier other source refused")
        << "zapier"
        << QByteArray(
               R"({"event_type":"form.submitted","source":"stripe","event_id":"z","timestamp":"2026-06-20T10:00:00Z","data":{}})")
        << Headers{} << vf << "source"
        << ""
        << ""
        << "" << QJsonObject{};
    QTest::newRow("zapier delivery_attempt out of range")
        << "zapier"
        << QByteArray(
               R"({"event_type":"form.submitted","event_id":"z","timestamp":"2026-06-20T10:00:00Z","data":{},"delivery_attempt":11})")
        << Headers{} << vf << "delivery_attempt"
        << ""
        << ""
        << "" << QJsonObject{};
    QTest::newRow("zapier timestamp without offset")
        << "zapier"
        << QByteArray(
               R"({"event_type":"form.submitted","event_id":"z","timestamp":"2026-06-20T10:00:00","data":{}})")
        << Headers{} << vf << "timestamp"
        << ""
        << ""
        << "" << QJsonObject{};
    QTest::newRow("zapier malformed") << "zapier" << QByteArray("{,}") << Headers{} << ij << ""
                                      << ""
                                      << ""
                                      << "" << QJsonObject{};
    // --- CRMs
    const QJsonObject job{{"job_id", "job_311"}, {"venue", "Old Mill Barn"}, {"package", "Full day"}};
    const struct
    {
        const char *vendor;
        const char *type;
        const char *standard;
        QJsonObject data;
    } crmRows[] = {
        {"tave", "job.created", "booking.created", job},
        {"tave", "job.updated", "booking.updated", job},
        {"honeybook", "job.cancelled", "booking.cancelled", job},
        {"studio_ninja",
         "timeline.updated",
         "timeline.changed",
         {{"timeline", QJsonObject{{"ceremony", "16:00"}, {"previous_ceremony", "15:00"}}}}},
        {"custom_crm", "guest_count.updated", "guest_count.changed", {{"guest_count", 140}}},
        {"booking_system", "invoice.paid", "payment.received", {{"amount", 120000}, {"currency", "usd"}}},
        {"booking_system", "questionnaire.submitted", "form.submitted", {{"form_id", "q_1"}}},
        {"custom_crm", "venue.capacity_updated", "venue.capacity_changed", {{"capacity", 150}}},
        {"honeybook", "availability.updated", "availability.changed", {{"date", "2026-09-12"}}},
    };
    for (const auto &row : crmRows)
        QTest::addRow("%s %s", row.vendor, row.type)
            << row.vendor << json(crm(row.type, row.data)) << Headers{} << ok << row.standard << "crm_evt_991"
            << "2026-06-20T09:30:00.000Z"
            << "wed_42" << row.data;
    QJsonObject weddingInData = crm("job.updated", QJsonObject{{"job_id", "j"}, {"wedding_id", "wed_9"}});
    weddingInData.remove("wedding_id");
    weddingInData.remove("id");
    QTest::newRow("crm wedding id from data, id from hash")
        << "tave" << json(weddingInData) << Headers{} << ok << "booking.updated"
        << "#"
        << "2026-06-20T09:30:00.000Z"
        << "wed_9" << QJsonObject{{"job_id", "j"}};
    QJsonObject noWedding = crm("job.updated", job);
    noWedding.remove("wedding_id");
    QTest::newRow("crm booking without wedding")
        << "tave" << json(noWedding) << Headers{} << vf << "wedding_id"
        << ""
        << ""
        << "" << QJsonObject{};
    QTest::newRow("crm timeline without timeline")
        << "studio_ninja" << json(crm("timeline.updated", {{"note", "x"}})) << Headers{} << vf
        << "data.timeline"
        << ""
        << ""
        << "" << QJsonObject{};
    QTest::newRow("crm timeline as text")
        << "studio_ninja" << json(crm("timeline.updated", {{"timeline", "ceremony at four"}})) << Headers{}
        << vf << "data.timeline"
        << ""
        << ""
        << "" << QJsonObject{};
    const QJsonArray items{QJsonObject{{"time", "16:00"}, {"item", "Ceremony"}}};
    QTest::newRow("crm timeline as a list")
        << "honeybook" << json(crm("timeline.updated", {{"timeline", items}})) << Headers{} << ok
        << "timeline.changed"
        << "crm_evt_991"
        << "2026-06-20T09:30:00.000Z"
        << "wed_42" << QJsonObject{{"timeline", items}};
    QTest::newRow("crm guest count not a number")
        << "custom_crm" << json(crm("guest_count.updated", {{"guest_count", "many"}})) << Headers{} << vf
        << "data.guest_count"
        << ""
        << ""
        << "" << QJsonObject{};
    QTest::newRow("crm unknown type")
        << "honeybook" << json(crm("project.archived", job)) << Headers{} << vf << "type"
        << ""
        << ""
        << "" << QJsonObject{};
    QTest::newRow("crm data not an object")
        << "tave" << QByteArray(R"({"type":"job.updated","occurred_at":"2026-06-20T09:30:00Z","data":[1]})")
        << Headers{} << vf << "data"
        << ""
        << ""
        << "" << QJsonObject{};
    QTest::newRow("crm malformed") << "booking_system" << QByteArray("not json") << Headers{} << ij << ""
                                   << ""
                                   << ""
                                   << "" << QJsonObject{};
    // --- google calendar
    const Headers goog{
        {"x-goog-channel-id", "chan-wed42"},
        {"x-goog-channel-token", "secret-token-xyz"},
        {"x-goog-resource-id", "ret08u3rv24htgh289g"},
        {"x-goog-resource-uri", "https://www.googleapis.com/calendar/v3/calendars/primary/events"},
        {"x-goog-message-number", "17"},
        {"date", "Sat, 20 Jun 2026 11:00:00 GMT"}};
    QTest::newRow("google exists") << "google_calendar" << QByteArray()
                                   << (Headers(goog) << qMakePair(QByteArray("x-goog-resource-state"),
                                                                  QByteArray("exists")))
                                   << ok << "availability.changed"
                                   << "chan-wed42:17"
                                   << "2026-06-20T11:00:00.000Z"
                                   << ""
                                   << QJsonObject{{"resource_id", "ret08u3rv24htgh289g"}, {"deleted", false}};
    QTest::newRow("google sync") << "google_calendar" << QByteArray()
                                 << (Headers(goog)
                                     << qMakePair(QByteArray("x-goog-resource-state"), QByteArray("sync")))
                                 << ok << "vendor.connected"
                                 << "chan-wed42:17"
                                 << "2026-06-20T11:00:00.000Z"
                                 << "" << QJsonObject{{"message_number", 17}};
    QTest::newRow("google not_exists")
        << "google_calendar" << QByteArray()
        << (Headers(goog) << qMakePair(QByteArray("x-goog-resource-state"), QByteArray("not_exists"))) << ok
        << "availability.changed"
        << "chan-wed42:17"
        << "2026-06-20T11:00:00.000Z"
        << "" << QJsonObject{{"deleted", true}};
    QTest::newRow("google unknown state")
        << "google_calendar" << QByteArray()
        << (Headers(goog) << qMakePair(QByteArray("x-goog-resource-state"), QByteArray("exploded"))) << vf
        << "x-goog-resource-state"
        << ""
        << ""
        << "" << QJsonObject{};
    QTest::newRow("google with a body")
        << "google_calendar" << QByteArray("{}")
        << (Headers(goog) << qMakePair(QByteArray("x-goog-resource-state"), QByteArray("exists"))) << vf
        << "body"
        << ""
        << ""
        << "" << QJsonObject{};
    QTest::newRow("google missing channel") << "google_calendar" << QByteArray()
                                            << Headers{{"x-goog-resource-state", "exists"},
                                                       {"x-goog-message-number", "1"},
                                                       {"x-goog-resource-id", "r"}}
                                            << vf << "x-goog-channel-id"
                                            << ""
                                            << ""
                                            << "" << QJsonObject{};
}

void tst_Standardizers::mapping()
{
    QFETCH(QString, source);
    QFETCH(QByteArray, body);
    QFETCH(Headers, headers);
    QFETCH(QString, code);
    QFETCH(QString, type);
    QFETCH(QString, id);
    QFETCH(QString, timestamp);
    QFETCH(QString, wedding);
    QFETCH(QJsonObject, data);

    SourceRegistry registry;
    WebhookRequest r;
    r.body = body;
    r.headers = headers;
    r.receivedAt = QDateTime(QDate(2026, 6, 20), QTime(12, 0), Qt::UTC);
    const StandardizeResult result = registry.find(source)->standardize(r);
    QCOMPARE(result.error.code, code);
    if (!code.isEmpty()) {
        QVERIFY(result.events.isEmpty());
        QVERIFY(!result.error.message.isEmpty());
        if (code == QLatin1String("VALIDATION_FAILED")) {
            const QJsonArray fields = result.error.details.value(QStringLiteral("fields")).toArray();
            QVERIFY(!fields.isEmpty());
            QStringList names;
            for (const auto &f : fields) {
                names << f.toObject().value(QStringLiteral("field")).toString();
                QVERIFY(!f.toObject().value(QStringLiteral("code")).toString().isEmpty());
            }
            QVERIFY2(names.contains(type), qPrintable(names.join(QLatin1Char(','))));
        }
        return;
    }
    QCOMPARE(result.events.size(), 1);
    const Events::Event &e = result.events.first();
    QVERIFY2(e.isValid(), qPrintable(e.toCompactJson()));
    QCOMPARE(e.source, source);
    QCOMPARE(e.type, type);
    if (id == QLatin1String("#"))
        QVERIFY2(e.id.startsWith(QLatin1String("h_")) && e.id.size() == 66, qPrintable(e.id));
    else
        QCOMPARE(e.id, id);
    QCOMPARE(Events::Event::formatTime(e.timestamp), timestamp);
    QCOMPARE(e.weddingId, wedding);
    if (source == QLatin1String("stripe") && !wedding.isEmpty())
        QCOMPARE(e.organizationId, QStringLiteral("org_7"));
    for (auto it = data.begin(); it != data.end(); ++it)
        QVERIFY2(e.data.value(it.key()) == it.value(),
                 qPrintable(it.key() + QStringLiteral(" in ") +
                            QString::fromUtf8(QJsonDocument(e.data).toJson())));
}

void tst_Standardizers::redeliverySameId_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("otherBody");
    QTest::newRow("stripe")
        << "stripe" << json(stripeEvent("payment_intent.succeeded", paymentIntent()))
        << json(stripeEvent("customer.created", {{"id", "cus_1"}})).replace("evt_1NG8", "evt_2NG8");
    QTest::newRow("mailchimp (hash)")
        << "mailchimp"
        << QByteArray("type=subscribe&fired_at=2026-06-20+10%3A00%3A00&data[list_id]=a&data[email]=a%40b.c")
        << QByteArray("type=subscribe&fired_at=2026-06-20+10%3A00%3A01&data[list_id]=a&data[email]=a%40b.c");
    QTest::newRow("crm without id (hash)")
        << "tave"
        << QByteArray(
               R"({"type":"job.updated","occurred_at":"2026-06-20T09:30:00Z","wedding_id":"w","data":{"job_id":"j"}})")
        << QByteArray(
               R"({"type":"job.updated","occurred_at":"2026-06-20T09:30:01Z","wedding_id":"w","data":{"job_id":"j"}})");
    QTest::newRow("calendly") << "calendly" << json(calendly("invitee.created"))
                              << json(calendly("invitee.canceled"));
}

void tst_Standardizers::redeliverySameId()
{
    QFETCH(QString, source);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, otherBody);
    SourceRegistry registry;
    WebhookRequest r;
    r.body = body;
    const auto first = registry.find(source)->standardize(r);
    const auto again = registry.find(source)->standardize(r);
    QVERIFY(first.error.isNull());
    QCOMPARE(again.events.first().id, first.events.first().id);
    r.body = otherBody;
    const auto other = registry.find(source)->standardize(r);
    QVERIFY(other.error.isNull());
    QVERIFY(other.events.first().id != first.events.first().id);
    // The same body on another source never collides with this one's hash ids.
    if (first.events.first().id.startsWith(QLatin1String("h_"))) {
        r.body = body;
        const auto crm = registry.find(QStringLiteral("custom_crm"))->standardize(r);
        QVERIFY(crm.events.isEmpty() || crm.events.first().id != first.events.first().id);
    }
}

void tst_Standardizers::mediaTypes_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QByteArray>("wrong");
    QTest::newRow("stripe form") << "stripe" << QByteArray("application/x-www-form-urlencoded");
    QTest::newRow("zapier text") << "zapier" << QByteArray("text/plain");
    QTest::newRow("tave xml") << "tave" << QByteArray("application/xml");
    QTest::newRow("mailchimp json") << "mailchimp" << QByteArray("application/json");
    QTest::newRow("google json") << "google_calendar" << QByteArray("application/json");
    QTest::newRow("paypal multipart") << "paypal" << QByteArray("multipart/form-data");
}

void tst_Standardizers::mediaTypes()
{
    QFETCH(QString, source);
    QFETCH(QByteArray, wrong);
    SourceRegistry registry;
    QVERIFY(!registry.find(source)->acceptedMediaTypes().contains(wrong));
}

QTEST_GUILESS_MAIN(tst_Standardizers)
#include "tst_standardizers.moc"
