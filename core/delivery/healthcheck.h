// The channel integrations' periodic health check (MISSION.md section 3: every 60 s; section 8: health
// scores and alerts). For each configured channel (Slack, WhatsApp, email, every connector target) it checks
// that the endpoint is allowed and reachable (SSRF guard, then a TCP connect to the approved address), reads
// the target's circuit breaker and disabled flag, and its backlog of due deliveries waiting too long. Each
// pass feeds the health monitor (one availability sample per channel), records an alert in delivery_alerts
// when a channel turns unhealthy or recovers, and emits checked().
#pragma once

#include "delivery/ssrfguard.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QUrl>
#include <functional>

class QThread;
class QTimer;

namespace WedSync {
class Config;
}
namespace WedSync::Store {
class Database;
}
namespace WedSync::Health {
class Monitor;
}

namespace WedSync::Delivery {

struct WorkerOptions;

struct Channel
{
    QString target; // as in deliveries.target, e.g. "slack-notifications"
    QString kind;   // slack | whatsapp | email | connector
    QUrl url;
};

struct ChannelHealthOptions
{
    qint64 intervalMs = 60000;
    qint64 probeTimeoutMs = 5000;
    qint64 overdueMs = 5 * 60000; // a due delivery still waiting after this long counts against its channel
    SsrfOptions ssrf;
    QList<Channel> channels;
    std::function<qint64()> clock; // ms since the epoch; empty = the wall clock (tests inject one)

    // Channels from notify.* / delivery.* URLs and the connectors; interval from delivery.health_interval.
    static ChannelHealthOptions fromConfig(const Config &config, const WorkerOptions &worker);
};

struct ChannelStatus
{
    QString target;
    QString kind;
    QString url; // without credentials or query
    bool reachable = false;
    qint64 probeMs = -1; // TCP connect time; -1 when not reached
    QString breaker;     // closed | open | half_open
    bool disabled = false;
    int backlog = 0;        // due deliveries not yet delivered
    qint64 oldestDueMs = 0; // how long the oldest of them has been due
    QString problem; // empty = healthy; else UNREACHABLE, DESTINATION_FORBIDDEN, DESTINATION_UNRESOLVED,
                     // ENDPOINT_DISABLED, CIRCUIT_OPEN or BACKLOG_OVERDUE (the first that applies)
    QString detail;
    bool healthy() const { return problem.isEmpty(); }
    QJsonObject toJson() const;
};

class ChannelHealthCheck : public QObject
{
    Q_OBJECT
public:
    // database: not owned; monitor: may be null, not owned (its feeds are thread-safe).
    ChannelHealthCheck(Store::Database *database, ChannelHealthOptions options,
                       Health::Monitor *monitor = nullptr, QObject *parent = nullptr);
    ~ChannelHealthCheck() override;

    // Checks at once, then every intervalMs, on a thread of its own (probes block up to probeTimeoutMs).
    void start();
    void stop();
    bool isRunning() const { return m_thread != nullptr; }

    // One pass, blocking; any thread (start() runs it on the check's thread).
    QList<ChannelStatus> checkNow();

Q_SIGNALS:
    // After every pass, from the thread that ran it: one ChannelStatus::toJson() per channel.
    void checked(const QJsonArray &channels);
    // A channel turned unhealthy (problem set) or recovered (problem empty).
    void channelChanged(const QString &target, const QString &problem, const QString &detail);

private:
    ChannelStatus checkOne(const Channel &channel, qint64 now);
    qint64 now() const;

    Store::Database *m_database;
    ChannelHealthOptions m_options;
    Health::Monitor *m_monitor;
    SsrfGuard m_guard;
    QThread *m_thread = nullptr;
    QTimer *m_timer = nullptr;             // lives on m_thread
    QMutex m_mutex;                        // one pass at a time
    QHash<QString, QString> m_lastProblem; // target -> problem of the previous pass; guarded by m_mutex
};

} // namespace WedSync::Delivery
