#include "simulatorsecrets.h"

#include "ingress/credentialstore.h"
#include "simulate/webhookfactory.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace WedSync::Simulate {

SimulatorSecrets SimulatorSecrets::generate()
{
    SimulatorSecrets s;
    for (const QString &source : WebhookFactory::sources()) {
        if (source == QLatin1String("paypal"))
            continue;
        if (source == QLatin1String("honeybook") || source == QLatin1String("studio_ninja"))
            s.secrets.insert(source, randomStandardSecret(32));
        else if (source == QLatin1String("stripe"))
            s.secrets.insert(source, randomHexSecret(24, "whsec_"));
        else
            s.secrets.insert(source, randomHexSecret(24));
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    s.paypal = generateRsaCertificate(now.addDays(-1), now.addDays(365));
    s.paypalWebhookId = QStringLiteral("WH-SIM-") + QString::fromLatin1(randomHexSecret(6).toUpper());
    return s;
}

QByteArray SimulatorSecrets::toJson() const
{
    QJsonObject sec;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
        sec.insert(it.key(), QString::fromLatin1(it.value()));
    QJsonObject pp{{QStringLiteral("webhook_id"), paypalWebhookId},
                   {QStringLiteral("certificate_pem"), QString::fromLatin1(paypal.certificatePem)},
                   {QStringLiteral("private_key_pem"), QString::fromLatin1(paypal.privateKeyPem)}};
    return QJsonDocument(QJsonObject{{QStringLiteral("secrets"), sec}, {QStringLiteral("paypal"), pp}})
        .toJson(QJsonDocument::Indented);
}

std::optional<SimulatorSecrets> SimulatorSecrets::fromJson(const QByteArray &json, Error *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    auto bad = [&](const QString &why) -> std::optional<SimulatorSecrets> {
        if (error)
            *error = Error::make(
                QString::fromLatin1(ErrorCode::ValidationFailed),
                QStringLiteral("the secrets file %1; delete it to have a new one written").arg(why));
        return std::nullopt;
    };
    if (!doc.isObject())
        return bad(QStringLiteral("is not a JSON object (%1)").arg(pe.errorString()));
    SimulatorSecrets s;
    const QJsonObject sec = doc.object().value(QStringLiteral("secrets")).toObject();
    for (const QString &source : WebhookFactory::sources()) {
        if (source == QLatin1String("paypal"))
            continue;
        const QString v = sec.value(source).toString();
        if (v.isEmpty())
            return bad(QStringLiteral("has no secret for %1").arg(source));
        s.secrets.insert(source, v.toLatin1());
    }
    const QJsonObject pp = doc.object().value(QStringLiteral("paypal")).toObject();
    s.paypalWebhookId = pp.value(QStringLiteral("webhook_id")).toString();
    s.paypal.certificatePem = pp.value(QStringLiteral("certificate_pem")).toString().toLatin1();
    s.paypal.privateKeyPem = pp.value(QStringLiteral("private_key_pem")).toString().toLatin1();
    if (s.paypalWebhookId.isEmpty() || s.paypal.certificatePem.isEmpty() || s.paypal.privateKeyPem.isEmpty())
        return bad(QStringLiteral("lacks the PayPal webhook id, certificate or private key"));
    return s;
}

bool SimulatorSecrets::install(Ingress::CredentialStore *store, Error *error) const
{
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        if (!store->setSecret(it.key(), QString(), it.value(), std::chrono::seconds(0), error))
            return false;
    }
    return store->setPayPal(QString(), paypal.certificatePem, paypalWebhookId, error);
}

} // namespace WedSync::Simulate
