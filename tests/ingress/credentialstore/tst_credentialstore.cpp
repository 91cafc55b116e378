#include "ingress/credentialstore.h"
#include "store/database.h"
#include "store/migrator.h"
#include "testdb.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Ingress;
using namespace std::chrono_literals;

class tst_CredentialStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { Test::TestBackend::cleanup(); }
    void init();
    void cleanup();
    void notConfigured();
    void setAndGet();
    void rotationGrace_data();
    void rotationGrace();
    void revokeAtOnce();
    void integrationOverridesSource();
    void cacheRefresh();
    void toleranceDefaults();
    void removeRefusesNothing();
    void listHidesSecrets();
    void paypalSettings();
    void rejectsBadInput();
    void cachedSecretsSurviveAFailedRefresh();
    void databaseFailureIsReported();

private:
    std::unique_ptr<Store::Database> m_db;
    std::unique_ptr<CredentialStore> m_store;
    QDateTime m_now;
};

static const QByteArray kOld = "old-secret-0123456789";
static const QByteArray kNew = "new-secret-9876543210";

void tst_CredentialStore::init()
{
    Error e;
    auto settings = Store::DatabaseSettings::fromUrl(Test::TestBackend::freshUrl(), QString(), &e);
    QVERIFY(settings);
    m_db = std::make_unique<Store::Database>(*settings);
    QSqlDatabase c = m_db->connection(&e);
    QVERIFY2(c.isOpen(), qPrintable(e.message));
    QVERIFY2(Store::Migrator().migrate(c, &e) >= 0, qPrintable(e.message));
    m_store = std::make_unique<CredentialStore>(m_db.get());
    m_now = QDateTime(QDate(2026, 6, 20), QTime(12, 0), Qt::UTC);
    m_store->setClock([this] { return m_now; });
}

void tst_CredentialStore::cleanup()
{
    m_store.reset();
    m_db.reset();
}

void tst_CredentialStore::notConfigured()
{
    Error e;
    QVERIFY(!m_store->credentials(QStringLiteral("stripe"), {}, &e));
    QVERIFY(e.isNull());
    QVERIFY(!m_store->credentials(QStringLiteral("stripe"), QStringLiteral("int-1"), &e));
    QVERIFY(e.isNull());
}

void tst_CredentialStore::setAndGet()
{
    Error e;
    QVERIFY2(m_store->setSecret(QStringLiteral("stripe"), {}, kOld, 0s, &e), qPrintable(e.message));
    const auto c = m_store->credentials(QStringLiteral("stripe"));
    QVERIFY(c);
    QCOMPARE(c->source, QStringLiteral("stripe"));
    QCOMPARE(c->secrets, QByteArrayList{kOld});
    QCOMPARE(c->tolerance, 300s);
    QVERIFY(!m_store->credentials(QStringLiteral("calendly")));
}

void tst_CredentialStore::rotationGrace_data()
{
    QTest::addColumn<qint64>("graceSeconds");
    QTest::addColumn<qint64>("elapsedMs");
    QTest::addColumn<bool>("oldVerifies");
    QTest::newRow("just rotated") << qint64(86400) << qint64(0) << true;
    QTest::newRow("within grace") << qint64(86400) << qint64(86399999) << true;
    QTest::newRow("grace over to the ms") << qint64(86400) << qint64(86400000) << false;
    QTest::newRow("long after") << qint64(3600) << qint64(7200000) << false;
}

void tst_CredentialStore::rotationGrace()
{
    QFETCH(qint64, graceSeconds);
    QFETCH(qint64, elapsedMs);
    QFETCH(bool, oldVerifies);
    Error e;
    QVERIFY(m_store->setSecret(QStringLiteral("stripe"), {}, kOld, 0s, &e));
    QVERIFY(m_store->credentials(QStringLiteral("stripe"))); // warm the cache
    QVERIFY2(m_store->setSecret(QStringLiteral("stripe"), {}, kNew, std::chrono::seconds(graceSeconds), &e),
             qPrintable(e.message));
    m_store->setRefreshInterval(std::chrono::hours(48)); // the grace end must be honoured despite the cache
    QVERIFY(m_store->credentials(QStringLiteral("stripe"))); // cached at rotation time
    m_now = m_now.addMSecs(elapsedMs);
    const auto c = m_store->credentials(QStringLiteral("stripe"));
    QVERIFY(c);
    QCOMPARE(c->secrets.first(), kNew); // current first
    QCOMPARE(c->secrets.contains(kOld), oldVerifies);
    QCOMPARE(c->secrets.size(), oldVerifies ? 2 : 1);
}

void tst_CredentialStore::revokeAtOnce()
{
    Error e;
    QVERIFY(m_store->setSecret(QStringLiteral("zapier"), {}, kOld, 0s, &e));
    QVERIFY(m_store->setSecret(QStringLiteral("zapier"), {}, kNew, 0s, &e));
    QCOMPARE(m_store->credentials(QStringLiteral("zapier"))->secrets, QByteArrayList{kNew});
    // Three rotations with grace: every one still in its grace period verifies, newest first.
    QVERIFY(m_store->setSecret(QStringLiteral("zapier"), {}, "third-secret-0123456", 3600s, &e));
    m_now = m_now.addSecs(10);
    QVERIFY(m_store->setSecret(QStringLiteral("zapier"), {}, "fourth-secret-012345", 3600s, &e));
    const auto c = m_store->credentials(QStringLiteral("zapier"));
    QCOMPARE(c->secrets, (QByteArrayList{"fourth-secret-012345", "third-secret-0123456", kNew}));
}

void tst_CredentialStore::integrationOverridesSource()
{
    Error e;
    QVERIFY(m_store->setSecret(QStringLiteral("custom_crm"), {}, kOld, 0s, &e));
    QVERIFY(m_store->setSecret(QStringLiteral("custom_crm"), QStringLiteral("int-7"), kNew, 0s, &e));
    auto own = m_store->credentials(QStringLiteral("custom_crm"), QStringLiteral("int-7"));
    QVERIFY(own);
    QCOMPARE(own->integrationId, QStringLiteral("int-7"));
    QCOMPARE(own->secrets, QByteArrayList{kNew}); // the source-wide secret does not open another integration
    auto other = m_store->credentials(QStringLiteral("custom_crm"), QStringLiteral("int-8"));
    QVERIFY(other);
    QCOMPARE(other->integrationId, QString());
    QCOMPARE(other->secrets, QByteArrayList{kOld});
    QVERIFY(m_store->remove(QStringLiteral("custom_crm"), QStringLiteral("int-7"), &e));
    QCOMPARE(m_store->credentials(QStringLiteral("custom_crm"), QStringLiteral("int-7"))->secrets,
             QByteArrayList{kOld});
}

void tst_CredentialStore::cacheRefresh()
{
    Error e;
    QVERIFY(m_store->setSecret(QStringLiteral("tave"), {}, kOld, 0s, &e));
    m_store->setRefreshInterval(30s);
    QCOMPARE(m_store->credentials(QStringLiteral("tave"))->secrets, QByteArrayList{kOld});
    // Another process (wedsync-node source set) changes the secret.
    CredentialStore other(m_db.get());
    other.setClock([this] { return m_now; });
    QVERIFY(other.setSecret(QStringLiteral("tave"), {}, kNew, 0s, &e));
    QCOMPARE(m_store->credentials(QStringLiteral("tave"))->secrets, QByteArrayList{kOld}); // cached
    m_now = m_now.addSecs(31);
    // Due for a refresh: still answered from the cache at once, while the refresher thread reads the
    // database, never the caller.
    QCOMPARE(m_store->credentials(QStringLiteral("tave"))->secrets, QByteArrayList{kOld});
    QTRY_COMPARE(m_store->credentials(QStringLiteral("tave"))->secrets, QByteArrayList{kNew}); // refreshed
    QVERIFY(other.remove(QStringLiteral("tave"), {}, &e));
    m_store->invalidate();
    QVERIFY(!m_store->credentials(QStringLiteral("tave")));
}

void tst_CredentialStore::toleranceDefaults()
{
    Error e;
    QVERIFY(m_store->setSecret(QStringLiteral("calendly"), {}, kOld, 0s, &e));
    QCOMPARE(m_store->credentials(QStringLiteral("calendly"))->tolerance, 180s);
    m_store->setTolerance(QStringLiteral("calendly"), 60s);
    QCOMPARE(m_store->credentials(QStringLiteral("calendly"))->tolerance, 60s);
}

void tst_CredentialStore::removeRefusesNothing()
{
    Error e;
    QVERIFY(!m_store->remove(QStringLiteral("stripe"), {}, &e));
    QCOMPARE(e.code, QStringLiteral("SOURCE_NOT_CONFIGURED"));
}

void tst_CredentialStore::listHidesSecrets()
{
    Error e;
    QVERIFY(m_store->setSecret(QStringLiteral("stripe"), {}, kOld, 0s, &e));
    QVERIFY(m_store->setSecret(QStringLiteral("stripe"), {}, kNew, 3600s, &e));
    QVERIFY(m_store->setSecret(QStringLiteral("zapier"), QStringLiteral("zap-1"), kNew, 0s, &e));
    const auto list = m_store->list(&e);
    QVERIFY(e.isNull());
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).source, QStringLiteral("stripe"));
    QVERIFY(list.at(0).hasCurrentSecret);
    QCOMPARE(list.at(0).graceUntil, QList<QDateTime>{m_now.addSecs(3600)});
    QCOMPARE(list.at(1).source, QStringLiteral("zapier"));
    QCOMPARE(list.at(1).integrationId, QStringLiteral("zap-1"));
    QVERIFY(list.at(1).graceUntil.isEmpty());
}

static QByteArray makeCertificate()
{
    // A self-signed RSA certificate made with the openssl tool would need a process; the PayPal test
    // covers real certificates. Here: a malformed one must be refused before anything is stored.
    return QByteArray("-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n");
}

void tst_CredentialStore::paypalSettings()
{
    Error e;
    QVERIFY(!m_store->setPayPal({}, makeCertificate(), QStringLiteral("WH-1"), &e));
    QCOMPARE(e.code, QStringLiteral("VALIDATION_FAILED"));
    QVERIFY(!m_store->credentials(QStringLiteral("paypal")));
}

void tst_CredentialStore::rejectsBadInput()
{
    Error e;
    QVERIFY(!m_store->setSecret(QStringLiteral("stripe"), {}, QByteArray(), 0s, &e));
    QCOMPARE(e.code, QStringLiteral("VALIDATION_FAILED"));
    QVERIFY(!m_store->setSecret(QStringLiteral("stripe"), {}, kOld, -1s, &e));
    QCOMPARE(e.code, QStringLiteral("VALIDATION_FAILED"));
    QVERIFY(!m_store->credentials(QStringLiteral("stripe")));
}

// Known secrets keep verifying when a refresh cannot reach the database; a first lookup reports the failure.
void tst_CredentialStore::cachedSecretsSurviveAFailedRefresh()
{
    Error e;
    QVERIFY(m_store->setSecret(QStringLiteral("honeybook"), {}, kOld, 0s, &e));
    m_store->setRefreshInterval(30s);
    QCOMPARE(m_store->credentials(QStringLiteral("honeybook"))->secrets, QByteArrayList{kOld});
    {
        QSqlQuery q(m_db->connection(&e));
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE source_secrets RENAME TO source_secrets_away")));
    }
    m_now = m_now.addSecs(31);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("cannot refresh the secrets of honeybook")));
    for (int i = 0; i < 20; ++i) {
        Error lookupError;
        const auto c = m_store->credentials(QStringLiteral("honeybook"), {}, &lookupError);
        QVERIFY(c);
        QCOMPARE(c->secrets, QByteArrayList{kOld});
        QVERIFY(lookupError.isNull());
        QTest::qWait(10);
    }
    Error coldError;
    QVERIFY(!m_store->credentials(QStringLiteral("stripe"), {}, &coldError));
    QVERIFY(!coldError.isNull());
    {
        QSqlQuery q(m_db->connection(&e));
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE source_secrets_away RENAME TO source_secrets")));
    }
}

void tst_CredentialStore::databaseFailureIsReported()
{
    Error e;
    QSqlDatabase c = m_db->connection(&e);
    QSqlQuery q(c);
    QVERIFY(q.exec(QStringLiteral("DROP TABLE source_secrets")));
    m_store->invalidate();
    QVERIFY(!m_store->credentials(QStringLiteral("stripe"), {}, &e));
    QVERIFY(!e.isNull());
    QVERIFY(!m_store->setSecret(QStringLiteral("stripe"), {}, kOld, 0s, &e));
    QVERIFY(!e.isNull());
}

QTEST_GUILESS_MAIN(tst_CredentialStore)
#include "tst_credentialstore.moc"
