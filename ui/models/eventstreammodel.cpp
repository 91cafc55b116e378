#include "eventstreammodel.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace WedSync::Ui {

namespace {
qint64 timeOf(const QJsonObject &event)
{
    for (const char *key : {"received_at", "timestamp"}) {
        const QJsonValue v = event.value(QLatin1String(key));
        if (v.isDouble())
            return qint64(v.toDouble());
        if (v.isString()) {
            const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
            if (t.isValid())
                return t.toMSecsSinceEpoch();
        }
    }
    return 0;
}

QString valueText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Double:
        return QLocale::c().toString(v.toDouble(), 'g', 12);
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Object:
        return QStringLiteral("{…}");
    case QJsonValue::Array:
        return QStringLiteral("[…]");
    default:
        return {};
    }
}
} // namespace

EventStreamModel::EventStreamModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_summaryCache(4096)
{
    m_strings.append(QString());
    m_stringIndex.insert(QString(), 0);
    m_flushTimer.setObjectName(QStringLiteral("eventstream-flush"));
    m_flushTimer.setInterval(50);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &EventStreamModel::flushTick);
}

EventStreamModel::~EventStreamModel() = default;

int EventStreamModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventStreamModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EventStreamModel::summary(const Row &row) const
{
    if (QString *cached = m_summaryCache.object(row.seq))
        return *cached;
    const QJsonObject event = QJsonDocument::fromJson(m_arena.get(row.raw)).object();
    const QJsonObject data = event.value(QStringLiteral("data")).toObject();
    QStringList parts;
    for (auto it = data.constBegin(); it != data.constEnd() && parts.size() < 4; ++it) {
        const QString text = valueText(it.value());
        if (!text.isEmpty())
            parts.append(it.key() + QLatin1Char('=') + text.left(40));
    }
    auto *s = new QString(parts.join(QStringLiteral("  ")));
    m_summaryCache.insert(row.seq, s);
    return *s;
}

QVariant EventStreamModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case SeqColumn:
            return QString::number(row.seq);
        case TimeColumn:
            return row.timeMs
                       ? QDateTime::fromMSecsSinceEpoch(row.timeMs).toString(QStringLiteral("HH:mm:ss.zzz"))
                       : QString();
        case SourceColumn:
            return m_strings.at(row.source);
        case TypeColumn:
            return m_strings.at(row.type);
        case WeddingColumn:
            return m_strings.at(row.wedding);
        case SummaryColumn:
            return summary(row);
        }
        return {};
    case SeqRole:
        return row.seq;
    case RawJsonRole:
        return m_arena.get(row.raw);
    case SourceRole:
        return m_strings.at(row.source);
    case TypeRole:
        return m_strings.at(row.type);
    case WeddingRole:
        return m_strings.at(row.wedding);
    case TimeRole:
        return row.timeMs;
    case Qt::TextAlignmentRole:
        if (index.column() == SeqColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant EventStreamModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeqColumn:
        return tr("Seq");
    case TimeColumn:
        return tr("Time");
    case SourceColumn:
        return tr("Source");
    case TypeColumn:
        return tr("Event type");
    case WeddingColumn:
        return tr("Wedding");
    case SummaryColumn:
        return tr("Details");
    }
    return {};
}

void EventStreamModel::setRowCap(int cap)
{
    m_cap = std::max(1, cap);
    if (int(m_rows.size()) > m_cap)
        dropFront(int(m_rows.size()) - m_cap);
}

void EventStreamModel::setFlushInterval(int ms)
{
    m_flushInterval = ms;
    m_flushTimer.setInterval(ms);
}

quint32 EventStreamModel::intern(const QString &value)
{
    const auto it = m_stringIndex.constFind(value);
    if (it != m_stringIndex.constEnd())
        return it.value();
    const quint32 id = quint32(m_strings.size());
    m_strings.append(value);
    m_stringIndex.insert(value, id);
    return id;
}

EventStreamModel::Row EventStreamModel::makeRow(qint64 seq, const QJsonObject &event, const QByteArray &raw)
{
    Row r;
    r.seq = seq;
    r.timeMs = timeOf(event);
    r.source = intern(EventFilter::sourceOf(event));
    r.type = intern(EventFilter::typeOf(event));
    r.wedding = intern(EventFilter::weddingOf(event));
    r.raw = m_arena.append(raw);
    return r;
}

void EventStreamModel::appendEvents(const QList<Client::TopicEvent> &events)
{
    for (const Client::TopicEvent &e : events) {
        if (e.topic != QLatin1String("events"))
            continue;
        const qint64 seq = e.seq ? e.seq : qint64(e.data.value(QStringLiteral("seq")).toDouble());
        if (seq <= m_lastAcceptedSeq)
            continue;
        // The node client writes the compact JSON (with the journal's seq, for the detail pane and export)
        // on its parser thread; events made here without it are written now.
        const QByteArray raw = e.raw.isEmpty() ? Client::compactEventJson(seq, e.data) : e.raw;
        if (!m_filter.isEmpty() && !m_filter.matches(e.data, raw))
            continue;
        m_lastAcceptedSeq = seq;
        m_pending.push_back(makeRow(seq, e.data, raw));
    }
    // Never let the buffer outgrow the cap between flushes.
    if (int(m_pending.size()) > m_cap) {
        const size_t excess = m_pending.size() - size_t(m_cap);
        for (size_t i = 0; i < excess; ++i)
            m_arena.release(m_pending[i].raw);
        m_pending.erase(m_pending.begin(), m_pending.begin() + qsizetype(excess));
        m_dropped += qint64(excess);
    }
    if (!m_pending.empty() && !m_flushTimer.isActive())
        m_flushTimer.start();
}

void EventStreamModel::dropFront(int count)
{
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    for (int i = 0; i < count; ++i) {
        m_summaryCache.remove(m_rows.front().seq);
        m_arena.release(m_rows.front().raw);
        m_rows.pop_front();
    }
    m_dropped += count;
    endRemoveRows();
}

void EventStreamModel::flush()
{
    m_flushTimer.stop();
    if (!m_pending.empty())
        insertPending(int(m_pending.size()));
}

void EventStreamModel::flushTick()
{
    if (m_pending.empty())
        return;
    const int count = std::min(int(m_pending.size()), kMaxRowsPerTick);
    insertPending(count);
    // Heavy arrivals (thousands a second): tick, and so repaint, half as often. Each repaint costs the same
    // however many rows came in, so this halves the painting per event; the rows still appear within 0.1 s.
    m_flushTimer.setInterval(count >= kBusyRows ? std::max(m_flushInterval, kBusyFlushInterval)
                                                : m_flushInterval);
    // The rest follows as soon as the event loop has painted and handled input.
    if (!m_pending.empty())
        QTimer::singleShot(0, this, [this] {
            if (!m_flushTimer.isActive())
                flushTick();
        });
}

// Inserts the oldest `count` pending arrivals with one beginInsertRows/endInsertRows.
void EventStreamModel::insertPending(int count)
{
    const int overflow = int(m_rows.size()) + count - m_cap;
    if (overflow > 0)
        dropFront(std::min(overflow, int(m_rows.size())));
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + count - 1);
    m_rows.insert(m_rows.end(), m_pending.begin(), m_pending.begin() + count);
    endInsertRows();
    m_pending.erase(m_pending.begin(), m_pending.begin() + count);
    Q_EMIT flushed(count);
}

int EventStreamModel::prependEvents(const QList<QJsonObject> &events)
{
    const qint64 oldest = oldestSeq();
    QList<QJsonObject> accepted;
    for (const QJsonObject &e : events) {
        const qint64 seq = qint64(e.value(QStringLiteral("seq")).toDouble());
        if (seq <= 0 || (oldest > 0 && seq >= oldest) ||
            (!accepted.isEmpty() && seq <= qint64(accepted.last().value(QStringLiteral("seq")).toDouble())))
            continue;
        accepted.append(e);
    }
    const int room = m_cap - int(m_rows.size()) - int(m_pending.size());
    if (room <= 0 || accepted.isEmpty())
        return 0;
    if (accepted.size() > room)
        accepted = accepted.mid(accepted.size() - room); // keep the newest of the older ones
    beginInsertRows({}, 0, int(accepted.size()) - 1);
    for (auto it = accepted.crbegin(); it != accepted.crend(); ++it) {
        const QJsonObject &e = *it;
        const qint64 seq = qint64(e.value(QStringLiteral("seq")).toDouble());
        m_rows.push_front(makeRow(seq, e, Client::compactEventJson(seq, e)));
        if (m_lastAcceptedSeq < m_rows.front().seq)
            m_lastAcceptedSeq = m_rows.front().seq;
    }
    endInsertRows();
    return int(accepted.size());
}

void EventStreamModel::setFilter(const EventFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    // Pending arrivals and held rows are both filtered now.
    std::vector<Row> keep;
    for (const Row &p : m_pending) {
        if (m_filter.matchesRow(m_strings.at(p.source), m_strings.at(p.type), m_strings.at(p.wedding),
                                m_arena.get(p.raw)))
            keep.push_back(p);
        else
            m_arena.release(p.raw);
    }
    m_pending.swap(keep);
    if (m_filter.isEmpty())
        return;
    beginResetModel();
    std::deque<Row> kept;
    for (const Row &r : m_rows) {
        if (m_filter.matchesRow(m_strings.at(r.source), m_strings.at(r.type), m_strings.at(r.wedding),
                                m_arena.get(r.raw)))
            kept.push_back(r);
        else
            m_arena.release(r.raw);
    }
    m_rows.swap(kept);
    m_summaryCache.clear();
    endResetModel();
}

void EventStreamModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_pending.clear();
    m_arena.clear();
    m_summaryCache.clear();
    m_lastAcceptedSeq = 0;
    endResetModel();
}

qint64 EventStreamModel::newestSeq() const
{
    return m_rows.empty() ? 0 : m_rows.back().seq;
}

qint64 EventStreamModel::oldestSeq() const
{
    return m_rows.empty() ? 0 : m_rows.front().seq;
}

QByteArray EventStreamModel::rawJson(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return {};
    return m_arena.get(m_rows[size_t(row)].raw);
}

int EventStreamModel::rowForSeq(qint64 seq) const
{
    const auto it =
        std::lower_bound(m_rows.begin(), m_rows.end(), seq, [](const Row &r, qint64 s) { return r.seq < s; });
    if (it == m_rows.end() || it->seq != seq)
        return -1;
    return int(it - m_rows.begin());
}

int EventStreamModel::firstRowAtOrAfter(qint64 seq) const
{
    const auto it =
        std::lower_bound(m_rows.begin(), m_rows.end(), seq, [](const Row &r, qint64 s) { return r.seq < s; });
    return int(it - m_rows.begin());
}

qint64 EventStreamModel::memoryBytes() const
{
    return qint64(m_rows.size() * sizeof(Row)) + m_arena.memoryBytes();
}

} // namespace WedSync::Ui
