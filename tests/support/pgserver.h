// A throwaway PostgreSQL server for tests: initdb into a folder under the build tree, started with pg_ctl
// on a free loopback port (as the postgres user when running as root) and removed afterwards.
#pragma once

#include <QString>
#include <QStringList>

namespace WedSync::Test {

class PgServer
{
public:
    PgServer() = default;
    ~PgServer();
    PgServer(const PgServer &) = delete;
    PgServer &operator=(const PgServer &) = delete;

    // Folder holding initdb and pg_ctl, or empty when PostgreSQL's server binaries are not installed.
    static QString binDir();

    bool start(QString *error);
    void stop();
    // Stops the server abruptly (immediate mode) and starts it again on the same port: lets tests see how
    // clients survive a database that goes away.
    bool stopImmediately(QString *error);
    bool startAgain(QString *error);

    bool isRunning() const { return m_running; }
    int port() const { return m_port; }
    QString url(const QString &database = QStringLiteral("wedsync")) const;
    // CREATE DATABASE through psql.
    bool createDatabase(const QString &name, QString *error);
    // Runs SQL through psql against a database; returns stdout.
    QString psql(const QString &database, const QString &sql, QString *error = nullptr);

private:
    bool run(const QString &program, const QStringList &args, QString *output, int timeoutMs = 60000);
    QString m_dir;
    int m_port = 0;
    bool m_running = false;
    bool m_asPostgresUser = false;
};

} // namespace WedSync::Test
