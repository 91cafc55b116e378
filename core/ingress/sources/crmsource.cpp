#include "crmsource.h"

#include "generichmac.h"
#include "standardize.h"
#include "standardwebhooks.h"

#include <QJsonObject>

namespace WedSync::Ingress::Sources {

CrmSource::CrmSource(QString name, Scheme scheme)
    : m_name(std::move(name))
    , m_scheme(scheme)
{
    Q_ASSERT(scheme == Scheme::GenericHmac || scheme == Scheme::StandardWebhooks);
}

const QHash<QString, QString> &CrmSource::typeMap()
{
    static const QHash<QString, QString> map = {
        {QStringLiteral("job.created"), QStringLiteral("booking.created")},
        {QStringLiteral("booking.created"), QStringLiteral("booking.created")},
        {QStringLiteral("job.updated"), QStringLiteral("booking.updated")},
        {QStringLiteral("booking.updated"), QStringLiteral("booking.updated")},
        {QStringLiteral("job.cancelled"), QStringLiteral("booking.cancelled")},
        {QStringLiteral("job.canceled"), QStringLiteral("booking.cancelled")},
        {QStringLiteral("booking.cancelled"), QStringLiteral("booking.cancelled")},
        {QStringLiteral("timeline.updated"), QStringLiteral("timeline.changed")},
        {QStringLiteral("guest_count.updated"), QStringLiteral("guest_count.changed")},
        {QStringLiteral("venue.capacity_updated"), QStringLiteral("venue.capacity_changed")},
        {QStringLiteral("client.updated"), QStringLiteral("client.updated")},
        {QStringLiteral("payment.received"), QStringLiteral("payment.received")},
        {QStringLiteral("invoice.paid"), QStringLiteral("payment.received")},
        {QStringLiteral("payment.failed"), QStringLiteral("payment.failed")},
        {QStringLiteral("form.submitted"), QStringLiteral("form.submitted")},
        {QStringLiteral("questionnaire.submitted"), QStringLiteral("form.submitted")},
        {QStringLiteral("form.updated"), QStringLiteral("form.updated")},
        {QStringLiteral("questionnaire.updated"), QStringLiteral("form.updated")},
        {QStringLiteral("availability.updated"), QStringLiteral("availability.changed")},
        {QStringLiteral("review.created"), QStringLiteral("review.received")},
        {QStringLiteral("emergency.reported"), QStringLiteral("emergency.reported")},
    };
    return map;
}

Error CrmSource::verify(const WebhookRequest &request, const SourceCredentials &credentials,
                        const QDateTime &now) const
{
    if (m_scheme == Scheme::StandardWebhooks)
        return StandardWebhooks::verify(request, credentials, now);
    return GenericHmac::verify(request, credentials);
}

StandardizeResult CrmSource::standardize(const WebhookRequest &request) const
{
    Error error;
    const auto root = parseJsonObject(request.body, &error);
    if (!root)
        return failed(error);
    FieldReader r(*root);
    Events::Event e;
    e.source = m_name;

    const QString vendorType = r.requireString(QStringLiteral("type"));
    if (!vendorType.isEmpty()) {
        e.type = typeMap().value(vendorType);
        if (e.type.isEmpty()) {
            QStringList accepted = typeMap().keys();
            accepted.sort();
            const auto fe = unknownTypeError(QStringLiteral("type"), vendorType, accepted);
            r.add(fe.field, fe.code, fe.message);
        }
    }
    e.timestamp = r.requireTime(QStringLiteral("occurred_at"));
    e.data = r.requireObject(QStringLiteral("data"));

    const QJsonValue id = root->value(QStringLiteral("id"));
    if (id.isString() && !id.toString().isEmpty())
        e.id = id.toString();
    else if (id.isDouble() && id.toDouble() == double(qint64(id.toDouble())))
        e.id = QString::number(qint64(id.toDouble()));
    else if (id.isUndefined() || id.isNull())
        e.id = bodyHashId(m_name, request.body);
    else
        r.add(QStringLiteral("id"), QStringLiteral("invalid"),
              QStringLiteral("id must be a string or an integer"));

    e.weddingId = r.optionalString(QStringLiteral("wedding_id"));
    e.organizationId = r.optionalString(QStringLiteral("organization_id"));
    takeIdsFrom(e.data, &e);
    takeIdsFrom(r.optionalObject(QStringLiteral("data.metadata")), &e);

    // What each kind of update must carry for the handlers downstream.
    if (e.type.startsWith(QLatin1String("booking.")))
        r.requireString(QStringLiteral("data.job_id"));
    else if (e.type == QLatin1String("timeline.changed")) {
        // The day's schedule: an object of named times, or a list of items.
        const QJsonValue timeline = e.data.value(QStringLiteral("timeline"));
        if (!timeline.isObject() && !timeline.isArray())
            r.add(QStringLiteral("data.timeline"),
                  timeline.isUndefined() ? QStringLiteral("required") : QStringLiteral("invalid"),
                  QStringLiteral("data.timeline must be an object of times or a list of items"));
    } else if (e.type == QLatin1String("guest_count.changed") ||
               e.type == QLatin1String("venue.capacity_changed"))
        r.requireInteger(e.type == QLatin1String("guest_count.changed") ? QStringLiteral("data.guest_count")
                                                                        : QStringLiteral("data.capacity"));
    else if (e.type.startsWith(QLatin1String("payment."))) {
        r.requireInteger(QStringLiteral("data.amount"));
        r.requireString(QStringLiteral("data.currency"));
    }
    if (e.type.startsWith(QLatin1String("booking.")) || e.type == QLatin1String("timeline.changed") ||
        e.type == QLatin1String("guest_count.changed")) {
        if (e.weddingId.isEmpty())
            r.add(QStringLiteral("wedding_id"), QStringLiteral("required"),
                  QStringLiteral("wedding_id is required for %1 (top level, in data or in data.metadata)")
                      .arg(vendorType));
    }
    if (!r.ok())
        return failed(validationFailed(m_name, r.errors()));
    return finish(std::move(e));
}

} // namespace WedSync::Ingress::Sources
