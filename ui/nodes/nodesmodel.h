// The Nodes page's table: one row per node the console watches, from NodeManager.
#pragma once

#include <QAbstractTableModel>

namespace WedSync::Ui {

class NodeManager;

class NodesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        AddressColumn,
        StateColumn,
        RoleColumn,
        VersionColumn,
        UptimeColumn,
        DatabaseColumn,
        ThroughputColumn,
        ReconnectsColumn,
        ColumnCount
    };

    explicit NodesModel(NodeManager *nodes, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString uptimeText(qint64 startedAtMs, qint64 nowMs);

private:
    NodeManager *m_nodes; // not owned
    int m_rows = 0;
};

} // namespace WedSync::Ui
