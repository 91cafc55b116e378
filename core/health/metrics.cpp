#include "metrics.h"

#include <algorithm>
#include <cmath>

namespace WedSync::Health {

void Counter::inc(double by)
{
    double cur = m_value.load(std::memory_order_relaxed);
    while (!m_value.compare_exchange_weak(cur, cur + by, std::memory_order_relaxed)) {
    }
}

void Gauge::add(double by)
{
    double cur = m_value.load(std::memory_order_relaxed);
    while (!m_value.compare_exchange_weak(cur, cur + by, std::memory_order_relaxed)) {
    }
}

Histogram::Histogram(std::vector<double> bounds)
    : m_bounds(std::move(bounds))
    , m_buckets(new std::atomic<quint64>[m_bounds.size() + 1])
{
    std::sort(m_bounds.begin(), m_bounds.end());
    for (size_t i = 0; i <= m_bounds.size(); ++i)
        m_buckets[i].store(0);
}

void Histogram::observe(double v)
{
    const size_t i = size_t(std::lower_bound(m_bounds.begin(), m_bounds.end(), v) - m_bounds.begin());
    m_buckets[i].fetch_add(1, std::memory_order_relaxed);
    m_count.fetch_add(1, std::memory_order_relaxed);
    double cur = m_sum.load(std::memory_order_relaxed);
    while (!m_sum.compare_exchange_weak(cur, cur + v, std::memory_order_relaxed)) {
    }
}

std::vector<quint64> Histogram::cumulative() const
{
    std::vector<quint64> out(m_bounds.size() + 1);
    quint64 running = 0;
    for (size_t i = 0; i <= m_bounds.size(); ++i) {
        running += m_buckets[i].load(std::memory_order_relaxed);
        out[i] = running;
    }
    return out;
}

double Histogram::quantile(double q) const
{
    const auto cum = cumulative();
    const quint64 total = cum.back();
    if (total == 0)
        return 0;
    const double rank = q * double(total);
    for (size_t i = 0; i < m_bounds.size(); ++i) {
        if (double(cum[i]) >= rank)
            return m_bounds[i];
    }
    return m_bounds.empty() ? 0 : m_bounds.back();
}

std::vector<double> Metrics::defaultLatencyBuckets()
{
    return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
}

QString Metrics::renderLabels(const Labels &labels)
{
    if (labels.isEmpty())
        return {};
    Labels sorted = labels;
    std::sort(sorted.begin(), sorted.end());
    QStringList parts;
    for (const auto &[k, v] : std::as_const(sorted)) {
        QString escaped = v;
        escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('"'), QLatin1String("\\\""))
            .replace(QLatin1Char('\n'), QLatin1String("\\n"));
        parts << QStringLiteral("%1=\"%2\"").arg(k, escaped);
    }
    return parts.join(QLatin1Char(','));
}

Metrics::Family &Metrics::family(const QString &name, Type type, const QString &help)
{
    auto it = m_families.find(name);
    if (it == m_families.end())
        it = m_families.emplace(name, Family{type, help, {}, {}, {}}).first;
    else if (it->second.help.isEmpty() && !help.isEmpty())
        it->second.help = help;
    Q_ASSERT_X(it->second.type == type, "Metrics", qPrintable(name));
    return it->second;
}

Counter &Metrics::counter(const QString &name, const Labels &labels, const QString &help)
{
    QMutexLocker lock(&m_mutex);
    auto &slot = family(name, Type::Counter, help).counters[renderLabels(labels)];
    if (!slot)
        slot = std::make_unique<Counter>();
    return *slot;
}

Gauge &Metrics::gauge(const QString &name, const Labels &labels, const QString &help)
{
    QMutexLocker lock(&m_mutex);
    auto &slot = family(name, Type::Gauge, help).gauges[renderLabels(labels)];
    if (!slot)
        slot = std::make_unique<Gauge>();
    return *slot;
}

Histogram &Metrics::histogram(const QString &name, const Labels &labels, const QString &help,
                              std::vector<double> bounds)
{
    QMutexLocker lock(&m_mutex);
    auto &slot = family(name, Type::Histogram, help).histograms[renderLabels(labels)];
    if (!slot)
        slot = std::make_unique<Histogram>(std::move(bounds));
    return *slot;
}

static QByteArray number(double v)
{
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        return QByteArray::number(qint64(v));
    return QByteArray::number(v, 'g', 12);
}

QByteArray Metrics::prometheusText() const
{
    QMutexLocker lock(&m_mutex);
    QByteArray out;
    for (const auto &[name, fam] : m_families) {
        const QByteArray n = name.toUtf8();
        if (!fam.help.isEmpty())
            out += "# HELP " + n + ' ' + fam.help.toUtf8() + '\n';
        out += "# TYPE " + n + ' ' +
               (fam.type == Type::Counter ? "counter"
                : fam.type == Type::Gauge ? "gauge"
                                          : "histogram") +
               '\n';
        auto braces = [](const QString &labels, const QByteArray &extra = {}) -> QByteArray {
            QByteArray l = labels.toUtf8();
            if (!extra.isEmpty())
                l = l.isEmpty() ? extra : l + ',' + extra;
            return l.isEmpty() ? QByteArray() : '{' + l + '}';
        };
        for (const auto &[labels, c] : fam.counters)
            out += n + braces(labels) + ' ' + number(c->value()) + '\n';
        for (const auto &[labels, g] : fam.gauges)
            out += n + braces(labels) + ' ' + number(g->value()) + '\n';
        for (const auto &[labels, h] : fam.histograms) {
            const auto cum = h->cumulative();
            for (size_t i = 0; i < h->bounds().size(); ++i)
                out += n + "_bucket" + braces(labels, "le=\"" + number(h->bounds()[i]) + '"') + ' ' +
                       QByteArray::number(cum[i]) + '\n';
            out +=
                n + "_bucket" + braces(labels, "le=\"+Inf\"") + ' ' + QByteArray::number(cum.back()) + '\n';
            out += n + "_sum" + braces(labels) + ' ' + number(h->sum()) + '\n';
            out += n + "_count" + braces(labels) + ' ' + QByteArray::number(h->count()) + '\n';
        }
    }
    return out;
}

} // namespace WedSync::Health
