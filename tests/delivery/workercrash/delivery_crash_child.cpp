// Runs a delivery worker until killed:
//   delivery_crash_child <database url> <node id> <claim lease ms> [hold-commits]
// hold-commits (SQLite): once the worker has started, every write to a write-ahead log blocks for good, so
// no transaction commits from then on, the worker's first claim included; the process is meant to be
// killed in that state (a node that dies before its claim reached the disk).
#include "delivery/deliveryworker.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QThread>
#include <atomic>
#include <cstring>
#include <sqlite3.h>

using namespace WedSync;

// A VFS over the default one that forwards everything, except that writes to "-wal" files block once
// armed.
namespace {

std::atomic<bool> g_holdWal{false};
sqlite3_vfs *g_real = nullptr;
sqlite3_vfs g_vfs;

struct HoldFile
{
    sqlite3_file base;
    sqlite3_file *real; // allocated right behind this struct
    bool wal;
};

sqlite3_file *real(sqlite3_file *f)
{
    return reinterpret_cast<HoldFile *>(f)->real;
}

int holdClose(sqlite3_file *f)
{
    return real(f)->pMethods->xClose(real(f));
}
int holdRead(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    return real(f)->pMethods->xRead(real(f), buf, n, off);
}
int holdWrite(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    while (reinterpret_cast<HoldFile *>(f)->wal && g_holdWal.load())
        QThread::msleep(100); // until SIGKILL
    return real(f)->pMethods->xWrite(real(f), buf, n, off);
}
int holdTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    return real(f)->pMethods->xTruncate(real(f), size);
}
int holdSync(sqlite3_file *f, int flags)
{
    return real(f)->pMethods->xSync(real(f), flags);
}
int holdFileSize(sqlite3_file *f, sqlite3_int64 *size)
{
    return real(f)->pMethods->xFileSize(real(f), size);
}
int holdLock(sqlite3_file *f, int lock)
{
    return real(f)->pMethods->xLock(real(f), lock);
}
int holdUnlock(sqlite3_file *f, int lock)
{
    return real(f)->pMethods->xUnlock(real(f), lock);
}
int holdCheckReserved(sqlite3_file *f, int *out)
{
    return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
int holdFileControl(sqlite3_file *f, int op, void *arg)
{
    return real(f)->pMethods->xFileControl(real(f), op, arg);
}
int holdSectorSize(sqlite3_file *f)
{
    return real(f)->pMethods->xSectorSize(real(f));
}
int holdDeviceCharacteristics(sqlite3_file *f)
{
    return real(f)->pMethods->xDeviceCharacteristics(real(f));
}
int holdShmMap(sqlite3_file *f, int page, int size, int extend, void volatile **out)
{
    return real(f)->pMethods->xShmMap(real(f), page, size, extend, out);
}
int holdShmLock(sqlite3_file *f, int offset, int n, int flags)
{
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void holdShmBarrier(sqlite3_file *f)
{
    real(f)->pMethods->xShmBarrier(real(f));
}
int holdShmUnmap(sqlite3_file *f, int deleteFlag)
{
    return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
}
int holdFetch(sqlite3_file *f, sqlite3_int64 off, int n, void **out)
{
    return real(f)->pMethods->xFetch(real(f), off, n, out);
}
int holdUnfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
    return real(f)->pMethods->xUnfetch(real(f), off, p);
}

const sqlite3_io_methods g_methods = {
    3,
    holdClose,
    holdRead,
    holdWrite,
    holdTruncate,
    holdSync,
    holdFileSize,
    holdLock,
    holdUnlock,
    holdCheckReserved,
    holdFileControl,
    holdSectorSize,
    holdDeviceCharacteristics,
    holdShmMap,
    holdShmLock,
    holdShmBarrier,
    holdShmUnmap,
    holdFetch,
    holdUnfetch,
};

int holdOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags)
{
    auto *h = reinterpret_cast<HoldFile *>(file);
    h->real = reinterpret_cast<sqlite3_file *>(h + 1);
    h->wal = (flags & SQLITE_OPEN_WAL) != 0;
    h->base.pMethods = nullptr;
    const int rc = g_real->xOpen(g_real, name, h->real, flags, outFlags);
    if (h->real->pMethods) // xClose must run even when the open failed half-way
        h->base.pMethods = &g_methods;
    return rc;
}

void installHoldVfs()
{
    g_real = sqlite3_vfs_find(nullptr);
    g_vfs = *g_real;
    g_vfs.zName = "hold-wal";
    g_vfs.szOsFile = int(sizeof(HoldFile)) + g_real->szOsFile;
    g_vfs.xOpen = holdOpen;
    g_vfs.pNext = nullptr;
    sqlite3_vfs_register(&g_vfs, 1);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool hold = args.size() == 5 && args.at(4) == QLatin1String("hold-commits");
    if (args.size() != 4 && !hold) {
        QTextStream(stderr)
            << "usage: delivery_crash_child <url> <node id> <claim lease ms> [hold-commits]\n";
        return 2;
    }
    if (hold)
        installHoldVfs(); // before the first connection opens
    Error e;
    auto settings = Store::DatabaseSettings::fromUrl(args.at(1), QString(), &e);
    if (!settings)
        return 2;
    Store::Database db(*settings);
    Delivery::WorkerOptions o;
    o.nodeId = args.at(2);
    o.claimLeaseMs = args.at(3).toLongLong();
    o.pollIntervalMs = 10;
    o.concurrency = 20;
    o.ssrf.allowCidrs = {QStringLiteral("127.0.0.1/32")};
    Delivery::DeliveryWorker worker(&db, o);
    if (!worker.start(&e)) {
        QTextStream(stderr) << e.code << ": " << e.message << "\n";
        return 1;
    }
    g_holdWal.store(hold);
    QTextStream(stdout) << "started" << Qt::endl;
    return app.exec();
}
