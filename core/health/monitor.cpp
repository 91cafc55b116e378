#include "monitor.h"

#include "store/database.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <algorithm>
#include <cmath>

static Q_LOGGING_CATEGORY(lcHealth, "wedsync.health", QtInfoMsg)

namespace WedSync::Health {

static constexpr qint64 MinuteMs = 60000;

QString stateName(HealthState s)
{
    switch (s) {
    case HealthState::Healthy:
        return QStringLiteral("healthy");
    case HealthState::Warning:
        return QStringLiteral("warning");
    case HealthState::Critical:
        return QStringLiteral("critical");
    }
    return QStringLiteral("healthy");
}

QString breakerName(BreakerState b)
{
    switch (b) {
    case BreakerState::Closed:
        return QStringLiteral("closed");
    case BreakerState::HalfOpen:
        return QStringLiteral("half_open");
    case BreakerState::Open:
        return QStringLiteral("open");
    }
    return QStringLiteral("closed");
}

static QJsonValue msOrNull(qint64 ms)
{
    return ms ? QJsonValue(ms) : QJsonValue();
}

QJsonObject IntegrationHealth::toJson() const
{
    return QJsonObject{{QStringLiteral("integration"), integration},
                       {QStringLiteral("kind"), kind},
                       {QStringLiteral("score"), score},
                       {QStringLiteral("state"), stateName(state)},
                       {QStringLiteral("success_rate"), successRate},
                       {QStringLiteral("p95_ms"), p95Ms},
                       {QStringLiteral("slo_ms"), sloMs},
                       {QStringLiteral("breaker"), breakerName(breaker)},
                       {QStringLiteral("ok"), ok},
                       {QStringLiteral("failed"), failed},
                       {QStringLiteral("last_success_at"), msOrNull(lastSuccessMs)},
                       {QStringLiteral("last_failure_at"), msOrNull(lastFailureMs)},
                       {QStringLiteral("state_since"), msOrNull(stateSinceMs)}};
}

QJsonObject Alert::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("integration"), integration},
                       {QStringLiteral("kind"), kind},
                       {QStringLiteral("severity"), severity},
                       {QStringLiteral("message"), message},
                       {QStringLiteral("raised_at"), raisedAtMs},
                       {QStringLiteral("updated_at"), updatedAtMs},
                       {QStringLiteral("cleared_at"), msOrNull(clearedAtMs)},
                       {QStringLiteral("acked_at"), msOrNull(ackedAtMs)},
                       {QStringLiteral("acked_by"), ackedBy.isEmpty() ? QJsonValue() : QJsonValue(ackedBy)},
                       {QStringLiteral("open"), isOpen()}};
}

const std::array<double, Monitor::BucketCount> &Monitor::bounds()
{
    static const std::array<double, BucketCount> b = {5,   10,   25,   50,   100,   150,   250,
                                                      500, 1000, 2500, 5000, 10000, 15000, 30000};
    return b;
}

Monitor::Monitor(Store::Database *db, HealthPolicy policy, Clock clock, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_policy(policy)
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentMSecsSinceEpoch(); }))
{}

Monitor::~Monitor() = default;

bool Monitor::start(Error *error)
{
    if (!m_db)
        return true;
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return false;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral(
            "SELECT id, integration, kind, severity, message, raised_at, updated_at, acked_at, acked_by "
            "FROM health_alerts WHERE cleared_at IS NULL"))) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("reading open alerts"));
        return false;
    }
    QMutexLocker lock(&m_mutex);
    while (q.next()) {
        Alert a;
        a.id = q.value(0).toLongLong();
        a.integration = q.value(1).toString();
        a.kind = q.value(2).toString();
        a.severity = q.value(3).toString();
        a.message = q.value(4).toString();
        a.raisedAtMs = q.value(5).toLongLong();
        a.updatedAtMs = q.value(6).toLongLong();
        a.ackedAtMs = q.value(7).isNull() ? 0 : q.value(7).toLongLong();
        a.ackedBy = q.value(8).toString();
        m_alerts[a.id] = a;
        // The integration comes back with its alert open: it clears once healthy for clearAfter.
        Entry &e = m_entries[a.kind + QLatin1Char('/') + a.integration];
        e.health.integration = a.integration;
        e.health.kind = a.kind;
        e.health.sloMs = a.kind == u"source" ? m_policy.sourceSloMs : m_policy.targetSloMs;
        e.openAlertId = a.id;
    }
    return true;
}

void Monitor::recordIngress(const QString &source, bool ok, double latencyMs)
{
    record(source, QStringLiteral("source"), ok, latencyMs, nullptr);
}

void Monitor::recordDelivery(const QString &target, bool ok, double latencyMs, BreakerState breaker)
{
    record(target, QStringLiteral("target"), ok, latencyMs, &breaker);
}

void Monitor::record(const QString &name, const QString &kind, bool ok, double latencyMs,
                     const BreakerState *breaker)
{
    const qint64 now = m_clock();
    const qint64 minute = now - now % MinuteMs;
    QMutexLocker lock(&m_mutex);
    Entry &e = m_entries[kind + QLatin1Char('/') + name];
    if (e.health.integration.isEmpty()) {
        e.health.integration = name;
        e.health.kind = kind;
        e.health.sloMs = kind == u"source" ? m_policy.sourceSloMs : m_policy.targetSloMs;
    }
    if (e.minutes.empty() || e.minutes.back().minute < minute) {
        Minute m;
        m.minute = minute;
        e.minutes.push_back(m);
    }
    Minute &m = e.minutes.back();
    (ok ? m.ok : m.failed) += 1;
    const auto &b = bounds();
    const auto at = std::lower_bound(b.begin(), b.end(), latencyMs) - b.begin();
    m.buckets[size_t(at)] += 1;
    if (ok)
        e.health.lastSuccessMs = now;
    else
        e.health.lastFailureMs = now;
    if (breaker)
        e.health.breaker = *breaker;
}

double Monitor::p95(const std::deque<Minute> &minutes, qint64 fromMinute)
{
    std::array<quint64, BucketCount + 1> sum{};
    quint64 total = 0;
    for (const Minute &m : minutes) {
        if (m.minute < fromMinute)
            continue;
        for (size_t i = 0; i < sum.size(); ++i) {
            sum[i] += m.buckets[i];
            total += m.buckets[i];
        }
    }
    if (total == 0)
        return 0;
    const double rank = 0.95 * double(total);
    quint64 cum = 0;
    for (size_t i = 0; i < sum.size(); ++i) {
        cum += sum[i];
        if (double(cum) >= rank)
            return i < size_t(BucketCount) ? bounds()[i] : bounds().back() * 2;
    }
    return bounds().back() * 2;
}

// Each part is 0-100; the score weighs success 60 %, latency 15 %, breaker 15 %, recency 10 %, so that a
// success rate at or below 80 % is critical on its own.
int Monitor::score(const ScoreInputs &in, const HealthPolicy &policy)
{
    const qint64 total = in.ok + in.failed;
    double success = 100;
    double latency = 100;
    if (total > 0) {
        const double rate = double(in.ok) / double(total);
        success = std::clamp((rate - 0.80) / (0.995 - 0.80), 0.0, 1.0) * 100.0;
        if (in.sloMs > 0 && in.p95Ms > in.sloMs)
            latency = std::clamp(1.0 - (in.p95Ms - in.sloMs) / (3.0 * in.sloMs), 0.0, 1.0) * 100.0;
    }
    double breaker = 100;
    if (in.breaker == BreakerState::HalfOpen)
        breaker = 50;
    else if (in.breaker == BreakerState::Open)
        breaker = 0;
    double recency = 0;
    if (in.sinceSuccessMs >= 0) {
        if (in.sinceSuccessMs <= policy.recentMs)
            recency = 100;
        else
            recency = std::clamp(1.0 - double(in.sinceSuccessMs - policy.recentMs) /
                                           double(policy.staleMs - policy.recentMs),
                                 0.0, 1.0) *
                      100.0;
    } else if (total == 0) {
        recency = 100; // nothing seen yet: no evidence either way
    }
    double s = (60.0 * success + 15.0 * latency + 15.0 * breaker + 10.0 * recency) / 100.0;
    if (in.breaker == BreakerState::Open)
        s = std::min(s, 40.0); // an open circuit delivers nothing: always critical
    return int(std::lround(s));
}

HealthState Monitor::stateFor(int score)
{
    if (score >= 80)
        return HealthState::Healthy;
    if (score >= 50)
        return HealthState::Warning;
    return HealthState::Critical;
}

void Monitor::evaluate()
{
    const qint64 now = m_clock();
    const qint64 minute = now - now % MinuteMs;
    const qint64 windowStart = minute - qint64(m_policy.windowMinutes - 1) * MinuteMs;
    QList<QPair<Entry *, QList<Minute>>> toPersist;
    QList<Entry *> changed;
    {
        QMutexLocker lock(&m_mutex);
        for (auto &[key, e] : m_entries) {
            ScoreInputs in;
            for (const Minute &m : e.minutes) {
                if (m.minute >= windowStart) {
                    in.ok += m.ok;
                    in.failed += m.failed;
                }
            }
            in.p95Ms = p95(e.minutes, windowStart);
            in.sloMs = e.health.sloMs;
            in.breaker = e.health.breaker;
            in.sinceSuccessMs = e.health.lastSuccessMs ? now - e.health.lastSuccessMs : -1;
            const int s = score(in, m_policy);
            const HealthState st = stateFor(s);
            e.health.score = s;
            e.health.ok = in.ok;
            e.health.failed = in.failed;
            e.health.p95Ms = in.p95Ms;
            e.health.successRate = in.ok + in.failed ? double(in.ok) / double(in.ok + in.failed) : 1.0;
            if (!e.evaluated || st != e.health.state) {
                e.health.state = st;
                e.health.stateSinceMs = now;
                changed.append(&e);
            }
            e.evaluated = true;
            // Closed minutes go to the trend table once; the window keeps what scoring needs.
            QList<Minute> closed;
            for (Minute &m : e.minutes) {
                if (m.minute < minute && !m.persisted) {
                    m.persisted = true;
                    closed.append(m);
                }
            }
            while (!e.minutes.empty() && e.minutes.front().minute < windowStart)
                e.minutes.pop_front();
            if (!closed.isEmpty())
                toPersist.append(qMakePair(&e, closed));
        }
    }
    // Entries are never removed, so the pointers stay valid; the rest runs on the owner's thread only.
    for (const auto &[e, minutes] : toPersist) {
        for (const Minute &m : minutes)
            persistMinute(*e, m, e->health.score, e->health.state);
    }
    for (Entry *e : changed) {
        const QJsonObject h = e->health.toJson();
        logChange(QStringLiteral("health"), e->health.integration, e->health.kind, h);
        Q_EMIT healthChanged(h);
    }
    for (auto &[key, e] : m_entries)
        transition(e, now);
    if (m_db && now - m_lastPruneMs > 3600000) {
        m_lastPruneMs = now;
        Error error;
        QSqlDatabase db = m_db->connection(&error);
        if (db.isOpen()) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("DELETE FROM health_minutes WHERE minute < ?"));
            q.addBindValue(now - m_policy.trendRetentionMs);
            q.exec();
            q.prepare(QStringLiteral("DELETE FROM health_log WHERE at < ?"));
            q.addBindValue(now - m_policy.trendRetentionMs);
            q.exec();
        }
    }
}

void Monitor::transition(Entry &e, qint64 now)
{
    const HealthState st = e.health.state;
    if (st == HealthState::Healthy) {
        e.warnSinceMs = 0;
        e.criticalSinceMs = 0;
        if (!e.healthySinceMs)
            e.healthySinceMs = now;
    } else {
        e.healthySinceMs = 0;
        if (!e.warnSinceMs)
            e.warnSinceMs = now;
        if (st == HealthState::Critical) {
            if (!e.criticalSinceMs)
                e.criticalSinceMs = now;
        } else {
            e.criticalSinceMs = 0;
        }
    }
    Alert *open = nullptr;
    if (e.openAlertId) {
        auto it = m_alerts.find(e.openAlertId);
        if (it != m_alerts.end() && it->second.isOpen())
            open = &it->second;
        else
            e.openAlertId = 0;
    }
    const QString who = QStringLiteral("%1 %2").arg(e.health.kind, e.health.integration);
    const bool criticalLongEnough =
        e.criticalSinceMs && now - e.criticalSinceMs >= m_policy.raiseCriticalAfterMs;
    const bool warningLongEnough = e.warnSinceMs && now - e.warnSinceMs >= m_policy.raiseWarningAfterMs;
    if (!open && (criticalLongEnough || warningLongEnough)) {
        Alert a;
        a.integration = e.health.integration;
        a.kind = e.health.kind;
        a.severity = criticalLongEnough ? QStringLiteral("critical") : QStringLiteral("warning");
        a.message = QStringLiteral("%1 is %2 (score %3, success %4 %, p95 %5 ms, breaker %6)")
                        .arg(who, stateName(st))
                        .arg(e.health.score)
                        .arg(e.health.successRate * 100.0, 0, 'f', 1)
                        .arg(e.health.p95Ms)
                        .arg(breakerName(e.health.breaker));
        a.raisedAtMs = a.updatedAtMs = now;
        Error error;
        a.id = storeAlert(a, &error);
        if (!a.id) {
            qCWarning(lcHealth).noquote() << "cannot store alert for" << who << ":" << error.message;
            return;
        }
        m_alerts[a.id] = a;
        e.openAlertId = a.id;
        qCWarning(lcHealth).noquote() << "alert raised:" << a.message;
        emitAlert(a, QStringLiteral("raised"));
    } else if (open && open->severity == u"warning" && criticalLongEnough) {
        open->severity = QStringLiteral("critical");
        open->updatedAtMs = now;
        open->message = QStringLiteral("%1 is critical (score %2)").arg(who).arg(e.health.score);
        Error error;
        storeAlert(*open, &error);
        emitAlert(*open, QStringLiteral("escalated"));
    } else if (open && e.healthySinceMs && now - e.healthySinceMs >= m_policy.clearAfterMs) {
        open->clearedAtMs = open->updatedAtMs = now;
        Error error;
        storeAlert(*open, &error);
        qCInfo(lcHealth).noquote() << "alert cleared:" << who << "healthy again";
        e.openAlertId = 0;
        emitAlert(*open, QStringLiteral("cleared"));
    }
}

qint64 Monitor::storeAlert(Alert &a, Error *error)
{
    if (!m_db) {
        if (!a.id)
            a.id = m_nextAlertId++;
        return a.id;
    }
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return 0;
    QSqlQuery q(db);
    if (!a.id) {
        q.prepare(QStringLiteral(
            "INSERT INTO health_alerts (integration, kind, severity, message, raised_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)"));
        q.addBindValue(a.integration);
        q.addBindValue(a.kind);
        q.addBindValue(a.severity);
        q.addBindValue(a.message);
        q.addBindValue(a.raisedAtMs);
        q.addBindValue(a.updatedAtMs);
        if (!q.exec()) {
            if (error)
                *error = Store::Database::toError(q.lastError(), QStringLiteral("storing an alert"));
            return 0;
        }
        a.id = q.lastInsertId().toLongLong();
        if (!a.id && db.driverName() == u"QPSQL" && q.exec(QStringLiteral("SELECT lastval()")) && q.next())
            a.id = q.value(0).toLongLong();
        return a.id;
    }
    q.prepare(
        QStringLiteral("UPDATE health_alerts SET severity = ?, message = ?, updated_at = ?, cleared_at = ?, "
                       "acked_at = ?, acked_by = ? WHERE id = ?"));
    q.addBindValue(a.severity);
    q.addBindValue(a.message);
    q.addBindValue(a.updatedAtMs);
    q.addBindValue(a.clearedAtMs ? QVariant(a.clearedAtMs) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(a.ackedAtMs ? QVariant(a.ackedAtMs) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(a.ackedBy.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(a.ackedBy));
    q.addBindValue(a.id);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("updating an alert"));
        return 0;
    }
    return a.id;
}

void Monitor::emitAlert(const Alert &a, const QString &action)
{
    QJsonObject o = a.toJson();
    o.insert(QStringLiteral("action"), action);
    logChange(QStringLiteral("alerts"), a.integration, a.kind, o);
    Q_EMIT alertChanged(o);
}

void Monitor::logChange(const QString &topic, const QString &integration, const QString &kind,
                        const QJsonObject &payload)
{
    if (!m_db)
        return;
    Error error;
    QSqlDatabase db = m_db->connection(&error);
    if (!db.isOpen())
        return;
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO health_log (at, topic, integration, kind, payload) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(m_clock());
    q.addBindValue(topic);
    q.addBindValue(integration);
    q.addBindValue(kind);
    q.addBindValue(QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        qCWarning(lcHealth).noquote() << "cannot write the health log:" << q.lastError().text();
}

void Monitor::persistMinute(const Entry &e, const Minute &m, int score, HealthState state)
{
    if (!m_db)
        return;
    Error error;
    QSqlDatabase db = m_db->connection(&error);
    if (!db.isOpen())
        return;
    std::deque<Minute> one{m};
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO health_minutes (integration, kind, minute, ok_count, fail_count, p95_ms, score, "
        "state) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (integration, kind, minute) DO NOTHING"));
    q.addBindValue(e.health.integration);
    q.addBindValue(e.health.kind);
    q.addBindValue(m.minute);
    q.addBindValue(m.ok);
    q.addBindValue(m.failed);
    q.addBindValue(p95(one, m.minute));
    q.addBindValue(score);
    q.addBindValue(stateName(state));
    if (!q.exec())
        qCWarning(lcHealth).noquote() << "cannot write a health trend bucket:" << q.lastError().text();
}

QList<IntegrationHealth> Monitor::integrations() const
{
    QList<IntegrationHealth> out;
    QMutexLocker lock(&m_mutex);
    for (const auto &[key, e] : m_entries)
        out.append(e.health);
    return out;
}

QList<Alert> Monitor::alerts(bool openOnly, int limit, Error *error) const
{
    QList<Alert> out;
    limit = std::clamp(limit, 1, 1000);
    if (!m_db) {
        for (auto it = m_alerts.rbegin(); it != m_alerts.rend() && out.size() < limit; ++it) {
            if (!openOnly || it->second.isOpen())
                out.append(it->second);
        }
        return out;
    }
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return out;
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral(
            "SELECT id, integration, kind, severity, message, raised_at, updated_at, cleared_at, acked_at, "
            "acked_by FROM health_alerts %1 ORDER BY id DESC LIMIT ?")
            .arg(openOnly ? QStringLiteral("WHERE cleared_at IS NULL") : QString()));
    q.addBindValue(limit);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("reading alerts"));
        return out;
    }
    while (q.next()) {
        Alert a;
        a.id = q.value(0).toLongLong();
        a.integration = q.value(1).toString();
        a.kind = q.value(2).toString();
        a.severity = q.value(3).toString();
        a.message = q.value(4).toString();
        a.raisedAtMs = q.value(5).toLongLong();
        a.updatedAtMs = q.value(6).toLongLong();
        a.clearedAtMs = q.value(7).isNull() ? 0 : q.value(7).toLongLong();
        a.ackedAtMs = q.value(8).isNull() ? 0 : q.value(8).toLongLong();
        a.ackedBy = q.value(9).toString();
        out.append(a);
    }
    return out;
}

std::optional<Alert> Monitor::acknowledge(qint64 alertId, const QString &by, Error *error)
{
    auto it = m_alerts.find(alertId);
    Alert a;
    if (it != m_alerts.end()) {
        a = it->second;
    } else {
        // A cleared alert from before a restart: read it from the history.
        bool found = false;
        if (m_db) {
            Error e;
            for (const Alert &x : alerts(false, 1000, &e)) {
                if (x.id == alertId) {
                    a = x;
                    found = true;
                    break;
                }
            }
        }
        if (!found) {
            if (error)
                *error = Error::make(
                    QStringLiteral("NOT_FOUND"),
                    QStringLiteral("no alert %1; alerts.list shows the current ones").arg(alertId));
            return std::nullopt;
        }
    }
    if (a.ackedAtMs)
        return a;
    a.ackedAtMs = m_clock();
    a.ackedBy = by;
    a.updatedAtMs = a.ackedAtMs;
    if (!storeAlert(a, error))
        return std::nullopt;
    m_alerts[a.id] = a;
    emitAlert(a, QStringLiteral("acknowledged"));
    return a;
}

QList<TrendPoint> Monitor::trend(const QString &integration, const QString &kind, qint64 fromMs, qint64 toMs,
                                 Error *error) const
{
    QList<TrendPoint> out;
    if (m_db) {
        QSqlDatabase db = m_db->connection(error);
        if (!db.isOpen())
            return out;
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "SELECT minute, ok_count, fail_count, p95_ms, score, state FROM health_minutes WHERE "
            "integration = ? AND kind = ? AND minute >= ? AND minute <= ? ORDER BY minute LIMIT 20000"));
        q.addBindValue(integration);
        q.addBindValue(kind);
        q.addBindValue(fromMs);
        q.addBindValue(toMs);
        if (!q.exec()) {
            if (error)
                *error = Store::Database::toError(q.lastError(), QStringLiteral("reading the health trend"));
            return out;
        }
        while (q.next())
            out.append(TrendPoint{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                                  q.value(3).toDouble(), q.value(4).toInt(), q.value(5).toString()});
    }
    // Minutes not yet persisted (the current one, or all of them without a database).
    QMutexLocker lock(&m_mutex);
    auto it = m_entries.find(kind + QLatin1Char('/') + integration);
    if (it != m_entries.end()) {
        for (const Minute &m : it->second.minutes) {
            if (m.minute < fromMs || m.minute > toMs || (m_db && m.persisted))
                continue;
            std::deque<Minute> one{m};
            out.append(TrendPoint{m.minute, m.ok, m.failed, p95(one, m.minute), it->second.health.score,
                                  stateName(it->second.health.state)});
        }
    }
    std::sort(out.begin(), out.end(),
              [](const TrendPoint &a, const TrendPoint &b) { return a.minuteMs < b.minuteMs; });
    return out;
}

} // namespace WedSync::Health
