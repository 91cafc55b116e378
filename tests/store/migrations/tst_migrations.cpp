#include "store/database.h"
#include "store/migrator.h"
#include "testdb.h"

#include <QSqlQuery>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Store;

class tst_Migrations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { Test::TestBackend::cleanup(); }
    void urls_data();
    void urls();
    void fresh();
    void upgradeKeepsData();
    void newerSchemaRefused();
    void failedMigrationChangesNothing();
    void splitStatements();

private:
    std::unique_ptr<Database> open()
    {
        Error e;
        auto s = DatabaseSettings::fromUrl(Test::TestBackend::freshUrl(), QString(), &e);
        return std::make_unique<Database>(*s);
    }
    static QString dir(const char *name)
    {
        return QStringLiteral(TEST_MIGRATIONS_DIR "/") + QLatin1String(name);
    }
    static bool tableExists(QSqlDatabase db, const QString &table) { return db.tables().contains(table); }
};

void tst_Migrations::urls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("display");
    QTest::newRow("empty is embedded") << "" << true << "sqlite:///data/wedsync.db";
    QTest::newRow("sqlite url") << "sqlite:///var/lib/w.db" << true << "sqlite:///var/lib/w.db";
    QTest::newRow("postgres full") << "postgres://ops:s%40cret@db.local:5433/wedsync" << true
                                   << "postgres://ops@db.local:5433/wedsync";
    QTest::newRow("postgresql scheme, default port")
        << "postgresql://ops@10.0.0.5/wedsync" << true << "postgres://ops@10.0.0.5:5432/wedsync";
    QTest::newRow("postgres no user") << "postgres://db.local/wedsync" << false << "";
    QTest::newRow("postgres no db") << "postgres://ops@db.local:5432/" << false << "";
    QTest::newRow("unknown scheme") << "mysql://root@h/db" << false << "";
}

void tst_Migrations::urls()
{
    QFETCH(QString, url);
    QFETCH(bool, ok);
    QFETCH(QString, display);
    Error e;
    const auto s = DatabaseSettings::fromUrl(url, QStringLiteral("/data"), &e);
    QCOMPARE(s.has_value(), ok);
    if (!ok) {
        QCOMPARE(e.code, QStringLiteral("STORE_BAD_URL"));
        QVERIFY(e.message.contains(QLatin1String("postgres://")));
        return;
    }
    QCOMPARE(s->displayName(), display);
    QVERIFY(!s->displayName().contains(QLatin1String("cret")));
    if (url.contains(QLatin1String("s%40cret")))
        QCOMPARE(s->password, QStringLiteral("s@cret"));
}

void tst_Migrations::fresh()
{
    auto database = open();
    Error e;
    QSqlDatabase db = database->connection(&e);
    QVERIFY2(db.isOpen(), qPrintable(e.message));
    QCOMPARE(Migrator::currentVersion(db), 0);
    Migrator m; // the shipped migrations
    QVERIFY(m.latestVersion() >= 1);
    QCOMPARE(m.migrate(db, &e), int(m.available().size()));
    QCOMPARE(Migrator::currentVersion(db), m.latestVersion());
    QVERIFY(tableExists(db, QStringLiteral("journal")));
    QVERIFY(tableExists(db, QStringLiteral("journal_head")));
    // Applying again is a no-op.
    QCOMPARE(m.migrate(db, &e), 0);
}

void tst_Migrations::upgradeKeepsData()
{
    auto database = open();
    QSqlDatabase db = database->connection();
    Error e;
    QCOMPARE(Migrator(dir("v1")).migrate(db, &e), 1);
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("INSERT INTO people (name) VALUES ('Ana')")));
    QCOMPARE(Migrator(dir("v2")).migrate(db, &e), 1);
    QCOMPARE(Migrator::currentVersion(db), 2);
    QVERIFY(q.exec(QStringLiteral("SELECT name, email FROM people")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("Ana"));
    QVERIFY(q.value(1).isNull());
}

void tst_Migrations::newerSchemaRefused()
{
    auto database = open();
    QSqlDatabase db = database->connection();
    Error e;
    QCOMPARE(Migrator(dir("v2")).migrate(db, &e), 2);
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("INSERT INTO people (name, email) VALUES ('Luc', 'luc@example.fr')")));
    const QStringList tablesBefore = db.tables();

    // A binary that only knows version 1 must refuse, naming both versions, and change nothing.
    QCOMPARE(Migrator(dir("v1")).migrate(db, &e), -1);
    QCOMPARE(e.code, QStringLiteral("STORE_SCHEMA_TOO_NEW"));
    QVERIFY(e.message.contains(QLatin1String("version 2")));
    QCOMPARE(e.details.value(QStringLiteral("program_version")).toInt(), 1);
    QCOMPARE(Migrator::currentVersion(db), 2);
    QCOMPARE(db.tables(), tablesBefore);
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM people")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
}

void tst_Migrations::failedMigrationChangesNothing()
{
    auto database = open();
    QSqlDatabase db = database->connection();
    Error e;
    QCOMPARE(Migrator(dir("broken")).migrate(db, &e), -1);
    QCOMPARE(e.code, QStringLiteral("STORE_MIGRATION_FAILED"));
    QVERIFY(e.message.contains(QLatin1String("0002")) || e.message.contains(QLatin1String("2 (half)")));
    // The whole run is one transaction: not even version 1 stays.
    QCOMPARE(Migrator::currentVersion(db), 0);
    QVERIFY(!tableExists(db, QStringLiteral("half_done")));
    QVERIFY(!tableExists(db, QStringLiteral("people")));
}

void tst_Migrations::splitStatements()
{
    const QStringList s = Migrator::splitStatements(
        QStringLiteral("-- heading\nCREATE TABLE a (x TEXT DEFAULT 'a;b');\n\nCREATE INDEX i ON a "
                       "(x);\nINSERT INTO a VALUES ('z')"));
    QCOMPARE(s.size(), 3);
    QVERIFY(s[0].startsWith(QLatin1String("CREATE TABLE a")));
    QVERIFY(s[0].contains(QLatin1String("'a;b'")));
    QCOMPARE(s[2], QStringLiteral("INSERT INTO a VALUES ('z')"));
}

QTEST_GUILESS_MAIN(tst_Migrations)
#include "tst_migrations.moc"
