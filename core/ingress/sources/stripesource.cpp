#include "stripesource.h"

#include "standardize.h"
#include "timestampedhmac.h"

namespace WedSync::Ingress::Sources {

const QHash<QString, QString> &StripeSource::typeMap()
{
    static const QHash<QString, QString> map = {
        {QStringLiteral("payment_intent.succeeded"), QStringLiteral("payment.received")},
        {QStringLiteral("invoice.payment_succeeded"), QStringLiteral("payment.received")},
        {QStringLiteral("payment_intent.payment_failed"), QStringLiteral("payment.failed")},
        {QStringLiteral("customer.created"), QStringLiteral("vendor.connected")},
    };
    return map;
}

Error StripeSource::verify(const WebhookRequest &request, const SourceCredentials &credentials,
                           const QDateTime &now) const
{
    return TimestampedHmac::verify(request, "stripe-signature", credentials, now);
}

StandardizeResult StripeSource::standardize(const WebhookRequest &request) const
{
    Error error;
    const auto root = parseJsonObject(request.body, &error);
    if (!root)
        return failed(error);
    FieldReader r(*root);
    Events::Event e;
    e.source = name();
    e.id = r.requireString(QStringLiteral("id"));
    const QString type = r.requireString(QStringLiteral("type"));
    const auto created = r.requireInteger(QStringLiteral("created"));
    if (created) {
        if (*created <= 0 || *created > 253402300799LL)
            r.add(QStringLiteral("created"), QStringLiteral("out_of_range"),
                  QStringLiteral("created must be unix seconds"));
        else
            e.timestamp = QDateTime::fromSecsSinceEpoch(*created, Qt::UTC);
    }
    if (!type.isEmpty()) {
        e.type = typeMap().value(type);
        if (e.type.isEmpty()) {
            QStringList accepted = typeMap().keys();
            accepted.sort();
            const auto fe = unknownTypeError(QStringLiteral("type"), type, accepted);
            r.add(fe.field, fe.code, fe.message);
        }
    }
    const QJsonObject object = r.requireObject(QStringLiteral("data.object"));
    const QJsonObject metadata = r.optionalObject(QStringLiteral("data.object.metadata"));
    QJsonObject data;
    data.insert(QStringLiteral("object_id"), r.requireString(QStringLiteral("data.object.id")));
    data.insert(QStringLiteral("metadata"), metadata);
    if (type == QLatin1String("customer.created")) {
        data.insert(QStringLiteral("customer"), object.value(QStringLiteral("id")));
        data.insert(QStringLiteral("email"), r.optionalString(QStringLiteral("data.object.email")));
        data.insert(QStringLiteral("name"), r.optionalString(QStringLiteral("data.object.name")));
    } else if (!e.type.isEmpty()) {
        const bool invoice = type.startsWith(QLatin1String("invoice."));
        // A succeeded intent reports what was received; a failed one what was asked for.
        QString amountField =
            invoice ? QStringLiteral("data.object.amount_paid") : QStringLiteral("data.object.amount");
        if (type == QLatin1String("payment_intent.succeeded") &&
            object.contains(QStringLiteral("amount_received")))
            amountField = QStringLiteral("data.object.amount_received");
        const auto amount = r.requireInteger(amountField);
        if (amount)
            data.insert(QStringLiteral("amount"), *amount);
        data.insert(QStringLiteral("currency"), r.requireString(QStringLiteral("data.object.currency")));
        data.insert(QStringLiteral("customer"), r.optionalString(QStringLiteral("data.object.customer")));
        if (type == QLatin1String("payment_intent.payment_failed")) {
            const QString msg = r.optionalString(QStringLiteral("data.object.last_payment_error.message"));
            if (!msg.isEmpty())
                data.insert(QStringLiteral("failure_message"), msg);
        }
        if (invoice)
            data.insert(QStringLiteral("payment_intent"),
                        r.optionalString(QStringLiteral("data.object.payment_intent")));
        // Where Stripe sends its receipt: the intent's receipt_email, the invoice's customer_email.
        const QString receipt = r.optionalString(invoice ? QStringLiteral("data.object.customer_email")
                                                         : QStringLiteral("data.object.receipt_email"));
        if (!receipt.isEmpty())
            data.insert(QStringLiteral("receipt_email"), receipt);
    }
    data.insert(QStringLiteral("livemode"), root->value(QStringLiteral("livemode")).toBool());
    data.insert(QStringLiteral("stripe_type"), type);
    e.data = data;
    takeIdsFrom(metadata, &e);
    if (!r.ok())
        return failed(validationFailed(name(), r.errors()));
    return finish(std::move(e));
}

} // namespace WedSync::Ingress::Sources
