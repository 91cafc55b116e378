// Event handlers: registered per event type (or "*" for every type) with a priority, higher first. A handler
// looks at one journaled event and says what follows from it: derived events (journaled before the batch
// commits, with deterministic ids), side-effect writes (run inside the batch transaction) and deliveries
// (outbox rows in the same transaction). Handlers must be deterministic in their derived events and
// idempotent in their writes: after a crash a batch is handled again.
#pragma once

#include "common/error.h"
#include "delivery/deliveryrequest.h"
#include "events/journal.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <functional>

namespace WedSync::Processing {

using Write = std::function<bool(QSqlDatabase &transaction, Error *error)>;

// For Writes: executes a statement with positional binds. During a processing batch the prepared statement is
// kept for the rest of the batch (handlers repeat the same few statements thousands of times per batch).
bool execPrepared(QSqlDatabase &db, const QString &sql, const QVariantList &binds, Error *error);

struct HandlerOutput
{
    // Type and data only; the processor fills id (hash of parent source + id + handler + index), source
    // "engine", timestamp, correlation_id and causation_id, wedding and organization.
    QList<Events::Event> derived;
    QList<Delivery::DeliveryRequest> deliveries;
    QList<Write> writes;
    // Problems that do not fail the handler (a routing rule whose mapping did not fit this event); recorded
    // in the error store under "<handler>/<rule>".
    QList<Error> problems;

    void derive(const QString &type, const QJsonObject &data)
    {
        Events::Event e;
        e.type = type;
        e.data = data;
        derived.append(e);
    }
};

struct HandlerContext
{
    const Events::StoredEvent &event;
    QSqlDatabase
        db; // the processor's connection, for reads of committed state (not in the batch transaction)
    HandlerOutput output;
};

// Returns false with *error on failure. Errors with code VALIDATION_FAILED are permanent (bad input, not
// retried); others are retried with back-off.
using HandlerFn = std::function<bool(HandlerContext &context, Error *error)>;

struct Handler
{
    QString name;      // stable: recorded in the error store and part of derived event ids
    QString eventType; // exact type or "*"
    int priority = 0;
    HandlerFn fn;
    int maxAttempts = 0; // 0: the processor's default
};

class HandlerRegistry
{
public:
    void add(Handler handler);
    // Handlers for a type (its own and "*"), highest priority first, then in registration order.
    QList<const Handler *> handlersFor(const QString &eventType) const;
    QList<const Handler *> all() const;
    int size() const { return int(m_handlers.size()); }

private:
    std::vector<std::unique_ptr<Handler>> m_handlers;
    mutable QHash<QString, QList<const Handler *>> m_cache;
};

} // namespace WedSync::Processing
