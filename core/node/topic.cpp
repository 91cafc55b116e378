#include "topic.h"

#include "events/journal.h"
#include "store/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>

namespace WedSync::Node {

QJsonObject TopicItem::object() const
{
    if (raw.isEmpty() || !data.isEmpty())
        return data;
    return QJsonDocument::fromJson(raw).object();
}

Error Topic::checkFilter(const QJsonObject &filter) const
{
    for (auto it = filter.begin(); it != filter.end(); ++it) {
        const QJsonValue v = it.value();
        bool ok = v.isString() || v.isDouble() || v.isBool();
        if (v.isArray()) {
            ok = !v.toArray().isEmpty() && v.toArray().size() <= 100;
            for (const QJsonValue &x : v.toArray())
                ok = ok && x.isString();
        }
        if (!ok)
            return Error::make(
                QString::fromLatin1(NodeError::BadRequest),
                QStringLiteral("filter \"%1\" must be a string or an array of strings").arg(it.key()));
    }
    return {};
}

bool Topic::valueMatches(const QJsonValue &want, const QJsonValue &have)
{
    if (want.isArray()) {
        for (const QJsonValue &w : want.toArray()) {
            if (valueMatches(w, have))
                return true;
        }
        return false;
    }
    if (have.isArray()) {
        for (const QJsonValue &h : have.toArray()) {
            if (valueMatches(want, h))
                return true;
        }
        return false;
    }
    if (!want.isString())
        return want == have;
    const QString w = want.toString();
    const QString h = have.isString()   ? have.toString()
                      : have.isDouble() ? QString::number(have.toDouble())
                                        : QString();
    if (have.isUndefined() || have.isNull())
        return false;
    if (w.endsWith(QLatin1Char('*')))
        return h.startsWith(QStringView(w).chopped(1));
    return h == w;
}

bool Topic::textMatches(const QString &needle, const QJsonObject &data)
{
    if (needle.isEmpty())
        return true;
    const QString hay = QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact));
    return hay.contains(needle, Qt::CaseInsensitive);
}

bool Topic::matches(const QJsonObject &filter, const QJsonObject &data) const
{
    for (auto it = filter.begin(); it != filter.end(); ++it) {
        if (it.key() == u"text") {
            if (!textMatches(it.value().toString(), data))
                return false;
        } else if (!valueMatches(it.value(), data.value(it.key()))) {
            return false;
        }
    }
    return true;
}

// --- JournalTopic ---

JournalTopic::JournalTopic(Events::Journal *journal, QObject *parent)
    : Topic(parent)
    , m_journal(journal)
{
    connect(journal, &Events::Journal::committed, this, &Topic::advanced, Qt::QueuedConnection);
}

QList<TopicItem> JournalTopic::readSince(qint64 after, int limit, Error *error)
{
    // The stored payload is already the event's compact JSON: it is streamed as is, without a parse
    // and re-encode per event (Journal::readSince would build Event objects).
    QList<TopicItem> out;
    QSqlDatabase db = m_journal->database()->connection(error);
    if (!db.isOpen())
        return out;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT seq, payload FROM journal WHERE seq > ? ORDER BY seq LIMIT ?"));
    q.addBindValue(after);
    q.addBindValue(std::max(1, limit));
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("reading the journal"));
        return out;
    }
    while (q.next()) {
        TopicItem item;
        item.seq = q.value(0).toLongLong();
        item.raw = q.value(1).toString().toUtf8();
        out.append(std::move(item));
    }
    return out;
}

qint64 JournalTopic::head(Error *error)
{
    // SQLite belongs to this process alone: the journal's own head is the truth.
    if (!m_journal->database()->isPostgres())
        return m_journal->lastSeq();
    // Another node may have appended: the database's head row is the truth.
    QSqlDatabase db = m_journal->database()->connection(error);
    if (!db.isOpen())
        return m_journal->lastSeq();
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SELECT last_seq FROM journal_head WHERE id = 1")) && q.next())
        return std::max(q.value(0).toLongLong(), m_journal->lastSeq());
    return m_journal->lastSeq();
}

static const QStringList &journalFilterKeys()
{
    static const QStringList keys = {QStringLiteral("source"),       QStringLiteral("type"),
                                     QStringLiteral("channel"),      QStringLiteral("wedding"),
                                     QStringLiteral("organization"), QStringLiteral("correlation"),
                                     QStringLiteral("text")};
    return keys;
}

Error JournalTopic::checkFilter(const QJsonObject &filter) const
{
    for (const QString &k : filter.keys()) {
        if (!journalFilterKeys().contains(k))
            return Error::make(QString::fromLatin1(NodeError::BadRequest),
                               QStringLiteral("unknown filter \"%1\" for events; use %2")
                                   .arg(k, journalFilterKeys().join(QStringLiteral(", "))));
    }
    if (filter.contains(QStringLiteral("text")) && !filter.value(QStringLiteral("text")).isString())
        return Error::make(QString::fromLatin1(NodeError::BadRequest),
                           QStringLiteral("filter \"text\" must be a string"));
    return Topic::checkFilter(filter);
}

bool JournalTopic::matches(const QJsonObject &filter, const QJsonObject &data) const
{
    static const QHash<QString, QString> fieldOf = {
        {QStringLiteral("source"), QStringLiteral("source")},
        {QStringLiteral("type"), QStringLiteral("event_type")},
        {QStringLiteral("wedding"), QStringLiteral("wedding_id")},
        {QStringLiteral("organization"), QStringLiteral("organization_id")},
        {QStringLiteral("correlation"), QStringLiteral("correlation_id")}};
    for (auto it = filter.begin(); it != filter.end(); ++it) {
        const QString &k = it.key();
        if (k == u"text") {
            if (!textMatches(it.value().toString(), data))
                return false;
        } else if (k == u"channel") {
            // Routing records the channels an event was published on in data.channels (or data.channel).
            const QJsonObject d = data.value(QLatin1String("data")).toObject();
            const QJsonValue have = d.contains(QLatin1String("channels")) ? d.value(QLatin1String("channels"))
                                                                          : d.value(QLatin1String("channel"));
            if (!valueMatches(it.value(), have))
                return false;
        } else if (!valueMatches(it.value(), data.value(fieldOf.value(k)))) {
            return false;
        }
    }
    return true;
}

// --- MemoryTopic ---

MemoryTopic::MemoryTopic(const QString &name, int capacity, Role readRole, QObject *parent)
    : Topic(parent)
    , m_name(name)
    , m_capacity(std::max(1, capacity))
    , m_role(readRole)
{}

QList<TopicItem> MemoryTopic::readSince(qint64 after, int limit, Error *)
{
    QList<TopicItem> out;
    auto it = std::upper_bound(m_items.begin(), m_items.end(), after,
                               [](qint64 s, const TopicItem &i) { return s < i.seq; });
    for (; it != m_items.end() && out.size() < limit; ++it)
        out.append(*it);
    return out;
}

qint64 MemoryTopic::publish(const QJsonObject &data)
{
    m_items.push_back(TopicItem{++m_seq, data, {}});
    while (int(m_items.size()) > m_capacity)
        m_items.pop_front();
    Q_EMIT advanced();
    return m_seq;
}

// --- TableTopic ---

TableTopic::TableTopic(const QString &name, Store::Database *db, QString selectSql, QString headSql,
                       QStringList fields, QString jsonField, QObject *parent)
    : Topic(parent)
    , m_name(name)
    , m_db(db)
    , m_sql(std::move(selectSql))
    , m_headSql(std::move(headSql))
    , m_fields(std::move(fields))
    , m_jsonField(std::move(jsonField))
{}

QList<TopicItem> TableTopic::readSince(qint64 after, int limit, Error *error)
{
    QList<TopicItem> out;
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return out;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(m_sql);
    q.addBindValue(after);
    q.addBindValue(std::max(1, limit));
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("reading %1").arg(m_name));
        return out;
    }
    while (q.next()) {
        TopicItem item;
        item.seq = q.value(0).toLongLong();
        for (int i = 0; i < m_fields.size(); ++i) {
            const QVariant v = q.value(i + 1);
            const QString &f = m_fields.at(i);
            if (f == m_jsonField) {
                const QJsonObject extra = QJsonDocument::fromJson(v.toString().toUtf8()).object();
                for (auto it = extra.begin(); it != extra.end(); ++it)
                    item.data.insert(it.key(), it.value());
            } else if (v.isNull()) {
                item.data.insert(f, QJsonValue::Null);
            } else if (v.typeId() == QMetaType::QString || v.typeId() == QMetaType::QByteArray) {
                item.data.insert(f, v.toString());
            } else {
                item.data.insert(f, QJsonValue::fromVariant(v));
            }
        }
        out.append(item);
    }
    return out;
}

qint64 TableTopic::head(Error *error)
{
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return 0;
    QSqlQuery q(db);
    if (!q.exec(m_headSql)) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("reading %1").arg(m_name));
        return 0;
    }
    return q.next() ? q.value(0).toLongLong() : 0;
}

} // namespace WedSync::Node
