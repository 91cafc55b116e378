// Token buckets: burst, refill, Retry-After, independent keys, unlimited, forgetting idle keys.
#include "ingress/ratelimiter.h"

#include <QTest>

using namespace WedSync::Ingress;

class tst_RateLimiter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void burstThenRefused_data();
    void burstThenRefused();
    void refillsOverTime();
    void keysAreIndependent();
    void unlimited();
    void idleKeysForgotten();
};

void tst_RateLimiter::burstThenRefused_data()
{
    QTest::addColumn<qint64>("perHour");
    QTest::addColumn<qint64>("retryAfter");
    QTest::newRow("mission-default") << qint64(1000) << qint64(4); // one token every 3.6 s
    QTest::newRow("per-second") << qint64(3600) << qint64(1);
    QTest::newRow("one-an-hour") << qint64(1) << qint64(3600);
}

void tst_RateLimiter::burstThenRefused()
{
    QFETCH(qint64, perHour);
    QFETCH(qint64, retryAfter);
    qint64 now = 1000;
    RateLimiter l(perHour, [&] { return now; });
    for (qint64 i = 0; i < perHour; ++i) {
        const auto d = l.take(QStringLiteral("k"));
        QVERIFY2(d.allowed, qPrintable(QString::number(i)));
        QCOMPARE(d.remaining, perHour - i - 1);
    }
    const auto refused = l.take(QStringLiteral("k"));
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.retryAfterSeconds, retryAfter);
}

void tst_RateLimiter::refillsOverTime()
{
    qint64 now = 0;
    RateLimiter l(3600, [&] { return now; }); // one a second
    for (int i = 0; i < 3600; ++i)
        QVERIFY(l.take(QStringLiteral("k")).allowed);
    QVERIFY(!l.take(QStringLiteral("k")).allowed);
    now += 999;
    QVERIFY(!l.take(QStringLiteral("k")).allowed);
    now += 1;
    QVERIFY(l.take(QStringLiteral("k")).allowed);
    QVERIFY(!l.take(QStringLiteral("k")).allowed);
    now += 10 * 3600 * 1000; // never more than the burst
    for (int i = 0; i < 3600; ++i)
        QVERIFY(l.take(QStringLiteral("k")).allowed);
    QVERIFY(!l.take(QStringLiteral("k")).allowed);
}

void tst_RateLimiter::keysAreIndependent()
{
    qint64 now = 0;
    RateLimiter l(2, [&] { return now; });
    QVERIFY(l.take(QStringLiteral("a")).allowed);
    QVERIFY(l.take(QStringLiteral("a")).allowed);
    QVERIFY(!l.take(QStringLiteral("a")).allowed);
    QVERIFY(l.take(QStringLiteral("b")).allowed);
}

void tst_RateLimiter::unlimited()
{
    RateLimiter l(0);
    for (int i = 0; i < 100000; ++i)
        QVERIFY(l.take(QStringLiteral("k")).allowed);
    QCOMPARE(l.trackedKeys(), 0);
}

void tst_RateLimiter::idleKeysForgotten()
{
    qint64 now = 0;
    RateLimiter l(3600, [&] { return now; });
    for (int i = 0; i < 10001; ++i)
        QVERIFY(l.take(QString::number(i)).allowed);
    QCOMPARE(l.trackedKeys(), 10001);
    now += 5000; // every bucket full again
    QVERIFY(l.take(QStringLiteral("fresh")).allowed);
    QCOMPARE(l.trackedKeys(), 1);
}

QTEST_GUILESS_MAIN(tst_RateLimiter)
#include "tst_ratelimiter.moc"
