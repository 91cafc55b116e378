#include "pgserver.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QUuid>
#include <sys/stat.h>
#include <unistd.h>

namespace WedSync::Test {

PgServer::~PgServer()
{
    stop();
}

QString PgServer::binDir()
{
    QProcess p;
    p.start(QStringLiteral("pg_config"), {QStringLiteral("--bindir")});
    if (p.waitForFinished(5000) && p.exitCode() == 0) {
        const QString dir = QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed();
        if (QFileInfo::exists(dir + QStringLiteral("/initdb")))
            return dir;
    }
    QDir lib(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = lib.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    std::sort(versions.begin(), versions.end(),
              [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
    for (const QString &v : versions) {
        const QString dir = lib.filePath(v + QStringLiteral("/bin"));
        if (QFileInfo::exists(dir + QStringLiteral("/initdb")) &&
            QFileInfo::exists(dir + QStringLiteral("/pg_ctl")))
            return dir;
    }
    return {};
}

bool PgServer::run(const QString &program, const QStringList &args, QString *output, int timeoutMs)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (m_asPostgresUser) {
        QStringList full{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program};
        full << args;
        p.start(QStringLiteral("runuser"), full);
    } else {
        p.start(program, args);
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(1000);
        if (output)
            *output = QStringLiteral("%1 did not finish in time").arg(program);
        return false;
    }
    if (output)
        *output = QString::fromLocal8Bit(p.readAll());
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// A port below Linux's ephemeral range (32768 and up by default): while a test has stopped its server to
// simulate an outage, an outgoing connection of a parallel test could otherwise take the port as its local
// port, and the restart would have to move to another port than the one the test's URL names.
static int freePort()
{
    for (int attempt = 0; attempt < 200; ++attempt) {
        const auto port = quint16(20000 + QRandomGenerator::global()->bounded(12000));
        QTcpServer s;
        if (s.listen(QHostAddress::LocalHost, port))
            return port;
    }
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost, 0))
        return 0;
    return s.serverPort();
}

bool PgServer::start(QString *error)
{
    const QString bin = binDir();
    if (bin.isEmpty()) {
        if (error)
            *error = QStringLiteral(
                "PostgreSQL server binaries (initdb, pg_ctl) not found; install the postgresql package");
        return false;
    }
    m_asPostgresUser = ::geteuid() == 0;
    QString base = QStringLiteral(WEDSYNC_TEST_BUILD_DIR) + QStringLiteral("/pgtest");
    QDir().mkpath(base);
    if (m_asPostgresUser) {
        // The postgres user must be able to reach the folder; fall back to /tmp if the build tree is private.
        QString out;
        ::chmod(qPrintable(base), 0777);
        if (!run(QStringLiteral("test"), {QStringLiteral("-w"), base}, &out)) {
            base = QDir::tempPath() + QStringLiteral("/wedsync-pgtest");
            QDir().mkpath(base);
            ::chmod(qPrintable(base), 0777);
        }
    }
    m_dir = base + QStringLiteral("/") + QUuid::createUuid().toString(QUuid::Id128).left(12);
    QString out;
    if (!run(bin + QStringLiteral("/initdb"),
             {QStringLiteral("-D"), m_dir, QStringLiteral("-U"), QStringLiteral("wedsync"),
              QStringLiteral("--auth=trust"), QStringLiteral("--no-sync"), QStringLiteral("-E"),
              QStringLiteral("UTF8"), QStringLiteral("--locale=C")},
             &out, 120000)) {
        if (error)
            *error = QStringLiteral("initdb failed: %1").arg(out.right(2000));
        return false;
    }
    return startAgain(error);
}

bool PgServer::startAgain(QString *error)
{
    const QString bin = binDir();
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (m_port == 0 || attempt > 0)
            m_port = freePort();
        const QString opts =
            QStringLiteral("-p %1 -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
                           "-c fsync=off -c full_page_writes=off "
                           "-c max_connections=200")
                .arg(m_port);
        QString out;
        if (run(bin + QStringLiteral("/pg_ctl"),
                {QStringLiteral("-D"), m_dir, QStringLiteral("-w"), QStringLiteral("-t"),
                 QStringLiteral("60"), QStringLiteral("-l"), m_dir + QStringLiteral("/server.log"),
                 QStringLiteral("-o"), opts, QStringLiteral("start")},
                &out, 90000)) {
            m_running = true;
            return true;
        }
        if (error)
            *error = QStringLiteral("pg_ctl start failed: %1").arg(out.right(2000));
    }
    return false;
}

bool PgServer::stopImmediately(QString *error)
{
    QString out;
    const bool ok = run(binDir() + QStringLiteral("/pg_ctl"),
                        {QStringLiteral("-D"), m_dir, QStringLiteral("-m"), QStringLiteral("immediate"),
                         QStringLiteral("-w"), QStringLiteral("stop")},
                        &out);
    if (!ok && error)
        *error = out;
    m_running = !ok;
    return ok;
}

void PgServer::stop()
{
    if (m_dir.isEmpty())
        return;
    if (m_running) {
        QString out;
        run(binDir() + QStringLiteral("/pg_ctl"),
            {QStringLiteral("-D"), m_dir, QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"),
             QStringLiteral("stop")},
            &out);
        m_running = false;
    }
    if (m_asPostgresUser) {
        QString out;
        run(QStringLiteral("rm"), {QStringLiteral("-rf"), m_dir}, &out);
    }
    QDir(m_dir).removeRecursively();
    m_dir.clear();
}

QString PgServer::url(const QString &database) const
{
    return QStringLiteral("postgres://wedsync@127.0.0.1:%1/%2").arg(m_port).arg(database);
}

QString PgServer::psql(const QString &database, const QString &sql, QString *error)
{
    QString out;
    const bool ok = run(binDir() + QStringLiteral("/psql"),
                        {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                         QString::number(m_port), QStringLiteral("-U"), QStringLiteral("wedsync"),
                         QStringLiteral("-d"), database, QStringLiteral("-v"),
                         QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-tA"), QStringLiteral("-c"), sql},
                        &out);
    if (!ok && error)
        *error = out;
    return ok ? out.trimmed() : QString();
}

bool PgServer::createDatabase(const QString &name, QString *error)
{
    QString e;
    psql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE \"%1\"").arg(name), &e);
    if (!e.isEmpty()) {
        if (error)
            *error = e;
        return false;
    }
    return true;
}

} // namespace WedSync::Test
