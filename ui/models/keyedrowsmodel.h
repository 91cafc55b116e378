// Base for the dashboards' small tables (integrations, alerts, delivery targets, attempts, dead letters):
// rows are JSON objects from node queries, identified by a key field, replaced wholesale by a query result
// and updated one by one by topic events. Subclasses say how each column is shown.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QVector>

namespace WedSync::Ui {

class KeyedRowsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role { KeyRole = Qt::UserRole + 1, ObjectRole, SortRole };

    explicit KeyedRowsModel(QString keyField, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;

    // Replaces every row (a query result).
    void setRows(const QJsonArray &rows);
    // Inserts or updates one row by its key (a topic event). Rows without a key are ignored.
    void upsert(const QJsonObject &row);
    bool remove(const QString &key);
    // Caps the table: rows beyond `max` are removed from the top (oldest first). 0 = unlimited.
    void setMaxRows(int max) { m_maxRows = max; }

    QJsonObject rowObject(int row) const;
    int rowOfKey(const QString &key) const;
    QString keyOf(const QJsonObject &row) const;

protected:
    // Called for rows being replaced or inserted, so subclasses can keep derived data (e.g. trends).
    virtual void rowUpdated(QJsonObject &merged, const QJsonObject &previous){
        Q_UNUSED(merged) Q_UNUSED(previous)} QVector<QJsonObject> m_rows;

private:
    void reindex();
    QString m_keyField;
    QHash<QString, int> m_index;
    int m_maxRows = 0;
};

} // namespace WedSync::Ui
