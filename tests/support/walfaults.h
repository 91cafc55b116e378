// Faults in SQLite's write-ahead log for tests: a VFS over the default one that forwards everything, except
// that writes to "-wal" files can be made to block for good (a process that never gets its commit to disk,
// to be killed in that state) or to fail once with SQLITE_IOERR_WRITE (a COMMIT that fails). Install it
// before the connections under test open (they pick the default VFS when they open).
#pragma once

#include <QThread>
#include <atomic>
#include <sqlite3.h>

namespace WedSync::Test {

class WalFaults
{
public:
    enum class Mode { None, Hold, FailNext };

    static void install()
    {
        if (s_real)
            return;
        s_real = sqlite3_vfs_find(nullptr);
        s_vfs = *s_real;
        s_vfs.zName = "wal-faults";
        s_vfs.szOsFile = int(sizeof(File)) + s_real->szOsFile;
        s_vfs.xOpen = open;
        s_vfs.pNext = nullptr;
        sqlite3_vfs_register(&s_vfs, 1);
    }
    static void setMode(Mode mode) { s_mode.store(mode); }
    // WAL writes failed so far (FailNext).
    static int failures() { return s_failures.load(); }

private:
    struct File
    {
        sqlite3_file base;
        sqlite3_file *real; // allocated right behind this struct
        bool wal;
    };
    static sqlite3_file *real(sqlite3_file *f) { return reinterpret_cast<File *>(f)->real; }

    static int write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
    {
        if (reinterpret_cast<File *>(f)->wal) {
            while (s_mode.load() == Mode::Hold)
                QThread::msleep(100); // until the process is killed
            Mode expected = Mode::FailNext;
            if (s_mode.compare_exchange_strong(expected, Mode::None)) {
                ++s_failures;
                return SQLITE_IOERR_WRITE;
            }
        }
        return real(f)->pMethods->xWrite(real(f), buf, n, off);
    }
    static int close(sqlite3_file *f) { return real(f)->pMethods->xClose(real(f)); }
    static int read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
    {
        return real(f)->pMethods->xRead(real(f), buf, n, off);
    }
    static int truncate(sqlite3_file *f, sqlite3_int64 size)
    {
        return real(f)->pMethods->xTruncate(real(f), size);
    }
    static int sync(sqlite3_file *f, int flags) { return real(f)->pMethods->xSync(real(f), flags); }
    static int fileSize(sqlite3_file *f, sqlite3_int64 *size)
    {
        return real(f)->pMethods->xFileSize(real(f), size);
    }
    static int lock(sqlite3_file *f, int l) { return real(f)->pMethods->xLock(real(f), l); }
    static int unlock(sqlite3_file *f, int l) { return real(f)->pMethods->xUnlock(real(f), l); }
    static int checkReserved(sqlite3_file *f, int *out)
    {
        return real(f)->pMethods->xCheckReservedLock(real(f), out);
    }
    static int fileControl(sqlite3_file *f, int op, void *arg)
    {
        return real(f)->pMethods->xFileControl(real(f), op, arg);
    }
    static int sectorSize(sqlite3_file *f) { return real(f)->pMethods->xSectorSize(real(f)); }
    static int deviceCharacteristics(sqlite3_file *f)
    {
        return real(f)->pMethods->xDeviceCharacteristics(real(f));
    }
    static int shmMap(sqlite3_file *f, int page, int size, int extend, void volatile **out)
    {
        return real(f)->pMethods->xShmMap(real(f), page, size, extend, out);
    }
    static int shmLock(sqlite3_file *f, int offset, int n, int flags)
    {
        return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
    }
    static void shmBarrier(sqlite3_file *f) { real(f)->pMethods->xShmBarrier(real(f)); }
    static int shmUnmap(sqlite3_file *f, int deleteFlag)
    {
        return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
    }
    static int fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **out)
    {
        return real(f)->pMethods->xFetch(real(f), off, n, out);
    }
    static int unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
    {
        return real(f)->pMethods->xUnfetch(real(f), off, p);
    }

    static int open(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags)
    {
        static const sqlite3_io_methods methods = {
            3,
            close,
            read,
            write,
            truncate,
            sync,
            fileSize,
            lock,
            unlock,
            checkReserved,
            fileControl,
            sectorSize,
            deviceCharacteristics,
            shmMap,
            shmLock,
            shmBarrier,
            shmUnmap,
            fetch,
            unfetch,
        };
        auto *h = reinterpret_cast<File *>(file);
        h->real = reinterpret_cast<sqlite3_file *>(h + 1);
        h->wal = (flags & SQLITE_OPEN_WAL) != 0;
        h->base.pMethods = nullptr;
        const int rc = s_real->xOpen(s_real, name, h->real, flags, outFlags);
        if (h->real->pMethods) // SQLite calls xClose whenever pMethods is set, also after a failed open
            h->base.pMethods = &methods;
        return rc;
    }

    static inline sqlite3_vfs *s_real = nullptr;
    static inline sqlite3_vfs s_vfs{};
    static inline std::atomic<Mode> s_mode{Mode::None};
    static inline std::atomic<int> s_failures{0};
};

} // namespace WedSync::Test
