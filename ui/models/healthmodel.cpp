#include "healthmodel.h"

#include "common/states.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>

namespace WedSync::Ui {

namespace {
constexpr int kTrendPoints = 60; // one hour, one point per minute

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}
double num(const QJsonObject &o, const char *key, double fallback = -1)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? v.toDouble() : fallback;
}
} // namespace

HealthModel::HealthModel(QObject *parent)
    : KeyedRowsModel(QStringLiteral("id"), parent)
{}

int HealthModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QJsonObject HealthModel::fromNode(const QJsonObject &item)
{
    QJsonObject o = item;
    const QString integration = str(item, "integration");
    const QString kind = str(item, "kind");
    if (!o.contains(QStringLiteral("id")) && !integration.isEmpty())
        o.insert(QStringLiteral("id"), kind + QLatin1Char('/') + integration);
    if (!o.contains(QStringLiteral("vendor")) && !integration.isEmpty())
        o.insert(QStringLiteral("vendor"), integration);
    if (!o.contains(QStringLiteral("type")) && !kind.isEmpty())
        o.insert(QStringLiteral("type"), kind);
    if (!o.contains(QStringLiteral("circuit")) && o.contains(QStringLiteral("breaker")))
        o.insert(QStringLiteral("circuit"), o.value(QStringLiteral("breaker")));
    if (!o.contains(QStringLiteral("last_event_at"))) {
        const double last = std::max(num(item, "last_success_at", 0), num(item, "last_failure_at", 0));
        if (last > 0)
            o.insert(QStringLiteral("last_event_at"), last);
    }
    return o;
}

QJsonArray HealthModel::hourTrend(const QJsonArray &items, qint64 nowMs)
{
    constexpr qint64 kMinute = 60000;
    const qint64 last = nowMs / kMinute * kMinute;
    const qint64 first = last - (kTrendPoints - 1) * kMinute;
    QVector<double> points(kTrendPoints, 0.0);
    for (const QJsonValue &v : items) {
        const QJsonObject p = v.toObject();
        const qint64 minute = qint64(num(p, "minute", 0)) / kMinute * kMinute;
        if (minute < first || minute > last)
            continue;
        points[int((minute - first) / kMinute)] += num(p, "ok", 0) + num(p, "failed", 0);
    }
    QJsonArray out;
    for (double d : points)
        out.append(d);
    return out;
}

QVector<double> HealthModel::trendOf(const QJsonObject &row)
{
    QVector<double> out;
    const QJsonArray trend = row.value(QStringLiteral("trend")).toArray();
    const qsizetype start = std::max<qsizetype>(0, trend.size() - kTrendPoints);
    for (qsizetype i = start; i < trend.size(); ++i)
        out.append(trend.at(i).toDouble());
    return out;
}

qint64 HealthModel::lastEventMs(const QJsonObject &row)
{
    const QJsonValue v = row.value(QStringLiteral("last_event_at"));
    if (v.isDouble())
        return qint64(v.toDouble());
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

void HealthModel::rowUpdated(QJsonObject &merged, const QJsonObject &previous)
{
    // A health event may carry one new trend point ("trend_point") instead of the whole series.
    const QJsonValue point = merged.take(QStringLiteral("trend_point"));
    if (point.isDouble()) {
        QJsonArray trend = previous.value(QStringLiteral("trend")).toArray();
        trend.append(point);
        while (trend.size() > kTrendPoints)
            trend.removeFirst();
        merged.insert(QStringLiteral("trend"), trend);
    }
}

QVariant HealthModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject &row = m_rows.at(index.row());
    const QLocale locale;
    const QString state = str(row, "state");
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case VendorColumn:
            return str(row, "vendor").isEmpty() ? str(row, "id") : str(row, "vendor");
        case TypeColumn:
            return str(row, "type");
        case StateColumn:
            return States::health(state).text;
        case ScoreColumn: {
            const double s = num(row, "score");
            return s < 0 ? QString() : QString::number(qRound(s));
        }
        case SuccessColumn: {
            const double s = num(row, "success_rate");
            return s < 0 ? QString() : locale.toString(s * 100, 'f', 1) + QLatin1Char('%');
        }
        case LatencyColumn: {
            const double p = num(row, "p95_ms");
            return p < 0 ? QString() : tr("%1 ms").arg(qRound(p));
        }
        case CircuitColumn:
            return States::circuit(str(row, "circuit")).text;
        case LastEventColumn: {
            const qint64 ms = lastEventMs(row);
            return ms ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                      : tr("never");
        }
        case TrendColumn: {
            const QVector<double> t = trendOf(row);
            return t.isEmpty() ? tr("no data")
                               : tr("%n minute(s), latest %1", nullptr, int(t.size())).arg(t.last());
        }
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TrendColumn)
            return tr("Events per minute over the last hour");
        return data(index, Qt::DisplayRole);
    case Qt::DecorationRole:
        if (index.column() == StateColumn)
            return States::health(state).icon;
        if (index.column() == CircuitColumn)
            return States::circuit(str(row, "circuit")).icon;
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StateColumn)
            return States::health(state).color;
        return {};
    case SortRole:
        switch (index.column()) {
        case StateColumn: {
            static const QStringList order = {QStringLiteral("critical"), QStringLiteral("warning"),
                                              QStringLiteral("healthy")};
            const int i = int(order.indexOf(state));
            return i < 0 ? 3 : i;
        }
        case ScoreColumn:
            return num(row, "score");
        case SuccessColumn:
            return num(row, "success_rate");
        case LatencyColumn:
            return num(row, "p95_ms");
        case LastEventColumn:
            return lastEventMs(row);
        case TrendColumn:
            return trendOf(row).isEmpty() ? 0.0 : trendOf(row).last();
        default:
            return data(index, Qt::DisplayRole);
        }
    case TrendRole:
        return QVariant::fromValue(trendOf(row));
    case StateRole:
        return state;
    case KeyRole:
        return keyOf(row);
    case ObjectRole:
        return row;
    case Qt::TextAlignmentRole:
        if (index.column() == ScoreColumn || index.column() == SuccessColumn ||
            index.column() == LatencyColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant HealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return KeyedRowsModel::headerData(section, orientation, role);
    switch (section) {
    case VendorColumn:
        return tr("Vendor");
    case TypeColumn:
        return tr("Type");
    case StateColumn:
        return tr("State");
    case ScoreColumn:
        return tr("Score");
    case SuccessColumn:
        return tr("Success rate");
    case LatencyColumn:
        return tr("p95 latency");
    case CircuitColumn:
        return tr("Circuit");
    case LastEventColumn:
        return tr("Last event");
    case TrendColumn:
        return tr("Last hour");
    }
    return {};
}

} // namespace WedSync::Ui
