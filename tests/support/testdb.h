// Chooses the database a test runs against: SQLite files in a temporary folder, or (when
// WEDSYNC_TEST_BACKEND=postgres) fresh databases on one throwaway PostgreSQL server per test process.
#pragma once

#include "pgserver.h"

#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace WedSync::Test {

class TestBackend
{
public:
    static bool isPostgres();
    // Call from initTestCase(). False with *reason when the backend cannot run here (e.g. PostgreSQL not
    // installed): the test then QSKIPs with that reason.
    static bool init(QString *reason);
    static void cleanup(); // call from cleanupTestCase()
    // A new, empty database for one test case.
    static QString freshUrl();
    static PgServer *server(); // PostgreSQL only
};

// Copies the engine's migrations numbered below `version` into `dir`: a Migrator reading that folder builds a
// database as an older release left it, for upgrade tests.
inline bool copyMigrationsBefore(int version, const QString &dir)
{
    for (const QString &name : QDir(QStringLiteral(":/migrations")).entryList({QStringLiteral("*.sql")})) {
        if (name.left(4).toInt() < version &&
            !QFile::copy(QStringLiteral(":/migrations/") + name, QDir(dir).filePath(name)))
            return false;
    }
    return true;
}

} // namespace WedSync::Test

// In initTestCase(): skips the whole test (saying why) when the chosen backend is unavailable.
#define WEDSYNC_INIT_BACKEND()                                                                               \
    do {                                                                                                     \
        QString reason_;                                                                                     \
        if (!WedSync::Test::TestBackend::init(&reason_)) {                                                   \
            if (WedSync::Test::PgServer::binDir().isEmpty())                                                 \
                QSKIP(qPrintable(QStringLiteral("skipped: ") + reason_));                                    \
            QFAIL(qPrintable(reason_));                                                                      \
        }                                                                                                    \
    } while (0)
