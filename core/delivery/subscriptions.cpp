#include "delivery/subscriptions.h"

#include "delivery/deliveryrequest.h"
#include "events/event.h"
#include "store/database.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace WedSync::Delivery {

bool Subscription::matches(const QString &eventType) const
{
    return eventTypes.contains(eventType) || eventTypes.contains(QStringLiteral("*"));
}

static Error invalid(const QString &field, const QString &message)
{
    return Error::make(QString::fromLatin1(ErrorCode::ValidationFailed), message,
                       QJsonObject{{QStringLiteral("field"), field}});
}

Error Subscription::validate() const
{
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid() || u.host().isEmpty() ||
        (u.scheme() != QLatin1String("https") && u.scheme() != QLatin1String("http")))
        return invalid(QStringLiteral("url"),
                       QStringLiteral("The URL must be an absolute http:// or https:// address "
                                      "with a host, e.g. https://crm.example.com/hooks."));
    if (eventTypes.isEmpty())
        return invalid(
            QStringLiteral("events"),
            QStringLiteral("Name at least one event type, e.g. --events booking.created,payment.received."));
    for (const QString &t : eventTypes) {
        if (t != QLatin1String("*") && !Events::Event::isKnownType(t))
            return invalid(
                QStringLiteral("events"),
                QStringLiteral("Unknown event type '%1'; use one of the engine's event types or *.").arg(t));
    }
    if (secret.size() < 16)
        return invalid(QStringLiteral("secret"),
                       QStringLiteral("The signing secret must be at least 16 characters."));
    if (policy.maxAttempts < 1 || policy.maxAttempts > 10)
        return invalid(QStringLiteral("max_attempts"),
                       QStringLiteral("Max attempts must be between 1 and 10."));
    if (policy.initialDelayMs < 0 || policy.initialDelayMs > 24LL * 3600 * 1000)
        return invalid(QStringLiteral("initial_delay"),
                       QStringLiteral("The initial retry delay must be between 0 and 24 hours."));
    if (rateLimit < 0 || rateWindowMs <= 0)
        return invalid(QStringLiteral("rate_limit"),
                       QStringLiteral("The rate limit must look like 100/min."));
    return {};
}

std::optional<std::pair<int, qint64>> parseRateLimit(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^(\\d+)\\s*/\\s*(s|sec|second|m|min|minute|h|hour|d|day)$"));
    const auto m = re.match(text.trimmed().toLower());
    if (!m.hasMatch())
        return std::nullopt;
    bool ok = false;
    const int n = m.captured(1).toInt(&ok);
    if (!ok || n <= 0)
        return std::nullopt;
    const QString unit = m.captured(2);
    qint64 window = 1000;
    if (unit.startsWith(QLatin1Char('m')))
        window = 60000;
    else if (unit.startsWith(QLatin1Char('h')))
        window = 3600000;
    else if (unit.startsWith(QLatin1Char('d')))
        window = 86400000;
    return std::make_pair(n, window);
}

static Subscription fromQuery(const QSqlQuery &q)
{
    Subscription s;
    s.id = q.value(0).toString();
    s.url = q.value(1).toString();
    s.eventTypes = q.value(2).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    s.secret = q.value(3).toString();
    s.active = q.value(4).toInt() != 0;
    s.policy.maxAttempts = q.value(5).toInt();
    s.policy.backoff = backoffFromString(q.value(6).toString());
    s.policy.initialDelayMs = q.value(7).toLongLong();
    s.rateLimit = q.value(8).toInt();
    s.rateWindowMs = q.value(9).toLongLong();
    s.createdAt = q.value(10).toLongLong();
    s.disabledReason = q.value(11).toString();
    return s;
}

static const char *kColumns =
    "id, url, event_types, secret, active, max_attempts, backoff, initial_delay_ms, "
    "rate_limit, rate_window_ms, created_at, disabled_reason";

bool SubscriptionStore::add(QSqlDatabase db, Subscription *s, Error *error)
{
    if (const Error e = s->validate()) {
        if (error)
            *error = e;
        return false;
    }
    const quint64 r1 = QRandomGenerator::system()->generate64();
    s->id = QStringLiteral("sub_") + QString::number(r1, 16).rightJustified(16, QLatin1Char('0'));
    s->createdAt = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO subscriptions (id, url, event_types, secret, active, max_attempts, backoff, "
        "initial_delay_ms, rate_limit, rate_window_ms, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(s->id);
    q.addBindValue(s->url);
    q.addBindValue(s->eventTypes.join(QLatin1Char(',')));
    q.addBindValue(s->secret);
    q.addBindValue(s->active ? 1 : 0);
    q.addBindValue(s->policy.maxAttempts);
    q.addBindValue(backoffToString(s->policy.backoff));
    q.addBindValue(s->policy.initialDelayMs);
    q.addBindValue(s->rateLimit);
    q.addBindValue(s->rateWindowMs);
    q.addBindValue(s->createdAt);
    q.addBindValue(s->createdAt);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("add subscription"));
        return false;
    }
    return true;
}

QList<Subscription> SubscriptionStore::list(QSqlDatabase db, Error *error)
{
    QList<Subscription> out;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM subscriptions ORDER BY created_at, id")
                    .arg(QLatin1String(kColumns)))) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("list subscriptions"));
        return out;
    }
    while (q.next())
        out.append(fromQuery(q));
    return out;
}

std::optional<Subscription> SubscriptionStore::get(QSqlDatabase db, const QString &id, Error *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1 FROM subscriptions WHERE id = ?").arg(QLatin1String(kColumns)));
    q.addBindValue(id);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("read subscription"));
        return std::nullopt;
    }
    if (!q.next()) {
        if (error)
            *error = Error::make(
                QString::fromLatin1(SubscriptionError::NotFound),
                QStringLiteral("No subscription %1; `wedsync-node subscription list` shows them.").arg(id));
        return std::nullopt;
    }
    return fromQuery(q);
}

static bool changeOne(QSqlQuery &q, const QString &id, const QString &what, Error *error)
{
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), what);
        return false;
    }
    if (q.numRowsAffected() == 0) {
        if (error)
            *error = Error::make(
                QString::fromLatin1(SubscriptionError::NotFound),
                QStringLiteral("No subscription %1; `wedsync-node subscription list` shows them.").arg(id));
        return false;
    }
    return true;
}

bool SubscriptionStore::setActive(QSqlDatabase db, const QString &id, bool active, const QString &reason,
                                  Error *error)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "UPDATE subscriptions SET active = ?, disabled_at = ?, disabled_reason = ?, updated_at = ? "
        "WHERE id = ?"));
    q.addBindValue(active ? 1 : 0);
    q.addBindValue(active ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(now));
    q.addBindValue(active ? QVariant(QMetaType(QMetaType::QString)) : QVariant(reason));
    q.addBindValue(now);
    q.addBindValue(id);
    if (!changeOne(q, id, QStringLiteral("update subscription"), error))
        return false;
    if (active) {
        // Enabling is an operator's fresh start: the endpoint is no longer disabled and its breaker is
        // closed.
        QSqlQuery t(db);
        t.prepare(QStringLiteral(
            "UPDATE delivery_targets SET disabled_at = NULL, state = 'closed', "
            "consecutive_failures = 0, failing_since = NULL, updated_at = ? WHERE target = ?"));
        t.addBindValue(now);
        t.addBindValue(id);
        if (!t.exec()) {
            if (error)
                *error = Store::Database::toError(t.lastError(), QStringLiteral("reset endpoint"));
            return false;
        }
    }
    return true;
}

bool SubscriptionStore::remove(QSqlDatabase db, const QString &id, Error *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM subscriptions WHERE id = ?"));
    q.addBindValue(id);
    return changeOne(q, id, QStringLiteral("remove subscription"), error);
}

bool enqueueForSubscriptions(QSqlDatabase &transaction, qint64 seq, const Events::Event &event, Error *error)
{
    return enqueueForSubscriptions(transaction, {qMakePair(seq, &event)}, error);
}

bool enqueueForSubscriptions(QSqlDatabase &transaction,
                             const QList<QPair<qint64, const Events::Event *>> &events, Error *error)
{
    if (events.isEmpty())
        return true;
    QSqlQuery q(transaction);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, event_types FROM subscriptions WHERE active = 1"))) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("match subscriptions"));
        return false;
    }
    QList<QPair<QString, QStringList>> active;
    while (q.next())
        active.append(
            {q.value(0).toString(), q.value(1).toString().split(QLatin1Char(','), Qt::SkipEmptyParts)});
    q.finish();
    if (active.isEmpty())
        return true;
    QList<DeliveryRequest> requests;
    for (const auto &[seq, event] : events) {
        QByteArray body;
        for (const auto &[id, types] : std::as_const(active)) {
            if (!types.contains(event->type) && !types.contains(QStringLiteral("*")))
                continue;
            if (body.isEmpty())
                body = event->toCompactJson();
            DeliveryRequest r;
            r.eventSeq = seq;
            r.eventType = event->type;
            r.kind = TargetKind::Webhook;
            r.target = id;
            r.payload = body;
            r.weddingId = event->weddingId;
            r.correlationId = event->correlationId;
            requests.append(std::move(r));
        }
    }
    return enqueue(transaction, requests, error);
}

} // namespace WedSync::Delivery
