#include "delivery/ssrfguard.h"

#include <QTest>

using namespace WedSync::Delivery;

class tst_Ssrf : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classify_data();
    void classify();
    void check_data();
    void check();
};

void tst_Ssrf::classify_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("klass");
    QTest::newRow("loopback v4") << "127.0.0.1"
                                 << "loopback";
    QTest::newRow("loopback v4 other") << "127.8.9.10"
                                       << "loopback";
    QTest::newRow("loopback v6") << "::1"
                                 << "loopback";
    QTest::newRow("private 10/8") << "10.1.2.3"
                                  << "private";
    QTest::newRow("private 172.16/12 low") << "172.16.0.1"
                                           << "private";
    QTest::newRow("private 172.16/12 high") << "172.31.255.254"
                                            << "private";
    QTest::newRow("public 172.32") << "172.32.0.1"
                                   << "";
    QTest::newRow("private 192.168/16") << "192.168.1.20"
                                        << "private";
    QTest::newRow("carrier nat 100.64/10") << "100.64.0.1"
                                           << "private";
    QTest::newRow("unique local fc00::/7") << "fd12:3456::1"
                                           << "private";
    QTest::newRow("link-local v4") << "169.254.10.10"
                                   << "link-local";
    QTest::newRow("link-local v6") << "fe80::1"
                                   << "link-local";
    QTest::newRow("metadata v4") << "169.254.169.254"
                                 << "metadata";
    QTest::newRow("metadata v6") << "fd00:ec2::254"
                                 << "metadata";
    QTest::newRow("unspecified v4") << "0.0.0.0"
                                    << "unspecified";
    QTest::newRow("unspecified v6") << "::"
                                    << "unspecified";
    QTest::newRow("multicast v4") << "224.0.0.1"
                                  << "multicast";
    QTest::newRow("multicast v6") << "ff02::1"
                                  << "multicast";
    QTest::newRow("broadcast") << "255.255.255.255"
                               << "broadcast";
    QTest::newRow("v4-mapped loopback") << "::ffff:127.0.0.1"
                                        << "loopback";
    QTest::newRow("v4-mapped private") << "::ffff:10.0.0.1"
                                       << "private";
    QTest::newRow("public v4") << "93.184.216.34"
                               << "";
    QTest::newRow("public v6") << "2606:4700::1111"
                               << "";
}

void tst_Ssrf::classify()
{
    QFETCH(QString, address);
    QFETCH(QString, klass);
    QHostAddress a;
    QVERIFY(a.setAddress(address));
    QCOMPARE(SsrfGuard::classify(a), klass);
}

void tst_Ssrf::check_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("httpsOnly");
    QTest::addColumn<QStringList>("allowHosts");
    QTest::addColumn<QStringList>("allowCidrs");
    QTest::addColumn<QString>("code");
    QTest::newRow("loopback refused")
        << "http://127.0.0.1:9090/hook" << false << QStringList() << QStringList() << "DESTINATION_FORBIDDEN";
    QTest::newRow("metadata refused") << "http://169.254.169.254/latest/meta-data" << false << QStringList()
                                      << QStringList() << "DESTINATION_FORBIDDEN";
    QTest::newRow("private refused") << "https://10.0.0.8/hook" << false << QStringList() << QStringList()
                                     << "DESTINATION_FORBIDDEN";
    QTest::newRow("ipv6 loopback refused")
        << "http://[::1]:8080/" << false << QStringList() << QStringList() << "DESTINATION_FORBIDDEN";
    QTest::newRow("localhost name resolves to loopback")
        << "http://localhost:9090/" << false << QStringList() << QStringList() << "DESTINATION_FORBIDDEN";
    QTest::newRow("loopback allowed by cidr") << "http://127.0.0.1:9090/hook" << false << QStringList()
                                              << QStringList{QStringLiteral("127.0.0.1/32")} << "";
    QTest::newRow("cidr does not cover metadata")
        << "http://169.254.169.254/" << false << QStringList() << QStringList{QStringLiteral("127.0.0.1/32")}
        << "DESTINATION_FORBIDDEN";
    QTest::newRow("host allow-listed") << "http://127.0.0.1:9090/hook" << false
                                       << QStringList{QStringLiteral("127.0.0.1")} << QStringList() << "";
    QTest::newRow("public literal ok")
        << "https://93.184.216.34/hook" << false << QStringList() << QStringList() << "";
    QTest::newRow("https only refuses http")
        << "http://93.184.216.34/hook" << true << QStringList() << QStringList() << "DESTINATION_FORBIDDEN";
    QTest::newRow("https only refuses http even allow-listed")
        << "http://127.0.0.1:9090/" << true << QStringList() << QStringList{QStringLiteral("127.0.0.1/32")}
        << "DESTINATION_FORBIDDEN";
    QTest::newRow("other scheme") << "ftp://93.184.216.34/x" << false << QStringList() << QStringList()
                                  << "DESTINATION_FORBIDDEN";
}

void tst_Ssrf::check()
{
    QFETCH(QString, url);
    QFETCH(bool, httpsOnly);
    QFETCH(QStringList, allowHosts);
    QFETCH(QStringList, allowCidrs);
    QFETCH(QString, code);
    SsrfGuard guard(SsrfOptions{httpsOnly, allowHosts, allowCidrs, 60000, {}});
    const WedSync::Error e = guard.check(QUrl(url));
    QCOMPARE(e.code, code);
    if (!code.isEmpty())
        QVERIFY(!e.message.isEmpty());
}

QTEST_GUILESS_MAIN(tst_Ssrf)
#include "tst_ssrf.moc"
