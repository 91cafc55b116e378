#include "nodesmodel.h"

#include "common/states.h"
#include "nodes/nodemanager.h"

#include <QDateTime>
#include <QLocale>

namespace WedSync::Ui {

NodesModel::NodesModel(NodeManager *nodes, QObject *parent)
    : QAbstractTableModel(parent)
    , m_nodes(nodes)
{
    m_rows = nodes->count();
    // NodeManager signals after the change; m_rows keeps the model's own count until the model announces it.
    connect(nodes, &NodeManager::nodeAdded, this, [this](int i) {
        beginInsertRows({}, i, i);
        ++m_rows;
        endInsertRows();
    });
    connect(nodes, &NodeManager::nodeRemoved, this, [this](int i) {
        beginRemoveRows({}, i, i);
        --m_rows;
        endRemoveRows();
    });
    connect(nodes, &NodeManager::nodeChanged, this,
            [this](int i) { Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1)); });
}

int NodesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int NodesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString NodesModel::uptimeText(qint64 startedAtMs, qint64 nowMs)
{
    if (startedAtMs <= 0)
        return {};
    const qint64 s = std::max<qint64>(0, (nowMs - startedAtMs) / 1000);
    if (s < 60)
        return tr("%n second(s)", nullptr, int(s));
    if (s < 3600)
        return tr("%n minute(s)", nullptr, int(s / 60));
    if (s < 86400)
        return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
    return tr("%n day(s)", nullptr, int(s / 86400));
}

QVariant NodesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (index.row() >= m_nodes->count())
        return {};
    const NodeManager::Node &n = m_nodes->node(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case NameColumn:
            if (n.embedded)
                return n.info.node.isEmpty() ? tr("Embedded engine") : tr("%1 (embedded)").arg(n.info.node);
            return n.info.node.isEmpty() ? n.url.host() : n.info.node;
        case AddressColumn:
            return n.url.toDisplayString();
        case StateColumn: {
            const QString text = States::connection(int(n.state)).text;
            if (role == Qt::ToolTipRole && !n.reason.isEmpty())
                return tr("%1: %2").arg(text, n.reason);
            return text;
        }
        case RoleColumn:
            return n.info.role.isEmpty() ? QString() : Roles::name(Roles::parse(n.info.role));
        case VersionColumn:
            return n.info.version;
        case UptimeColumn:
            return uptimeText(n.info.startedAtMs, QDateTime::currentMSecsSinceEpoch());
        case DatabaseColumn:
            return n.info.database;
        case ThroughputColumn:
            return tr("%1 events/s").arg(QLocale().toString(n.info.eventsPerSecond, 'f', 1));
        case ReconnectsColumn:
            return QString::number(n.reconnects);
        }
    }
    if (role == Qt::DecorationRole && index.column() == StateColumn)
        return States::connection(int(n.state)).icon;
    return {};
}

QVariant NodesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Node");
    case AddressColumn:
        return tr("Address");
    case StateColumn:
        return tr("Connection");
    case RoleColumn:
        return tr("Your role");
    case VersionColumn:
        return tr("Version");
    case UptimeColumn:
        return tr("Uptime");
    case DatabaseColumn:
        return tr("Database");
    case ThroughputColumn:
        return tr("Throughput");
    case ReconnectsColumn:
        return tr("Reconnections");
    }
    return {};
}

} // namespace WedSync::Ui
