// GET /health/ready follows the journal: 503 NOT_READY (with Retry-After) while the database refuses
// writes, 200 again once it is back; /health/live stays 200 throughout. Needs a database server that can
// be stopped, so it runs in the PostgreSQL variant (tst_ingressready_pg).
#include "../rawhttpclient.h"
#include "events/journal.h"
#include "node/engine.h"
#include "testdb.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace WedSync;
using WedSync::Test::Client;
using WedSync::Test::Reply;

class tst_IngressReady : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { Test::TestBackend::cleanup(); }
    void readyFlipsWhenJournalUnwritable();

private:
    Reply get(quint16 port, const QByteArray &path)
    {
        Client c(port);
        c.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
        Reply r;
        c.next(&r);
        return r;
    }
};

void tst_IngressReady::readyFlipsWhenJournalUnwritable()
{
    if (!Test::TestBackend::isPostgres())
        QSKIP("needs a database server that can be stopped: runs in the PostgreSQL variant "
              "(tst_ingressready_pg)");
    QTemporaryDir dir;
    Config config = Config::defaults();
    QString why;
    QVERIFY(config.set(QStringLiteral("node.data_dir"), dir.path(), &why));
    QVERIFY(config.set(QStringLiteral("store.database"), Test::TestBackend::freshUrl(), &why));
    QVERIFY(config.set(QStringLiteral("store.reconnect_max"), QStringLiteral("400ms"), &why));
    QVERIFY(config.set(QStringLiteral("journal.append_timeout"), QStringLiteral("60s"), &why));
    QVERIFY(config.set(QStringLiteral("ingress.listen"), QStringLiteral("127.0.0.1:0"), &why));
    QVERIFY(config.set(QStringLiteral("node.listen"), QStringLiteral("127.0.0.1:0"), &why));
    Node::Engine engine(config);
    Error e;
    QVERIFY2(engine.start(&e), qPrintable(e.message));
    const quint16 port = engine.ingressPort();
    QCOMPARE(get(port, "/health/ready").status, 200);

    QString error;
    QVERIFY2(Test::TestBackend::server()->stopImmediately(&error), qPrintable(error));
    // The journal notices on its next append (held, not lost).
    Events::Event ev;
    ev.type = QStringLiteral("booking.created");
    ev.id = QStringLiteral("during_outage");
    ev.source = QStringLiteral("zapier");
    ev.timestamp = QDateTime::currentDateTimeUtc();
    ev.receivedAt = ev.timestamp;
    QFuture<Events::AppendResult> pending = engine.journal()->append(ev);
    QTRY_VERIFY_WITH_TIMEOUT(!engine.journal()->isWritable(), 10000);
    Reply r = get(port, "/health/ready");
    QCOMPARE(r.status, 503);
    const QJsonObject err =
        QJsonDocument::fromJson(r.body).object().value(QStringLiteral("error")).toObject();
    QCOMPARE(err.value(QStringLiteral("code")).toString(), QStringLiteral("NOT_READY"));
    QVERIFY(!err.value(QStringLiteral("message")).toString().isEmpty());
    QCOMPARE(r.header("retry-after"), QByteArray("5"));
    QCOMPARE(get(port, "/health/live").status, 200);

    QVERIFY2(Test::TestBackend::server()->startAgain(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(pending.isFinished(), 30000);
    QVERIFY(pending.result().ok());
    QTRY_COMPARE_WITH_TIMEOUT(get(port, "/health/ready").status, 200, 10000);
}

QTEST_GUILESS_MAIN(tst_IngressReady)
#include "tst_ingressready.moc"
