// The outbox worker: claims due delivery rows, sends them (HttpClient: keep-alive, no per-host cap, up to
// `concurrency` in flight) on its own thread, records every attempt, schedules retries with jitter, keeps a
// circuit breaker per target, dead-letters exhausted deliveries and runs queued dead-letter replay jobs.
// PostgreSQL: claims with FOR UPDATE SKIP LOCKED, so several nodes share one queue without double delivery,
// and sends only committed claims. SQLite: sends claimed rows while their claim commits (no other writer can
// claim them meanwhile); a node that dies before the claim is durable has them sent again, same webhook-id.
#pragma once

#include "common/config.h"
#include "common/error.h"
#include "delivery/connector.h"
#include "delivery/ssrfguard.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QString>
#include <memory>

class QThread;

namespace WedSync::Store {
class Database;
}

namespace WedSync::Delivery {

class WorkerRunner;

struct WorkerOptions
{
    QString nodeId;                  // claimed_by; unique per running node
    int concurrency = 100;           // most requests in flight
    qint64 channelTimeoutMs = 30000; // channel integrations and subscriptions
    qint64 noticeTimeoutMs = 10000;  // version notices (event type "version.*" or meta {"notice": true})
    qint64 pollIntervalMs = 20;      // how often due rows are looked for
    qint64 claimLeaseMs = 60000;     // a claim not settled by then is taken over (killed node)
    int claimBatch = 200;
    int breakerThreshold = 5;                       // consecutive failures that open the circuit
    qint64 breakerCooldownMs = 30000;               // open -> half-open probe
    qint64 disableAfterMs = 5LL * 24 * 3600 * 1000; // failing continuously this long disables the endpoint
    SsrfGuard::Options ssrf;
    QString signingSecret; // signs channel-integration webhooks (subscriptions use their own)
    QString slackUrl;
    QString whatsappUrl;
    QString whatsappToken; // Authorization: Bearer (never logged)
    QString emailUrl;
    QString emailApiKey; // Authorization: Bearer (never logged)
    // Connector targets (kind "connector") by target name, e.g. "zapier" or "photography-crm" -> a Zapier
    // preset with its URL and key. Their local rate limits defer a delivery (RATE_LIMITED, no attempt spent),
    // as does a vendor's x-ratelimit-remaining: 0; retries follow the preset's policy. A connector target
    // without an entry is delivered as a plain signed webhook when its row carries a URL.
    QHash<QString, ConnectorConfig> connectors;

    // From the delivery.* configuration keys.
    static WorkerOptions fromConfig(const Config &config);
};

class DeliveryWorker : public QObject
{
    Q_OBJECT
public:
    DeliveryWorker(Store::Database *database, WorkerOptions options, QObject *parent = nullptr);
    ~DeliveryWorker() override;

    // Starts the worker thread. False with *error when the database cannot be reached.
    bool start(Error *error);
    // Stops claiming, aborts what is in flight (their claims are released, no attempt counted), writes
    // pending results and joins the thread.
    void stop();
    bool isRunning() const { return m_thread != nullptr; }
    // Look for due rows now (e.g. right after a processing transaction committed). Thread-safe.
    void wake();
    // Allow-lists a host for outbound deliveries from now on, as delivery.allow_hosts would (e.g. the demo's
    // own sink on 127.0.0.1). Thread-safe; takes effect before the next claim.
    void allowHost(const QString &host);

    const WorkerOptions &options() const { return m_options; }

Q_SIGNALS:
    // After every HTTP attempt (emitted from the worker thread). breakerState: closed | open | half_open.
    void attemptFinished(const QString &target, bool ok, qint64 latencyMs, int httpStatus,
                         const QString &breakerState);
    // A delivery reached a final state: delivered | failed | dead.
    void deliverySettled(const QString &deliveryId, const QString &state);
    void breakerChanged(const QString &target, const QString &state);
    void endpointDisabled(const QString &target, const QString &reason);

private:
    Store::Database *m_database;
    WorkerOptions m_options;
    QThread *m_thread = nullptr;
    QMutex m_runnerMutex; // wake() and allowHost() come from other threads while stop() ends the runner
    WorkerRunner *m_runner = nullptr;
};

} // namespace WedSync::Delivery
