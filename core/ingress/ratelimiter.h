// Token buckets keyed by a string (an integration, a source IP): `perHour` requests an hour, refilled
// continuously, with a burst of the same size. Idle full buckets are forgotten so memory stays bounded.
// Single-threaded (the ingress thread); the clock is injected for tests.
#pragma once

#include <QHash>
#include <QString>
#include <chrono>
#include <functional>

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

    qint64 perHour() const { return m_perHour; }
    int trackedKeys() const { return int(m_buckets.size()); }

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };
    void refill(Bucket &b, qint64 now) const;
    void forgetIdle(qint64 now);

    qint64 m_perHour;
    double m_perMs;
    Clock m_clock;
    QHash<QString, Bucket> m_buckets;
    qint64 m_lastSweepMs = 0;
};

} // namespace WedSync::Ingress
