#include "database.h"

#include <QAtomicInt>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QThread>
#include <QUrl>
#include <sqlite3.h>

static Q_LOGGING_CATEGORY(lcStore, "wedsync.store", QtInfoMsg)

namespace WedSync::Store {

std::optional<DatabaseSettings> DatabaseSettings::fromUrl(const QString &url, const QString &dataDir,
                                                          Error *error)
{
    DatabaseSettings s;
    auto bad = [&](const QString &why) -> std::optional<DatabaseSettings> {
        if (error)
            *error = Error::make(
                QString::fromLatin1(ErrorCode::StoreBadUrl),
                QStringLiteral("database URL: %1. Use postgres://user[:password]@host:port/database, "
                               "sqlite:///path/to/file.db, or leave it empty for the embedded database.")
                    .arg(why));
        return std::nullopt;
    };
    const QString trimmed = url.trimmed();
    if (trimmed.isEmpty()) {
        s.sqlitePath = QDir(dataDir).filePath(QStringLiteral("wedsync.db"));
        return s;
    }
    if (trimmed.startsWith(QLatin1String("postgres://")) ||
        trimmed.startsWith(QLatin1String("postgresql://"))) {
        const QUrl u(trimmed, QUrl::StrictMode);
        if (!u.isValid())
            return bad(QStringLiteral("not a valid URL (%1)").arg(u.errorString()));
        if (u.host().isEmpty())
            return bad(QStringLiteral("the host is missing"));
        if (u.userName().isEmpty())
            return bad(QStringLiteral("the user is missing"));
        const QString db = u.path().mid(1);
        if (db.isEmpty() || db.contains(QLatin1Char('/')))
            return bad(QStringLiteral("the database name is missing"));
        s.backend = Backend::Postgres;
        s.host = u.host();
        s.port = u.port(5432);
        s.user = u.userName(QUrl::FullyDecoded);
        s.password = u.password(QUrl::FullyDecoded);
        s.databaseName = db;
        return s;
    }
    if (trimmed.startsWith(QLatin1String("sqlite://"))) {
        const QString path = trimmed.mid(int(qstrlen("sqlite://")));
        if (path.isEmpty())
            return bad(QStringLiteral("the SQLite file path is missing"));
        s.sqlitePath = QFileInfo(path).absoluteFilePath();
        return s;
    }
    if (trimmed.contains(QLatin1String("://")))
        return bad(
            QStringLiteral("unsupported scheme '%1'").arg(trimmed.section(QLatin1String("://"), 0, 0)));
    s.sqlitePath = QFileInfo(trimmed).absoluteFilePath();
    return s;
}

QString DatabaseSettings::displayName() const
{
    if (backend == Backend::Sqlite)
        return QStringLiteral("sqlite://") + sqlitePath;
    return QStringLiteral("postgres://%1@%2:%3/%4").arg(user, host).arg(port).arg(databaseName);
}

static QAtomicInt s_instanceCounter;

Database::Database(DatabaseSettings settings)
    : m_settings(std::move(settings))
    , m_prefix(QStringLiteral("wedsync-db-%1-").arg(s_instanceCounter.fetchAndAddRelaxed(1)))
{}

Database::~Database()
{
    QMutexLocker lock(&m_mutex);
    for (const QString &name : std::as_const(m_connections)) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

// SQLite's own busy handler (behind busy_timeout) sleeps 1, 2, 5, 10, 15, 20, 25 ... 100 ms between tries, so
// a writer that finds the lock taken for a millisecond (the delivery worker's tick, a journal append) often
// sleeps 10-25 ms longer than it had to: measured as the tail of the delivery latency. This one polls at
// 0.1, 0.2, 0.4, 0.8 ms and then every millisecond, and gives up after the same busy timeout.
static int shortBusyWait(void *timeoutMs, int count)
{
    const qint64 limitUs = qint64(reinterpret_cast<quintptr>(timeoutMs)) * 1000;
    const qint64 waitedUs = count < 4 ? 100 * ((1 << count) - 1) : 1500 + qint64(count - 4) * 1000;
    if (waitedUs >= limitUs)
        return 0;
    QThread::usleep(ulong(count < 4 ? 100 << count : 1000));
    return 1;
}

static thread_local Database::Durability t_durability = Database::Durability::Synced;

void Database::setThreadDurability(Durability durability)
{
    t_durability = durability;
}

bool Database::configure(QSqlDatabase &db, Error *error) const
{
    const bool synced = m_settings.syncFull && t_durability == Durability::Synced;
    QSqlQuery q(db);
    QStringList statements;
    if (m_settings.backend == Backend::Sqlite) {
        statements
            << QStringLiteral("PRAGMA journal_mode=WAL") << QStringLiteral("PRAGMA foreign_keys=ON")
            << QStringLiteral("PRAGMA synchronous=%1").arg(synced ? u"FULL" : u"NORMAL")
            << QStringLiteral("PRAGMA busy_timeout=%1").arg(m_settings.busyTimeout.count())
            << QStringLiteral("PRAGMA cache_size=-%1").arg(std::max<qint64>(1, m_settings.cacheBytes / 1024));
    } else {
        statements << QStringLiteral("SET client_min_messages TO WARNING")
                   << QStringLiteral("SET TIME ZONE 'UTC'");
    }
    for (const QString &sql : std::as_const(statements)) {
        if (!q.exec(sql)) {
            if (error)
                *error = toError(q.lastError(), QStringLiteral("configuring the connection"));
            return false;
        }
    }
    if (sqlite3 *handle = sqliteHandle(db)) // after busy_timeout, which would replace it
        sqlite3_busy_handler(
            handle, shortBusyWait,
            reinterpret_cast<void *>(quintptr(qMax<qint64>(0, m_settings.busyTimeout.count()))));
    return true;
}

sqlite3 *Database::sqliteHandle(const QSqlDatabase &db)
{
    const QVariant h = db.driver() ? db.driver()->handle() : QVariant();
    if (qstrcmp(h.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(h.data());
}

QSqlError Database::sqliteError(sqlite3 *handle)
{
    const QString why =
        handle ? QString::fromUtf8(sqlite3_errmsg(handle)) : QStringLiteral("no SQLite handle");
    return QSqlError(why, why, QSqlError::StatementError,
                     QString::number(handle ? sqlite3_extended_errcode(handle) : SQLITE_MISUSE));
}

QSqlDatabase Database::connection(Error *error)
{
    const Qt::HANDLE thread = QThread::currentThreadId();
    QString name;
    {
        QMutexLocker lock(&m_mutex);
        name = m_connections.value(thread);
        if (name.isEmpty()) {
            name = m_prefix + QString::number(reinterpret_cast<quintptr>(thread), 16);
            m_connections.insert(thread, name);
        }
    }
    QSqlDatabase db = QSqlDatabase::database(name, false);
    if (!db.isValid()) {
        if (m_settings.backend == Backend::Sqlite) {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            QDir().mkpath(QFileInfo(m_settings.sqlitePath).absolutePath());
            db.setDatabaseName(m_settings.sqlitePath);
            db.setConnectOptions(
                QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_settings.busyTimeout.count()));
        } else {
            db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(m_settings.host);
            db.setPort(m_settings.port);
            db.setUserName(m_settings.user);
            db.setPassword(m_settings.password);
            db.setDatabaseName(m_settings.databaseName);
            db.setConnectOptions(QStringLiteral("connect_timeout=5;application_name=wedsync"));
        }
        if (!db.isValid()) {
            if (error)
                *error = Error::make(
                    QString::fromLatin1(ErrorCode::StoreUnavailable),
                    QStringLiteral("the Qt SQL driver for %1 is not installed (install libqt6sql6-%2)")
                        .arg(m_settings.backend == Backend::Sqlite ? u"SQLite" : u"PostgreSQL",
                             m_settings.backend == Backend::Sqlite ? u"sqlite" : u"psql"));
            return db;
        }
    }
    if (!db.isOpen()) {
        if (!db.open()) {
            if (error)
                *error = toError(db.lastError(), QStringLiteral("opening %1").arg(m_settings.displayName()));
            return db;
        }
        Error cfgError;
        if (!configure(db, &cfgError)) {
            db.close();
            if (error)
                *error = cfgError;
            return db;
        }
        qCDebug(lcStore) << "opened" << m_settings.displayName() << "for thread" << thread;
    }
    return db;
}

void Database::releaseThreadConnection()
{
    QString name;
    {
        QMutexLocker lock(&m_mutex);
        name = m_connections.take(QThread::currentThreadId());
    }
    if (name.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

bool Database::reconnect(Error *error)
{
    releaseThreadConnection();
    const QSqlDatabase db = connection(error);
    return db.isOpen();
}

bool Database::isConnectionLost(const QSqlError &error)
{
    // Qt's SQLite driver reports every failed step as ConnectionError, so the type alone would turn a
    // constraint violation into "database gone" (retried for ever). Decide by the native code first:
    // SQLite's result code (a number of at most four digits) or PostgreSQL's five-character SQLSTATE.
    const QString native = error.nativeErrorCode();
    bool numeric = false;
    const int code = native.toInt(&numeric);
    if (native.size() == 5) {
        // SQLSTATE classes: 08 connection exception, 57P0x shutdown/crash, 58 system error (I/O).
        return native.startsWith(QLatin1String("08")) || native.startsWith(QLatin1String("57P")) ||
               native.startsWith(QLatin1String("58"));
    }
    if (numeric && !native.isEmpty()) {
        switch (code & 0xff) {
        case 5:  // SQLITE_BUSY: another process holds the lock beyond the busy timeout
        case 6:  // SQLITE_LOCKED
        case 10: // SQLITE_IOERR
        case 11: // SQLITE_CORRUPT
        case 14: // SQLITE_CANTOPEN
        case 26: // SQLITE_NOTADB
            return true;
        default:
            return false; // a statement's own failure (constraint, syntax, mismatch)
        }
    }
    if (native.isEmpty()) {
        const QString text = error.databaseText() + QLatin1Char(' ') + error.driverText();
        // QPSQL reports a dropped server without a SQLSTATE (as a statement or connection error);
        // opening failures carry no code either.
        static const char *const markers[] = {"server closed the connection", "no connection to the server",
                                              "terminating connection",       "could not connect",
                                              "connection to server",         "SSL SYSCALL error",
                                              "the database system is",       "unable to open database file",
                                              "Unable to create query",       "database not open",
                                              "Error opening database"};
        for (const char *m : markers) {
            if (text.contains(QLatin1String(m), Qt::CaseInsensitive))
                return true;
        }
    }
    return false;
}

bool Database::isDiskFull(const QSqlError &error)
{
    const QString text = error.databaseText() + QLatin1Char(' ') + error.driverText();
    return text.contains(QLatin1String("database or disk is full"), Qt::CaseInsensitive) ||
           text.contains(QLatin1String("No space left on device"), Qt::CaseInsensitive) ||
           error.nativeErrorCode() == QLatin1String("53100")  // PostgreSQL disk_full
           || error.nativeErrorCode() == QLatin1String("13"); // SQLITE_FULL
}

Error Database::toError(const QSqlError &error, const QString &what)
{
    if (isDiskFull(error))
        return Error::make(
            QString::fromLatin1(ErrorCode::StoreFull),
            QStringLiteral("%1: the disk holding the database is full; free space and the engine "
                           "will continue (nothing already accepted is lost)")
                .arg(what));
    if (isConnectionLost(error))
        return Error::make(QString::fromLatin1(ErrorCode::StoreUnavailable),
                           QStringLiteral("%1: the database is unavailable (%2); the engine keeps retrying")
                               .arg(what, error.text().trimmed()));
    return Error::make(
        QString::fromLatin1(ErrorCode::StoreFailed),
        QStringLiteral("%1 failed: %2; check the database with 'wedsync-node migrate' and the node log")
            .arg(what, error.text().trimmed()));
}

} // namespace WedSync::Store
