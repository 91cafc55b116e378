#include "journalwatcher.h"

#include "store/database.h"

#include <QLoggingCategory>
#include <QSqlDriver>
#include <QUuid>

static Q_LOGGING_CATEGORY(lcWatcher, "wedsync.node.listen", QtInfoMsg)

namespace WedSync::Node {

static const QString Channel = QStringLiteral("wedsync_journal");

JournalWatcher::JournalWatcher(Store::Database *db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
}

JournalWatcher::~JournalWatcher()
{
    stop();
}

bool JournalWatcher::start(Error *error)
{
    if (!m_db->isPostgres())
        return true;
    QSqlDatabase base = m_db->connection(error);
    if (!base.isOpen())
        return false;
    m_connectionName = QStringLiteral("wedsync-listen-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlDatabase db = QSqlDatabase::cloneDatabase(base, m_connectionName);
    if (!db.open()) {
        if (error)
            *error = Store::Database::toError(db.lastError(), QStringLiteral("opening the LISTEN connection"));
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        m_connectionName.clear();
        return false;
    }
    connect(db.driver(), &QSqlDriver::notification, this,
            [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
                if (name == Channel)
                    Q_EMIT notified(payload.toLongLong());
            });
    if (!db.driver()->subscribeToNotification(Channel)) {
        if (error)
            *error = Store::Database::toError(db.driver()->lastError(), QStringLiteral("LISTEN wedsync_journal"));
        return false;
    }
    qCInfo(lcWatcher) << "listening for journal appends of other nodes";
    return true;
}

void JournalWatcher::stop()
{
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen()) {
            db.driver()->unsubscribeFromNotification(Channel);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

} // namespace WedSync::Node
