// The process allocator: when the build links mimalloc, every allocation of the process (the C library's
// malloc, operator new, Qt's containers, other threads) must come from it, or the engine silently falls
// back to the slower system allocator.
#include "common/allocator.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QTest>
#include <QThread>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>

using namespace WedSync;

class TestAllocator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void name();
    void servesEveryAllocation_data();
    void servesEveryAllocation();
};

void TestAllocator::name()
{
#ifdef WEDSYNC_EXPECT_MIMALLOC
    QVERIFY(usesMimalloc());
    QVERIFY2(allocatorName().startsWith(QLatin1String("mimalloc 2.")), qPrintable(allocatorName()));
#else
    QVERIFY(!usesMimalloc());
    QCOMPARE(allocatorName(), QStringLiteral("system malloc"));
#endif
}

// Each row allocates a block and checks who owns it; the block is freed by the row.
using Probe = std::function<bool()>;
Q_DECLARE_METATYPE(Probe)

void TestAllocator::servesEveryAllocation_data()
{
    QTest::addColumn<Probe>("probe");
    QTest::newRow("malloc") << Probe([] {
        void *p = std::malloc(48);
        std::memset(p, 0, 48);
        const bool owned = mimallocOwns(p);
        std::free(p);
        return owned;
    });
    QTest::newRow("large malloc") << Probe([] {
        void *p = std::malloc(4 << 20);
        std::memset(p, 0, 4 << 20);
        const bool owned = mimallocOwns(p);
        std::free(p);
        return owned;
    });
    QTest::newRow("operator new") << Probe([] {
        auto p = std::make_unique<std::array<char, 200>>();
        return mimallocOwns(p.get());
    });
    QTest::newRow("QByteArray (Qt's own allocations)") << Probe([] {
        QByteArray b(1000, 'x');
        return mimallocOwns(b.constData());
    });
    QTest::newRow("QJsonDocument") << Probe([] {
        const QByteArray json = QJsonDocument(QJsonObject{{QStringLiteral("a"), 1}}).toJson();
        return mimallocOwns(json.constData());
    });
    QTest::newRow("another thread") << Probe([] {
        bool owned = false;
        std::unique_ptr<QThread> t(QThread::create([&owned] {
            QString s(500, QLatin1Char('y'));
            owned = mimallocOwns(s.constData());
        }));
        t->start();
        t->wait();
        return owned;
    });
}

void TestAllocator::servesEveryAllocation()
{
    QFETCH(Probe, probe);
    if (!usesMimalloc())
        QSKIP("this build uses the system malloc (configure with WEDSYNC_MIMALLOC=ON and libmimalloc-dev)");
    QVERIFY2(probe(), "the block did not come from mimalloc: the allocator override is not in effect");
}

QTEST_GUILESS_MAIN(TestAllocator)
#include "tst_allocator.moc"
