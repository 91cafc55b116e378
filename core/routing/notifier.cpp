#include "notifier.h"

#include "common/config.h"
#include "events/event.h"
#include "routing/sanitizer.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace WedSync::Routing {

using Delivery::DeliveryRequest;
using Delivery::Priority;
using Delivery::TargetKind;

NotifySettings NotifySettings::fromConfig(const Config &config)
{
    // The delivery side's endpoint keys are the fallback, so one URL configures both.
    auto either = [&](const char *mine, const char *delivery) {
        const QString v = config.string(QLatin1String(mine));
        return v.isEmpty() && Config::findKey(QLatin1String(delivery))
                   ? config.string(QLatin1String(delivery))
                   : v;
    };
    NotifySettings s;
    s.slackWebhookUrl = either("notify.slack_webhook_url", "delivery.slack_url");
    s.slackCateringWebhookUrl = config.string(QStringLiteral("notify.slack_catering_webhook_url"));
    s.whatsappUrl = config.string(QStringLiteral("notify.whatsapp_url"));
    s.whatsappPhoneId = config.string(QStringLiteral("notify.whatsapp_phone_id"));
    if (Config::findKey(QStringLiteral("delivery.whatsapp_url")))
        s.whatsappMessagesUrl = config.string(QStringLiteral("delivery.whatsapp_url"));
    s.emailUrl = either("notify.email_url", "delivery.email_url");
    s.emailFrom = config.string(QStringLiteral("notify.email_from"));
    return s;
}

QString priorityName(Priority p)
{
    switch (p) {
    case Priority::Urgent:
        return QStringLiteral("urgent");
    case Priority::High:
        return QStringLiteral("high");
    case Priority::Normal:
        return QStringLiteral("normal");
    case Priority::Low:
        return QStringLiteral("low");
    }
    return QStringLiteral("normal");
}

std::optional<Priority> priorityFromName(const QString &name)
{
    for (Priority p : {Priority::Urgent, Priority::High, Priority::Normal, Priority::Low}) {
        if (priorityName(p) == name)
            return p;
    }
    return std::nullopt;
}

QString kindName(TargetKind k)
{
    switch (k) {
    case TargetKind::Webhook:
        return QStringLiteral("webhook");
    case TargetKind::Slack:
        return QStringLiteral("slack");
    case TargetKind::WhatsApp:
        return QStringLiteral("whatsapp");
    case TargetKind::Email:
        return QStringLiteral("email");
    case TargetKind::Connector:
        return QStringLiteral("connector");
    }
    return QStringLiteral("connector");
}

std::optional<TargetKind> kindFromName(const QString &name)
{
    for (TargetKind k : {TargetKind::Webhook, TargetKind::Slack, TargetKind::WhatsApp, TargetKind::Email,
                         TargetKind::Connector}) {
        if (kindName(k) == name)
            return k;
    }
    return std::nullopt;
}

namespace {
// One line of sanitized text from the data (numbers as text), or the fallback.
QString val(const QJsonObject &vars, const char *key, const QString &fallback = QString())
{
    const QJsonValue v = vars.value(QLatin1String(key));
    QString s = v.isDouble() ? QString::number(v.toDouble(), 'g', 15) : v.toString();
    s = Sanitizer::line(s, 200);
    return s.isEmpty() ? fallback : s;
}

QString when(const QJsonObject &vars, const char *key)
{
    const QDateTime t = Events::Event::parseTime(vars.value(QLatin1String(key)).toString());
    if (!t.isValid())
        return QStringLiteral("a date to be confirmed");
    return t.toUTC().toString(QStringLiteral("ddd d MMM yyyy, HH:mm 'UTC'"));
}

// Amounts are in minor units (pence, cents), as the payment sources send them.
QString money(const QJsonObject &vars)
{
    const double minor = vars.value(QStringLiteral("amount")).toDouble();
    const QString currency = val(vars, "currency", QStringLiteral("gbp")).toUpper().left(3);
    return QStringLiteral("%1 %2").arg(QString::number(minor / 100.0, 'f', 2), currency);
}

// Builds the three renderings from lines of already-sanitized text: the HTML escapes every line.
Message build(const QString &subject, const QStringList &lines)
{
    Message m;
    m.subject = Sanitizer::line(subject, 200);
    QStringList kept;
    for (const QString &l : lines) {
        if (!l.isEmpty())
            kept.append(l);
    }
    m.text = kept.join(QLatin1Char('\n'));
    QString body;
    for (const QString &l : kept)
        body += QStringLiteral("<p>") + Sanitizer::html(l) + QStringLiteral("</p>\n");
    m.html = QStringLiteral("<!DOCTYPE html>\n<html><body style=\"font-family:sans-serif\">\n<h2>") +
             Sanitizer::html(m.subject) + QStringLiteral("</h2>\n") + body +
             QStringLiteral("<p style=\"color:#888\">Sent by WedSync</p>\n</body></html>\n");
    return m;
}
} // namespace

Notifier::Notifier(NotifySettings settings)
    : m_settings(std::move(settings))
{}

const QStringList &Notifier::templateNames()
{
    static const QStringList names = {
        QStringLiteral("booking_confirmation"), QStringLiteral("new_booking"),
        QStringLiteral("payment_receipt"),      QStringLiteral("form_submitted"),
        QStringLiteral("vendor_welcome"),       QStringLiteral("guest_count_alert"),
        QStringLiteral("catering_note"),        QStringLiteral("emergency"),
        QStringLiteral("channel_update")};
    return names;
}

std::optional<Message> Notifier::render(const QString &name, const QJsonObject &v, Error *error)
{
    const QString couple = val(v, "couple_name", QStringLiteral("there"));
    const QString supplier = val(v, "supplier_name", QStringLiteral("your supplier"));
    const QString booking = val(v, "booking_id");
    const QString venue = val(v, "venue");
    if (name == QLatin1String("booking_confirmation")) {
        return build(
            QStringLiteral("Your booking with %1 is confirmed").arg(supplier),
            {QStringLiteral("Hi %1,").arg(couple),
             QStringLiteral("your booking with %1 on %2 is confirmed.").arg(supplier, when(v, "start")),
             venue.isEmpty() ? QStringLiteral("Booking reference: %1").arg(booking)
                             : QStringLiteral("Venue: %1. Booking reference: %2").arg(venue, booking)});
    }
    if (name == QLatin1String("new_booking")) {
        return build(QStringLiteral("New booking %1").arg(booking),
                     {QStringLiteral("New booking %1 from %2 for %3.")
                          .arg(booking, val(v, "couple_name", QStringLiteral("a couple")), when(v, "start")),
                      venue.isEmpty() ? QString() : QStringLiteral("Venue: %1").arg(venue)});
    }
    if (name == QLatin1String("payment_receipt")) {
        return build(QStringLiteral("Payment received: %1").arg(money(v)),
                     {QStringLiteral("Hi %1,").arg(couple),
                      QStringLiteral("we received your payment of %1 for booking %2 on %3.")
                          .arg(money(v), booking, when(v, "paid_at")),
                      QStringLiteral("Thank you!")});
    }
    if (name == QLatin1String("form_submitted")) {
        const QString form = val(v, "form_name", val(v, "form_id"));
        return build(
            QStringLiteral("New response to %1").arg(form),
            {QStringLiteral("New response to form %1 from %2.")
                 .arg(form,
                      val(v, "respondent_name", val(v, "respondent_email", QStringLiteral("a couple")))),
             QStringLiteral("%1 answer(s) received.").arg(v.value(QStringLiteral("answer_count")).toInt())});
    }
    if (name == QLatin1String("vendor_welcome")) {
        return build(
            QStringLiteral("Welcome to WedSync, %1")
                .arg(val(v, "vendor_name", QStringLiteral("new partner"))),
            {QStringLiteral("Your %1 account is connected to WedSync.")
                 .arg(val(v, "vendor_type", QStringLiteral("vendor"))),
             QStringLiteral("We are importing your bookings and clients now; you will see them shortly.")});
    }
    if (name == QLatin1String("guest_count_alert")) {
        return build(
            QStringLiteral("Guest count alert for %1").arg(venue),
            {QStringLiteral("Hi %1,").arg(couple),
             QStringLiteral(
                 "%1 can now hold %2 guests (it was %3); your guest list has %4, which is %5 over.")
                 .arg(venue, val(v, "new_capacity"), val(v, "old_capacity", QStringLiteral("unknown")),
                      val(v, "guest_count"), val(v, "over_by")),
             QStringLiteral("Please review your guest list with your planner.")});
    }
    if (name == QLatin1String("catering_note")) {
        return build(
            QStringLiteral("Catering: capacity change at %1").arg(venue),
            {QStringLiteral("Catering: %1 capacity is now %2 (was %3); guest count %4 for wedding %5.")
                 .arg(venue, val(v, "new_capacity"), val(v, "old_capacity", QStringLiteral("unknown")),
                      val(v, "guest_count"), val(v, "wedding_id", QStringLiteral("unknown")))});
    }
    if (name == QLatin1String("emergency")) {
        return build(QStringLiteral("URGENT: %1 at %2")
                         .arg(val(v, "emergency", QStringLiteral("emergency")),
                              val(v, "venue", QStringLiteral("the venue"))),
                     {QStringLiteral("URGENT wedding-day emergency: %1.")
                          .arg(val(v, "emergency", QStringLiteral("emergency"))),
                      QStringLiteral("Wedding %1 at %2, today.")
                          .arg(val(v, "wedding_id", QStringLiteral("unknown")),
                               val(v, "venue", QStringLiteral("the venue"))),
                      QStringLiteral("Reported by %1: %2")
                          .arg(val(v, "reported_by", QStringLiteral("a vendor")),
                               val(v, "details", QStringLiteral("no details")))});
    }
    if (name == QLatin1String("channel_update")) {
        return build(QStringLiteral("%1 on %2").arg(val(v, "event_type"), val(v, "channel")),
                     {QStringLiteral("%1 on %2").arg(val(v, "event_type"), val(v, "channel")),
                      val(v, "summary", QString())});
    }
    if (error)
        *error = Error::make(QStringLiteral("NOTIFY_UNKNOWN_TEMPLATE"),
                             QStringLiteral("there is no notification template '%1'; use one of %2")
                                 .arg(Sanitizer::line(name, 64), templateNames().join(QStringLiteral(", "))));
    return std::nullopt;
}

static Error notConfigured(const char *key)
{
    return Error::make(QStringLiteral("NOTIFY_NOT_CONFIGURED"),
                       QStringLiteral("set %1 to send this notification").arg(QLatin1String(key)));
}

bool Notifier::configured(TargetKind kind, const QString &target, Error *why) const
{
    const char *missing = nullptr;
    switch (kind) {
    case TargetKind::Slack:
        if (m_settings.slackWebhookUrl.isEmpty() &&
            (target != Targets::slackCatering || m_settings.slackCateringWebhookUrl.isEmpty()))
            missing = "notify.slack_webhook_url";
        break;
    case TargetKind::WhatsApp:
        if (m_settings.whatsappMessagesUrl.isEmpty() &&
            (m_settings.whatsappUrl.isEmpty() || m_settings.whatsappPhoneId.isEmpty()))
            missing = "notify.whatsapp_phone_id (or delivery.whatsapp_url)";
        break;
    case TargetKind::Email:
        if (m_settings.emailUrl.isEmpty())
            missing = "notify.email_url";
        else if (m_settings.emailFrom.isEmpty())
            missing = "notify.email_from";
        break;
    default:
        break;
    }
    if (missing && why)
        *why = notConfigured(missing);
    return !missing;
}

std::optional<DeliveryRequest> Notifier::email(qint64 eventSeq, const QString &eventType,
                                               const QStringList &to, const Message &message,
                                               Priority priority, const QString &templateName,
                                               Error *error) const
{
    if (m_settings.emailUrl.isEmpty() || m_settings.emailFrom.isEmpty()) {
        if (error)
            *error = notConfigured(m_settings.emailUrl.isEmpty() ? "notify.email_url" : "notify.email_from");
        return std::nullopt;
    }
    QJsonArray recipients;
    for (const QString &r : to) {
        if (!Sanitizer::isEmail(r)) {
            if (error)
                *error =
                    Error::make(QString::fromLatin1(ErrorCode::ValidationFailed),
                                QStringLiteral("'%1' is not an email address").arg(Sanitizer::line(r, 100)));
            return std::nullopt;
        }
        recipients.append(r);
    }
    if (recipients.isEmpty()) {
        if (error)
            *error = Error::make(QString::fromLatin1(ErrorCode::ValidationFailed),
                                 QStringLiteral("the email has no recipient"));
        return std::nullopt;
    }
    DeliveryRequest r;
    r.eventSeq = eventSeq;
    r.eventType = eventType;
    r.kind = TargetKind::Email;
    r.target = Targets::email;
    r.id = Delivery::makeDeliveryId(eventSeq, r.target);
    r.priority = priority;
    r.payload = QJsonDocument(QJsonObject{{QStringLiteral("from"), m_settings.emailFrom},
                                          {QStringLiteral("to"), recipients},
                                          {QStringLiteral("subject"), message.subject},
                                          {QStringLiteral("html"), message.html},
                                          {QStringLiteral("text"), message.text}})
                    .toJson(QJsonDocument::Compact);
    r.meta = QJsonObject{{QStringLiteral("template"), templateName},
                         {QStringLiteral("url"), m_settings.emailUrl},
                         {QStringLiteral("auth"), QStringLiteral("email")},
                         {QStringLiteral("auth_header"), QStringLiteral("Authorization")},
                         {QStringLiteral("auth_scheme"), QStringLiteral("Bearer")},
                         {QStringLiteral("auth_config_key"), QStringLiteral("delivery.email_api_key")},
                         {QStringLiteral("priority"), priorityName(priority)}};
    return r;
}

std::optional<DeliveryRequest> Notifier::slack(qint64 eventSeq, const QString &eventType,
                                               const QString &target, const QString &text, Priority priority,
                                               const QString &templateName, Error *error) const
{
    QString url = m_settings.slackWebhookUrl;
    if (target == Targets::slackCatering && !m_settings.slackCateringWebhookUrl.isEmpty())
        url = m_settings.slackCateringWebhookUrl;
    if (url.isEmpty()) {
        if (error)
            *error = notConfigured("notify.slack_webhook_url");
        return std::nullopt;
    }
    DeliveryRequest r;
    r.eventSeq = eventSeq;
    r.eventType = eventType;
    r.kind = TargetKind::Slack;
    r.target = target;
    r.id = Delivery::makeDeliveryId(eventSeq, target);
    r.priority = priority;
    r.payload = QJsonDocument(QJsonObject{{QStringLiteral("text"), text}}).toJson(QJsonDocument::Compact);
    r.meta = QJsonObject{{QStringLiteral("template"), templateName},
                         {QStringLiteral("url"), url},
                         {QStringLiteral("priority"), priorityName(priority)}};
    return r;
}

std::optional<DeliveryRequest> Notifier::whatsapp(qint64 eventSeq, const QString &eventType,
                                                  const QString &phone, const QString &text,
                                                  Priority priority, const QString &templateName,
                                                  Error *error) const
{
    QString url = m_settings.whatsappMessagesUrl;
    if (!m_settings.whatsappUrl.isEmpty() && !m_settings.whatsappPhoneId.isEmpty()) {
        QString base = m_settings.whatsappUrl;
        while (base.endsWith(QLatin1Char('/')))
            base.chop(1);
        url = base + QLatin1Char('/') + m_settings.whatsappPhoneId + QStringLiteral("/messages");
    }
    if (url.isEmpty()) {
        if (error)
            *error = notConfigured("notify.whatsapp_phone_id (or delivery.whatsapp_url)");
        return std::nullopt;
    }
    QString to = phone;
    to.remove(QLatin1Char(' '));
    to.remove(QLatin1Char('-'));
    if (!Sanitizer::isPhone(to)) {
        if (error)
            *error = Error::make(QString::fromLatin1(ErrorCode::ValidationFailed),
                                 QStringLiteral("'%1' is not a phone number in international form")
                                     .arg(Sanitizer::line(phone, 40)));
        return std::nullopt;
    }
    if (to.startsWith(QLatin1Char('+')))
        to.remove(0, 1); // the Cloud API takes the number without '+'
    DeliveryRequest r;
    r.eventSeq = eventSeq;
    r.eventType = eventType;
    r.kind = TargetKind::WhatsApp;
    r.target = Targets::whatsapp;
    r.id = Delivery::makeDeliveryId(eventSeq, r.target);
    r.priority = priority;
    // The Cloud API's text message (POST /{phone-number-id}/messages); WhatsApp caps a text body at 4096.
    r.payload = QJsonDocument(QJsonObject{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                                          {QStringLiteral("recipient_type"), QStringLiteral("individual")},
                                          {QStringLiteral("to"), to},
                                          {QStringLiteral("type"), QStringLiteral("text")},
                                          {QStringLiteral("text"),
                                           QJsonObject{{QStringLiteral("preview_url"), false},
                                                       {QStringLiteral("body"), text.left(4096)}}}})
                    .toJson(QJsonDocument::Compact);
    r.meta = QJsonObject{{QStringLiteral("template"), templateName},
                         {QStringLiteral("url"), url},
                         {QStringLiteral("auth"), QStringLiteral("whatsapp")},
                         {QStringLiteral("auth_header"), QStringLiteral("Authorization")},
                         {QStringLiteral("auth_scheme"), QStringLiteral("Bearer")},
                         {QStringLiteral("auth_config_key"), QStringLiteral("delivery.whatsapp_token")},
                         {QStringLiteral("priority"), priorityName(priority)}};
    return r;
}

} // namespace WedSync::Routing
