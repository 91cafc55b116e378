// Notification content: wedding templates per event type rendered into the bodies of a Slack incoming webhook
// ({"text": ...}), a WhatsApp Business Cloud API message (POST {url}/{phone-number-id}/messages) and an HTTP
// mail API message (Resend-style {from, to, subject, html, text}), each returned as a DeliveryRequest with
// its priority. Endpoints come from configuration; tokens stay in configuration and are named in
// meta.auth_config_key for the delivery side to add when sending (they are never written into delivery rows).
#pragma once

#include "delivery/deliveryrequest.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace WedSync {
class Config;
}

namespace WedSync::Routing {

struct NotifySettings
{
    QString slackWebhookUrl;         // notify.slack_webhook_url
    QString slackCateringWebhookUrl; // notify.slack_catering_webhook_url (empty: the main webhook)
    QString whatsappUrl;             // notify.whatsapp_url, e.g. https://graph.facebook.com/v19.0
    QString whatsappPhoneId;         // notify.whatsapp_phone_id
    QString whatsappMessagesUrl;     // delivery.whatsapp_url: the full messages URL, used without a phone id
    QString emailUrl;                // notify.email_url, e.g. https://api.resend.com/emails
    QString emailFrom;               // notify.email_from

    static NotifySettings fromConfig(const Config &config);
};

// Target names of the notification channels (also the outbox target of their deliveries).
namespace Targets {
inline const QString slack = QStringLiteral("slack-notifications");
inline const QString slackCatering = QStringLiteral("slack-catering");
inline const QString whatsapp = QStringLiteral("whatsapp-business");
inline const QString email = QStringLiteral("email-service");
} // namespace Targets

struct Message
{
    QString subject; // email subject (one line)
    QString text;    // plain text: Slack, WhatsApp and the email's text part (unescaped, sanitized)
    QString html;    // HTML email body: every value escaped
};

class Notifier
{
public:
    explicit Notifier(NotifySettings settings = {});
    const NotifySettings &settings() const { return m_settings; }

    // Template names: booking_confirmation, new_booking, payment_receipt, form_submitted, vendor_welcome,
    // guest_count_alert, catering_note, emergency, channel_update.
    static const QStringList &templateNames();
    // Renders a template with the event data; nullopt with *error (NOTIFY_UNKNOWN_TEMPLATE) for an unknown
    // one.
    static std::optional<Message> render(const QString &templateName, const QJsonObject &vars,
                                         Error *error = nullptr);

    // Whether a channel's endpoint is configured (for Slack, the given target's webhook); if not, *why is the
    // NOTIFY_NOT_CONFIGURED error the request builders below would give. Lets callers skip rendering a
    // message nobody can be sent.
    bool configured(Delivery::TargetKind kind, const QString &target = QString(), Error *why = nullptr) const;

    // Delivery requests. Each fails with NOTIFY_NOT_CONFIGURED when the channel's endpoint is not configured
    // and VALIDATION_FAILED when the recipient is not valid.
    std::optional<Delivery::DeliveryRequest> email(qint64 eventSeq, const QString &eventType,
                                                   const QStringList &to, const Message &message,
                                                   Delivery::Priority priority, const QString &templateName,
                                                   Error *error) const;
    std::optional<Delivery::DeliveryRequest> slack(qint64 eventSeq, const QString &eventType,
                                                   const QString &target, const QString &text,
                                                   Delivery::Priority priority, const QString &templateName,
                                                   Error *error) const;
    std::optional<Delivery::DeliveryRequest> whatsapp(qint64 eventSeq, const QString &eventType,
                                                      const QString &phone, const QString &text,
                                                      Delivery::Priority priority,
                                                      const QString &templateName, Error *error) const;

private:
    NotifySettings m_settings;
};

QString priorityName(Delivery::Priority p);
std::optional<Delivery::Priority> priorityFromName(const QString &name);
QString kindName(Delivery::TargetKind k);
std::optional<Delivery::TargetKind> kindFromName(const QString &name);

} // namespace WedSync::Routing
