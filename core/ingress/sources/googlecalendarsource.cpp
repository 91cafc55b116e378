#include "googlecalendarsource.h"

#include "signatures.h"
#include "standardize.h"

namespace WedSync::Ingress::Sources {

Error GoogleCalendarSource::verify(const WebhookRequest &request, const SourceCredentials &credentials,
                                   const QDateTime &) const
{
    const QByteArray token = request.header("x-goog-channel-token");
    if (token.isEmpty())
        return invalidSignature(
            QStringLiteral("X-Goog-Channel-Token is missing; set the channel's token to the "
                           "configured secret when calling events.watch"));
    bool matched = false;
    for (const QByteArray &secret : credentials.secrets) {
        if (constantTimeEquals(token, secret))
            matched = true;
    }
    if (!matched)
        return invalidSignature(QStringLiteral("X-Goog-Channel-Token does not match the configured secret"));
    return {};
}

StandardizeResult GoogleCalendarSource::standardize(const WebhookRequest &request) const
{
    QList<Events::FieldError> errors;
    auto header = [&](const char *name, bool required) {
        const QString v = QString::fromUtf8(request.header(name));
        if (required && v.isEmpty())
            errors.append({QString::fromLatin1(name), QStringLiteral("required"),
                           QStringLiteral("the %1 header is required").arg(QString::fromLatin1(name))});
        return v;
    };
    if (!request.body.isEmpty())
        errors.append({QStringLiteral("body"), QStringLiteral("invalid"),
                       QStringLiteral("Google Calendar push notifications carry no body")});
    Events::Event e;
    e.source = name();
    const QString channel = header("x-goog-channel-id", true);
    const QString number = header("x-goog-message-number", true);
    const QString state = header("x-goog-resource-state", true);
    const auto n = parseUnixSeconds(number.toLatin1()); // digits only
    if (!number.isEmpty() && !n)
        errors.append({QStringLiteral("x-goog-message-number"), QStringLiteral("invalid"),
                       QStringLiteral("X-Goog-Message-Number must be a number")});
    e.id = channel + QLatin1Char(':') + number;
    if (state == QLatin1String("sync"))
        e.type = QStringLiteral("vendor.connected");
    else if (state == QLatin1String("exists") || state == QLatin1String("not_exists"))
        e.type = QStringLiteral("availability.changed");
    else if (!state.isEmpty())
        errors.append(unknownTypeError(
            QStringLiteral("x-goog-resource-state"), state,
            {QStringLiteral("exists"), QStringLiteral("not_exists"), QStringLiteral("sync")}));
    QJsonObject data;
    data.insert(QStringLiteral("channel_id"), channel);
    data.insert(QStringLiteral("resource_id"), header("x-goog-resource-id", true));
    data.insert(QStringLiteral("resource_uri"), header("x-goog-resource-uri", false));
    data.insert(QStringLiteral("resource_state"), state);
    data.insert(QStringLiteral("message_number"), n ? *n : 0);
    data.insert(QStringLiteral("deleted"), state == QLatin1String("not_exists"));
    const QString expiration = header("x-goog-channel-expiration", false);
    if (!expiration.isEmpty())
        data.insert(QStringLiteral("channel_expiration"), expiration);
    const QString changed = header("x-goog-changed", false);
    if (!changed.isEmpty())
        data.insert(QStringLiteral("changed"), changed);
    // The notification has no time of its own: the Date header, else when it arrived.
    // HTTP dates end in "GMT", which Qt's RFC 2822 parser does not take; it is +0000.
    QString date = QString::fromLatin1(request.header("date"));
    if (date.endsWith(QLatin1String(" GMT")))
        date = date.left(date.size() - 4) + QStringLiteral(" +0000");
    QDateTime t = QDateTime::fromString(date, Qt::RFC2822Date);
    e.timestamp = t.isValid() ? t.toUTC() : request.receivedAt.toUTC();
    e.data = data;
    if (!errors.isEmpty())
        return failed(validationFailed(name(), errors));
    return finish(std::move(e));
}

} // namespace WedSync::Ingress::Sources
