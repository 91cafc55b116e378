// Integration health (MISSION.md section 8): per source and per delivery target a 0-100 score from the
// success rate, p95 latency against its SLO, circuit breaker state and recency; healthy / warning /
// critical; alerts raised and cleared with hysteresis, acknowledged by an operator, kept as history;
// per-minute trend buckets. Feeds are thread-safe; evaluate() and the queries run on the owner's thread.
#pragma once

#include "common/error.h"

#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <array>
#include <deque>
#include <functional>
#include <map>
#include <optional>

namespace WedSync::Store {
class Database;
}

namespace WedSync::Health {

enum class HealthState { Healthy, Warning, Critical };
enum class BreakerState { Closed, HalfOpen, Open };
QString stateName(HealthState s);
QString breakerName(BreakerState b);

struct HealthPolicy
{
    double sourceSloMs = 500;                // ingress: event accepted and journaled (transformation target)
    double targetSloMs = 150;                // delivery: external response time
    int windowMinutes = 5;                   // success rate and p95 are taken over this many minutes
    qint64 recentMs = 5 * 60000;             // a success this recent counts fully
    qint64 staleMs = 60 * 60000;             // no success for this long: the recency part is 0
    qint64 raiseCriticalAfterMs = 2 * 60000; // critical this long raises (or escalates to) a critical alert
    qint64 raiseWarningAfterMs = 5 * 60000;  // warning or worse this long raises a warning alert
    qint64 clearAfterMs = 2 * 60000;         // healthy this long clears the open alert
    qint64 trendRetentionMs = 7LL * 24 * 3600000;
};

// What a score is computed from; public so that the formula is tested on its own.
struct ScoreInputs
{
    qint64 ok = 0;     // in the window
    qint64 failed = 0; // in the window
    double p95Ms = 0;  // in the window (0 without traffic)
    double sloMs = 150;
    BreakerState breaker = BreakerState::Closed;
    qint64 sinceSuccessMs = -1; // -1: never succeeded
};

struct IntegrationHealth
{
    QString integration;
    QString kind; // source | target
    int score = 100;
    HealthState state = HealthState::Healthy;
    double successRate = 1.0; // in the window; 1 without traffic
    double p95Ms = 0;
    double sloMs = 0;
    BreakerState breaker = BreakerState::Closed;
    qint64 ok = 0;
    qint64 failed = 0;
    qint64 lastSuccessMs = 0;
    qint64 lastFailureMs = 0;
    qint64 stateSinceMs = 0;
    QJsonObject toJson() const;
};

struct Alert
{
    qint64 id = 0;
    QString integration;
    QString kind;
    QString severity; // warning | critical
    QString message;
    qint64 raisedAtMs = 0;
    qint64 updatedAtMs = 0;
    qint64 clearedAtMs = 0; // 0 = open
    qint64 ackedAtMs = 0;
    QString ackedBy;
    bool isOpen() const { return clearedAtMs == 0; }
    QJsonObject toJson() const;
};

struct TrendPoint
{
    qint64 minuteMs = 0;
    qint64 ok = 0;
    qint64 failed = 0;
    double p95Ms = 0;
    int score = 100;
    QString state;
};

class Monitor : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; // ms since the epoch

    // db may be null (nothing persisted); not owned. clock defaults to the wall clock.
    explicit Monitor(Store::Database *db, HealthPolicy policy = {}, Clock clock = {},
                     QObject *parent = nullptr);
    ~Monitor() override;

    // Loads open alerts (so that a restart keeps them). Owner's thread.
    bool start(Error *error);

    // Thread-safe feeds.
    void recordIngress(const QString &source, bool ok, double latencyMs);
    void recordDelivery(const QString &target, bool ok, double latencyMs, BreakerState breaker);

    static int score(const ScoreInputs &in, const HealthPolicy &policy);
    static HealthState stateFor(int score);

    // Recomputes every score, applies alert transitions, persists closed minutes, prunes old trend rows.
    void evaluate();

    QList<IntegrationHealth> integrations() const;
    // Newest first. openOnly: only alerts not cleared.
    QList<Alert> alerts(bool openOnly, int limit, Error *error) const;
    // NOT_FOUND for an unknown id; acknowledging twice keeps the first acknowledgement.
    std::optional<Alert> acknowledge(qint64 alertId, const QString &by, Error *error);
    // Per-minute points in [fromMs, toMs], the current minute included.
    QList<TrendPoint> trend(const QString &integration, const QString &kind, qint64 fromMs, qint64 toMs,
                            Error *error) const;

    const HealthPolicy &policy() const { return m_policy; }

Q_SIGNALS:
    // A state change (owner's thread, from evaluate()).
    void healthChanged(const QJsonObject &health);
    // action: raised, escalated, cleared, acknowledged.
    void alertChanged(const QJsonObject &alert);

private:
    static constexpr int BucketCount = 14;
    static const std::array<double, BucketCount> &bounds();
    struct Minute
    {
        qint64 minute = 0; // ms at the minute's start
        qint64 ok = 0;
        qint64 failed = 0;
        std::array<quint32, BucketCount + 1> buckets{};
        bool persisted = false;
    };
    struct Entry
    {
        IntegrationHealth health;
        std::deque<Minute> minutes; // oldest first, at most window + 1
        bool evaluated = false;
        qint64 warnSinceMs = 0;     // non-healthy since (0 = healthy)
        qint64 criticalSinceMs = 0; // critical since
        qint64 healthySinceMs = 0;
        qint64 openAlertId = 0;
    };
    void record(const QString &name, const QString &kind, bool ok, double latencyMs,
                const BreakerState *breaker);
    static double p95(const std::deque<Minute> &minutes, qint64 fromMinute);
    qint64 storeAlert(Alert &alert, Error *error);
    void logChange(const QString &topic, const QString &integration, const QString &kind,
                   const QJsonObject &payload);
    void persistMinute(const Entry &e, const Minute &m, int score, HealthState state);
    void transition(Entry &e, qint64 now);
    void emitAlert(const Alert &a, const QString &action);

    Store::Database *m_db; // not owned
    HealthPolicy m_policy;
    Clock m_clock;
    mutable QMutex m_mutex;
    std::map<QString, Entry> m_entries; // by kind + "/" + name; guarded by m_mutex
    std::map<qint64, Alert> m_alerts; // alerts kept in memory (all when there is no database); owner's thread
    qint64 m_nextAlertId = 1;         // without a database
    qint64 m_lastPruneMs = 0;
};

} // namespace WedSync::Health
