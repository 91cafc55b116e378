#include "paypalsource.h"

#include "paypalsignature.h"
#include "standardize.h"

#include <QRegularExpression>

namespace WedSync::Ingress::Sources {

const QHash<QString, QString> &PayPalSource::typeMap()
{
    static const QHash<QString, QString> map = {
        {QStringLiteral("PAYMENT.CAPTURE.COMPLETED"), QStringLiteral("payment.received")},
        {QStringLiteral("PAYMENT.SALE.COMPLETED"), QStringLiteral("payment.received")},
        {QStringLiteral("PAYMENT.CAPTURE.DENIED"), QStringLiteral("payment.failed")},
        {QStringLiteral("PAYMENT.SALE.DENIED"), QStringLiteral("payment.failed")},
    };
    return map;
}

Error PayPalSource::verify(const WebhookRequest &request, const SourceCredentials &credentials,
                           const QDateTime &now) const
{
    return PayPalSignature::verify(request, credentials, now);
}

StandardizeResult PayPalSource::standardize(const WebhookRequest &request) const
{
    Error error;
    const auto root = parseJsonObject(request.body, &error);
    if (!root)
        return failed(error);
    FieldReader r(*root);
    Events::Event e;
    e.source = name();
    e.id = r.requireString(QStringLiteral("id"));
    e.timestamp = r.requireTime(QStringLiteral("create_time"));
    const QString type = r.requireString(QStringLiteral("event_type"));
    if (!type.isEmpty()) {
        e.type = typeMap().value(type);
        if (e.type.isEmpty()) {
            QStringList accepted = typeMap().keys();
            accepted.sort();
            const auto fe = unknownTypeError(QStringLiteral("event_type"), type, accepted);
            r.add(fe.field, fe.code, fe.message);
        }
    }
    r.requireObject(QStringLiteral("resource"));
    QJsonObject data;
    data.insert(QStringLiteral("paypal_type"), type);
    data.insert(QStringLiteral("transaction_id"), r.requireString(QStringLiteral("resource.id")));
    static const QRegularExpression decimal(QStringLiteral("^\\d{1,15}(\\.\\d{1,4})?$"));
    QString amount;
    QString currency;
    QString state;
    if (type.startsWith(QLatin1String("PAYMENT.SALE."))) {
        // v1 sale resource: amount.total, amount.currency, state
        amount = r.requireString(QStringLiteral("resource.amount.total"));
        currency = r.requireString(QStringLiteral("resource.amount.currency"));
        state = r.requireString(QStringLiteral("resource.state"));
        data.insert(QStringLiteral("parent_payment"),
                    r.optionalString(QStringLiteral("resource.parent_payment")));
    } else {
        // v2 capture resource: amount.value, amount.currency_code, status
        amount = r.requireString(QStringLiteral("resource.amount.value"));
        currency = r.requireString(QStringLiteral("resource.amount.currency_code"));
        state = r.requireString(QStringLiteral("resource.status"));
        data.insert(QStringLiteral("invoice_id"), r.optionalString(QStringLiteral("resource.invoice_id")));
    }
    if (!amount.isEmpty() && !decimal.match(amount).hasMatch())
        r.add(QStringLiteral("resource.amount"), QStringLiteral("invalid"),
              QStringLiteral("the amount must be a decimal such as 1500.00"));
    data.insert(QStringLiteral("amount"), amount);
    data.insert(QStringLiteral("currency"), currency);
    data.insert(QStringLiteral("state"), state.toLower());
    // Our checkout puts "wedding_id=...;organization_id=...;booking_id=..." in custom_id (v2) or custom (v1).
    QString custom = r.optionalString(QStringLiteral("resource.custom_id"));
    if (custom.isEmpty())
        custom = r.optionalString(QStringLiteral("resource.custom"));
    if (!custom.isEmpty()) {
        data.insert(QStringLiteral("custom_id"), custom);
        QJsonObject ids;
        for (const QString &pair :
             custom.split(QRegularExpression(QStringLiteral("[;&]")), Qt::SkipEmptyParts)) {
            const qsizetype eq = pair.indexOf(QLatin1Char('='));
            if (eq > 0)
                ids.insert(pair.left(eq).trimmed(), pair.mid(eq + 1).trimmed());
        }
        takeIdsFrom(ids, &e);
        if (const QString booking = ids.value(QStringLiteral("booking_id")).toString(); !booking.isEmpty())
            data.insert(QStringLiteral("booking_id"), booking);
    }
    e.data = data;
    if (!r.ok())
        return failed(validationFailed(name(), r.errors()));
    return finish(std::move(e));
}

} // namespace WedSync::Ingress::Sources
