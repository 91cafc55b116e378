// The Deliveries page's tables: delivery targets (subscription state, circuit, queue), recent attempts with
// response codes (also used for an integration's recent failures), and dead letters.
#pragma once

#include "models/keyedrowsmodel.h"

namespace WedSync::Ui {

class TargetsModel : public KeyedRowsModel
{
    Q_OBJECT
public:
    enum Column {
        TargetColumn,
        UrlColumn,
        ActiveColumn,
        CircuitColumn,
        PendingColumn,
        DeadColumn,
        ColumnCount
    };
    explicit TargetsModel(QObject *parent = nullptr);
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

class AttemptsModel : public KeyedRowsModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        TargetColumn,
        EventTypeColumn,
        StateColumn,
        CodeColumn,
        LatencyColumn,
        ErrorColumn,
        ColumnCount
    };
    explicit AttemptsModel(QObject *parent = nullptr);
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

class DeadLettersModel : public KeyedRowsModel
{
    Q_OBJECT
public:
    enum Column {
        FailedAtColumn,
        TargetColumn,
        EventTypeColumn,
        StateColumn, // before the long reason, so a replayed row's outcome is in view
        AttemptsColumn,
        CodeColumn,
        ReasonColumn,
        ColumnCount
    };
    enum Role { StateRole = KeyedRowsModel::SortRole + 1 };
    explicit DeadLettersModel(QObject *parent = nullptr);
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

} // namespace WedSync::Ui
