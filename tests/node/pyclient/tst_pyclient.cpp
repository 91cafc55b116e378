#include "nodefixture.h"

#include <QProcess>

using namespace WedSync;
using namespace WedSync::Test;
using Node::Role;

// Interoperability: a real third-party WebSocket client (Python websockets) speaks wedsync.v1 to the node.
class tst_PyClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { TestBackend::cleanup(); }
    void replayThenLive();
    void revokedTokenRefused();

private:
    QString m_python;
};

void tst_PyClient::initTestCase()
{
    WEDSYNC_INIT_BACKEND();
    for (const QString &candidate : {QStringLiteral("/usr/bin/python3"), QStringLiteral("python3")}) {
        QProcess p;
        p.start(candidate, {QStringLiteral("-c"), QStringLiteral("import websockets")});
        if (p.waitForFinished(20000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0) {
            m_python = candidate;
            break;
        }
    }
    if (m_python.isEmpty())
        QSKIP("skipped: python3 with the websockets package is not installed (Debian: python3-websockets)");
}

void tst_PyClient::replayThenLive()
{
    NodeFixture f;
    QVERIFY(f.start());
    QList<Events::Event> first;
    for (int i = 0; i < 5; ++i)
        first.append(makeNodeEvent(QStringLiteral("p%1").arg(i)));
    f.append(first);
    QProcess py;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("WEDSYNC_TOKEN"),
               QString::fromLatin1(f.token(Role::Viewer, QStringLiteral("script"))));
    py.setProcessEnvironment(env);
    py.start(m_python, {QStringLiteral(WEDSYNC_WS_SCRIPT), f.url().toString(), QStringLiteral("--since"),
                        QStringLiteral("0"), QStringLiteral("--count"), QStringLiteral("8")});
    QVERIFY(py.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += py.readAllStandardOutput()).contains("event seq=5 "), 20000);
    QVERIFY(out.contains("hello node=test-node role=viewer"));
    QList<Events::Event> more;
    for (int i = 0; i < 3; ++i)
        more.append(makeNodeEvent(QStringLiteral("q%1").arg(i), QStringLiteral("calendly"),
                                  QStringLiteral("booking.created")));
    f.append(more);
    // The node runs on this thread: wait with the event loop running, not with waitForFinished().
    QTRY_COMPARE_WITH_TIMEOUT(py.state(), QProcess::NotRunning, 20000);
    out += py.readAllStandardOutput();
    QCOMPARE(py.exitCode(), 0);
    QList<int> seqs;
    for (const QByteArray &line : out.split('\n')) {
        if (line.startsWith("event seq="))
            seqs.append(line.mid(10, line.indexOf(' ', 10) - 10).toInt());
    }
    QCOMPARE(seqs, (QList<int>{1, 2, 3, 4, 5, 6, 7, 8}));
    QVERIFY(out.contains("event seq=8 type=booking.created source=calendly"));
}

void tst_PyClient::revokedTokenRefused()
{
    NodeFixture f;
    QVERIFY(f.start());
    const QByteArray token = f.token(Role::Viewer, QStringLiteral("gone"));
    Error e;
    QVERIFY(f.engine->tokens()->revoke(QStringLiteral("gone"), &e));
    QProcess py;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("WEDSYNC_TOKEN"), QString::fromLatin1(token));
    py.setProcessEnvironment(env);
    py.start(m_python, {QStringLiteral(WEDSYNC_WS_SCRIPT), f.url().toString()});
    QVERIFY(py.waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(py.state(), QProcess::NotRunning, 20000);
    const QByteArray out = py.readAllStandardOutput();
    QCOMPARE(py.exitCode(), 2);
    QVERIFY2(out.contains("closed: 1008 AUTH_INVALID: token revoked"), out.constData());
}

QTEST_GUILESS_MAIN(tst_PyClient)
#include "tst_pyclient.moc"
