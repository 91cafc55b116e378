// wedsync-node source set/list/remove: exit codes, messages, and what ends up in the credential store;
// secrets never appear in any output.
#include "ingress/credentialstore.h"
#include "simulate/signingkeys.h"
#include "sourcecommands.h"
#include "store/database.h"
#include "testdb.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace WedSync;

class tst_SourceCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { Test::TestBackend::cleanup(); }
    void init();
    void errors_data();
    void errors();
    void setRotateListRemove();
    void paypal();

private:
    int run(const QStringList &args);
    QString file(const QString &name, const QByteArray &content);

    QTemporaryDir m_dir;
    Config m_config = Config::defaults();
    QString m_out;
    QString m_err;
};

void tst_SourceCli::init()
{
    QString why;
    QVERIFY(m_config.set(QStringLiteral("store.database"), Test::TestBackend::freshUrl(), &why));
    QVERIFY(m_config.set(QStringLiteral("ingress.custom_sources"), QStringLiteral("venue_master"), &why));
}

int tst_SourceCli::run(const QStringList &args)
{
    m_out.clear();
    m_err.clear();
    QTextStream out(&m_out);
    QTextStream err(&m_err);
    const int rc = NodeApp::runSource(m_config, args, out, err);
    out.flush();
    err.flush();
    return rc;
}

QString tst_SourceCli::file(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(content);
    return path;
}

void tst_SourceCli::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("rc");
    QTest::addColumn<QString>("message");
    const QString good = QStringLiteral("@good");
    QTest::newRow("no action") << QStringList{} << 2 << "usage:";
    QTest::newRow("unknown action") << QStringList{"rotate"} << 2 << "unknown action";
    QTest::newRow("no name") << QStringList{"set", "--secret-file", good} << 2 << "source name is missing";
    QTest::newRow("unknown source") << QStringList{"set", "myspace", "--secret-file", good} << 2
                                    << "UNKNOWN_SOURCE";
    QTest::newRow("no secret file") << QStringList{"set", "stripe"} << 2 << "--secret-file FILE is required";
    QTest::newRow("unreadable file") << QStringList{"set", "stripe", "--secret-file", "/nonexistent/x"} << 1
                                     << "cannot read the secret file";
    QTest::newRow("empty file") << QStringList{"set", "stripe", "--secret-file", "@empty"} << 1 << "is empty";
    QTest::newRow("whitespace only") << QStringList{"set", "stripe", "--secret-file", "@blank"} << 1
                                     << "is empty";
    QTest::newRow("too short") << QStringList{"set", "zapier", "--secret-file", "@short"} << 1
                               << "use at least 16 random bytes";
    QTest::newRow("standard webhooks format")
        << QStringList{"set", "honeybook", "--secret-file", good} << 1 << "whsec_";
    QTest::newRow("bad grace") << QStringList{"set", "stripe", "--secret-file", good, "--grace", "soon"} << 2
                               << "--grace";
    QTest::newRow("unknown option") << QStringList{"set", "stripe", "--secret", "x"} << 2
                                    << "unknown option --secret";
    QTest::newRow("option without value")
        << QStringList{"set", "stripe", "--secret-file"} << 2 << "needs a value";
    QTest::newRow("certificate for stripe")
        << QStringList{"set", "stripe", "--certificate-file", good} << 2 << "paypal only";
    QTest::newRow("secret for paypal")
        << QStringList{"set", "paypal", "--secret-file", good} << 2 << "--certificate-file cert.pem";
    QTest::newRow("paypal without webhook id") << QStringList{"set", "paypal", "--certificate-file", good}
                                               << 2 << "both --certificate-file and --webhook-id";
    QTest::newRow("paypal not a certificate")
        << QStringList{"set", "paypal", "--certificate-file", good, "--webhook-id", "WH-1"} << 1
        << "not a PEM X.509 certificate";
    QTest::newRow("remove nothing") << QStringList{"remove", "tave"} << 1 << "SOURCE_NOT_CONFIGURED";
    QTest::newRow("list with argument") << QStringList{"list", "stripe"} << 2 << "takes no arguments";
    QTest::newRow("integration with space")
        << QStringList{"set", "stripe", "--secret-file", good, "--integration", "a b"} << 2
        << "--integration";
}

void tst_SourceCli::errors()
{
    QFETCH(QStringList, args);
    QFETCH(int, rc);
    QFETCH(QString, message);
    const QMap<QString, QByteArray> files = {{"@good", "a-perfectly-good-secret-0123\n"},
                                             {"@empty", ""},
                                             {"@blank", "  \n\n"},
                                             {"@short", "tiny-secret\n"}};
    for (QString &a : args) {
        if (files.contains(a))
            a = file(a.mid(1), files.value(a));
    }
    QCOMPARE(run(args), rc);
    QVERIFY2(m_err.contains(message), qPrintable(m_err));
    QVERIFY(!m_err.contains(QLatin1String("a-perfectly-good-secret")));
    QVERIFY(!m_err.contains(QLatin1String("tiny-secret")));
}

void tst_SourceCli::setRotateListRemove()
{
    const QString first = file(QStringLiteral("s1"), "first-secret-0123456789\n");
    const QString second = file(QStringLiteral("s2"), "second-secret-0123456789");
    QCOMPARE(run({"set", "stripe", "--secret-file", first}), 0);
    QVERIFY(m_out.contains(QLatin1String("stripe: secret set")));
    QCOMPARE(run({"set", "stripe", "--secret-file", second, "--grace", "2h"}), 0);
    QVERIFY2(m_out.contains(QLatin1String("keeps verifying until")), qPrintable(m_out));
    QCOMPARE(run({"set", "venue_master", "--secret-file", first, "--integration", "vm-1"}), 0);
    QCOMPARE(run({"set", "honeybook", "--secret-file",
                  file(QStringLiteral("s3"), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")}),
             0);

    Error e;
    auto settings =
        Store::DatabaseSettings::fromUrl(m_config.string(QStringLiteral("store.database")), QString(), &e);
    Store::Database db(*settings);
    Ingress::CredentialStore store(&db);
    const auto stripe = store.credentials(QStringLiteral("stripe"));
    QVERIFY(stripe);
    QCOMPARE(stripe->secrets,
             (QByteArrayList{"second-secret-0123456789", "first-secret-0123456789"})); // trimmed
    QCOMPARE(store.credentials(QStringLiteral("venue_master"), QStringLiteral("vm-1"))->secrets,
             QByteArrayList{"first-secret-0123456789"});

    QCOMPARE(run({"list"}), 0);
    QVERIFY(!m_out.contains(QLatin1String("secret-0123456789")));
    QVERIFY(!m_out.contains(QLatin1String("whsec_MfKQ")));
    QVERIFY(m_out.contains(QLatin1String("previous secret verifies until")));
    QVERIFY(m_out.contains(QLatin1String("vm-1")));
    QVERIFY(m_out.contains(QLatin1String("Standard Webhooks")));
    QVERIFY2(m_out.contains(QRegularExpression(QStringLiteral("calendly +- +.*not configured"))),
             qPrintable(m_out));

    QCOMPARE(run({"set", "stripe", "--secret-file", first, "--grace", "0"}), 0);
    QVERIFY2(m_out.contains(QLatin1String("revoked")), qPrintable(m_out));
    store.invalidate();
    QCOMPARE(store.credentials(QStringLiteral("stripe"))->secrets, QByteArrayList{"first-secret-0123456789"});

    QCOMPARE(run({"remove", "stripe"}), 0);
    store.invalidate();
    QVERIFY(!store.credentials(QStringLiteral("stripe")));
    QCOMPARE(run({"remove", "stripe"}), 1);
}

void tst_SourceCli::paypal()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto cert = Simulate::generateRsaCertificate(now.addDays(-1), now.addDays(30));
    const auto expired = Simulate::generateRsaCertificate(now.addDays(-30), now.addDays(-1));
    QCOMPARE(run({"set", "paypal", "--certificate-file",
                  file(QStringLiteral("old.pem"), expired.certificatePem), "--webhook-id", "WH-1"}),
             1);
    QVERIFY(m_err.contains(QLatin1String("expired")));
    QCOMPARE(run({"set", "paypal", "--certificate-file",
                  file(QStringLiteral("cert.pem"), cert.certificatePem), "--webhook-id", "WH-4U1234"}),
             0);
    QVERIFY(m_out.contains(QLatin1String("certificate pinned")));
    QCOMPARE(run({"list"}), 0);
    QVERIFY(m_out.contains(QLatin1String("certificate pinned, webhook id WH-4U1234")));
    QVERIFY(!m_out.contains(QLatin1String("BEGIN CERTIFICATE")));
}

QTEST_GUILESS_MAIN(tst_SourceCli)
#include "tst_sourcecli.moc"
