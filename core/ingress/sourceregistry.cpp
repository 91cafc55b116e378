#include "sourceregistry.h"

#include "sources/builtinsource.h"
#include "sources/builtinsources.h"
#include "sources/crmsource.h"

namespace WedSync::Ingress {

SourceRegistry::SourceRegistry()
{
    for (auto &handler : Sources::makeBuiltinSources())
        add(std::move(handler));
}

SourceRegistry::~SourceRegistry() = default;

const SourceHandler *SourceRegistry::find(const QString &name) const
{
    const auto it = m_handlers.constFind(name);
    return it == m_handlers.cend() ? nullptr : it->get();
}

QString SourceRegistry::detect(const WebhookRequest &request) const
{
    if (request.hasHeader("stripe-signature"))
        return QStringLiteral("stripe");
    if (request.hasHeader("paypal-transmission-id"))
        return QStringLiteral("paypal");
    if (request.hasHeader("x-mailchimp-webhook"))
        return QStringLiteral("mailchimp");
    if (request.hasHeader("x-calendly-webhook") || request.hasHeader("calendly-webhook-signature"))
        return QStringLiteral("calendly");
    if (request.header("user-agent").contains("Zapier"))
        return QStringLiteral("zapier");
    if (request.hasHeader("x-custom-webhook"))
        return QStringLiteral("custom_crm");
    return QStringLiteral("booking_system");
}

QStringList SourceRegistry::names() const
{
    QStringList n = m_handlers.keys();
    n.sort();
    return n;
}

void SourceRegistry::add(std::unique_ptr<SourceHandler> handler)
{
    const QString name = handler->name();
    m_handlers.insert(name, std::shared_ptr<SourceHandler>(std::move(handler)));
}

bool SourceRegistry::addCustom(const QString &name, Error *error)
{
    if (!isValidName(name)) {
        if (error)
            *error = Error::make(
                QString::fromLatin1(IngressError::UnknownSource),
                QStringLiteral("'%1' is not a valid source name: use lower-case letters, digits and "
                               "'_' (1-64, starting with a letter)")
                    .arg(name.left(80)));
        return false;
    }
    if (m_handlers.contains(name)) {
        if (error)
            *error = Error::make(QString::fromLatin1(IngressError::ValidationFailed),
                                 QStringLiteral("'%1' is already a source").arg(name));
        return false;
    }
    add(std::make_unique<Sources::CrmSource>(name, Sources::Scheme::GenericHmac));
    return true;
}

bool SourceRegistry::addCustomSources(const QString &commaSeparated, Error *error)
{
    for (const QString &raw : commaSeparated.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString name = raw.trimmed();
        if (!name.isEmpty() && !addCustom(name, error))
            return false;
    }
    return true;
}

bool SourceRegistry::isValidName(const QString &name)
{
    if (name.isEmpty() || name.size() > 64 ||
        !(name.at(0) >= QLatin1Char('a') && name.at(0) <= QLatin1Char('z')))
        return false;
    for (const QChar c : name) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                        (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_');
        if (!ok)
            return false;
    }
    return true;
}

Error SourceRegistry::checkSecret(const QString &name, const QByteArray &secret) const
{
    const SourceHandler *h = find(name);
    if (!h)
        return Error::make(QString::fromLatin1(IngressError::UnknownSource),
                           QStringLiteral("unknown source '%1'; known sources: %2")
                               .arg(name.left(80), names().join(QStringLiteral(", "))));
    if (const auto *b = dynamic_cast<const Sources::BuiltinSource *>(h))
        return b->checkSecret(secret);
    if (secret.size() < Sources::kMinSecretBytes)
        return Error::make(QString::fromLatin1(IngressError::ValidationFailed),
                           QStringLiteral("the secret is %1 bytes; use at least %2 random bytes")
                               .arg(secret.size())
                               .arg(Sources::kMinSecretBytes));
    return {};
}

std::chrono::seconds SourceRegistry::tolerance(const QString &name) const
{
    if (const auto *b = dynamic_cast<const Sources::BuiltinSource *>(find(name)))
        return b->defaultTolerance();
    return std::chrono::seconds(300);
}

QString SourceRegistry::schemeDescription(const QString &name) const
{
    if (const auto *b = dynamic_cast<const Sources::BuiltinSource *>(find(name)))
        return Sources::schemeName(b->scheme());
    return {};
}

} // namespace WedSync::Ingress
