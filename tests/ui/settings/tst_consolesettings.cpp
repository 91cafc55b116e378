#include "common/config.h"
#include "settings/consolesettings.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace WedSync::Ui;

class tst_ConsoleSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip();
    void rowCapClamped_data();
    void rowCapClamped();
    void nodeUrlsDeduplicated();
    void noTokenEverStored();
    void neverTheEngineConfigFile();
};

void tst_ConsoleSettings::neverTheEngineConfigFile()
{
    // The engine reads <config dir>/WedSync/wedsync.conf strictly; the console's settings live elsewhere.
    QCoreApplication::setOrganizationName(QStringLiteral("WedSync"));
    QCoreApplication::setApplicationName(QStringLiteral("wedsync"));
    ConsoleSettings s;
    QVERIFY2(s.fileName().endsWith(QStringLiteral("WedSync/console.ini")), qPrintable(s.fileName()));
    QVERIFY(QFileInfo(s.fileName()).absoluteFilePath() !=
            QFileInfo(WedSync::Config::defaultFilePath()).absoluteFilePath());
    QVERIFY(WedSync::Config::defaultFilePath().endsWith(QStringLiteral("wedsync.conf")));
}

void tst_ConsoleSettings::roundTrip()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("console.ini"));
    {
        ConsoleSettings s(file);
        QCOMPARE(s.rowCap(), ConsoleSettings::DefaultRowCap);
        QVERIFY(s.language().isEmpty());
        QVERIFY(!s.firstRunDone());
        s.setWindowGeometry(QByteArray("geom"));
        s.setWindowState(QByteArray("state"));
        s.setColumnState(QStringLiteral("events"), QByteArray("cols"));
        s.setEventFilter({QStringLiteral("stripe"), QStringLiteral("payment.received"), QStringLiteral("c"),
                          QStringLiteral("w-1"), QStringLiteral("text")});
        s.setLanguage(QStringLiteral("fr"));
        s.setRowCap(50000);
        s.setFirstRunDone(true);
        s.setLastPage(2);
        s.sync();
    }
    ConsoleSettings again(file);
    QCOMPARE(again.windowGeometry(), QByteArray("geom"));
    QCOMPARE(again.windowState(), QByteArray("state"));
    QCOMPARE(again.columnState(QStringLiteral("events")), QByteArray("cols"));
    QVERIFY(again.columnState(QStringLiteral("health")).isEmpty());
    const EventFilterSettings f = again.eventFilter();
    QCOMPARE(f.source, QStringLiteral("stripe"));
    QCOMPARE(f.type, QStringLiteral("payment.received"));
    QCOMPARE(f.wedding, QStringLiteral("w-1"));
    QCOMPARE(again.language(), QStringLiteral("fr"));
    QCOMPARE(again.rowCap(), 50000);
    QVERIFY(again.firstRunDone());
    QCOMPARE(again.lastPage(), 2);
}

void tst_ConsoleSettings::rowCapClamped_data()
{
    QTest::addColumn<int>("set");
    QTest::addColumn<int>("expected");
    QTest::newRow("below minimum") << 5 << ConsoleSettings::MinRowCap;
    QTest::newRow("negative") << -1 << ConsoleSettings::MinRowCap;
    QTest::newRow("in range") << 250000 << 250000;
    QTest::newRow("above maximum") << 100000000 << ConsoleSettings::MaxRowCap;
}

void tst_ConsoleSettings::rowCapClamped()
{
    QFETCH(int, set);
    QFETCH(int, expected);
    QTemporaryDir dir;
    ConsoleSettings s(dir.filePath(QStringLiteral("c.ini")));
    s.setRowCap(set);
    QCOMPARE(s.rowCap(), expected);
}

void tst_ConsoleSettings::nodeUrlsDeduplicated()
{
    QTemporaryDir dir;
    ConsoleSettings s(dir.filePath(QStringLiteral("c.ini")));
    s.setNodeUrls({QStringLiteral("ws://127.0.0.1:8090"), QString(), QStringLiteral("ws://127.0.0.1:8090"),
                   QStringLiteral("wss://node-b:8090")});
    QCOMPARE(s.nodeUrls(),
             QStringList({QStringLiteral("ws://127.0.0.1:8090"), QStringLiteral("wss://node-b:8090")}));
}

void tst_ConsoleSettings::noTokenEverStored()
{
    // The wrapper has no token API at all; check the file holds nothing that looks like one after a full
    // save.
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("c.ini"));
    {
        ConsoleSettings s(file);
        s.setNodeUrls({QStringLiteral("ws://127.0.0.1:8090")});
        s.sync();
    }
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll().toLower();
    QVERIFY(text.contains("127.0.0.1"));
    QVERIFY(!text.contains("token"));
}

QTEST_MAIN(tst_ConsoleSettings)
#include "tst_consolesettings.moc"
