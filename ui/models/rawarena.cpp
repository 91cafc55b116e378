#include "rawarena.h"

#include <QThreadPool>

namespace WedSync::Ui {

RawArena::RawArena(int blockSize)
    : m_blockSize(blockSize)
{}

RawArena::Handle RawArena::append(const QByteArray &bytes)
{
    if (!m_compressing.empty())
        collect();
    if (m_blocks.empty() || m_blocks.back().sealed)
        m_blocks.push_back(Block{});
    Block *open = &m_blocks.back();
    if (!open->bytes.isEmpty() && open->bytes.size() + bytes.size() > m_blockSize) {
        seal();
        m_blocks.push_back(Block{});
        open = &m_blocks.back();
    }
    if (open->bytes.capacity() < m_blockSize)
        open->bytes.reserve(std::max<qsizetype>(m_blockSize, bytes.size()));
    Handle h;
    h.block = m_firstBlock + quint32(m_blocks.size() - 1);
    h.offset = quint32(open->bytes.size());
    h.length = quint32(bytes.size());
    open->bytes.append(bytes);
    ++open->live;
    return h;
}

void RawArena::seal()
{
    Block &b = m_blocks.back();
    b.sealed = true;
    if (int(m_compressing.size()) >= kMaxCompressing) {
        // The pool is behind (a burst, a busy machine): compress this one here rather than hold more
        // plain blocks.
        b.bytes = qCompress(b.bytes, 1);
        b.bytes.squeeze();
        b.compressed = true;
        return;
    }
    auto job = std::make_shared<Compression>();
    job->input = b.bytes; // shared, not copied: the block is not written any more
    b.job = job;
    m_compressing.push_back(m_firstBlock + quint32(m_blocks.size() - 1));
    QThreadPool::globalInstance()->start([job] {
        QByteArray out = qCompress(job->input, 1);
        out.squeeze();
        job->output = std::move(out);
        job->input = QByteArray();
        job->done.store(true, std::memory_order_release);
        job->done.notify_all();
    });
}

void RawArena::collect()
{
    while (!m_compressing.empty()) {
        const quint32 n = m_compressing.front();
        if (n < m_firstBlock) { // freed meanwhile: its result is not needed
            m_compressing.pop_front();
            continue;
        }
        Block &b = m_blocks[n - m_firstBlock];
        if (!b.job->done.load(std::memory_order_acquire))
            return;
        b.bytes = std::move(b.job->output);
        b.compressed = true;
        b.job.reset();
        m_compressing.pop_front();
    }
}

const QByteArray &RawArena::plain(quint32 block) const
{
    const Block &b = m_blocks[block - m_firstBlock];
    if (!b.compressed)
        return b.bytes;
    for (int i = 0; i < 2; ++i) {
        if (m_cacheBlock[i] == block)
            return m_cache[i];
    }
    const int slot = m_cacheNext;
    m_cacheNext = (m_cacheNext + 1) % 2;
    m_cacheBlock[slot] = block;
    m_cache[slot] = qUncompress(b.bytes);
    return m_cache[slot];
}

QByteArray RawArena::get(const Handle &handle) const
{
    if (handle.block < m_firstBlock || handle.block - m_firstBlock >= m_blocks.size())
        return {};
    const QByteArray &bytes = plain(handle.block);
    return bytes.mid(handle.offset, handle.length);
}

void RawArena::release(const Handle &handle)
{
    if (handle.block < m_firstBlock || handle.block - m_firstBlock >= m_blocks.size())
        return;
    --m_blocks[handle.block - m_firstBlock].live;
    while (!m_blocks.empty() && m_blocks.front().live <= 0 && m_blocks.front().sealed) {
        for (int i = 0; i < 2; ++i) {
            if (m_cacheBlock[i] == m_firstBlock) {
                m_cacheBlock[i] = ~0u;
                m_cache[i].clear();
            }
        }
        m_blocks.pop_front();
        ++m_firstBlock;
    }
}

void RawArena::settle()
{
    for (const quint32 n : m_compressing) {
        if (n >= m_firstBlock)
            m_blocks[n - m_firstBlock].job->done.wait(false, std::memory_order_acquire);
    }
    collect();
}

void RawArena::clear()
{
    m_firstBlock += quint32(m_blocks.size());
    m_blocks.clear();
    m_compressing.clear();
    for (int i = 0; i < 2; ++i) {
        m_cacheBlock[i] = ~0u;
        m_cache[i].clear();
    }
}

qint64 RawArena::memoryBytes() const
{
    qint64 total = 0;
    for (const Block &b : m_blocks)
        total += b.bytes.capacity();
    return total + m_cache[0].capacity() + m_cache[1].capacity();
}

} // namespace WedSync::Ui
