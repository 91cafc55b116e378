// A statement's own failure must not be mistaken for a lost database (which callers retry for ever),
// and a real outage must be recognised as one, on both backends.
#include "store/database.h"
#include "store/migrator.h"
#include "testdb.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <atomic>
#include <thread>

using namespace WedSync;
using namespace WedSync::Store;

class tst_StoreErrors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { Test::TestBackend::cleanup(); }
    void statementFailures_data();
    void statementFailures();
    void serverGone();
    void writeLockWait_data();
    void writeLockWait();
    void durabilityPerThread_data();
    void durabilityPerThread();
    void cacheSize_data();
    void cacheSize();
};

void tst_StoreErrors::statementFailures_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("unique violation") << "INSERT INTO t (k) VALUES ('a')";
    QTest::newRow("not null violation") << "INSERT INTO t (k) VALUES (NULL)";
    QTest::newRow("syntax error") << "INSERT INTO t (k VALUES ('a')";
    QTest::newRow("unknown table") << "SELECT * FROM no_such_table";
}

void tst_StoreErrors::statementFailures()
{
    QFETCH(QString, sql);
    Error e;
    Database database(*DatabaseSettings::fromUrl(Test::TestBackend::freshUrl(), QString(), &e));
    QSqlDatabase db = database.connection(&e);
    QVERIFY2(db.isOpen(), qPrintable(e.message));
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (k TEXT NOT NULL UNIQUE)")));
    QVERIFY(q.exec(QStringLiteral("INSERT INTO t (k) VALUES ('a')")));
    QVERIFY(!q.exec(sql));
    QVERIFY2(!Database::isConnectionLost(q.lastError()),
             qPrintable(q.lastError().nativeErrorCode() + u' ' + q.lastError().text()));
    const Error mapped = Database::toError(q.lastError(), QStringLiteral("test"));
    QCOMPARE(mapped.code, QStringLiteral("STORE_FAILED"));
    QVERIFY(db.isOpen()); // and the connection is still usable
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM t")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
}

void tst_StoreErrors::serverGone()
{
    if (!Test::TestBackend::isPostgres())
        QSKIP("needs a server that can be stopped: runs in tst_storeerrors_pg");
    Error e;
    Database database(*DatabaseSettings::fromUrl(Test::TestBackend::freshUrl(), QString(), &e));
    QSqlDatabase db = database.connection(&e);
    QVERIFY(db.isOpen());
    QString why;
    QVERIFY2(Test::TestBackend::server()->stopImmediately(&why), qPrintable(why));
    QSqlQuery q(db);
    QVERIFY(!q.exec(QStringLiteral("SELECT 1")));
    QVERIFY2(Database::isConnectionLost(q.lastError()), qPrintable(q.lastError().text()));
    QCOMPARE(Database::toError(q.lastError(), QStringLiteral("test")).code,
             QStringLiteral("STORE_UNAVAILABLE"));
    QVERIFY(!database.reconnect(&e)); // still away
    QCOMPARE(e.code, QStringLiteral("STORE_UNAVAILABLE"));
    QVERIFY2(Test::TestBackend::server()->startAgain(&why), qPrintable(why));
    QVERIFY2(database.reconnect(&e), qPrintable(e.message));
}

// SQLite: a writer that finds the write lock taken polls for it (Database installs a busy handler with short
// sleeps) and gets it once released, and still gives up with SQLITE_BUSY after the busy timeout.
void tst_StoreErrors::writeLockWait_data()
{
    QTest::addColumn<int>("holdMs");
    QTest::addColumn<bool>("acquired");
    QTest::newRow("lock free") << 0 << true;
    QTest::newRow("released after 40 ms") << 40 << true;
    QTest::newRow("released after 250 ms") << 250 << true;
    QTest::newRow("held past the 400 ms busy timeout") << 1500 << false;
}

void tst_StoreErrors::writeLockWait()
{
    if (Test::TestBackend::isPostgres())
        QSKIP("SQLite's database-wide write lock");
    QFETCH(int, holdMs);
    QFETCH(bool, acquired);
    Error e;
    const auto settings = DatabaseSettings::fromUrl(Test::TestBackend::freshUrl(), QString(), &e);
    QVERIFY(settings);
    Database holder(*settings);
    QSqlDatabase h = holder.connection(&e);
    QVERIFY2(h.isOpen(), qPrintable(e.message));
    QSqlQuery q(h);
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (k TEXT)")));
    if (holdMs > 0)
        QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));

    std::atomic<bool> started{false};
    bool ok = false;
    QString error;
    qint64 waited = -1;
    std::thread waiter([&] {
        DatabaseSettings s = *settings;
        s.busyTimeout = std::chrono::milliseconds(400);
        Database w(s);
        {
            QSqlDatabase db = w.connection();
            QSqlQuery wq(db);
            started = true;
            QElapsedTimer t;
            t.start();
            ok = wq.exec(QStringLiteral("BEGIN IMMEDIATE"));
            waited = t.elapsed();
            error = wq.lastError().text();
            if (ok)
                wq.exec(QStringLiteral("ROLLBACK"));
        }
        w.releaseThreadConnection();
    });
    QTRY_VERIFY(started.load());
    QThread::msleep(ulong(holdMs)); // how long the lock is held is the case under test
    if (holdMs > 0)
        QVERIFY(q.exec(QStringLiteral("COMMIT")));
    waiter.join();
    QVERIFY2(ok == acquired, qPrintable(QStringLiteral("waited %1 ms: %2").arg(waited).arg(error)));
    if (!acquired) {
        QVERIFY2(waited >= 380, qPrintable(QString::number(waited))); // the busy timeout is honoured ...
        QVERIFY2(waited < 1400, qPrintable(QString::number(waited))); // ... and is a limit
        QVERIFY2(error.contains(QLatin1String("locked")), qPrintable(error));
    }
}

// store.sync=full fsyncs every commit of a thread that keeps the default (the journal); a thread that
// declared its work Deferred (processor, webhook log) commits without its own fsync. Reconnects keep it.
void tst_StoreErrors::durabilityPerThread_data()
{
    QTest::addColumn<bool>("syncFull");
    QTest::addColumn<bool>("deferred");
    QTest::addColumn<int>("expected"); // PRAGMA synchronous: 2 FULL, 1 NORMAL

    QTest::newRow("full, synced thread") << true << false << 2;
    QTest::newRow("full, deferred thread") << true << true << 1;
    QTest::newRow("normal, synced thread") << false << false << 1;
    QTest::newRow("normal, deferred thread") << false << true << 1;
}

void tst_StoreErrors::durabilityPerThread()
{
    if (Test::TestBackend::isPostgres())
        QSKIP("SQLite's synchronous setting; PostgreSQL commits are the server's");
    QFETCH(bool, syncFull);
    QFETCH(bool, deferred);
    QFETCH(int, expected);
    Error e;
    auto settings = *DatabaseSettings::fromUrl(Test::TestBackend::freshUrl(), QString(), &e);
    settings.syncFull = syncFull;
    Database database(settings);
    int onThread = -1, afterReconnect = -1, onOtherThread = -1;
    auto level = [&] {
        QSqlQuery q(database.connection());
        return q.exec(QStringLiteral("PRAGMA synchronous")) && q.next() ? q.value(0).toInt() : -1;
    };
    std::thread worker([&] {
        if (deferred)
            Database::setThreadDurability(Database::Durability::Deferred);
        onThread = level();
        database.reconnect();
        afterReconnect = level();
        database.releaseThreadConnection();
    });
    worker.join();
    onOtherThread = level(); // this thread never declared anything
    QCOMPARE(onThread, expected);
    QCOMPARE(afterReconnect, expected);
    QCOMPARE(onOtherThread, syncFull ? 2 : 1);
}

void tst_StoreErrors::cacheSize_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<int>("expected"); // PRAGMA cache_size: negative means KiB

    QTest::newRow("default") << qint64(-1) << -16384;
    QTest::newRow("1 MiB") << qint64(1024 * 1024) << -1024;
    QTest::newRow("64 MiB") << qint64(64 * 1024 * 1024) << -65536;
    QTest::newRow("below one KiB") << qint64(100) << -1;
}

void tst_StoreErrors::cacheSize()
{
    if (Test::TestBackend::isPostgres())
        QSKIP("SQLite's page cache; PostgreSQL's is the server's");
    QFETCH(qint64, bytes);
    QFETCH(int, expected);
    Error e;
    auto settings = *DatabaseSettings::fromUrl(Test::TestBackend::freshUrl(), QString(), &e);
    if (bytes >= 0)
        settings.cacheBytes = bytes;
    Database database(settings);
    auto pages = [&] {
        QSqlQuery q(database.connection());
        return q.exec(QStringLiteral("PRAGMA cache_size")) && q.next() ? q.value(0).toInt() : 0;
    };
    QCOMPARE(pages(), expected);
    QVERIFY(database.reconnect());
    QCOMPARE(pages(), expected); // a new connection is configured the same way
}

QTEST_GUILESS_MAIN(tst_StoreErrors)
#include "tst_storeerrors.moc"
