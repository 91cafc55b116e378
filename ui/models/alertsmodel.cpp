#include "alertsmodel.h"

#include "common/states.h"

#include <QDateTime>

namespace WedSync::Ui {

AlertsModel::AlertsModel(QObject *parent)
    : KeyedRowsModel(QStringLiteral("id"), parent)
{
    setMaxRows(1000);
}

int AlertsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

static QString timeText(const QJsonValue &v)
{
    if (v.isDouble())
        return QDateTime::fromMSecsSinceEpoch(qint64(v.toDouble()))
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : v.toString();
}

QVariant AlertsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject &row = m_rows.at(index.row());
    const QString state = row.value(QStringLiteral("state")).toString();
    const QString severity = row.value(QStringLiteral("severity")).toString();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case SeverityColumn:
            return States::health(severity).text;
        case IntegrationColumn:
            return row.value(QStringLiteral("integration")).toString();
        case MessageColumn:
            return row.value(QStringLiteral("message")).toString();
        case RaisedColumn:
            return timeText(row.value(QStringLiteral("raised_at")));
        case StateColumn: {
            const QString by = row.value(QStringLiteral("acknowledged_by")).toString();
            if (state == QLatin1String("acknowledged") && !by.isEmpty())
                return tr("Acknowledged by %1").arg(by);
            return States::alert(state).text;
        }
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == SeverityColumn)
            return States::health(severity).icon;
        if (index.column() == StateColumn)
            return States::alert(state).icon;
        return {};
    case SortRole:
        if (index.column() == RaisedColumn)
            return row.value(QStringLiteral("raised_at")).toVariant();
        return data(index, Qt::DisplayRole);
    case StateRole:
        return state;
    case KeyRole:
        return keyOf(row);
    case ObjectRole:
        return row;
    }
    return {};
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return KeyedRowsModel::headerData(section, orientation, role);
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case IntegrationColumn:
        return tr("Integration");
    case MessageColumn:
        return tr("Alert");
    case RaisedColumn:
        return tr("Raised");
    case StateColumn:
        return tr("State");
    }
    return {};
}

} // namespace WedSync::Ui
