#include "keyedrowsmodel.h"

namespace WedSync::Ui {

KeyedRowsModel::KeyedRowsModel(QString keyField, QObject *parent)
    : QAbstractTableModel(parent)
    , m_keyField(std::move(keyField))
{}

int KeyedRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QString KeyedRowsModel::keyOf(const QJsonObject &row) const
{
    const QJsonValue v = row.value(m_keyField);
    if (v.isDouble())
        return QString::number(qint64(v.toDouble()));
    return v.toString();
}

void KeyedRowsModel::reindex()
{
    m_index.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(keyOf(m_rows.at(i)), i);
}

void KeyedRowsModel::setRows(const QJsonArray &rows)
{
    beginResetModel();
    m_rows.clear();
    QHash<QString, int> seen;
    for (const QJsonValue &v : rows) {
        QJsonObject o = v.toObject();
        const QString key = keyOf(o);
        if (key.isEmpty())
            continue;
        rowUpdated(o, {});
        const auto it = seen.constFind(key);
        if (it != seen.constEnd()) {
            m_rows[it.value()] = o;
            continue;
        }
        seen.insert(key, int(m_rows.size()));
        m_rows.append(o);
    }
    if (m_maxRows > 0 && m_rows.size() > m_maxRows)
        m_rows.remove(0, m_rows.size() - m_maxRows);
    reindex();
    endResetModel();
}

void KeyedRowsModel::upsert(const QJsonObject &row)
{
    const QString key = keyOf(row);
    if (key.isEmpty())
        return;
    const auto it = m_index.constFind(key);
    if (it != m_index.constEnd()) {
        const int r = it.value();
        const QJsonObject previous = m_rows.at(r);
        QJsonObject merged = previous;
        for (auto f = row.constBegin(); f != row.constEnd(); ++f)
            merged.insert(f.key(), f.value());
        rowUpdated(merged, previous);
        m_rows[r] = merged;
        Q_EMIT dataChanged(index(r, 0), index(r, columnCount() - 1));
        return;
    }
    if (m_maxRows > 0 && m_rows.size() >= m_maxRows) {
        beginRemoveRows({}, 0, 0);
        m_rows.removeFirst();
        reindex();
        endRemoveRows();
    }
    QJsonObject merged = row;
    rowUpdated(merged, {});
    const int r = int(m_rows.size());
    beginInsertRows({}, r, r);
    m_rows.append(merged);
    m_index.insert(key, r);
    endInsertRows();
}

bool KeyedRowsModel::remove(const QString &key)
{
    const int r = m_index.value(key, -1);
    if (r < 0)
        return false;
    beginRemoveRows({}, r, r);
    m_rows.remove(r);
    reindex();
    endRemoveRows();
    return true;
}

QJsonObject KeyedRowsModel::rowObject(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : QJsonObject();
}

int KeyedRowsModel::rowOfKey(const QString &key) const
{
    return m_index.value(key, -1);
}

} // namespace WedSync::Ui
