#include "testdb.h"

#include <QDir>

namespace WedSync::Test {

namespace {
std::unique_ptr<PgServer> s_server;
std::unique_ptr<QTemporaryDir> s_dir;
int s_counter = 0;
} // namespace

bool TestBackend::isPostgres()
{
    return qEnvironmentVariable("WEDSYNC_TEST_BACKEND") == QLatin1String("postgres");
}

bool TestBackend::init(QString *reason)
{
    s_dir = std::make_unique<QTemporaryDir>();
    if (!isPostgres())
        return s_dir->isValid();
    s_server = std::make_unique<PgServer>();
    if (!s_server->start(reason)) {
        s_server.reset();
        return false;
    }
    return true;
}

void TestBackend::cleanup()
{
    s_server.reset();
    s_dir.reset();
}

QString TestBackend::freshUrl()
{
    ++s_counter;
    if (!isPostgres())
        return QStringLiteral("sqlite://") +
               QDir(s_dir->path()).filePath(QStringLiteral("t%1.db").arg(s_counter));
    const QString name = QStringLiteral("t%1").arg(s_counter);
    QString error;
    if (!s_server->createDatabase(name, &error))
        qFatal("cannot create test database %s: %s", qPrintable(name), qPrintable(error));
    return s_server->url(name);
}

PgServer *TestBackend::server()
{
    return s_server.get();
}

} // namespace WedSync::Test
