#include "attemptfeed.h"

#include "node/topic.h"
#include "store/database.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

namespace WedSync::Node {

static Q_LOGGING_CATEGORY(lcFeed, "wedsync.node.deliveries", QtInfoMsg)

AttemptFeed::AttemptFeed(Store::Database *database, MemoryTopic *topic, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_topic(topic)
{
    m_soon.setSingleShot(true);
    m_soon.setInterval(20);
    connect(&m_soon, &QTimer::timeout, this, &AttemptFeed::fetch);
    m_poll.setInterval(1000);
    connect(&m_poll, &QTimer::timeout, this, &AttemptFeed::fetch);
}

void AttemptFeed::start()
{
    Error e;
    QSqlDatabase db = m_database->connection(&e);
    QSqlQuery q(db);
    if (db.isOpen() && q.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM delivery_attempts")) &&
        q.next())
        m_lastId = q.value(0).toLongLong();
    m_poll.start();
}

void AttemptFeed::poke()
{
    if (!m_soon.isActive())
        m_soon.start();
}

int AttemptFeed::fetch()
{
    MemoryTopic *topic = m_topic.data();
    if (!topic)
        return 0;
    Error e;
    QSqlDatabase db = m_database->connection(&e);
    if (!db.isOpen())
        return 0;
    constexpr int Page = 500;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT a.id, a.delivery_id, a.attempt, a.node, a.started_at, a.latency_ms, a.http_status, "
        "a.error_code, a.error, d.target, d.kind, d.event_seq, d.event_type, d.state, j.event_id, j.source "
        "FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id "
        "LEFT JOIN journal j ON j.seq = d.event_seq WHERE a.id > ? ORDER BY a.id LIMIT ?"));
    q.addBindValue(m_lastId);
    q.addBindValue(Page);
    if (!q.exec()) {
        qCWarning(lcFeed).noquote() << "reading delivery attempts:" << q.lastError().text();
        return 0;
    }
    const auto orNull = [&q](int i) {
        return q.isNull(i) ? QJsonValue() : QJsonValue::fromVariant(q.value(i));
    };
    int n = 0;
    while (q.next()) {
        m_lastId = q.value(0).toLongLong();
        const int http = q.value(6).toInt();
        const bool ok = !q.isNull(6) && http >= 200 && http < 300 && q.isNull(7);
        topic->publish(QJsonObject{{QStringLiteral("kind"), QStringLiteral("attempt")},
                                   {QStringLiteral("attempt"),
                                    QJsonObject{{QStringLiteral("id"), m_lastId},
                                                {QStringLiteral("delivery_id"), q.value(1).toString()},
                                                {QStringLiteral("attempt"), q.value(2).toInt()},
                                                {QStringLiteral("node"), orNull(3)},
                                                {QStringLiteral("at"), q.value(4).toLongLong()},
                                                {QStringLiteral("latency_ms"), q.value(5).toLongLong()},
                                                {QStringLiteral("status"),
                                                 ok ? QStringLiteral("succeeded") : QStringLiteral("failed")},
                                                {QStringLiteral("ok"), ok},
                                                {QStringLiteral("http_status"), orNull(6)},
                                                {QStringLiteral("status_code"), orNull(6)},
                                                {QStringLiteral("error_code"), orNull(7)},
                                                {QStringLiteral("error"), orNull(8)},
                                                {QStringLiteral("target"), q.value(9).toString()},
                                                {QStringLiteral("target_kind"), q.value(10).toString()},
                                                {QStringLiteral("event_seq"), q.value(11).toLongLong()},
                                                {QStringLiteral("event_type"), q.value(12).toString()},
                                                {QStringLiteral("delivery_state"), q.value(13).toString()},
                                                {QStringLiteral("event_id"), orNull(14)},
                                                {QStringLiteral("source"), orNull(15)}}}});
        ++n;
    }
    if (n == Page)
        poke(); // more are waiting
    return n;
}

} // namespace WedSync::Node
