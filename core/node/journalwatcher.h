// Wakes this node when another node sharing the PostgreSQL database appends to the journal: LISTENs on
// the channel the journal notifies (wedsync_journal) on a dedicated connection of the owning thread.
#pragma once

#include "common/error.h"

#include <QObject>
#include <QString>

namespace WedSync::Store {
class Database;
}

namespace WedSync::Node {

class JournalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit JournalWatcher(Store::Database *db, QObject *parent = nullptr); // db not owned
    ~JournalWatcher() override;

    // PostgreSQL: opens the listening connection. SQLite (one node): nothing to do, returns true.
    bool start(Error *error);
    void stop();

Q_SIGNALS:
    void notified(qint64 seq);

private:
    Store::Database *m_db;
    QString m_connectionName;
};

} // namespace WedSync::Node
