#include "ratelimiter.h"

#include <QElapsedTimer>
#include <cmath>

namespace WedSync::Ingress {

static qint64 steadyMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

RateLimiter::RateLimiter(qint64 perHour, Clock clock)
    : m_perHour(std::max<qint64>(0, perHour))
    , m_perMs(double(m_perHour) / 3600000.0)
    , m_clock(clock ? std::move(clock) : Clock(steadyMs))
{}

void RateLimiter::reset(qint64 perHour)
{
    std::lock_guard lock(m_mutex);
    m_perHour.store(std::max<qint64>(0, perHour), std::memory_order_relaxed);
    m_perMs = double(m_perHour.load(std::memory_order_relaxed)) / 3600000.0;
    m_buckets.clear();
    m_lastSweepMs = 0;
}

int RateLimiter::trackedKeys() const
{
    std::lock_guard lock(m_mutex);
    return int(m_buckets.size());
}

void RateLimiter::refill(Bucket &b, qint64 now) const
{
    if (now > b.updatedMs) {
        b.tokens = std::min(double(perHour()), b.tokens + double(now - b.updatedMs) * m_perMs);
        b.updatedMs = now;
    }
}

void RateLimiter::forgetIdle(qint64 now)
{
    // A bucket that has refilled completely behaves like a new one: drop it.
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        refill(it.value(), now);
        if (it.value().tokens >= double(perHour()))
            it = m_buckets.erase(it);
        else
            ++it;
    }
    m_lastSweepMs = now;
}

RateLimiter::Decision RateLimiter::take(const QString &key)
{
    if (perHour() == 0)
        return {true, 0, 0};
    std::lock_guard lock(m_mutex);
    const qint64 perHourNow = perHour();
    if (perHourNow == 0)
        return {true, 0, 0};
    const qint64 now = m_clock();
    if (m_buckets.size() > 10000 && now - m_lastSweepMs > 1000)
        forgetIdle(now);
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket{double(perHourNow), now});
    Bucket &b = it.value();
    refill(b, now);
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return {true, 0, qint64(b.tokens)};
    }
    const double missing = 1.0 - b.tokens;
    const qint64 waitMs = qint64(std::ceil(missing * 3600000.0 / double(perHourNow) - 1e-9));
    return {false, std::max<qint64>(1, (waitMs + 999) / 1000), 0};
}

} // namespace WedSync::Ingress
