// The event processor: tails the journal from its cursor on its own thread, runs the registered handlers of
// each event (priority order, retries with back-off base * attempt, failures into processing_errors),
// journals the derived events, then commits the handlers' side effects, their delivery rows and the cursor
// advance in one transaction per batch. A restart resumes after the last committed batch: nothing skipped,
// nothing handled twice (a batch interrupted before its commit is handled again; its derived events already
// in the journal are recognised by their deterministic ids). On PostgreSQL the cursor row is locked per
// batch, so several nodes can run processors on one database without handling a batch twice.
#pragma once

#include "common/error.h"
#include "processing/handler.h"
#include "routing/notifier.h"
#include "routing/rules.h"

#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace WedSync::Store {
class Database;
}
namespace WedSync::Health {
class Metrics;
class Counter;
class Gauge;
} // namespace WedSync::Health

namespace WedSync::Processing {

struct HandlerErrorRecord
{
    qint64 id = 0;
    qint64 eventSeq = 0;
    QString eventId;
    QString eventType;
    QString handler;
    QString code;
    QString message;
    int attempts = 0;
    qint64 createdAtMs = 0;
    QJsonObject toJson() const;
};

class Processor : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString name = QStringLiteral("main");    // cursor name
        int batchSize = 1000;                     // events per transaction
        int maxAttempts = 3;                      // per handler and event
        std::chrono::milliseconds retryBase{200}; // back-off before attempt n+1: base * n
        std::chrono::milliseconds idlePoll{1000}; // re-read the journal this often when not woken
        std::chrono::milliseconds failureBackoffMax{10000};
        bool registerWeddingHandlers = true; // the chains, transforms, notifications and routing
        Routing::NotifySettings notify;
        // Connector targets this node can deliver to (delivery.connector_targets and the presets). When set,
        // rules sending to any other connector target are left out of routing, so an unconfigured CRM costs
        // nothing instead of filling the outbox with deliveries that can only fail. Unset: every rule routes.
        std::optional<QSet<QString>> connectorTargets;
    };
    using EnqueueFn = std::function<bool(QSqlDatabase &, const QList<Delivery::DeliveryRequest> &, Error *)>;

    // db, journal: not owned; must outlive the processor. metrics may be null.
    Processor(Store::Database *db, Events::Journal *journal, Options options,
              Health::Metrics *metrics = nullptr, QObject *parent = nullptr);
    ~Processor() override; // stops

    // Register handlers before start(); the registry is read by the processing thread afterwards.
    HandlerRegistry &registry() { return m_registry; }
    // Replaces Delivery::enqueue (tests). Before start() only.
    void setEnqueue(EnqueueFn fn) { m_enqueue = std::move(fn); }

    // Reads the cursor and the routing rules and starts the processing thread.
    bool start(Error *error = nullptr);
    // Finishes the batch in hand (or abandons it before its commit) and stops. Thread-safe, idempotent.
    void stop();
    bool isRunning() const { return m_running.load(); }

    // Last journal seq whose handling is committed. Thread-safe.
    qint64 cursor() const { return m_cursor.load(std::memory_order_acquire); }
    qint64 processedCount() const { return m_processed.load(std::memory_order_relaxed); }
    // Wakes the thread (also connected to Journal::committed).
    void wake();
    // Re-reads routing rules before the next batch (call after changing them).
    void reloadRules()
    {
        m_rulesDirty.store(true);
        wake();
    }

    // For the node protocol. Read on the calling thread's connection.
    QList<HandlerErrorRecord> handlerErrors(int limit = 100, qint64 beforeId = 0,
                                            Error *error = nullptr) const;
    QList<Routing::Rule> rules(Error *error = nullptr) const;
    qint64 addRule(const Routing::Rule &rule, Error *error = nullptr);
    bool setRuleEnabled(const QString &name, bool enabled, Error *error = nullptr);
    bool removeRule(const QString &name, Error *error = nullptr);

    // Reads the stored cursor (tests, tools).
    static qint64 storedCursor(Store::Database *db, const QString &name, Error *error = nullptr);
    // The deterministic id of a handler's index-th event derived from `parent` (its seq and identity).
    static QString derivedEventId(const Events::StoredEvent &parent, const QString &handler, int index);

Q_SIGNALS:
    // Emitted on the processing thread after each committed batch.
    void processed(qint64 cursor);

private:
    struct Outcome;
    void run();
    int processBatch(Error *error); // events handled, -1 on failure
    bool runHandler(const Handler &h, const Events::StoredEvent &se, QSqlDatabase &db, HandlerOutput *out,
                    Error *error, int *attempts);
    bool sleepFor(std::chrono::milliseconds d); // false when stopping
    bool loadRules(Error *error);

    Store::Database *m_db;      // not owned
    Events::Journal *m_journal; // not owned
    Options m_options;
    HandlerRegistry m_registry;
    EnqueueFn m_enqueue;
    Routing::Notifier m_notifier;
    std::shared_ptr<const Routing::RuleSet> m_rules; // processing thread only
    std::atomic<bool> m_rulesDirty{false};

    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_wake = false;     // guarded by m_mutex
    bool m_stopping = false; // guarded by m_mutex
    std::thread m_thread;
    std::atomic<bool> m_running{false};
    std::atomic<qint64> m_cursor{0};
    std::atomic<qint64> m_processed{0};
    QMetaObject::Connection m_journalConnection;

    Health::Counter *m_eventsCounter = nullptr;
    Health::Counter *m_errorsCounter = nullptr;
    Health::Gauge *m_lagGauge = nullptr;
};

} // namespace WedSync::Processing
