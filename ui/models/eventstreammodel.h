// The live event stream as a table. Built for volume (1,000,000 rows, 10,000 events/s): arrivals are
// buffered and inserted on a ~50 ms timer with one beginInsertRows/endInsertRows per flush; rows live in a
// capped deque (the oldest are dropped, and can be fetched again from the node on demand); each row keeps
// only its seq, time, a few interned fields and a handle to its raw JSON in a compressed arena. Display
// text is built in data().
#pragma once

#include "client/nodeclient.h"
#include "models/eventfilter.h"
#include "models/rawarena.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QHash>
#include <QTimer>
#include <deque>

namespace WedSync::Ui {

class EventStreamModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        SeqColumn,
        TimeColumn,
        SourceColumn,
        TypeColumn,
        WeddingColumn,
        SummaryColumn,
        ColumnCount
    };
    enum Role { SeqRole = Qt::UserRole + 1, RawJsonRole, SourceRole, TypeRole, WeddingRole, TimeRole };

    explicit EventStreamModel(QObject *parent = nullptr);
    ~EventStreamModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Most rows kept; lowering it drops the oldest at once.
    void setRowCap(int cap);
    int rowCap() const { return m_cap; }
    void setFlushInterval(int ms);

    // Client-side filter: rows that do not match are removed now, arrivals that do not match are ignored.
    void setFilter(const EventFilter &filter);
    const EventFilter &filter() const { return m_filter; }

    // Live arrivals (topic "events"), buffered until the next flush. Events not newer than the newest row
    // (replay overlap after a reconnect) are ignored.
    void appendEvents(const QList<WedSync::Client::TopicEvent> &events);
    // Older events fetched from the node (ascending seq, all older than the oldest row), inserted at the top
    // while there is room under the cap. Returns how many were inserted.
    int prependEvents(const QList<QJsonObject> &events);
    // Inserts every buffered arrival now (the timer inserts at most kMaxRowsPerTick per tick).
    void flush();
    void clear();

    // A backlog (a burst, a replay after a reconnect) is spread over several ticks, so that one tick's
    // insert and the repaint after it stay short.
    static constexpr int kMaxRowsPerTick = 2000;

    qint64 newestSeq() const;
    qint64 oldestSeq() const;
    qint64 droppedCount() const { return m_dropped; }
    int pendingCount() const { return int(m_pending.size()); }
    QByteArray rawJson(int row) const;
    int rowForSeq(qint64 seq) const;         // -1 when not held
    int firstRowAtOrAfter(qint64 seq) const; // rowCount() when none
    qint64 memoryBytes() const; // rows + arena (approximate, for the benchmark and the status line)

Q_SIGNALS:
    void flushed(int inserted);

private:
    struct Row
    {
        qint64 seq = 0;
        qint64 timeMs = 0;
        quint32 source = 0;
        quint32 type = 0;
        quint32 wedding = 0;
        RawArena::Handle raw;
    };
    quint32 intern(const QString &value);
    Row makeRow(qint64 seq, const QJsonObject &event, const QByteArray &raw);
    void dropFront(int count);
    void insertPending(int count);
    void flushTick();
    QString summary(const Row &row) const;

    std::deque<Row> m_rows;
    // Arrivals not yet inserted, already in their compact form (interned fields, raw JSON in the arena), so
    // that a flush only moves them into m_rows.
    std::vector<Row> m_pending;
    RawArena m_arena;
    QStringList m_strings; // interned values; index 0 = ""
    QHash<QString, quint32> m_stringIndex;
    EventFilter m_filter;
    int m_cap = 1000000;
    qint64 m_dropped = 0;
    qint64 m_lastAcceptedSeq = 0;
    QTimer m_flushTimer;
    int m_flushInterval = 50; // as set; stretched to kBusyFlushInterval while arrivals are heavy
    static constexpr int kBusyFlushInterval = 100;
    static constexpr int kBusyRows = 250; // rows per tick from which arrivals count as heavy
    mutable QCache<qint64, QString> m_summaryCache;
};

} // namespace WedSync::Ui
