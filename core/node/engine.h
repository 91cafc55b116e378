// The engine: owns and wires the store, the journal and (as they arrive) ingress, processing, delivery
// and the node server. The headless node runs it on its main thread; the console runs it on a worker
// thread (embedded mode) and talks to it only through the node protocol.
#pragma once

#include "common/config.h"
#include "common/error.h"

#include <QDateTime>
#include <QObject>
#include <memory>

namespace WedSync::Store {
class Database;
}
namespace WedSync::Events {
class Journal;
}
namespace WedSync::Health {
class Metrics;
}
namespace WedSync::Processing {
class Processor;
struct HandlerErrorRecord;
} // namespace WedSync::Processing
namespace WedSync::Routing {
struct Rule;
}
namespace WedSync::Delivery {
class DeliveryWorker;
}

namespace WedSync::Node {

class Engine : public QObject
{
    Q_OBJECT
public:
    explicit Engine(Config config, QObject *parent = nullptr);
    ~Engine() override;

    // Opens the database, applies migrations and starts every part. On failure everything started is
    // stopped again and *error says what to do.
    bool start(Error *error);
    // Stops in reverse order, committing what was accepted.
    void stop();

    const Config &config() const { return m_config; }
    Store::Database *database() const { return m_database.get(); }
    Events::Journal *journal() const { return m_journal.get(); }
    Health::Metrics *metrics() const { return m_metrics.get(); }
    Processing::Processor *processor() const { return m_processor.get(); }

    // For the node protocol (queries and admin commands); empty / false with *error when not running.
    QList<Processing::HandlerErrorRecord> handlerErrors(int limit, qint64 beforeId, Error *error) const;
    QList<Routing::Rule> routingRules(Error *error) const;
    qint64 addRoutingRule(const Routing::Rule &rule, Error *error);
    bool setRoutingRuleEnabled(const QString &name, bool enabled, Error *error);
    bool removeRoutingRule(const QString &name, Error *error);
    // The outbox worker (null when delivery.enabled is off or before start()).
    Delivery::DeliveryWorker *delivery() const { return m_delivery.get(); }
    QDateTime startedAt() const { return m_startedAt; }
    int schemaVersion() const { return m_schemaVersion; }

Q_SIGNALS:
    void started();
    void stopped();

private:
    Config m_config;
    std::unique_ptr<Store::Database> m_database;
    std::unique_ptr<Events::Journal> m_journal;
    std::unique_ptr<Health::Metrics> m_metrics;
    std::unique_ptr<Processing::Processor> m_processor;
    std::unique_ptr<Delivery::DeliveryWorker> m_delivery;
    QDateTime m_startedAt;
    int m_schemaVersion = 0;
    bool m_running = false;
};

} // namespace WedSync::Node
