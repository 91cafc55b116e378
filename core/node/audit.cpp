#include "audit.h"

#include "store/database.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlQuery>

static Q_LOGGING_CATEGORY(lcAudit, "wedsync.node.audit", QtInfoMsg)

namespace WedSync::Node {

static const QStringList &auditFields()
{
    static const QStringList f = {QStringLiteral("at"),     QStringLiteral("actor"),   QStringLiteral("role"),
                                  QStringLiteral("action"), QStringLiteral("target"),  QStringLiteral("outcome"),
                                  QStringLiteral("details")};
    return f;
}

Audit::Audit(Store::Database *db, QObject *parent)
    : TableTopic(QStringLiteral("audit"), db,
                 QStringLiteral("SELECT id, at, actor, role, action, target, outcome, details FROM node_audit WHERE "
                                "id > ? ORDER BY id LIMIT ?"),
                 QStringLiteral("SELECT MAX(id) FROM node_audit"), auditFields(), QString(), parent)
    , m_db(db)
{
}

qint64 Audit::record(const QString &actor, Role role, const QString &action, const QString &target,
                     const QString &outcome, const QJsonObject &details)
{
    Error error;
    QSqlDatabase db = m_db->connection(&error);
    if (!db.isOpen()) {
        qCWarning(lcAudit).noquote() << "cannot write audit row:" << error.message;
        return 0;
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO node_audit (at, actor, role, action, target, outcome, details) VALUES (?, ?, "
                             "?, ?, ?, ?, ?)"));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(actor);
    q.addBindValue(roleName(role));
    q.addBindValue(action);
    q.addBindValue(target);
    q.addBindValue(outcome);
    q.addBindValue(details.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
    if (!q.exec()) {
        qCWarning(lcAudit).noquote() << "cannot write audit row:" << q.lastError().text();
        return 0;
    }
    const qint64 id = q.lastInsertId().toLongLong();
    notifyAdvanced();
    return id;
}

QList<TopicItem> Audit::list(qint64 before, int limit, const QString &actor, const QString &outcome, Error *error)
{
    QList<TopicItem> out;
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return out;
    QString sql = QStringLiteral("SELECT id, at, actor, role, action, target, outcome, details FROM node_audit WHERE 1 = 1");
    if (before > 0)
        sql += QStringLiteral(" AND id < ?");
    if (!actor.isEmpty())
        sql += QStringLiteral(" AND actor = ?");
    if (!outcome.isEmpty())
        sql += QStringLiteral(" AND outcome = ?");
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    QSqlQuery q(db);
    q.prepare(sql);
    if (before > 0)
        q.addBindValue(before);
    if (!actor.isEmpty())
        q.addBindValue(actor);
    if (!outcome.isEmpty())
        q.addBindValue(outcome);
    q.addBindValue(std::clamp(limit, 1, 1000));
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("reading the audit trail"));
        return out;
    }
    while (q.next()) {
        TopicItem item;
        item.seq = q.value(0).toLongLong();
        item.data = QJsonObject{{QStringLiteral("id"), item.seq},
                                {QStringLiteral("at"), q.value(1).toLongLong()},
                                {QStringLiteral("actor"), q.value(2).toString()},
                                {QStringLiteral("role"), q.value(3).toString()},
                                {QStringLiteral("action"), q.value(4).toString()},
                                {QStringLiteral("target"), q.value(5).toString()},
                                {QStringLiteral("outcome"), q.value(6).toString()},
                                {QStringLiteral("details"),
                                 QJsonDocument::fromJson(q.value(7).toString().toUtf8()).object()}};
        out.append(item);
    }
    return out;
}

} // namespace WedSync::Node
