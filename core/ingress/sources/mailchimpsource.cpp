#include "mailchimpsource.h"

#include "signatures.h"
#include "standardize.h"

#include <QUrl>

namespace WedSync::Ingress::Sources {

const QHash<QString, QString> &MailchimpSource::typeMap()
{
    static const QHash<QString, QString> map = {
        {QStringLiteral("campaign"), QStringLiteral("message.sent")},
        {QStringLiteral("cleaned"), QStringLiteral("message.sent")},
        {QStringLiteral("subscribe"), QStringLiteral("client.updated")},
        {QStringLiteral("unsubscribe"), QStringLiteral("client.updated")},
        {QStringLiteral("profile"), QStringLiteral("client.updated")},
        {QStringLiteral("upemail"), QStringLiteral("client.updated")},
    };
    return map;
}

Error MailchimpSource::verify(const WebhookRequest &request, const SourceCredentials &credentials,
                              const QDateTime &) const
{
    const QByteArray key = request.queryItem(QStringLiteral("key")).toUtf8();
    if (key.isEmpty())
        return invalidSignature(QStringLiteral("the webhook URL must carry the secret as ?key=<secret>"));
    bool matched = false;
    for (const QByteArray &secret : credentials.secrets) {
        if (constantTimeEquals(key, secret))
            matched = true;
    }
    if (!matched)
        return invalidSignature(
            QStringLiteral("the ?key= in the webhook URL does not match the configured secret"));
    return {};
}

std::optional<QMap<QString, QString>> MailchimpSource::parseForm(const QByteArray &body)
{
    QMap<QString, QString> out;
    const QByteArrayList pairs = body.split('&');
    if (pairs.size() > 500)
        return std::nullopt;
    for (const QByteArray &pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray k = eq < 0 ? pair : pair.left(eq);
        QByteArray v = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        k.replace('+', ' ');
        v.replace('+', ' ');
        const QString key = QString::fromUtf8(QByteArray::fromPercentEncoding(k));
        if (key.isEmpty() || out.contains(key))
            return std::nullopt;
        out.insert(key, QString::fromUtf8(QByteArray::fromPercentEncoding(v)));
    }
    return out;
}

StandardizeResult MailchimpSource::standardize(const WebhookRequest &request) const
{
    const auto form = parseForm(request.body);
    QList<Events::FieldError> errors;
    if (!form) {
        errors.append({QStringLiteral("body"), QStringLiteral("invalid"),
                       QStringLiteral("the form body repeats a field or has too many fields")});
        return failed(validationFailed(name(), errors));
    }
    auto field = [&](const QString &key, bool required) {
        const QString v = form->value(key);
        if (required && v.isEmpty())
            errors.append({key, QStringLiteral("required"), QStringLiteral("%1 is required").arg(key)});
        return v;
    };
    Events::Event e;
    e.source = name();
    e.id = bodyHashId(name(), request.body);
    const QString type = field(QStringLiteral("type"), true);
    if (!type.isEmpty()) {
        e.type = typeMap().value(type);
        if (e.type.isEmpty()) {
            QStringList accepted = typeMap().keys();
            accepted.sort();
            errors.append(unknownTypeError(QStringLiteral("type"), type, accepted));
        }
    }
    const QString firedAt = field(QStringLiteral("fired_at"), true);
    if (!firedAt.isEmpty()) {
        QDateTime t = QDateTime::fromString(firedAt, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        if (!t.isValid())
            errors.append({QStringLiteral("fired_at"), QStringLiteral("invalid"),
                           QStringLiteral("fired_at must look like 2026-05-01 10:00:00 (UTC)")});
        else {
            t.setTimeSpec(Qt::UTC);
            e.timestamp = t;
        }
    }
    QJsonObject data;
    data.insert(QStringLiteral("mailchimp_type"), type);
    data.insert(QStringLiteral("list_id"), field(QStringLiteral("data[list_id]"), true));
    if (type == QLatin1String("campaign")) {
        data.insert(QStringLiteral("campaign_id"), field(QStringLiteral("data[id]"), true));
        data.insert(QStringLiteral("subject"), field(QStringLiteral("data[subject]"), true));
        data.insert(QStringLiteral("status"), field(QStringLiteral("data[status]"), true));
        data.insert(QStringLiteral("recipient"),
                    QStringLiteral("list:") + form->value(QStringLiteral("data[list_id]")));
    } else if (type == QLatin1String("cleaned")) {
        data.insert(QStringLiteral("campaign_id"), field(QStringLiteral("data[campaign_id]"), false));
        data.insert(QStringLiteral("recipient"), field(QStringLiteral("data[email]"), true));
        data.insert(QStringLiteral("status"), QStringLiteral("cleaned"));
        data.insert(QStringLiteral("reason"), field(QStringLiteral("data[reason]"), false));
    } else if (type == QLatin1String("upemail")) {
        data.insert(QStringLiteral("action"), type);
        data.insert(QStringLiteral("email"), field(QStringLiteral("data[new_email]"), true));
        data.insert(QStringLiteral("old_email"), field(QStringLiteral("data[old_email]"), true));
    } else if (!e.type.isEmpty()) {
        data.insert(QStringLiteral("action"), type);
        data.insert(QStringLiteral("email"), field(QStringLiteral("data[email]"), true));
        data.insert(QStringLiteral("first_name"), form->value(QStringLiteral("data[merges][FNAME]")));
        data.insert(QStringLiteral("last_name"), form->value(QStringLiteral("data[merges][LNAME]")));
        if (type == QLatin1String("unsubscribe"))
            data.insert(QStringLiteral("reason"), form->value(QStringLiteral("data[reason]")));
    }
    // Merge fields WEDDINGID and ORGID (Mailchimp tags are at most 10 characters) carry our ids.
    e.weddingId = form->value(QStringLiteral("data[merges][WEDDINGID]"));
    e.organizationId = form->value(QStringLiteral("data[merges][ORGID]"));
    e.data = data;
    if (!errors.isEmpty())
        return failed(validationFailed(name(), errors));
    return finish(std::move(e));
}

} // namespace WedSync::Ingress::Sources
