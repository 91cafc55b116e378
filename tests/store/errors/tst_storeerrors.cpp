// A statement's own failure must not be mistaken for a lost database (which callers retry for ever),
// and a real outage must be recognised as one, on both backends.
#include "store/database.h"
#include "store/migrator.h"
#include "testdb.h"

#include <QSqlQuery>
#include <QTest>

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

QTEST_GUILESS_MAIN(tst_StoreErrors)
#include "tst_storeerrors.moc"
