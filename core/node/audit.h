// The audit trail: who did (or was refused) what, when. Rows in node_audit; also the `audit` topic.
// Server thread only (uses that thread's database connection).
#pragma once

#include "node/topic.h"

namespace WedSync::Node {

class Audit : public TableTopic
{
    Q_OBJECT
public:
    explicit Audit(Store::Database *db, QObject *parent = nullptr); // db not owned

    // outcome: "ok", "denied", "failed". Returns the row id (0 when it could not be written; logged).
    qint64 record(const QString &actor, Role role, const QString &action, const QString &target,
                  const QString &outcome, const QJsonObject &details = {});
    // Newest first, rows with id < before (0 = from the newest), optionally only one actor/outcome.
    QList<TopicItem> list(qint64 before, int limit, const QString &actor, const QString &outcome, Error *error);

private:
    Store::Database *m_db;
};

} // namespace WedSync::Node
