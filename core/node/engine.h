// The engine: owns and wires the store, the journal and (as they arrive) ingress, processing, delivery
// and the node server. The headless node runs it on its main thread; the console runs it on a worker
// thread (embedded mode) and talks to it only through the node protocol.
#pragma once

#include "common/config.h"
#include "common/error.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <memory>

namespace WedSync::Store {
class Database;
}
namespace WedSync::Events {
class Journal;
}
namespace WedSync::Health {
class Metrics;
class Monitor;
} // namespace WedSync::Health
namespace WedSync::Delivery {
class DeliveryWorker;
class ChannelHealthCheck;
} // namespace WedSync::Delivery
namespace WedSync::Processing {
class Processor;
struct HandlerErrorRecord;
} // namespace WedSync::Processing
namespace WedSync::Routing {
struct Rule;
}
namespace WedSync::Ingress {
class CredentialStore;
class IngressServer;
class SourceRegistry;
class WebhookLog;
} // namespace WedSync::Ingress

namespace WedSync::Node {

class NodeServer;
class TokenStore;
class Audit;
class JournalWatcher;
class ReplayJobRunner;
class AttemptFeed;

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

    // Embedded mode (the console): the node server listens on 127.0.0.1:<free port> and accepts one
    // admin token generated for this run and kept in memory only. Call before start().
    void setEmbedded(bool embedded) { m_embedded = embedded; }
    bool isEmbedded() const { return m_embedded; }
    // ws://127.0.0.1:<port> of the running node server (empty before start or when node.listen is off).
    QUrl nodeUrl() const;
    // The embedded admin token (empty unless embedded).
    QByteArray embeddedToken() const { return m_embeddedToken; }
    // The WebSocket API; register topics, queries and commands on it after start(). Null before start.
    NodeServer *nodeServer() const { return m_nodeServer.get(); }
    TokenStore *tokens() const { return m_tokens.get(); }
    Audit *audit() const;
    // Integration health: the lead wires ingress and delivery outcomes to recordIngress/recordDelivery.
    Health::Monitor *health() const { return m_health.get(); }
    // The highest journal seq committed by any node sharing the database.
    qint64 lastSeq() const;
    // Events per second appended (on any node sharing the database) over the last minute.
    double eventsPerSecond() const;

    const Config &config() const { return m_config; }
    Store::Database *database() const { return m_database.get(); }
    Events::Journal *journal() const { return m_journal.get(); }
    Health::Metrics *metrics() const { return m_metrics.get(); }
    Processing::Processor *processor() const { return m_processor.get(); }
    // The outbox worker (null when delivery.enabled is off or before start()).
    Delivery::DeliveryWorker *delivery() const { return m_delivery.get(); }
    // Dead-letter replay jobs, run in the background (null before start()).
    ReplayJobRunner *replayJobs() const { return m_replayJobs.get(); }
    // node.name, or the host name when it is empty: how this node names itself to consoles and in job rows.
    QString nodeName() const;

    // For the node protocol (queries and admin commands); empty / false with *error when not running.
    QList<Processing::HandlerErrorRecord> handlerErrors(int limit, qint64 beforeId, Error *error) const;
    QList<Routing::Rule> routingRules(Error *error) const;
    qint64 addRoutingRule(const Routing::Rule &rule, Error *error);
    bool setRoutingRuleEnabled(const QString &name, bool enabled, Error *error);
    bool removeRoutingRule(const QString &name, Error *error);
    Ingress::SourceRegistry *sources() const { return m_sources.get(); }
    Ingress::CredentialStore *credentials() const { return m_credentials.get(); }
    // Null when ingress.listen is empty (ingress off).
    Ingress::IngressServer *ingress() const { return m_ingress.get(); }
    // The port the webhook ingress listens on (0 when it is off); tests listen on 127.0.0.1:0.
    quint16 ingressPort() const;
    QDateTime startedAt() const { return m_startedAt; }
    int schemaVersion() const { return m_schemaVersion; }

Q_SIGNALS:
    void started();
    void stopped();

private:
    bool startIngress(Error *error);
    // Stops and releases whatever start() created, in reverse order; safe on a half-started engine.
    void teardown();
    void stopIngress();
    bool startNode(Error *error);
    void sampleThroughput();

    Config m_config;
    bool m_embedded = false;
    QByteArray m_embeddedToken;
    std::unique_ptr<TokenStore> m_tokens;
    std::unique_ptr<Health::Monitor> m_health;
    QTimer *m_healthTimer = nullptr;
    std::unique_ptr<NodeServer> m_nodeServer; // owns the topics, among them the audit topic
    std::unique_ptr<JournalWatcher> m_watcher;
    std::unique_ptr<ReplayJobRunner> m_replayJobs;
    std::unique_ptr<AttemptFeed> m_attemptFeed;
    Audit *m_audit = nullptr;                  // owned by m_nodeServer
    QList<QPair<qint64, qint64>> m_throughput; // (ms, last seq) samples, oldest first
    QTimer *m_throughputTimer = nullptr;
    std::unique_ptr<Store::Database> m_database;
    std::unique_ptr<Events::Journal> m_journal;
    std::unique_ptr<Health::Metrics> m_metrics;
    std::unique_ptr<Processing::Processor> m_processor;
    std::unique_ptr<Delivery::DeliveryWorker> m_delivery;
    std::unique_ptr<Delivery::ChannelHealthCheck> m_channelCheck;
    std::unique_ptr<Ingress::SourceRegistry> m_sources;
    std::unique_ptr<Ingress::CredentialStore> m_credentials;
    std::unique_ptr<Ingress::WebhookLog> m_webhookLog;
    std::unique_ptr<Ingress::IngressServer> m_ingress;
    QDateTime m_startedAt;
    int m_schemaVersion = 0;
    bool m_running = false;
};

} // namespace WedSync::Node
