#include "events/journal.h"
#include "store/database.h"
#include "store/migrator.h"
#include "testdb.h"

#include <QProcess>
#include <QSqlQuery>
#include <QTest>
#include <set>

using namespace WedSync;

class tst_JournalCrash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { Test::TestBackend::cleanup(); }
    void killedMidAppend_data();
    void killedMidAppend();
};

void tst_JournalCrash::killedMidAppend_data()
{
    QTest::addColumn<int>("runMs");
    QTest::newRow("early kill") << 300;
    QTest::newRow("after a while") << 2500;
}

void tst_JournalCrash::killedMidAppend()
{
    QFETCH(int, runMs);
    const QString url = Test::TestBackend::freshUrl();
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QStringLiteral(CRASH_CHILD), {url});
    QVERIFY(child.waitForStarted());
    QVERIFY(child.waitForReadyRead(30000));
    QTest::qWait(runMs);
    child.kill(); // SIGKILL: no destructors, no flush
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    // Only whole lines count: the last one may have been cut by the kill.
    const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
    QHash<QString, qint64> acknowledged;
    for (int i = 0; i + 1 < lines.size(); ++i) {
        const QList<QByteArray> parts = lines[i].split(' ');
        if (parts.size() == 2)
            acknowledged.insert(QString::fromLatin1(parts[0]), parts[1].toLongLong());
    }
    QVERIFY2(acknowledged.size() > 0, "the child acknowledged nothing before it was killed");

    Error e;
    auto settings = Store::DatabaseSettings::fromUrl(url, QString(), &e);
    Store::Database database(*settings);
    QSqlDatabase db = database.connection(&e);
    QVERIFY2(db.isOpen(), qPrintable(e.message));
    QSqlQuery q(db);
    if (!Test::TestBackend::isPostgres()) {
        QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
    }
    // Opens cleanly: migrations see an up-to-date schema, the journal starts at the stored head.
    QCOMPARE(Store::Migrator().migrate(db, &e), 0);

    QHash<QString, qint64> stored;
    std::set<qint64> seqs;
    QVERIFY(q.exec(QStringLiteral("SELECT event_id, seq FROM journal ORDER BY seq")));
    qint64 expected = 1;
    while (q.next()) {
        const qint64 seq = q.value(1).toLongLong();
        QCOMPARE(seq, expected++); // dense and without duplicates
        QVERIFY(seqs.insert(seq).second);
        stored.insert(q.value(0).toString(), seq);
    }
    for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it) {
        QVERIFY2(stored.contains(it.key()),
                 qPrintable(it.key() + QStringLiteral(" was acknowledged but is missing")));
        QCOMPARE(stored.value(it.key()), it.value());
    }
    qInfo("%lld acknowledged, %lld stored", qint64(acknowledged.size()), qint64(stored.size()));

    Events::Journal journal(&database, {});
    QVERIFY(journal.start(&e));
    QCOMPARE(journal.lastSeq(), qint64(stored.size()));
    Events::Event ev;
    ev.type = QStringLiteral("booking.created");
    ev.id = QStringLiteral("after_crash");
    ev.source = QStringLiteral("calendly");
    ev.timestamp = QDateTime::currentDateTimeUtc();
    QCOMPARE(journal.append(ev).result().seq, qint64(stored.size()) + 1);
}

QTEST_GUILESS_MAIN(tst_JournalCrash)
#include "tst_journalcrash.moc"
