// Topics a node streams to its clients (docs/protocol.md, "Topics"). A topic is a sequence of items
// ordered by a strictly increasing seq that can be re-read from any point (readSince) and that
// announces new items (advanced). NodeServer owns one fan-out cache per topic; topics from later
// modules plug in with NodeServer::addTopic. All methods run on the node server's thread.
#pragma once

#include "common/error.h"
#include "node/protocol.h"

#include <QJsonObject>
#include <QList>
#include <QObject>

#include <deque>

namespace WedSync::Events {
class Journal;
}
namespace WedSync::Store {
class Database;
}

namespace WedSync::Node {

struct TopicItem
{
    qint64 seq = 0;
    QJsonObject data;
    QByteArray raw; // when set: the compact JSON of the item as stored (data is then parsed on demand)
    QJsonObject object() const;
};

class Topic : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual QString name() const = 0;
    // The role a client needs to subscribe or read.
    virtual Role readRole() const { return Role::Viewer; }
    // Up to `limit` items with seq > after, in order.
    virtual QList<TopicItem> readSince(qint64 after, int limit, Error *error) = 0;
    // The highest seq that exists now (0 when empty).
    virtual qint64 head(Error *error) = 0;
    // Null when the filter is acceptable; otherwise BAD_REQUEST saying which key is wrong.
    virtual Error checkFilter(const QJsonObject &filter) const;
    // Default: every key except "text" must equal the item's field of the same name (a filter value may
    // be a string or an array of alternatives; a trailing '*' matches a prefix); "text" matches a
    // case-insensitive substring anywhere in the item.
    virtual bool matches(const QJsonObject &filter, const QJsonObject &data) const;

    static bool valueMatches(const QJsonValue &want, const QJsonValue &have);
    static bool textMatches(const QString &needle, const QJsonObject &data);

Q_SIGNALS:
    // There may be items after the last one read.
    void advanced();
};

// `events`: the journal. Filter keys: source, type, channel, wedding, organization, correlation, text.
class JournalTopic : public Topic
{
    Q_OBJECT
public:
    explicit JournalTopic(Events::Journal *journal, QObject *parent = nullptr); // journal not owned
    QString name() const override { return QStringLiteral("events"); }
    QList<TopicItem> readSince(qint64 after, int limit, Error *error) override;
    qint64 head(Error *error) override;
    Error checkFilter(const QJsonObject &filter) const override;
    bool matches(const QJsonObject &filter, const QJsonObject &data) const override;

private:
    Events::Journal *m_journal;
};

// A topic kept in memory by the node that publishes it (e.g. `deliveries` fed by the delivery worker):
// seq numbers are this node's own, replay reaches back as far as the last `capacity` items.
class MemoryTopic : public Topic
{
    Q_OBJECT
public:
    MemoryTopic(const QString &name, int capacity, Role readRole = Role::Viewer, QObject *parent = nullptr);
    QString name() const override { return m_name; }
    Role readRole() const override { return m_role; }
    QList<TopicItem> readSince(qint64 after, int limit, Error *error) override;
    qint64 head(Error *) override { return m_seq; }
    // Appends an item (seq assigned) and announces it. Server thread only.
    qint64 publish(const QJsonObject &data);

private:
    QString m_name;
    int m_capacity;
    Role m_role;
    qint64 m_seq = 0;
    std::deque<TopicItem> m_items;
};

// A topic stored in a table with an auto-id (audit, health, alerts): rows read in id order.
class TableTopic : public Topic
{
    Q_OBJECT
public:
    // selectSql: a SELECT whose first column is the id and whose other columns are named by `fields`,
    // with exactly two placeholders: "... id > ? ... ORDER BY id LIMIT ?". headSql: one row, the highest id.
    // jsonField: a field whose text is a JSON object merged into the item.
    TableTopic(const QString &name, Store::Database *db, QString selectSql, QString headSql, QStringList fields,
               QString jsonField = {}, QObject *parent = nullptr);
    QString name() const override { return m_name; }
    QList<TopicItem> readSince(qint64 after, int limit, Error *error) override;
    qint64 head(Error *error) override;
    // Call after writing a row.
    void notifyAdvanced() { Q_EMIT advanced(); }

private:
    QString m_name;
    Store::Database *m_db;
    QString m_sql;
    QString m_headSql;
    QStringList m_fields;
    QString m_jsonField; // a column whose text is JSON and is merged into the item
};

} // namespace WedSync::Node
