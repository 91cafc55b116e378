#include "common/config.h"

#include <QTemporaryDir>
#include <QTest>

using namespace WedSync;

class tst_Config : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseValue_data();
    void parseValue();
    void precedence();
    void fileErrors_data();
    void fileErrors();
    void defaultsAreValid();
};

void tst_Config::parseValue_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("raw");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("expected");

    QTest::newRow("duration seconds") << "journal.retention"
                                      << "30s" << true << qint64(30000);
    QTest::newRow("duration bare number is seconds") << "journal.retention"
                                                     << "5" << true << qint64(5000);
    QTest::newRow("duration days") << "journal.retention"
                                   << "7d" << true << qint64(7 * 86400000LL);
    QTest::newRow("duration ms") << "store.busy_timeout"
                                 << "250ms" << true << qint64(250);
    QTest::newRow("duration garbage") << "journal.retention"
                                      << "soon" << false << qint64(0);
    QTest::newRow("duration negative") << "journal.retention"
                                       << "-5s" << false << qint64(0);
    QTest::newRow("duration unknown unit") << "journal.retention"
                                           << "5w" << false << qint64(0);
    QTest::newRow("duration below minimum") << "journal.prune_interval"
                                            << "10ms" << false << qint64(0);
    QTest::newRow("int ok") << "journal.batch_max"
                            << "500" << true << qint64(500);
    QTest::newRow("int above max") << "journal.batch_max"
                                   << "1000000" << false << qint64(0);
    QTest::newRow("int zero below min") << "journal.batch_max"
                                        << "0" << false << qint64(0);
    QTest::newRow("int not a number") << "journal.batch_max"
                                      << "lots" << false << qint64(0);
    QTest::newRow("cache size ok") << "store.cache_size"
                                   << "64MiB" << true << qint64(64 * 1024 * 1024);
    QTest::newRow("cache size below minimum") << "store.cache_size"
                                              << "512KiB" << false << qint64(0);
    QTest::newRow("choice ok") << "store.sync"
                               << "NORMAL" << true << qint64(0);
    QTest::newRow("choice bad") << "store.sync"
                                << "sometimes" << false << qint64(0);
}

void tst_Config::parseValue()
{
    QFETCH(QString, key);
    QFETCH(QString, raw);
    QFETCH(bool, ok);
    QFETCH(qint64, expected);
    const ConfigKey *k = Config::findKey(key);
    QVERIFY(k);
    QString why;
    const auto v = Config::parseValue(*k, raw, &why);
    QCOMPARE(v.has_value(), ok);
    if (!ok) {
        QVERIFY(!why.isEmpty());
        return;
    }
    if (k->type == ConfigKey::Type::Choice)
        QCOMPARE(v->toString(), raw.toLower());
    else
        QCOMPARE(v->toLongLong(), expected);
}

void tst_Config::precedence()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("wedsync.conf"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("# comment\n[journal]\nretention = 10d\nbatch_max = 100\nprune_interval = 1m\n[store]\nsync = "
            "normal\n");
    f.close();

    QProcessEnvironment env;
    env.insert(QStringLiteral("WEDSYNC_JOURNAL_BATCH_MAX"), QStringLiteral("200"));
    env.insert(QStringLiteral("WEDSYNC_JOURNAL_PRUNE_INTERVAL"), QStringLiteral("2m"));
    QHash<QString, QString> flags{{QStringLiteral("journal.prune_interval"), QStringLiteral("3m")}};

    QString error;
    const auto c = Config::load(file, env, flags, &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->duration(QStringLiteral("journal.retention")).count(), 10 * 86400000LL); // file
    QCOMPARE(c->origin(QStringLiteral("journal.retention")), Config::Origin::File);
    QCOMPARE(c->integer(QStringLiteral("journal.batch_max")), 200); // env beats file
    QCOMPARE(c->origin(QStringLiteral("journal.batch_max")), Config::Origin::Env);
    QCOMPARE(c->duration(QStringLiteral("journal.prune_interval")).count(), 180000); // flag beats env
    QCOMPARE(c->origin(QStringLiteral("journal.prune_interval")), Config::Origin::Flag);
    QCOMPARE(c->string(QStringLiteral("store.sync")), QStringLiteral("normal"));
    QCOMPARE(c->duration(QStringLiteral("journal.append_timeout")).count(), 15000); // default
    QCOMPARE(c->origin(QStringLiteral("journal.append_timeout")), Config::Origin::Default);
}

void tst_Config::fileErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("mustMention");

    QTest::newRow("unknown key") << QByteArray("[journal]\nretentoin = 5d\n") << "journal.retentoin";
    QTest::newRow("bad value names key and line")
        << QByteArray("[journal]\n\nretention = forever\n") << ":3: journal.retention";
    QTest::newRow("key outside section") << QByteArray("retention = 5d\n") << "outside of a [section]";
    QTest::newRow("broken section header") << QByteArray("[journal\n") << "[section]";
    QTest::newRow("no equals sign") << QByteArray("[journal]\nretention\n") << "key = value";
    QTest::newRow("secret value not echoed")
        << QByteArray("[store]\ndatabase = postgres://u:hunter2@h/db\n[store]\nsync = x\n") << "store.sync";
}

void tst_Config::fileErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, mustMention);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("bad.conf"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    QString error;
    const auto c = Config::load(file, QProcessEnvironment(), {}, &error);
    QVERIFY(!c);
    QVERIFY2(error.contains(mustMention), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("hunter2")), qPrintable(error));
}

void tst_Config::defaultsAreValid()
{
    const Config c = Config::defaults();
    for (const ConfigKey &k : Config::keys()) {
        QString why;
        QVERIFY2(k.defaultValue.isEmpty() || Config::parseValue(k, k.defaultValue, &why),
                 qPrintable(k.name + QStringLiteral(": ") + why));
        QVERIFY2(!k.help.isEmpty(), qPrintable(k.name));
    }
    QString error;
    QVERIFY(!Config::load(QStringLiteral("/nonexistent/wedsync.conf"), {}, {}, &error));
    QVERIFY(error.contains(QLatin1String("cannot be read")));
}

QTEST_GUILESS_MAIN(tst_Config)
#include "tst_config.moc"
