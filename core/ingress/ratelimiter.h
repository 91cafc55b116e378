// Token buckets keyed by a string (an integration, a source IP): `perHour` requests an hour, refilled
// continuously, with a burst of the same size. Idle full buckets are forgotten so memory stays bounded.
// Thread-safe (the ingress's connection workers share one limiter); the clock is injected for tests.
#pragma once

#include <QHash>
#include <QString>
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>

namespace WedSync::Ingress {

class RateLimiter
{
public:
    using Clock = std::function<qint64()>; // milliseconds, monotonic

    // perHour 0 = unlimited.
    explicit RateLimiter(qint64 perHour, Clock clock = {});

    struct Decision
    {
        bool allowed = true;
        qint64 retryAfterSeconds = 0; // when refused: until one token is back (at least 1)
        qint64 remaining = 0;         // whole tokens left after this request
    };
    Decision take(const QString &key);
    // A new limit (0 = unlimited); every bucket is forgotten.
    void reset(qint64 perHour);

    qint64 perHour() const { return m_perHour.load(std::memory_order_relaxed); }
    int trackedKeys() const;

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };
    void refill(Bucket &b, qint64 now) const;
    void forgetIdle(qint64 now);

    mutable std::mutex m_mutex;
    std::atomic<qint64> m_perHour; // written under m_mutex; read without it for the unlimited fast path
    double m_perMs;                // guarded by m_mutex
    Clock m_clock;
    QHash<QString, Bucket> m_buckets; // guarded by m_mutex
    qint64 m_lastSweepMs = 0;         // guarded by m_mutex
};

} // namespace WedSync::Ingress
