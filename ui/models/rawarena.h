// Compact storage for the raw JSON of many events: bytes are appended to an open block; a full block is
// sealed and zlib-compressed (JSON shrinks several times), so a million events fit in bounded memory.
// Compression runs on Qt's global thread pool (the block is read as it is until it is done); when more
// than kMaxCompressing blocks wait, the next one is compressed at once, so the memory stays bounded.
// Each block counts its live rows; a row dropped releases its handle and blocks whose rows are all gone
// are freed from the front. Reading a row decompresses its block
// into a small cache (the rows on screen are neighbours, so one or two blocks serve a whole paint).
// Not thread-safe: used by one model on the GUI thread.
#pragma once

#include <QByteArray>
#include <QList>
#include <atomic>
#include <deque>
#include <memory>

namespace WedSync::Ui {

class RawArena
{
public:
    struct Handle
    {
        quint32 block = 0; // absolute block number
        quint32 offset = 0;
        quint32 length = 0;
    };

    // 64 KiB: zlib's window is 32 KiB, so larger blocks barely compress better, while sealing one (on the
    // GUI thread) and reading a row back (decompressing its block) cost in proportion to the size.
    explicit RawArena(int blockSize = 64 * 1024);

    Handle append(const QByteArray &bytes);
    QByteArray get(const Handle &handle) const;
    // The row holding this handle is gone.
    void release(const Handle &handle);
    void clear();
    // Waits for the compressions still running and swaps their results in.
    void settle();

    qint64 memoryBytes() const; // compressed blocks + the open block + the read cache
    int blockCount() const { return int(m_blocks.size()); }

    static constexpr int kMaxCompressing = 8;

private:
    struct Compression
    {
        QByteArray input;
        QByteArray output;
        std::atomic<bool> done{false};
    };
    struct Block
    {
        QByteArray bytes;    // compressed once `compressed`, plain before
        bool sealed = false; // no more appends
        bool compressed = false;
        int live = 0;
        std::shared_ptr<Compression> job; // while compressing on the pool
    };
    void seal();
    // Swaps in the compressed bytes of blocks whose compression has finished.
    void collect();
    const QByteArray &plain(quint32 block) const;

    int m_blockSize;
    quint32 m_firstBlock = 0; // absolute number of m_blocks.front()
    std::deque<Block> m_blocks;
    std::deque<quint32> m_compressing; // absolute numbers of blocks with a job, oldest first
    mutable quint32 m_cacheBlock[2] = {~0u, ~0u};
    mutable QByteArray m_cache[2];
    mutable int m_cacheNext = 0;
};

} // namespace WedSync::Ui
