// Outbound webhook subscriptions: validation, storage, and the per-event matcher that turns a journaled event
// into one delivery row per matching active subscription (called inside the processing transaction).
#pragma once

#include "common/error.h"
#include "delivery/retrypolicy.h"

#include <QList>
#include <QPair>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <optional>

namespace WedSync::Events {
class Event;
}

namespace WedSync::Delivery {

namespace SubscriptionError {
inline constexpr auto NotFound = "SUBSCRIPTION_NOT_FOUND";
} // namespace SubscriptionError

struct Subscription
{
    QString id; // "sub_<hex>", assigned by add()
    QString url;
    QStringList eventTypes; // at least one; "*" matches every type
    QString secret;         // >= 16 characters; "whsec_<base64>" or raw; never logged
    bool active = true;
    RetryPolicy policy = RetryPolicy::subscriptionDefault();
    int rateLimit = 0; // most deliveries per window; 0 = unlimited
    qint64 rateWindowMs = 60000;
    qint64 createdAt = 0;
    QString disabledReason;

    bool matches(const QString &eventType) const;
    // Field-level validation: url (http/https with a host), events, secret, attempts 1-10, delay, rate.
    // VALIDATION_FAILED with details {"field": ...} on the first problem.
    Error validate() const;
};

// Parses "100/min", "10/s", "5000/h", "20000/day" into (limit, window ms); nullopt when malformed.
std::optional<std::pair<int, qint64>> parseRateLimit(const QString &text);

class SubscriptionStore
{
public:
    // Validates, assigns id and creation time, inserts. False with *error.
    static bool add(QSqlDatabase db, Subscription *subscription, Error *error);
    static QList<Subscription> list(QSqlDatabase db, Error *error);
    static std::optional<Subscription> get(QSqlDatabase db, const QString &id, Error *error);
    // Enables or disables (with a reason, e.g. "410 Gone"). SUBSCRIPTION_NOT_FOUND for an unknown id.
    static bool setActive(QSqlDatabase db, const QString &id, bool active, const QString &reason,
                          Error *error);
    static bool remove(QSqlDatabase db, const QString &id, Error *error);
};

// For the processor, per journaled event, inside its transaction: enqueues one delivery (payload = the
// event's standard JSON) for every active subscription whose event types match. Idempotent (deterministic
// ids).
bool enqueueForSubscriptions(QSqlDatabase &transaction, qint64 seq, const Events::Event &event, Error *error);
// The same for a processing batch: the active subscriptions are read once for the whole batch (not once per
// event) and every delivery goes out in multi-row inserts. Pairs of (journal seq, event; not owned).
bool enqueueForSubscriptions(QSqlDatabase &transaction,
                             const QList<QPair<qint64, const Events::Event *>> &events, Error *error);

} // namespace WedSync::Delivery
