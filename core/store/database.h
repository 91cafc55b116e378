// The engine's database: SQLite (embedded default) or PostgreSQL (shared by several nodes), one schema
// for both. Hands out one QSqlDatabase connection per thread, detects lost connections and reconnects.
#pragma once

#include "common/error.h"

#include <QHash>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <chrono>
#include <optional>

struct sqlite3;

namespace WedSync::Store {

enum class Backend { Sqlite, Postgres };

struct DatabaseSettings
{
    Backend backend = Backend::Sqlite;
    QString sqlitePath; // Sqlite
    QString host;       // Postgres
    int port = 5432;
    QString user;
    QString password; // never logged
    QString databaseName;
    bool syncFull = true;                          // SQLite synchronous=FULL
    std::chrono::milliseconds busyTimeout{5000};   // SQLite
    qint64 cacheBytes = 16 * 1024 * 1024;          // SQLite page cache per connection (grows as used)
    std::chrono::milliseconds reconnectMax{10000}; // longest back-off between reconnect attempts

    // url: empty (SQLite at <dataDir>/wedsync.db), sqlite:///abs/path, a plain file path, or
    // postgres[ql]://user[:pass]@host[:port]/db. Returns nullopt with *error (code STORE_BAD_URL).
    static std::optional<DatabaseSettings> fromUrl(const QString &url, const QString &dataDir, Error *error);
    // For logs and the console: the URL without password.
    QString displayName() const;
};

class Database
{
public:
    explicit Database(DatabaseSettings settings);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const DatabaseSettings &settings() const { return m_settings; }
    Backend backend() const { return m_settings.backend; }
    bool isPostgres() const { return m_settings.backend == Backend::Postgres; }

    // This thread's connection, opened (and configured) on first use. Thread-safe. If the open fails the
    // returned connection is not open and *error says why.
    QSqlDatabase connection(Error *error = nullptr);

    // How long a thread's SQLite commits wait for the disk (with store.sync=full; PostgreSQL is unaffected).
    // Synced: every commit is fsynced before it returns (the journal: accepted means durable).
    // Deferred: a commit returns once written to the WAL and becomes durable with the next synced commit of
    // any connection to the file (the WAL is appended and synced in order, so that fsync covers it). For
    // work that a power cut may undo because it is redone or only records: the processor (it replays from
    // its cursor, idempotently) and the webhook log. Set on the thread before its first connection();
    // reconnects keep it.
    enum class Durability { Synced, Deferred };
    static void setThreadDurability(Durability durability);
    // Closes and forgets this thread's connection (call before a thread that used it ends).
    void releaseThreadConnection();
    // Drops this thread's connection and opens a new one; false with *error if the server is still away.
    bool reconnect(Error *error = nullptr);

    // The SQLite C handle behind a connection, for hot paths that bind through the C API; null for other
    // drivers. Valid while the connection stays open.
    static sqlite3 *sqliteHandle(const QSqlDatabase &db);
    // SQLite's last error on a handle as a driver error (message and extended code), for toError() and the
    // checks above; a null handle gives SQLITE_MISUSE.
    static QSqlError sqliteError(sqlite3 *handle);

    // True when the error means the connection itself is gone (server restarted, network, file vanished),
    // as opposed to a problem with one statement.
    static bool isConnectionLost(const QSqlError &error);
    // True when SQLite or PostgreSQL reports that the disk is full.
    static bool isDiskFull(const QSqlError &error);
    // Maps a driver error to a stable engine error.
    static Error toError(const QSqlError &error, const QString &what);

private:
    bool configure(QSqlDatabase &db, Error *error) const;

    DatabaseSettings m_settings;
    QString m_prefix; // unique per instance
    QMutex m_mutex;
    QHash<Qt::HANDLE, QString> m_connections; // thread -> connection name; guarded by m_mutex
};

} // namespace WedSync::Store
