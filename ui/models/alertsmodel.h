// Alerts (alerts.list query, "alerts" topic): severity, integration, message, raised at, state and who
// acknowledged them.
#pragma once

#include "models/keyedrowsmodel.h"

namespace WedSync::Ui {

class AlertsModel : public KeyedRowsModel
{
    Q_OBJECT
public:
    enum Column { SeverityColumn, IntegrationColumn, MessageColumn, RaisedColumn, StateColumn, ColumnCount };
    enum Role { StateRole = KeyedRowsModel::SortRole + 1 };

    explicit AlertsModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

} // namespace WedSync::Ui
