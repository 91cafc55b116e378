#include "adminhandlers.h"

#include "common/config.h"
#include "delivery/subscriptions.h"
#include "ingress/credentialstore.h"
#include "ingress/sourcehandler.h"
#include "ingress/sourceregistry.h"
#include "ingress/sources/builtinsource.h"
#include "ingress/sources/paypalsignature.h"
#include "node/engine.h"
#include "node/nodeserver.h"
#include "store/database.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>
#include <QSqlQuery>
#if QT_CONFIG(ssl)
#include <QSslCertificate>
#endif

namespace WedSync::Node {

namespace {

// Error codes of the source commands (docs/protocol.md).
constexpr auto SecretEmpty = "SECRET_EMPTY";
constexpr auto SecretTooShort = "SECRET_TOO_SHORT";
constexpr auto SecretInvalid = "SECRET_INVALID";
constexpr auto CertificateInvalid = "CERTIFICATE_INVALID";

Outcome badRequest(const QString &message)
{
    return Outcome::failure(NodeError::BadRequest, message);
}

Outcome invalid(const char *field, const QString &message)
{
    return Outcome::failure(Error::make(QString::fromLatin1(ErrorCode::ValidationFailed), message,
                                        {{QStringLiteral("field"), QLatin1String(field)}}));
}

// An optional string argument: nullopt (and *bad) when present with another type.
std::optional<QString> optionalString(const QJsonObject &args, const char *key, Outcome *bad)
{
    const QJsonValue v = args.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull())
        return QString();
    if (!v.isString()) {
        *bad = badRequest(QStringLiteral("\"%1\" must be a string").arg(QLatin1String(key)));
        return std::nullopt;
    }
    return v.toString();
}

// A duration argument: integer milliseconds (when msIfNumber) or seconds, or a string such as "24h".
std::optional<qint64> durationArg(const QJsonObject &args, const char *key, qint64 def, qint64 maxMs,
                                  bool msIfNumber, Outcome *bad)
{
    const QJsonValue v = args.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull())
        return def;
    qint64 ms = -1;
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (d == double(qint64(d)) && d >= 0)
            ms = qint64(d) * (msIfNumber ? 1 : 1000);
    } else if (v.isString()) {
        ConfigKey k;
        k.name = QLatin1String(key);
        k.type = ConfigKey::Type::Duration;
        QString why;
        if (const auto parsed = Config::parseValue(k, v.toString(), &why))
            ms = parsed->toLongLong();
    }
    if (ms < 0 || ms > maxMs) {
        *bad =
            invalid(key, QStringLiteral("\"%1\" must be a duration from 0 to %2 s, as %3 or a string "
                                        "such as \"30s\", \"24h\"")
                             .arg(QLatin1String(key))
                             .arg(maxMs / 1000)
                             .arg(msIfNumber ? QStringLiteral("milliseconds") : QStringLiteral("seconds")));
        return std::nullopt;
    }
    return ms;
}

// The integration id rule of `wedsync-node source`: no spaces, at most 200 characters.
bool validIntegration(const QString &id)
{
    return id.size() <= 200 && !id.contains(QLatin1Char(' ')) && !id.contains(QLatin1Char('\n')) &&
           !id.contains(QLatin1Char('\t'));
}

QJsonValue ms(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toMSecsSinceEpoch()) : QJsonValue();
}

// PayPal's pinned certificates per integration ('' = the whole source): subject and expiry for the list.
// Certificates are public; only their identity is shown.
QHash<QString, QPair<QString, qint64>> paypalCertificates(Engine *engine, Error *error)
{
    QHash<QString, QPair<QString, qint64>> out;
    QSqlDatabase db = engine->database()->connection(error);
    if (!db.isOpen())
        return out;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT integration_id, certificate_pem FROM source_settings WHERE source = "
                               "'paypal' AND certificate_pem IS NOT NULL"))) {
        *error = Store::Database::toError(q.lastError(), QStringLiteral("reading the PayPal certificates"));
        return out;
    }
    while (q.next()) {
        QString subject;
        qint64 expires = 0;
#if QT_CONFIG(ssl)
        const auto certs = QSslCertificate::fromData(q.value(1).toString().toUtf8(), QSsl::Pem);
        if (!certs.isEmpty()) {
            subject = certs.first().subjectDisplayName();
            expires = certs.first().expiryDate().toMSecsSinceEpoch();
        }
#endif
        out.insert(q.value(0).toString(), {subject, expires});
    }
    return out;
}

QJsonObject summaryToJson(const Ingress::CredentialStore::Summary &s, const Ingress::SourceRegistry *registry,
                          const QHash<QString, QPair<QString, qint64>> &certificates)
{
    QDateTime graceEnd;
    for (const QDateTime &t : s.graceUntil)
        if (!graceEnd.isValid() || t > graceEnd)
            graceEnd = t;
    QJsonObject o{{QStringLiteral("source"), s.source},
                  {QStringLiteral("integration"),
                   s.integrationId.isEmpty() ? QJsonValue() : QJsonValue(s.integrationId)},
                  {QStringLiteral("known"), registry->find(s.source) != nullptr},
                  {QStringLiteral("scheme"), registry->schemeDescription(s.source)},
                  {QStringLiteral("configured"), true},
                  {QStringLiteral("has_secret"), s.hasCurrentSecret},
                  {QStringLiteral("secret_set_at"), ms(s.currentSince)},
                  {QStringLiteral("has_previous_secret"), !s.graceUntil.isEmpty()},
                  {QStringLiteral("grace_until"), ms(graceEnd)}};
    if (s.source == QLatin1String("paypal") || s.hasCertificate) {
        const auto cert = certificates.value(s.integrationId);
        o.insert(QStringLiteral("paypal"),
                 QJsonObject{{QStringLiteral("webhook_id"),
                              s.webhookId.isEmpty() ? QJsonValue() : QJsonValue(s.webhookId)},
                             {QStringLiteral("has_certificate"), s.hasCertificate},
                             {QStringLiteral("certificate_subject"),
                              cert.first.isEmpty() ? QJsonValue() : QJsonValue(cert.first)},
                             {QStringLiteral("certificate_expires_at"),
                              cert.second > 0 ? QJsonValue(cert.second) : QJsonValue()}});
    }
    return o;
}

// The entries of one source (and integration), as source.list shows them.
std::optional<QJsonObject> sourceEntry(Engine *engine, const QString &source, const QString &integration,
                                       Error *error)
{
    const auto summaries = engine->credentials()->list(error);
    if (*error)
        return std::nullopt;
    const auto certs = paypalCertificates(engine, error);
    if (*error)
        return std::nullopt;
    for (const auto &s : summaries)
        if (s.source == source && s.integrationId == integration)
            return summaryToJson(s, engine->sources(), certs);
    return QJsonObject{
        {QStringLiteral("source"), source},
        {QStringLiteral("integration"), integration.isEmpty() ? QJsonValue() : QJsonValue(integration)},
        {QStringLiteral("configured"), false}};
}

// source + integration arguments, checked like the CLI checks them.
Outcome sourceArgs(Engine *engine, const QJsonObject &args, QString *source, QString *integration)
{
    Outcome bad;
    const auto s = optionalString(args, "source", &bad);
    if (!s)
        return bad;
    if (s->isEmpty())
        return badRequest(QStringLiteral("\"source\" names the webhook source, e.g. \"stripe\""));
    if (!engine->sources()->find(*s))
        return Outcome::failure(Error::make(
            QString::fromLatin1(Ingress::IngressError::UnknownSource),
            QStringLiteral("unknown source \"%1\"; known sources: %2 (add your own with [ingress] "
                           "custom_sources)")
                .arg(s->left(80), engine->sources()->names().join(QStringLiteral(", ")))));
    const auto i = optionalString(args, "integration", &bad);
    if (!i)
        return bad;
    if (!validIntegration(*i))
        return invalid("integration", QStringLiteral("\"integration\" must be an id without spaces (at most "
                                                     "200 characters)"));
    *source = *s;
    *integration = *i;
    return Outcome::success();
}

Outcome setSource(Engine *engine, const QJsonObject &args)
{
    QString source;
    QString integration;
    Outcome checked = sourceArgs(engine, args, &source, &integration);
    if (!checked.ok)
        return checked;
    Outcome bad;
    const auto secretText = optionalString(args, "secret", &bad);
    if (!secretText)
        return bad;
    const auto pem = optionalString(args, "certificate_pem", &bad);
    if (!pem)
        return bad;
    const auto webhookId = optionalString(args, "webhook_id", &bad);
    if (!webhookId)
        return bad;
    const bool hasSecret = args.contains(QLatin1String("secret"));
    Error e;
    if (source == QLatin1String("paypal")) {
        if (hasSecret || args.contains(QLatin1String("grace")))
            return invalid("secret", QStringLiteral("PayPal is verified with its signing certificate: give "
                                                    "\"certificate_pem\" and \"webhook_id\", no secret"));
        if (pem->trimmed().isEmpty())
            return Outcome::failure(Error::make(
                QString::fromLatin1(CertificateInvalid),
                QStringLiteral("\"certificate_pem\" is required: the PEM of the signing certificate PayPal "
                               "names in paypal-cert-url"),
                {{QStringLiteral("field"), QStringLiteral("certificate_pem")}}));
        if (pem->size() > 64 * 1024)
            return Outcome::failure(
                Error::make(QString::fromLatin1(CertificateInvalid),
                            QStringLiteral("the certificate is larger than 64 KiB; is it the right file?"),
                            {{QStringLiteral("field"), QStringLiteral("certificate_pem")}}));
        QByteArray certificate = pem->trimmed().toUtf8();
        certificate.append('\n');
        if (Error ce = Ingress::Sources::PayPalSignature::checkCertificate(certificate,
                                                                           QDateTime::currentDateTimeUtc())) {
            ce.code = QString::fromLatin1(CertificateInvalid);
            ce.details.insert(QStringLiteral("field"), QStringLiteral("certificate_pem"));
            return Outcome::failure(ce);
        }
        if (webhookId->trimmed().isEmpty())
            return invalid("webhook_id", QStringLiteral("\"webhook_id\" is required (as shown in the PayPal "
                                                        "developer dashboard)"));
        if (!engine->credentials()->setPayPal(integration, certificate, *webhookId, &e))
            return Outcome::failure(e);
    } else {
        if (!pem->isEmpty() || !webhookId->isEmpty())
            return invalid("certificate_pem", QStringLiteral("\"certificate_pem\" and \"webhook_id\" are for "
                                                             "paypal only; give \"secret\""));
        if (!hasSecret)
            return Outcome::failure(
                Error::make(QString::fromLatin1(SecretEmpty),
                            QStringLiteral("\"secret\" is required: the signing secret the "
                                           "vendor shows for this webhook"),
                            {{QStringLiteral("field"), QStringLiteral("secret")}}));
        // As the CLI reads it from a file: surrounding whitespace is not part of a secret.
        QByteArray secret = secretText->trimmed().toUtf8();
        if (secret.isEmpty())
            return Outcome::failure(Error::make(QString::fromLatin1(SecretEmpty),
                                                QStringLiteral("the secret is empty"),
                                                {{QStringLiteral("field"), QStringLiteral("secret")}}));
        if (Error se = engine->sources()->checkSecret(source, secret)) {
            se.code = QString::fromLatin1(secret.size() < Ingress::Sources::kMinSecretBytes ? SecretTooShort
                                                                                            : SecretInvalid);
            se.details.insert(QStringLiteral("field"), QStringLiteral("secret"));
            secret.fill('\0');
            return Outcome::failure(se);
        }
        const auto grace =
            durationArg(args, "grace", 24 * 3600 * 1000LL, 90LL * 24 * 3600 * 1000, false, &bad);
        if (!grace) {
            secret.fill('\0');
            return bad;
        }
        const bool ok = engine->credentials()->setSecret(
            source, integration, secret,
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::milliseconds(*grace)), &e);
        secret.fill('\0');
        if (!ok)
            return Outcome::failure(e);
    }
    const auto entry = sourceEntry(engine, source, integration, &e);
    return entry ? Outcome::success(*entry) : Outcome::failure(e);
}

QJsonObject subscriptionToJson(const Delivery::Subscription &s)
{
    // Never the secret: only that one is set.
    return QJsonObject{{QStringLiteral("id"), s.id},
                       {QStringLiteral("url"), s.url},
                       {QStringLiteral("event_types"), QJsonArray::fromStringList(s.eventTypes)},
                       {QStringLiteral("active"), s.active},
                       {QStringLiteral("disabled_reason"),
                        s.disabledReason.isEmpty() ? QJsonValue() : QJsonValue(s.disabledReason)},
                       {QStringLiteral("has_secret"), !s.secret.isEmpty()},
                       {QStringLiteral("max_attempts"), s.policy.maxAttempts},
                       {QStringLiteral("backoff"), Delivery::backoffToString(s.policy.backoff)},
                       {QStringLiteral("initial_delay_ms"), s.policy.initialDelayMs},
                       {QStringLiteral("rate_limit"), s.rateLimit},
                       {QStringLiteral("rate_window_ms"), s.rateWindowMs},
                       {QStringLiteral("created_at"), s.createdAt}};
}

Outcome addSubscription(Engine *engine, const QJsonObject &args)
{
    Outcome bad;
    Delivery::Subscription s;
    const auto url = optionalString(args, "url", &bad);
    if (!url)
        return bad;
    s.url = url->trimmed();
    const QJsonValue events = args.value(QLatin1String("event_types"));
    if (events.isArray()) {
        for (const QJsonValue &v : events.toArray()) {
            if (!v.isString())
                return badRequest(QStringLiteral("\"event_types\" must be an array of strings"));
            if (!v.toString().trimmed().isEmpty())
                s.eventTypes << v.toString().trimmed();
        }
    } else if (events.isString()) {
        for (const QString &t : events.toString().split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!t.trimmed().isEmpty())
                s.eventTypes << t.trimmed();
    } else if (!events.isUndefined() && !events.isNull()) {
        return badRequest(QStringLiteral("\"event_types\" must be an array of strings or \"a,b\""));
    }
    const auto secret = optionalString(args, "secret", &bad);
    if (!secret)
        return bad;
    s.secret = secret->trimmed();
    const QJsonValue attempts = args.value(QLatin1String("max_attempts"));
    if (!attempts.isUndefined() && !attempts.isNull()) {
        const double d = attempts.toDouble(-1);
        if (!attempts.isDouble() || d != double(int(d)))
            return invalid("max_attempts",
                           QStringLiteral("\"max_attempts\" must be an integer from 1 to 10"));
        s.policy.maxAttempts = int(d); // validate() checks the range
    }
    const auto backoff = optionalString(args, "backoff", &bad);
    if (!backoff)
        return bad;
    if (!backoff->isEmpty()) {
        if (*backoff != QLatin1String("linear") && *backoff != QLatin1String("exponential"))
            return invalid("backoff", QStringLiteral("\"backoff\" must be linear or exponential"));
        s.policy.backoff = Delivery::backoffFromString(*backoff);
    }
    const auto delay =
        durationArg(args, "initial_delay", s.policy.initialDelayMs, 7LL * 24 * 3600 * 1000, true, &bad);
    if (!delay)
        return bad;
    s.policy.initialDelayMs = *delay;
    const auto rate = optionalString(args, "rate_limit", &bad);
    if (!rate)
        return bad;
    if (!rate->isEmpty()) {
        const auto r = Delivery::parseRateLimit(*rate);
        if (!r)
            return invalid(
                "rate_limit",
                QStringLiteral("\"rate_limit\" must look like 100/min, 10/s, 5000/h or 20000/day"));
        s.rateLimit = r->first;
        s.rateWindowMs = r->second;
    }
    Error e;
    QSqlDatabase db = engine->database()->connection(&e);
    if (!db.isOpen())
        return Outcome::failure(e);
    if (!Delivery::SubscriptionStore::add(db, &s, &e))
        return Outcome::failure(e);
    return Outcome::success(subscriptionToJson(s));
}

} // namespace

void registerAdminHandlers(Engine *engine, NodeServer *server)
{
    server->registerQuery(
        QStringLiteral("source.list"), Role::Admin, [engine](const RequestContext &, const QJsonObject &) {
            Error e;
            const auto summaries = engine->credentials()->list(&e);
            if (e)
                return Outcome::failure(e);
            const auto certs = paypalCertificates(engine, &e);
            if (e)
                return Outcome::failure(e);
            QJsonArray items;
            QSet<QString> configured;
            for (const auto &s : summaries) {
                items.append(summaryToJson(s, engine->sources(), certs));
                configured.insert(s.source);
            }
            // Known sources nothing is configured for: their webhooks are refused (SOURCE_NOT_CONFIGURED).
            for (const QString &name : engine->sources()->names()) {
                if (configured.contains(name))
                    continue;
                items.append(
                    QJsonObject{{QStringLiteral("source"), name},
                                {QStringLiteral("integration"), QJsonValue()},
                                {QStringLiteral("known"), true},
                                {QStringLiteral("scheme"), engine->sources()->schemeDescription(name)},
                                {QStringLiteral("configured"), false},
                                {QStringLiteral("has_secret"), false},
                                {QStringLiteral("has_previous_secret"), false},
                                {QStringLiteral("grace_until"), QJsonValue()}});
            }
            return Outcome::success(QJsonObject{{QStringLiteral("items"), items}});
        });
    server->registerCommand(
        QStringLiteral("source.set"), Role::Admin,
        [engine](const RequestContext &, const QJsonObject &args) { return setSource(engine, args); });
    server->registerCommand(QStringLiteral("source.remove"), Role::Admin,
                            [engine](const RequestContext &, const QJsonObject &args) {
                                QString source;
                                QString integration;
                                Outcome checked = sourceArgs(engine, args, &source, &integration);
                                if (!checked.ok)
                                    return checked;
                                Error e;
                                if (!engine->credentials()->remove(source, integration, &e))
                                    return Outcome::failure(e);
                                return Outcome::success(QJsonObject{
                                    {QStringLiteral("source"), source},
                                    {QStringLiteral("integration"),
                                     integration.isEmpty() ? QJsonValue() : QJsonValue(integration)},
                                    {QStringLiteral("removed"), true}});
                            });

    server->registerQuery(QStringLiteral("subscription.list"), Role::Admin,
                          [engine](const RequestContext &, const QJsonObject &) {
                              Error e;
                              QSqlDatabase db = engine->database()->connection(&e);
                              if (!db.isOpen())
                                  return Outcome::failure(e);
                              const auto list = Delivery::SubscriptionStore::list(db, &e);
                              if (e)
                                  return Outcome::failure(e);
                              QJsonArray items;
                              for (const auto &s : list)
                                  items.append(subscriptionToJson(s));
                              return Outcome::success(QJsonObject{{QStringLiteral("items"), items}});
                          });
    server->registerCommand(
        QStringLiteral("subscription.add"), Role::Admin,
        [engine](const RequestContext &, const QJsonObject &args) { return addSubscription(engine, args); });
    server->registerCommand(
        QStringLiteral("subscription.remove"), Role::Admin,
        [engine](const RequestContext &, const QJsonObject &args) {
            const QJsonValue id = args.value(QLatin1String("id"));
            if (!id.isString() || id.toString().isEmpty())
                return badRequest(QStringLiteral("\"id\" names the subscription (sub_...)"));
            Error e;
            QSqlDatabase db = engine->database()->connection(&e);
            if (!db.isOpen())
                return Outcome::failure(e);
            if (!Delivery::SubscriptionStore::remove(db, id.toString(), &e))
                return Outcome::failure(e);
            return Outcome::success(
                QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("removed"), true}});
        });
}

} // namespace WedSync::Node
