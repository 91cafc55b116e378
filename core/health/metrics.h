// Counters, gauges and histograms with labels, exposed in Prometheus text format at GET /metrics.
// Thread-safe; hot paths look a series up once and keep the reference (series live as long as the
// registry). The Engine owns one registry and hands it to the parts it wires.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QPair>
#include <QString>
#include <atomic>
#include <map>
#include <memory>
#include <vector>

namespace WedSync::Health {

using Labels = QList<QPair<QString, QString>>;

class Counter
{
public:
    void inc(double by = 1.0);
    double value() const { return m_value.load(std::memory_order_relaxed); }

private:
    std::atomic<double> m_value{0};
};

class Gauge
{
public:
    void set(double v) { m_value.store(v, std::memory_order_relaxed); }
    void add(double by);
    double value() const { return m_value.load(std::memory_order_relaxed); }

private:
    std::atomic<double> m_value{0};
};

class Histogram
{
public:
    explicit Histogram(std::vector<double> bounds);
    void observe(double v);
    const std::vector<double> &bounds() const { return m_bounds; }
    // Cumulative count per bound (Prometheus "le"), then +Inf.
    std::vector<quint64> cumulative() const;
    double sum() const { return m_sum.load(std::memory_order_relaxed); }
    quint64 count() const { return m_count.load(std::memory_order_relaxed); }
    // Estimate of the q-quantile (0..1) from the buckets (upper bound of the bucket holding it).
    double quantile(double q) const;

private:
    std::vector<double> m_bounds;
    std::unique_ptr<std::atomic<quint64>[]> m_buckets; // one per bound, plus +Inf
    std::atomic<double> m_sum{0};
    std::atomic<quint64> m_count{0};
};

class Metrics
{
public:
    enum class Type { Counter, Gauge, Histogram };

    // Latency buckets in seconds: 0.5 ms .. 30 s.
    static std::vector<double> defaultLatencyBuckets();

    Counter &counter(const QString &name, const Labels &labels = {}, const QString &help = {});
    Gauge &gauge(const QString &name, const Labels &labels = {}, const QString &help = {});
    Histogram &histogram(const QString &name, const Labels &labels = {}, const QString &help = {},
                         std::vector<double> bounds = defaultLatencyBuckets());

    // Prometheus text exposition format 0.0.4.
    QByteArray prometheusText() const;

private:
    struct Family
    {
        Type type;
        QString help;
        std::map<QString, std::unique_ptr<Counter>> counters; // by rendered label set
        std::map<QString, std::unique_ptr<Gauge>> gauges;
        std::map<QString, std::unique_ptr<Histogram>> histograms;
    };
    Family &family(const QString &name, Type type, const QString &help);
    static QString renderLabels(const Labels &labels);

    mutable QMutex m_mutex;
    std::map<QString, Family> m_families; // guarded by m_mutex
};

} // namespace WedSync::Health
