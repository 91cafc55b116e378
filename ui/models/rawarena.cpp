#include "rawarena.h"

namespace WedSync::Ui {

RawArena::RawArena(int blockSize)
    : m_blockSize(blockSize)
{}

RawArena::Handle RawArena::append(const QByteArray &bytes)
{
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
    b.bytes = qCompress(b.bytes, 1);
    b.bytes.squeeze();
    b.sealed = true;
}

const QByteArray &RawArena::plain(quint32 block) const
{
    const Block &b = m_blocks[block - m_firstBlock];
    if (!b.sealed)
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

void RawArena::clear()
{
    m_firstBlock += quint32(m_blocks.size());
    m_blocks.clear();
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
