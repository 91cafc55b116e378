#include "deliverymodels.h"

#include "common/states.h"

#include <QCoreApplication>
#include <QDateTime>

namespace WedSync::Ui {

namespace {
QString s(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isDouble())
        return QString::number(qint64(v.toDouble()));
    return v.toString();
}
QString timeText(const QJsonValue &v)
{
    if (v.isDouble())
        return QDateTime::fromMSecsSinceEpoch(qint64(v.toDouble()))
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : v.toString();
}
// The first of `keys` the row has (the node and the live topic name some fields differently).
QJsonValue firstOf(const QJsonObject &o, std::initializer_list<const char *> keys)
{
    for (const char *key : keys) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isNull())
            return v;
    }
    return {};
}
// A time cell: sorts by the raw value, shows local date and time.
QVariant timeCell(const QJsonValue &v, int role)
{
    return role == KeyedRowsModel::SortRole ? v.toVariant() : QVariant(timeText(v));
}
// The HTTP status a target answered (attempts and dead letters alike): sorts by the number, shows it or
// says there was none (timeout, refused connection).
QVariant responseCell(const QJsonObject &row, int role)
{
    const int code = row.value(QStringLiteral("status_code")).toInt();
    if (role == KeyedRowsModel::SortRole)
        return code;
    return code > 0 ? QString::number(code)
                    : QCoreApplication::translate("WedSync::Ui::DeliveryModels", "no response");
}
// An attempt's outcome: the live topic says "ok", the attempts query gives the status and the error.
QString attemptState(const QJsonObject &row)
{
    const QString state = s(row, "state");
    if (!state.isEmpty())
        return state;
    const QJsonValue ok = row.value(QStringLiteral("ok"));
    if (ok.isBool())
        return ok.toBool() ? QStringLiteral("delivered") : QStringLiteral("failed");
    const int code = row.value(QStringLiteral("status_code")).toInt();
    const bool success = code >= 200 && code < 300 && s(row, "error").isEmpty();
    return success ? QStringLiteral("delivered") : QStringLiteral("failed");
}
bool commonRole(const KeyedRowsModel *m, const QJsonObject &row, int role, QVariant *out)
{
    if (role == KeyedRowsModel::KeyRole) {
        *out = m->keyOf(row);
        return true;
    }
    if (role == KeyedRowsModel::ObjectRole) {
        *out = row;
        return true;
    }
    return false;
}
} // namespace

TargetsModel::TargetsModel(QObject *parent)
    : KeyedRowsModel(QStringLiteral("id"), parent)
{}

int TargetsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TargetsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject &row = m_rows.at(index.row());
    QVariant common;
    if (commonRole(this, row, role, &common))
        return common;
    const bool active = row.value(QStringLiteral("active")).toBool(true);
    const QString circuit = row.value(QStringLiteral("circuit")).toString();
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == SortRole) {
        switch (index.column()) {
        case TargetColumn:
            return s(row, "name").isEmpty() ? s(row, "id") : s(row, "name");
        case UrlColumn:
            return s(row, "url");
        case ActiveColumn:
            return active ? tr("Enabled") : tr("Disabled");
        case CircuitColumn:
            return States::circuit(circuit).text;
        case PendingColumn:
            return role == SortRole ? row.value(QStringLiteral("pending")).toVariant()
                                    : QVariant(s(row, "pending"));
        case DeadColumn: {
            // deliveries.targets says "dead"; older nodes said "dead_letters".
            const QJsonValue dead = firstOf(row, {"dead", "dead_letters"});
            return role == SortRole ? dead.toVariant()
                                    : QVariant(dead.isDouble() ? QString::number(qint64(dead.toDouble()))
                                                               : dead.toString());
        }
        }
    }
    if (role == Qt::DecorationRole) {
        if (index.column() == CircuitColumn)
            return States::circuit(circuit).icon;
        if (index.column() == ActiveColumn)
            return active ? States::health(QStringLiteral("healthy")).icon
                          : States::health(QStringLiteral("paused")).icon;
    }
    return {};
}

QVariant TargetsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return KeyedRowsModel::headerData(section, orientation, role);
    switch (section) {
    case TargetColumn:
        return tr("Target");
    case UrlColumn:
        return tr("Endpoint");
    case ActiveColumn:
        return tr("Subscription");
    case CircuitColumn:
        return tr("Circuit");
    case PendingColumn:
        return tr("Queued");
    case DeadColumn:
        return tr("Dead letters");
    }
    return {};
}

AttemptsModel::AttemptsModel(QObject *parent)
    : KeyedRowsModel(QStringLiteral("id"), parent)
{
    setMaxRows(500);
}

int AttemptsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AttemptsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject &row = m_rows.at(index.row());
    QVariant common;
    if (commonRole(this, row, role, &common))
        return common;
    const QString state = attemptState(row);
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == SortRole) {
        switch (index.column()) {
        case TimeColumn:
            return timeCell(row.value(QStringLiteral("at")), role);
        case TargetColumn:
            return s(row, "target");
        case EventTypeColumn:
            return s(row, "event_type");
        case StateColumn:
            return States::delivery(state).text;
        case CodeColumn:
            return responseCell(row, role);
        case LatencyColumn:
            if (role == SortRole)
                return row.value(QStringLiteral("latency_ms")).toDouble();
            return row.contains(QStringLiteral("latency_ms"))
                       ? tr("%1 ms").arg(qRound(row.value(QStringLiteral("latency_ms")).toDouble()))
                       : QString();
        case ErrorColumn:
            return s(row, "error");
        }
    }
    if (role == Qt::DecorationRole && index.column() == StateColumn)
        return States::delivery(state).icon;
    return {};
}

QVariant AttemptsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return KeyedRowsModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case TargetColumn:
        return tr("Target");
    case EventTypeColumn:
        return tr("Event type");
    case StateColumn:
        return tr("Outcome");
    case CodeColumn:
        return tr("Response");
    case LatencyColumn:
        return tr("Latency");
    case ErrorColumn:
        return tr("Error");
    }
    return {};
}

DeadLettersModel::DeadLettersModel(QObject *parent)
    : KeyedRowsModel(QStringLiteral("id"), parent)
{}

int DeadLettersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeadLettersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject &row = m_rows.at(index.row());
    QVariant common;
    if (commonRole(this, row, role, &common))
        return common;
    const QString state = row.value(QStringLiteral("state")).toString(QStringLiteral("dead"));
    if (role == StateRole)
        return state;
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == SortRole) {
        switch (index.column()) {
        case FailedAtColumn:
            return timeCell(firstOf(row, {"failed_at", "updated_at", "created_at"}), role);
        case TargetColumn:
            return s(row, "target");
        case EventTypeColumn:
            return s(row, "event_type");
        case AttemptsColumn:
            return role == SortRole ? QVariant(row.value(QStringLiteral("attempts")).toInt())
                                    : QVariant(s(row, "attempts"));
        case CodeColumn:
            return responseCell(row, role);
        case ReasonColumn:
            return s(row, "error");
        case StateColumn:
            return States::delivery(state).text;
        }
    }
    if (role == Qt::DecorationRole && index.column() == StateColumn)
        return States::delivery(state).icon;
    return {};
}

QVariant DeadLettersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return KeyedRowsModel::headerData(section, orientation, role);
    switch (section) {
    case FailedAtColumn:
        return tr("Failed at");
    case TargetColumn:
        return tr("Target");
    case EventTypeColumn:
        return tr("Event type");
    case AttemptsColumn:
        return tr("Attempts");
    case CodeColumn:
        return tr("Last response");
    case ReasonColumn:
        return tr("Reason");
    case StateColumn:
        return tr("State");
    }
    return {};
}

} // namespace WedSync::Ui
