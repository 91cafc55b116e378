#include "routing/notifier.h"
#include "routing/transforms.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Routing;
using Delivery::Priority;
using Delivery::TargetKind;

static Events::Event makeEvent(const QString &type, const char *json, const QDateTime &at = QDateTime())
{
    Events::Event e;
    e.type = type;
    e.id = QStringLiteral("ev_1");
    e.source = QStringLiteral("tave");
    e.timestamp = at.isValid() ? at : QDateTime(QDate(2026, 6, 20), QTime(13, 30), Qt::UTC);
    e.weddingId = QStringLiteral("wed_1");
    e.data = QJsonDocument::fromJson(QByteArray(json)).object();
    return e;
}

class tst_Transforms : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void timelineToCrmJob();
    void timelineInvalid_data();
    void timelineInvalid();
    void capacityAlert_data();
    void capacityAlert();
    void emergency_data();
    void emergency();
    void templates_data();
    void templates();
    void htmlEscapedInEmail();
    void channelShapes();
    void notConfigured();
    void priorities();
};

void tst_Transforms::timelineToCrmJob()
{
    const auto e = makeEvent(QStringLiteral("timeline.changed"), R"({"venue":"Hollow Barn",
        "change":{"field":"ceremony_time","from":"15:00","to":"16:00"},
        "timeline":[{"time":"16:00","item":"Ceremony"},{"time":"17:30","item":"Speeches"}]})");
    Error err;
    const auto out = Transforms::timelineToCrmJob(e, &err);
    QVERIFY2(out.has_value(), qPrintable(err.message));
    QCOMPARE(out->value("wedding_id").toString(), QStringLiteral("wed_1"));
    QCOMPARE(out->value("venue").toString(), QStringLiteral("Hollow Barn"));
    QCOMPARE(out->value("ceremony_time").toString(), QStringLiteral("16:00"));
    QCOMPARE(out->value("timeline").toArray().size(), 2);
    QCOMPARE(out->value("change").toObject().value("summary").toString(),
             QStringLiteral("ceremony_time moved from 15:00 to 16:00"));

    // A list of changes: the ceremony change is the one the CRM job carries.
    const auto e2 =
        makeEvent(QStringLiteral("timeline.changed"), R"({"venue":"Hollow Barn","wedding_id":"wed_2",
        "changes":[{"field":"first_dance","to":"21:00"},{"field":"ceremony_time","from":"3pm","to":"4pm"}]})");
    const auto out2 = Transforms::timelineToCrmJob(e2, &err);
    QVERIFY(out2.has_value());
    QCOMPARE(out2->value("wedding_id").toString(), QStringLiteral("wed_2"));
    QCOMPARE(out2->value("ceremony_time").toString(), QStringLiteral("4pm"));

    // A CRM's schedule as an object of named times is kept as such.
    const auto e3 = makeEvent(QStringLiteral("timeline.changed"), R"({"venue":"Old Mill Barn",
        "timeline":{"ceremony":"15:00","reception":"18:30"},
        "change":{"field":"ceremony_time","from":"14:00","to":"15:00"}})");
    const auto out3 = Transforms::timelineToCrmJob(e3, &err);
    QVERIFY2(out3.has_value(), qPrintable(err.message));
    QCOMPARE(out3->value("timeline").toObject().value("reception").toString(), QStringLiteral("18:30"));
    QCOMPARE(out3->value("ceremony_time").toString(), QStringLiteral("15:00"));
}

void tst_Transforms::timelineInvalid_data()
{
    QTest::addColumn<QString>("data");
    QTest::newRow("no-venue") << R"({"change":{"field":"ceremony_time","to":"16:00"}})";
    QTest::newRow("no-change") << R"({"venue":"Barn"})";
    QTest::newRow("change-without-value") << R"({"venue":"Barn","change":{"field":"ceremony_time"}})";
    QTest::newRow("timeline-text")
        << R"({"venue":"Barn","timeline":"16:00","change":{"field":"x","to":"1"}})";
    QTest::newRow("timeline-number") << R"({"venue":"Barn","timeline":16,"change":{"field":"x","to":"1"}})";
}

void tst_Transforms::timelineInvalid()
{
    QFETCH(QString, data);
    Error err;
    const auto e = makeEvent(QStringLiteral("timeline.changed"), data.toUtf8().constData());
    QVERIFY(!Transforms::timelineToCrmJob(e, &err).has_value());
    QCOMPARE(err.code, QStringLiteral("VALIDATION_FAILED"));
}

void tst_Transforms::capacityAlert_data()
{
    QTest::addColumn<QString>("data");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("overBy");
    QTest::newRow("over") << R"({"venue":"Barn","old_capacity":150,"new_capacity":100,"guest_count":120,
                             "couple_email":"amy@example.com"})"
                          << true << 20;
    QTest::newRow("fits")
        << R"({"venue":"Barn","new_capacity":200,"guest_count":120,"couple_email":"amy@example.com"})" << true
        << 0;
    QTest::newRow("missing-guest-count")
        << R"({"venue":"Barn","new_capacity":100,"couple_email":"amy@example.com"})" << false << 0;
    QTest::newRow("bad-email")
        << R"({"venue":"Barn","new_capacity":100,"guest_count":1,"couple_email":"amy"})" << false << 0;
    QTest::newRow("negative")
        << R"({"venue":"Barn","new_capacity":-1,"guest_count":1,"couple_email":"a@b.co"})" << false << 0;
}

void tst_Transforms::capacityAlert()
{
    QFETCH(QString, data);
    QFETCH(bool, ok);
    QFETCH(int, overBy);
    Error err;
    const auto out = Transforms::capacityToGuestAlert(
        makeEvent(QStringLiteral("venue.capacity_changed"), data.toUtf8().constData()), &err);
    QCOMPARE(out.has_value(), ok);
    if (!ok) {
        QCOMPARE(err.code, QStringLiteral("VALIDATION_FAILED"));
        return;
    }
    QCOMPARE(out->value("over_by").toInt(), overBy);
    QCOMPARE(out->value("exceeded").toBool(), overBy > 0);
    QCOMPARE(out->value("couple_email").toString(), QStringLiteral("amy@example.com"));
}

void tst_Transforms::emergency_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("data");
    QTest::addColumn<QDateTime>("at");
    QTest::addColumn<bool>("escalated");
    QTest::addColumn<QString>("errorCode");
    const QDateTime weddingDay(QDate(2026, 6, 20), QTime(13, 30), Qt::UTC);
    QTest::newRow("power-outage-on-the-day")
        << "message.sent"
        << R"({"emergency":"power outage","wedding_date":"2026-06-20","venue":"Barn",
                               "contacts":{"whatsapp":["+447700900123"],"email":["plan@example.com"]}})"
        << weddingDay << true << "";
    QTest::newRow("reported-type") << "emergency.reported"
                                   << R"({"kind":"flood","wedding_date":"2026-06-20"})" << weddingDay << true
                                   << "";
    QTest::newRow("day-before") << "message.sent"
                                << R"({"emergency":"power outage","wedding_date":"2026-06-21"})" << weddingDay
                                << false << "";
    QTest::newRow("timezone-moves-the-day")
        << "message.sent"
        << R"({"emergency":"power outage","wedding_date":"2026-06-21","timezone_offset_minutes":600})"
        << QDateTime(QDate(2026, 6, 20), QTime(20, 0), Qt::UTC) << true << "";
    QTest::newRow("no-emergency") << "message.sent"
                                  << R"({"wedding_date":"2026-06-20"})" << weddingDay << false << "";
    QTest::newRow("reported-without-date")
        << "emergency.reported"
        << R"({"kind":"flood"})" << weddingDay << false << "VALIDATION_FAILED";
}

void tst_Transforms::emergency()
{
    QFETCH(QString, type);
    QFETCH(QString, data);
    QFETCH(QDateTime, at);
    QFETCH(bool, escalated);
    QFETCH(QString, errorCode);
    Error err;
    const auto out = Transforms::escalateEmergency(makeEvent(type, data.toUtf8().constData(), at), &err);
    QCOMPARE(out.has_value(), escalated);
    QCOMPARE(err.code, errorCode);
    if (escalated)
        QCOMPARE(out->value("severity").toString(), QStringLiteral("urgent"));
}

void tst_Transforms::templates_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("vars");
    QTest::addColumn<QString>("expectInText");
    QTest::newRow("booking_confirmation")
        << "booking_confirmation"
        << R"({"couple_name":"Amy","supplier_name":"Lens Co","start":"2026-06-20T15:00:00Z","booking_id":"b1"})"
        << "your booking with Lens Co on Sat 20 Jun 2026, 15:00 UTC is confirmed";
    QTest::newRow("new_booking")
        << "new_booking"
        << R"({"couple_name":"Amy","booking_id":"b1","start":"2026-06-20T15:00:00Z"})"
        << "New booking b1 from Amy";
    QTest::newRow("payment_receipt") << "payment_receipt"
                                     << R"({"amount":150000,"currency":"gbp","booking_id":"b1"})"
                                     << "1500.00 GBP";
    QTest::newRow("form_submitted")
        << "form_submitted"
        << R"({"form_name":"Questionnaire","respondent_name":"Amy","answer_count":4})"
        << "New response to form Questionnaire from Amy";
    QTest::newRow("vendor_welcome") << "vendor_welcome"
                                    << R"({"vendor_name":"Lens Co","vendor_type":"photographer"})"
                                    << "Your photographer account is connected";
    QTest::newRow("guest_count_alert")
        << "guest_count_alert"
        << R"({"venue":"Barn","new_capacity":100,"old_capacity":150,"guest_count":120,"over_by":20})"
        << "Barn can now hold 100 guests (it was 150); your guest list has 120, which is 20 over";
    QTest::newRow("catering_note") << "catering_note"
                                   << R"({"venue":"Barn","new_capacity":100,"guest_count":120})"
                                   << "Catering: Barn capacity is now 100";
    QTest::newRow("emergency") << "emergency"
                               << R"({"emergency":"power outage","venue":"Barn","wedding_id":"wed_1"})"
                               << "URGENT wedding-day emergency: power outage";
}

void tst_Transforms::templates()
{
    QFETCH(QString, name);
    QFETCH(QString, vars);
    QFETCH(QString, expectInText);
    Error e;
    const auto m = Notifier::render(name, QJsonDocument::fromJson(vars.toUtf8()).object(), &e);
    QVERIFY2(m.has_value(), qPrintable(e.message));
    QVERIFY2(m->text.contains(expectInText), qPrintable(m->text));
    QVERIFY(!m->subject.isEmpty());
    QVERIFY(m->html.startsWith(QLatin1String("<!DOCTYPE html>")));
    QVERIFY(!Notifier::render(QStringLiteral("no_such_template"), {}, &e).has_value());
    QCOMPARE(e.code, QStringLiteral("NOTIFY_UNKNOWN_TEMPLATE"));
}

void tst_Transforms::htmlEscapedInEmail()
{
    const auto m = Notifier::render(
        QStringLiteral("booking_confirmation"),
        {{"couple_name", "<img src=x onerror=alert(1)>"}, {"supplier_name", "Tom & Jerry\u0007"}});
    QVERIFY(m.has_value());
    QVERIFY(!m->html.contains(QLatin1String("<img")));
    QVERIFY(m->html.contains(QLatin1String("&lt;img src=x onerror=alert(1)&gt;")));
    QVERIFY(m->html.contains(QLatin1String("Tom &amp; Jerry")));
    QVERIFY(!m->text.contains(QChar(0x07)));
}

void tst_Transforms::channelShapes()
{
    NotifySettings s;
    s.slackWebhookUrl = QStringLiteral("http://127.0.0.1:9/slack");
    s.whatsappUrl = QStringLiteral("http://127.0.0.1:9/wa/");
    s.whatsappPhoneId = QStringLiteral("5551234");
    s.emailUrl = QStringLiteral("http://127.0.0.1:9/emails");
    s.emailFrom = QStringLiteral("WedSync <noreply@wedsync.test>");
    const Notifier n(s);
    const Message m = *Notifier::render(QStringLiteral("emergency"), {{"emergency", "power outage"}});
    Error e;

    const auto slack =
        n.slack(12, QStringLiteral("emergency.escalated"), Targets::slack, QStringLiteral("<!channel> hi"),
                Priority::Urgent, QStringLiteral("emergency"), &e);
    QVERIFY(slack.has_value());
    QCOMPARE(slack->kind, TargetKind::Slack);
    QCOMPARE(QJsonDocument::fromJson(slack->payload).object(), (QJsonObject{{"text", "<!channel> hi"}}));
    QCOMPARE(slack->meta.value("url").toString(), s.slackWebhookUrl);
    QCOMPARE(slack->id, Delivery::makeDeliveryId(12, Targets::slack));

    const auto wa = n.whatsapp(12, QStringLiteral("emergency.escalated"), QStringLiteral("+44 7700-900123"),
                               m.text, Priority::Urgent, QStringLiteral("emergency"), &e);
    QVERIFY2(wa.has_value(), qPrintable(e.message));
    const QJsonObject w = QJsonDocument::fromJson(wa->payload).object();
    QCOMPARE(w.value("messaging_product").toString(), QStringLiteral("whatsapp"));
    QCOMPARE(w.value("recipient_type").toString(), QStringLiteral("individual"));
    QCOMPARE(w.value("to").toString(), QStringLiteral("447700900123"));
    QCOMPARE(w.value("type").toString(), QStringLiteral("text"));
    QCOMPARE(w.value("text").toObject().value("body").toString(), m.text);
    QCOMPARE(wa->meta.value("url").toString(), QStringLiteral("http://127.0.0.1:9/wa/5551234/messages"));
    QCOMPARE(wa->meta.value("auth").toString(), QStringLiteral("whatsapp"));
    QCOMPARE(wa->meta.value("auth_config_key").toString(), QStringLiteral("delivery.whatsapp_token"));
    QVERIFY(!wa->payload.contains("Bearer"));

    const auto mail = n.email(12, QStringLiteral("emergency.escalated"), {QStringLiteral("plan@example.com")},
                              m, Priority::Urgent, QStringLiteral("emergency"), &e);
    QVERIFY(mail.has_value());
    const QJsonObject em = QJsonDocument::fromJson(mail->payload).object();
    QCOMPARE(em.value("from").toString(), s.emailFrom);
    QCOMPARE(em.value("to").toArray(), (QJsonArray{"plan@example.com"}));
    QCOMPARE(em.value("subject").toString(), m.subject);
    QCOMPARE(em.value("html").toString(), m.html);
    QCOMPARE(mail->meta.value("auth").toString(), QStringLiteral("email"));

    QVERIFY(!n.whatsapp(12, QString(), QStringLiteral("call me"), m.text, Priority::Low, QString(), &e));
    QCOMPARE(e.code, QStringLiteral("VALIDATION_FAILED"));
    QVERIFY(!n.email(12, QString(), {QStringLiteral("not-an-address")}, m, Priority::Low, QString(), &e));
    QCOMPARE(e.code, QStringLiteral("VALIDATION_FAILED"));
    QVERIFY(!n.email(12, QString(), {}, m, Priority::Low, QString(), &e));
    QCOMPARE(e.code, QStringLiteral("VALIDATION_FAILED"));
}

void tst_Transforms::notConfigured()
{
    const Notifier n;
    const Message m = *Notifier::render(QStringLiteral("emergency"), {});
    Error e;
    QVERIFY(!n.slack(1, QString(), Targets::slack, m.text, Priority::Normal, QString(), &e));
    QCOMPARE(e.code, QStringLiteral("NOTIFY_NOT_CONFIGURED"));
    QVERIFY(e.message.contains(QLatin1String("notify.slack_webhook_url")));
    QVERIFY(
        !n.whatsapp(1, QString(), QStringLiteral("+447700900123"), m.text, Priority::Normal, QString(), &e));
    QCOMPARE(e.code, QStringLiteral("NOTIFY_NOT_CONFIGURED"));
    QVERIFY(!n.email(1, QString(), {QStringLiteral("a@b.co")}, m, Priority::Normal, QString(), &e));
    QCOMPARE(e.code, QStringLiteral("NOTIFY_NOT_CONFIGURED"));
    QVERIFY(!n.configured(TargetKind::Slack, Targets::slack));
    QVERIFY(!n.configured(TargetKind::WhatsApp));
    QVERIFY(!n.configured(TargetKind::Email));
    QVERIFY(n.configured(TargetKind::Webhook)); // subscriptions carry their own URL

    NotifySettings partial;
    partial.slackCateringWebhookUrl = QStringLiteral("https://hooks.slack.test/catering");
    partial.emailUrl = QStringLiteral("https://mail.test/emails");    // no sender address yet
    partial.whatsappUrl = QStringLiteral("https://graph.test/v19.0"); // no phone id yet
    const Notifier p(partial);
    QVERIFY(p.configured(TargetKind::Slack, Targets::slackCatering));
    QVERIFY(!p.configured(TargetKind::Slack, Targets::slack));
    QVERIFY(!p.configured(TargetKind::Email));
    QVERIFY(!p.configured(TargetKind::WhatsApp));
    partial.emailFrom = QStringLiteral("hello@wedsync.test");
    partial.whatsappPhoneId = QStringLiteral("1234");
    const Notifier q(partial);
    QVERIFY(q.configured(TargetKind::Email));
    QVERIFY(q.configured(TargetKind::WhatsApp));
    // Each configured() answer agrees with what the request builders do.
    QVERIFY(q.email(1, QString(), {QStringLiteral("a@b.co")}, m, Priority::Normal, QString(), &e));
    QVERIFY(
        q.whatsapp(1, QString(), QStringLiteral("+447700900123"), m.text, Priority::Normal, QString(), &e));
    QVERIFY(q.slack(1, QString(), Targets::slackCatering, m.text, Priority::Normal, QString(), &e));
}

void tst_Transforms::priorities()
{
    // The outbox orders by the enum value: urgent first.
    QVERIFY(int(Priority::Urgent) < int(Priority::High));
    QVERIFY(int(Priority::High) < int(Priority::Normal));
    QVERIFY(int(Priority::Normal) < int(Priority::Low));
    for (auto p : {Priority::Urgent, Priority::High, Priority::Normal, Priority::Low})
        QCOMPARE(priorityFromName(priorityName(p)), std::optional<Priority>(p));
    QVERIFY(!priorityFromName(QStringLiteral("asap")).has_value());
}

QTEST_GUILESS_MAIN(tst_Transforms)
#include "tst_transforms.moc"
