// Integrations and their health (health.integrations query, "health" topic): vendor, type, state, score,
// success rate, p95 latency, circuit state, last event, and the last hour's trend for the sparkline.
#pragma once

#include "models/keyedrowsmodel.h"

#include <QVector>

namespace WedSync::Ui {

class HealthModel : public KeyedRowsModel
{
    Q_OBJECT
public:
    enum Column {
        VendorColumn,
        TypeColumn,
        StateColumn,
        ScoreColumn,
        SuccessColumn,
        LatencyColumn,
        CircuitColumn,
        LastEventColumn,
        TrendColumn,
        ColumnCount
    };
    enum Role { TrendRole = KeyedRowsModel::SortRole + 1, StateRole };

    explicit HealthModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A node's integration health (health.integrations item or "health" topic event: integration, kind,
    // breaker, last_success_at, ...) in this model's shape: keyed "id" = "<kind>/<integration>", with
    // vendor, type, circuit and last_event_at derived when the item does not carry them.
    static QJsonObject fromNode(const QJsonObject &item);
    // Events per minute (ok + failed) for each of the 60 minutes up to nowMs, from health.trend items
    // ({minute, ok, failed}); minutes without an item are 0.
    static QJsonArray hourTrend(const QJsonArray &items, qint64 nowMs);
    static QVector<double> trendOf(const QJsonObject &row);
    static qint64 lastEventMs(const QJsonObject &row);

protected:
    void rowUpdated(QJsonObject &merged, const QJsonObject &previous) override;
};

} // namespace WedSync::Ui
