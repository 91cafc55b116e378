#include "journal.h"

#include "common/threads.h"
#include "store/database.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPromise>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <sqlite3.h>

static Q_LOGGING_CATEGORY(lcJournal, "wedsync.journal", QtInfoMsg)

namespace WedSync::Events {

using Clock = std::chrono::steady_clock;

// How one append() call learns its results: a future (single or multi) or a callback. Each event of the
// call is resolved once, on the calling thread before it is queued, or on the writer thread after; the
// last resolution hands the results over.
struct Journal::Group
{
    std::optional<QPromise<AppendResult>> single;
    std::optional<QPromise<QList<AppendResult>>> multi;
    std::function<void(QList<AppendResult>)> done;
    QList<AppendResult> results;
    std::atomic<int> remaining{0};

    void resolve(int index, const AppendResult &r)
    {
        results[index] = r;
        if (remaining.fetch_sub(1, std::memory_order_acq_rel) > 1)
            return;
        finish();
    }
    void finish()
    {
        if (single) {
            single->addResult(results.first()); // a single append has exactly one event
            single->finish();
        } else if (multi) {
            multi->addResult(results);
            multi->finish();
        } else if (done) {
            done(std::move(results));
        }
    }
};

namespace {

struct PruneWaiter
{
    QPromise<int> promise;
    int removed = 0;
};

Error shuttingDown()
{
    return Error::make(QString::fromLatin1(ErrorCode::ShuttingDown),
                       QStringLiteral("the engine is shutting down; send the event again once it is back"));
}

// The event as reading its payload back gives it: the payload holds times in UTC, to the millisecond.
Event asStored(Event e)
{
    e.timestamp = QDateTime::fromMSecsSinceEpoch(e.timestamp.toMSecsSinceEpoch(), Qt::UTC);
    e.receivedAt = QDateTime::fromMSecsSinceEpoch(e.receivedAt.toMSecsSinceEpoch(), Qt::UTC);
    return e;
}
} // namespace

struct Journal::Pending
{
    std::shared_ptr<Group> group;
    int index = 0;
    QString source;
    QString eventId;
    QString type;
    qint64 occurredMs = 0;
    qint64 receivedMs = 0;
    QString weddingId;
    QString organizationId;
    QString correlationId;
    QString causationId;
    qint64 chainSeq = 0; // given by the caller; 0: this event starts its chain (chain_seq = its own seq)
    qint64 chainFor(qint64 seq) const { return chainSeq > 0 ? chainSeq : seq; }
    QByteArray payload;
    Event event; // as stored (what reading the payload back gives), for the in-memory tail
    Clock::time_point enqueued;
    bool maybeCommitted = false; // a commit failed with an unknown outcome; a conflict then is our own row
    AppendResult result;
};

Journal::Journal(Store::Database *db, Options options, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_options(options)
{
    qRegisterMetaType<WedSync::Error>();
}

Journal::~Journal()
{
    stop();
}

bool Journal::start(Error *error)
{
    if (m_running.load())
        return true;
    {
        QSqlDatabase db = m_db->connection(error);
        if (!db.isOpen())
            return false;
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT last_seq FROM journal_head WHERE id = 1")) || !q.next()) {
            if (error)
                *error = Store::Database::toError(q.lastError(), QStringLiteral("reading the journal head"));
            return false;
        }
        m_lastSeq.store(q.value(0).toLongLong());
    }
    {
        std::lock_guard lock(m_mutex);
        m_stopping = false;
    }
    m_running.store(true);
    m_thread = std::thread([this] { run(); });
    qCInfo(lcJournal) << "journal open at seq" << m_lastSeq.load() << "on" << m_db->settings().displayName();
    return true;
}

void Journal::stop()
{
    if (!m_running.load())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    m_running.store(false);
}

QFuture<AppendResult> Journal::append(const Event &event)
{
    auto group = std::make_shared<Group>();
    group->single.emplace();
    group->single->start();
    QFuture<AppendResult> future = group->single->future();
    enqueue(&event, 1, group);
    return future;
}

QFuture<QList<AppendResult>> Journal::append(const QList<Event> &events, const QList<qint64> &chainSeqs)
{
    auto group = std::make_shared<Group>();
    group->multi.emplace();
    group->multi->start();
    QFuture<QList<AppendResult>> future = group->multi->future();
    enqueue(events.constData(), events.size(), group, chainSeqs);
    return future;
}

void Journal::append(const QList<Event> &events, std::function<void(QList<AppendResult>)> done)
{
    auto group = std::make_shared<Group>();
    group->done = std::move(done);
    enqueue(events.constData(), events.size(), group);
}

void Journal::enqueue(const Event *events, qsizetype count, const std::shared_ptr<Group> &group,
                      const QList<qint64> &chainSeqs)
{
    group->results.resize(count);
    group->remaining = int(count);
    if (count == 0) {
        group->finish();
        return;
    }
    std::vector<Pending> accepted;
    accepted.reserve(size_t(count));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (qsizetype i = 0; i < count; ++i) {
        const Event &event = events[i];
        const QList<FieldError> errors = event.validate();
        if (!errors.isEmpty()) {
            QJsonArray fields;
            for (const auto &fe : errors)
                fields.append(fe.toJson());
            group->resolve(
                int(i), {0, false,
                         Error::make(QString::fromLatin1(ErrorCode::ValidationFailed),
                                     QStringLiteral("the event is not valid: %1").arg(errors.first().message),
                                     QJsonObject{{QStringLiteral("fields"), fields}})});
            continue;
        }
        Pending p;
        p.group = group;
        p.index = int(i);
        p.source = event.source;
        p.eventId = event.id;
        p.type = event.type;
        p.occurredMs = event.timestamp.toMSecsSinceEpoch();
        p.receivedMs = event.receivedAt.isValid() ? event.receivedAt.toMSecsSinceEpoch() : now;
        p.weddingId = event.weddingId;
        p.organizationId = event.organizationId;
        p.correlationId = event.correlationId;
        p.causationId = event.causationId;
        p.chainSeq = i < chainSeqs.size() ? std::max<qint64>(0, chainSeqs[i]) : 0;
        Event stored = event;
        if (!stored.receivedAt.isValid())
            stored.receivedAt = QDateTime::fromMSecsSinceEpoch(p.receivedMs, Qt::UTC);
        p.payload = stored.toCompactJson();
        if (m_options.tailCache > 0)
            p.event = asStored(std::move(stored));
        p.enqueued = Clock::now();
        accepted.push_back(std::move(p));
    }
    if (accepted.empty())
        return;
    bool queued = false;
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping && m_running.load()) {
            for (auto &p : accepted)
                m_queue.push_back(std::move(p));
            queued = true;
        }
    }
    if (queued) {
        m_cv.notify_one();
        return;
    }
    for (auto &p : accepted)
        p.group->resolve(p.index, {0, false, shuttingDown()});
}

void Journal::setWritable(bool writable, const Error &error)
{
    if (m_writable.exchange(writable) == writable)
        return;
    if (writable)
        qCInfo(lcJournal) << "database writable again; appends resume";
    else
        qCWarning(lcJournal).noquote() << error.code << error.message;
    Q_EMIT writableChanged(writable, error);
}

void Journal::run()
{
    nameCurrentThread("wedsync-journal");
    auto nextPrune = Clock::now() + m_options.pruneInterval;
    bool pruning = false;
    auto backoff = std::chrono::milliseconds(100);

    for (;;) {
        std::vector<Pending> batch;
        bool stopping = false;
        {
            std::unique_lock lock(m_mutex);
            const bool retentionOn = m_options.retention.count() > 0;
            auto wake = [&] {
                return m_stopping || !m_queue.empty() || pruning || !m_pruneWaiters.isEmpty();
            };
            if (retentionOn)
                m_cv.wait_until(lock, nextPrune, wake);
            else
                m_cv.wait(lock, wake);
            stopping = m_stopping;
            const size_t n = std::min<size_t>(m_queue.size(), size_t(m_options.maxBatch));
            batch.reserve(n);
            for (size_t i = 0; i < n; ++i) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
            if (!m_pruneWaiters.isEmpty() || (retentionOn && Clock::now() >= nextPrune))
                pruning = true;
        }

        while (!batch.empty()) {
            Error error;
            if (commitBatch(batch, &error)) {
                setWritable(true, {});
                backoff = std::chrono::milliseconds(100);
                settle(batch);
                break;
            }
            const bool transient = error.code == QLatin1String(ErrorCode::StoreUnavailable) ||
                                   error.code == QLatin1String(ErrorCode::StoreFull);
            if (!transient && batch.size() > 1) {
                // A statement failed for one event: commit the rest one by one so only that one fails.
                std::vector<Pending> rest = std::move(batch);
                batch.clear();
                for (auto &p : rest) {
                    std::vector<Pending> single;
                    single.push_back(std::move(p));
                    Error e;
                    if (!commitBatch(single, &e))
                        single.front().result = {0, false, e};
                    settle(single);
                }
                break;
            }
            if (!transient) {
                batch.front().result = {0, false, error};
                settle(batch);
                break;
            }
            setWritable(false, error);
            qCDebug(lcJournal).noquote() << "commit failed, will retry:" << error.message;
            // Fail appends that waited too long: the caller answers "try again" instead of hanging.
            const auto now = Clock::now();
            std::vector<Pending> keep;
            for (auto &p : batch) {
                if (now - p.enqueued > m_options.appendTimeout || stopping) {
                    std::vector<Pending> one;
                    p.result = {0, false, error};
                    one.push_back(std::move(p));
                    settle(one);
                } else {
                    keep.push_back(std::move(p));
                }
            }
            batch = std::move(keep);
            if (batch.empty())
                break;
            {
                std::unique_lock lock(m_mutex);
                m_cv.wait_for(lock, backoff, [&] { return m_stopping; });
                stopping = m_stopping;
            }
            backoff = std::min(backoff * 2, m_options.reconnectMax);
            m_statements.reset(); // prepared on the connection about to be replaced
            Error reconnectError;
            if (!m_db->reconnect(&reconnectError))
                qCDebug(lcJournal) << "reconnect failed:" << reconnectError.message;
        }

        if (pruning) {
            bool queueEmpty;
            {
                std::lock_guard lock(m_mutex);
                queueEmpty = m_queue.empty();
            }
            // Appends first: retention only runs one short step when nothing is waiting.
            if (queueEmpty || stopping) {
                Error error;
                const int removed = m_options.retention.count() > 0 ? pruneStep(&error) : 0;
                if (removed < 0)
                    qCWarning(lcJournal).noquote() << "retention step failed:" << error.message;
                QList<std::shared_ptr<void>> done;
                {
                    std::lock_guard lock(m_mutex);
                    for (auto &w : m_pruneWaiters)
                        static_cast<PruneWaiter *>(w.get())->removed += std::max(0, removed);
                    if (removed < m_options.pruneChunk) {
                        done = std::move(m_pruneWaiters);
                        m_pruneWaiters.clear();
                    }
                }
                if (removed < m_options.pruneChunk) {
                    pruning = false;
                    nextPrune = Clock::now() + m_options.pruneInterval;
                }
                for (auto &w : done) {
                    auto *waiter = static_cast<PruneWaiter *>(w.get());
                    waiter->promise.addResult(waiter->removed);
                    waiter->promise.finish();
                }
            }
        }

        if (stopping) {
            std::lock_guard lock(m_mutex);
            if (m_queue.empty())
                break;
        }
    }
    {
        std::lock_guard lock(m_mutex);
        for (auto &w : m_pruneWaiters) {
            auto *waiter = static_cast<PruneWaiter *>(w.get());
            waiter->promise.addResult(waiter->removed);
            waiter->promise.finish();
        }
        m_pruneWaiters.clear();
    }
    m_statements.reset();
    m_db->releaseThreadConnection();
}

namespace {
constexpr int kInsertChunk = 64; // rows per multi-row INSERT (kInsertColumns parameters each)
constexpr int kInsertColumns = 12;
constexpr int kLookupChunk = 200; // keys per duplicate lookup
} // namespace

// Prepared statements of the writer thread, reused across batches; dropped before a reconnect.
struct Journal::Statements
{
    QSqlQuery insertChunk; // PostgreSQL
    bool prepared = false;
    // SQLite: the driver's own handle, used directly on this hot path (Qt's bindValue costs ~2k
    // instructions per value). Owned by Qt's connection; the statements are ours.
    sqlite3 *handle = nullptr;
    sqlite3_stmt *lookup = nullptr;
    sqlite3_stmt *insert = nullptr;
    ~Statements()
    {
        sqlite3_finalize(lookup);
        sqlite3_finalize(insert);
    }
};

// SQLite: one insert per event through the C API that does nothing for a (source, event_id) already
// stored, and only then a lookup of that row's seq (duplicates are rare; the unique index is searched once
// for a new event instead of twice). Returns an empty string on success, else SQLite's message.
static QString sqliteAppend(sqlite3_stmt *lookup, sqlite3_stmt *insert, const QByteArray &source,
                            const QByteArray &eventId, const QByteArray &type, qint64 seq, qint64 occurredMs,
                            qint64 receivedMs, const QByteArray &wedding, const QByteArray &organization,
                            const QByteArray &correlation, const QByteArray &causation,
                            const QByteArray &payload, qint64 chainSeq, qint64 *existing)
{
    *existing = 0;
    sqlite3 *db = sqlite3_db_handle(insert);
    sqlite3_reset(insert);
    auto text = [&](int i, const QByteArray &v) {
        if (v.isEmpty())
            sqlite3_bind_null(insert, i);
        else
            sqlite3_bind_text(insert, i, v.constData(), int(v.size()), SQLITE_STATIC);
    };
    sqlite3_bind_int64(insert, 1, seq);
    text(2, source);
    text(3, eventId);
    text(4, type);
    sqlite3_bind_int64(insert, 5, occurredMs);
    sqlite3_bind_int64(insert, 6, receivedMs);
    text(7, wedding);
    text(8, organization);
    text(9, correlation);
    text(10, causation);
    text(11, payload);
    sqlite3_bind_int64(insert, 12, chainSeq);
    int rc = sqlite3_step(insert);
    sqlite3_reset(insert);
    if (rc != SQLITE_DONE)
        return QString::fromUtf8(sqlite3_errmsg(db));
    if (sqlite3_changes(db) > 0)
        return {};
    sqlite3_reset(lookup);
    sqlite3_bind_text(lookup, 1, source.constData(), int(source.size()), SQLITE_STATIC);
    sqlite3_bind_text(lookup, 2, eventId.constData(), int(eventId.size()), SQLITE_STATIC);
    rc = sqlite3_step(lookup);
    if (rc == SQLITE_ROW)
        *existing = sqlite3_column_int64(lookup, 0);
    sqlite3_reset(lookup);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? QStringLiteral("the journal refused an event it does not hold")
                                 : QString::fromUtf8(sqlite3_errmsg(db));
    return {};
}

static QString insertSql(int rows)
{
    QString sql = QStringLiteral(
        "INSERT INTO journal (seq, source, event_id, event_type, occurred_at, received_at, "
        "wedding_id, organization_id, correlation_id, causation_id, payload, chain_seq) VALUES ");
    for (int i = 0; i < rows; ++i)
        sql += i == 0 ? QStringLiteral("(?,?,?,?,?,?,?,?,?,?,?,?)")
                      : QStringLiteral(",(?,?,?,?,?,?,?,?,?,?,?,?)");
    return sql;
}

bool Journal::commitBatch(std::vector<Pending> &batch, Error *error)
{
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return false;
    const bool pg = m_db->isPostgres();
    QSqlQuery q(db);
    auto fail = [&](const QSqlError &e, const QString &what) {
        if (error)
            *error = Store::Database::toError(e, what);
        QSqlQuery rb(db);
        rb.exec(QStringLiteral("ROLLBACK"));
        for (auto &p : batch)
            p.maybeCommitted = p.maybeCommitted || what == QLatin1String("committing the journal batch");
        return false;
    };
    // SQLite: take the write lock up front (no read-to-write upgrade that could fail half-way).
    if (!q.exec(pg ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE")))
        return fail(q.lastError(), QStringLiteral("starting a journal transaction"));
    // PostgreSQL: the row lock on the head orders appends from every node by commit.
    if (!q.exec(pg ? QStringLiteral("SELECT last_seq FROM journal_head WHERE id = 1 FOR UPDATE")
                   : QStringLiteral("SELECT last_seq FROM journal_head WHERE id = 1")) ||
        !q.next())
        return fail(q.lastError(), QStringLiteral("reading the journal head"));
    qint64 head = q.value(0).toLongLong();
    const qint64 startHead = head;
    q.finish();

    if (!pg) {
        if (!m_statements || !m_statements->handle) {
            m_statements = std::make_unique<Statements>();
            m_statements->handle = Store::Database::sqliteHandle(db);
            if (!m_statements->handle ||
                sqlite3_prepare_v2(m_statements->handle,
                                   "SELECT seq FROM journal WHERE source = ? AND event_id = ?", -1,
                                   &m_statements->lookup, nullptr) != SQLITE_OK ||
                sqlite3_prepare_v2(m_statements->handle,
                                   "INSERT INTO journal (seq, source, event_id, event_type, occurred_at, "
                                   "received_at, wedding_id, organization_id, correlation_id, causation_id, "
                                   "payload, chain_seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
                                   "ON CONFLICT (source, event_id) DO NOTHING",
                                   -1, &m_statements->insert, nullptr) != SQLITE_OK) {
                const QString why = m_statements->handle
                                        ? QString::fromUtf8(sqlite3_errmsg(m_statements->handle))
                                        : QStringLiteral("no SQLite handle");
                m_statements.reset();
                return fail(QSqlError(why, why, QSqlError::StatementError),
                            QStringLiteral("preparing the journal insert"));
            }
        }
        for (auto &p : batch) {
            qint64 existing = 0;
            const QString why =
                sqliteAppend(m_statements->lookup, m_statements->insert, p.source.toUtf8(),
                             p.eventId.toUtf8(), p.type.toUtf8(), head + 1, p.occurredMs, p.receivedMs,
                             p.weddingId.toUtf8(), p.organizationId.toUtf8(), p.correlationId.toUtf8(),
                             p.causationId.toUtf8(), p.payload, p.chainFor(head + 1), &existing);
            if (!why.isEmpty())
                return fail(QSqlError(why, why, QSqlError::StatementError),
                            QStringLiteral("appending to the journal"));
            if (existing > 0) {
                // A row from a commit whose outcome we did not learn is this very event, not a duplicate.
                p.result = {existing, !(p.maybeCommitted && existing <= startHead), {}};
            } else {
                p.result = {++head, false, {}};
            }
        }
    } else {
        // 1. Duplicates: within the batch, and against what is stored (one lookup per chunk of keys; the
        // write
        //    lock held above means nobody else can insert meanwhile).
        QHash<QPair<QString, QString>, qint64>
            known; // (source, event_id) -> seq; 0 = new in this batch, seq pending
        QList<QPair<QString, QString>> keys;
        keys.reserve(int(batch.size()));
        for (const auto &p : batch) {
            const QPair<QString, QString> k{p.source, p.eventId};
            if (!known.contains(k)) {
                known.insert(k, -1);
                keys.append(k);
            }
        }
        // Grouped by source so both SQLite and PostgreSQL use the (source, event_id) index.
        QHash<QString, QStringList> idsBySource;
        for (const auto &k : std::as_const(keys))
            idsBySource[k.first].append(k.second);
        for (auto it = idsBySource.cbegin(); it != idsBySource.cend(); ++it) {
            const QStringList &ids = it.value();
            for (int from = 0; from < ids.size(); from += kLookupChunk) {
                const int n = std::min(kLookupChunk, int(ids.size()) - from);
                QString sql =
                    QStringLiteral("SELECT event_id, seq FROM journal WHERE source = ? AND event_id IN (");
                for (int i = 0; i < n; ++i)
                    sql += i == 0 ? QStringLiteral("?") : QStringLiteral(",?");
                sql += QLatin1Char(')');
                QSqlQuery look(db);
                look.setForwardOnly(true);
                look.prepare(sql);
                look.addBindValue(it.key());
                for (int i = 0; i < n; ++i)
                    look.addBindValue(ids[from + i]);
                if (!look.exec())
                    return fail(look.lastError(), QStringLiteral("looking up duplicate events"));
                while (look.next())
                    known.insert({it.key(), look.value(0).toString()}, look.value(1).toLongLong());
            }
        }

        // 2. Sequence numbers for the new events, in arrival order; repeats get the original's number.
        std::vector<Pending *> fresh;
        fresh.reserve(batch.size());
        for (auto &p : batch) {
            auto it = known.find({p.source, p.eventId});
            if (*it > 0) {
                // Stored before this batch, or earlier in it. A row from a commit whose outcome we did
                // not learn (connection lost during COMMIT) is this very event, not a duplicate.
                const bool ours = p.maybeCommitted && it.value() <= startHead;
                p.result = {it.value(), !ours, {}};
                continue;
            }
            *it = ++head;
            p.result = {head, false, {}};
            fresh.push_back(&p);
        }

        // 3. Multi-row inserts.
        auto nullable = [](const QString &s) {
            return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
        };
        if (!m_statements || !m_statements->prepared) {
            m_statements = std::make_unique<Statements>();
            m_statements->insertChunk = QSqlQuery(db);
            if (!m_statements->insertChunk.prepare(insertSql(kInsertChunk)))
                return fail(m_statements->insertChunk.lastError(),
                            QStringLiteral("preparing the journal insert"));
            m_statements->prepared = true;
        }
        for (size_t from = 0; from < fresh.size(); from += kInsertChunk) {
            const int n = int(std::min<size_t>(kInsertChunk, fresh.size() - from));
            QSqlQuery tail(db);
            QSqlQuery &ins = n == kInsertChunk ? m_statements->insertChunk : tail;
            if (n != kInsertChunk && !ins.prepare(insertSql(n)))
                return fail(ins.lastError(), QStringLiteral("preparing the journal insert"));
            for (int i = 0; i < n; ++i) {
                const Pending &p = *fresh[from + i];
                const int b = i * kInsertColumns;
                ins.bindValue(b + 0, p.result.seq);
                ins.bindValue(b + 1, p.source);
                ins.bindValue(b + 2, p.eventId);
                ins.bindValue(b + 3, p.type);
                ins.bindValue(b + 4, p.occurredMs);
                ins.bindValue(b + 5, p.receivedMs);
                ins.bindValue(b + 6, nullable(p.weddingId));
                ins.bindValue(b + 7, nullable(p.organizationId));
                ins.bindValue(b + 8, nullable(p.correlationId));
                ins.bindValue(b + 9, nullable(p.causationId));
                // SQLite stores UTF-8 bytes as they are (no UTF-16 round trip); PostgreSQL wants text.
                ins.bindValue(b + 10, pg ? QVariant(QString::fromUtf8(p.payload)) : QVariant(p.payload));
                ins.bindValue(b + 11, p.chainFor(p.result.seq));
            }
            if (!ins.exec())
                return fail(ins.lastError(), QStringLiteral("appending to the journal"));
        }
    } // PostgreSQL
    q.prepare(QStringLiteral("UPDATE journal_head SET last_seq = ? WHERE id = 1"));
    q.addBindValue(head);
    if (!q.exec())
        return fail(q.lastError(), QStringLiteral("advancing the journal head"));
    if (pg) {
        // Wakes readers on other nodes sharing this database (LISTEN wedsync_journal).
        q.prepare(QStringLiteral("SELECT pg_notify('wedsync_journal', ?)"));
        q.addBindValue(QString::number(head));
        if (!q.exec())
            return fail(q.lastError(), QStringLiteral("notifying other nodes"));
    }
    if (!q.exec(QStringLiteral("COMMIT")))
        return fail(q.lastError(), QStringLiteral("committing the journal batch"));
    m_lastSeq.store(std::max(head, m_lastSeq.load()), std::memory_order_release);
    return true;
}

void Journal::settle(std::vector<Pending> &batch)
{
    qint64 appended = 0;
    for (auto &p : batch) {
        if (p.result.ok() && !p.result.duplicate)
            ++appended;
        p.group->resolve(p.index, p.result);
    }
    if (appended > 0 && m_options.tailCache > 0) {
        std::lock_guard lock(m_tailMutex);
        for (auto &p : batch) {
            if (!p.result.ok() || p.result.duplicate)
                continue;
            // Only consecutive sequence numbers: a gap (a commit of unknown outcome, another node's
            // events) starts the tail afresh, so readRecent never skips an event.
            if (!m_tail.empty() && m_tail.back().seq + 1 != p.result.seq)
                m_tail.clear();
            m_tail.push_back({p.result.seq, p.chainFor(p.result.seq), std::move(p.event)});
        }
        while (m_tail.size() > size_t(m_options.tailCache))
            m_tail.pop_front();
    }
    if (appended > 0) {
        m_appended.fetch_add(appended, std::memory_order_relaxed);
        Q_EMIT committed(m_lastSeq.load());
    }
}

int Journal::pruneStep(Error *error)
{
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return -1;
    const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() - m_options.retention.count();
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("DELETE FROM journal WHERE seq IN (SELECT seq FROM journal WHERE received_at < ? "
                       "ORDER BY seq LIMIT ?)"));
    q.addBindValue(cutoff);
    q.addBindValue(m_options.pruneChunk);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("pruning the journal"));
        return -1;
    }
    const int removed = q.numRowsAffected();
    if (removed > 0)
        qCDebug(lcJournal) << "retention removed" << removed << "events";
    return removed;
}

QFuture<int> Journal::prune()
{
    auto waiter = std::make_shared<PruneWaiter>();
    waiter->promise.start();
    QFuture<int> future = waiter->promise.future();
    {
        std::lock_guard lock(m_mutex);
        if (!m_running.load() || m_stopping) {
            waiter->promise.addResult(0);
            waiter->promise.finish();
            return future;
        }
        m_pruneWaiters.append(std::static_pointer_cast<void>(waiter));
    }
    m_cv.notify_one();
    return future;
}

static QList<StoredEvent> readRows(QSqlQuery &q)
{
    QList<StoredEvent> out;
    while (q.next()) {
        StoredEvent se;
        se.seq = q.value(0).toLongLong();
        se.chainSeq = q.value(2).toLongLong();
        if (se.chainSeq <= 0) // a row written without one is a chain of its own
            se.chainSeq = se.seq;
        // SQLite hands back the UTF-8 bytes as written, PostgreSQL text; toByteArray() gives UTF-8 for
        // both.
        se.event = Event::fromJson(QJsonDocument::fromJson(q.value(1).toByteArray()).object(), nullptr);
        out.append(std::move(se));
    }
    return out;
}

// SQLite: read through the C API, handing the stored UTF-8 straight to the JSON parser (Qt's driver turns
// each payload into a QString and back). The statement is prepared per call and finalized before
// returning, so nothing outlives the thread's connection.
static bool sqliteReadSince(const QSqlDatabase &db, qint64 afterSeq, int limit, QList<StoredEvent> *out,
                            QSqlError *failure)
{
    sqlite3 *handle = Store::Database::sqliteHandle(db);
    if (!handle)
        return false;
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(handle,
                           "SELECT seq, payload, chain_seq FROM journal WHERE seq > ? ORDER BY seq LIMIT ?",
                           -1, &st, nullptr) != SQLITE_OK) {
        *failure = Store::Database::sqliteError(handle);
        sqlite3_finalize(st);
        return true;
    }
    sqlite3_bind_int64(st, 1, afterSeq);
    sqlite3_bind_int(st, 2, limit);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        StoredEvent se;
        se.seq = sqlite3_column_int64(st, 0);
        se.chainSeq = sqlite3_column_int64(st, 2);
        if (se.chainSeq <= 0)
            se.chainSeq = se.seq;
        const char *bytes = static_cast<const char *>(sqlite3_column_blob(st, 1));
        const int size = sqlite3_column_bytes(st, 1);
        se.event = Event::fromJson(
            QJsonDocument::fromJson(QByteArray::fromRawData(bytes ? bytes : "", size)).object(), nullptr);
        out->append(std::move(se));
    }
    if (rc != SQLITE_DONE)
        *failure = Store::Database::sqliteError(handle);
    sqlite3_finalize(st);
    return true;
}

QList<StoredEvent> Journal::readSince(qint64 afterSeq, int limit, Error *error) const
{
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return {};
    if (!m_db->isPostgres()) {
        QList<StoredEvent> out;
        out.reserve(std::min(std::max(1, limit), 4096));
        QSqlError failure;
        if (sqliteReadSince(db, afterSeq, std::max(1, limit), &out, &failure)) {
            if (failure.isValid()) {
                if (error)
                    *error = Store::Database::toError(failure, QStringLiteral("reading the journal"));
                return {};
            }
            return out;
        }
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT seq, payload, chain_seq FROM journal WHERE seq > ? ORDER BY seq LIMIT ?"));
    q.addBindValue(afterSeq);
    q.addBindValue(std::max(1, limit));
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("reading the journal"));
        return {};
    }
    return readRows(q);
}

QList<StoredEvent> Journal::readRecent(qint64 afterSeq, int limit, Error *error) const
{
    {
        std::lock_guard lock(m_tailMutex);
        if (!m_tail.empty() && m_tail.front().seq <= afterSeq + 1 && m_tail.back().seq > afterSeq) {
            const auto first = m_tail.begin() + (afterSeq + 1 - m_tail.front().seq);
            const qsizetype n = std::min<qsizetype>(std::max(1, limit), m_tail.end() - first);
            return QList<StoredEvent>(first, first + n);
        }
    }
    return readSince(afterSeq, limit, error);
}

std::optional<StoredEvent> Journal::find(const QString &source, const QString &eventId, Error *error) const
{
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return std::nullopt;
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("SELECT seq, payload, chain_seq FROM journal WHERE source = ? AND event_id = ?"));
    q.addBindValue(source);
    q.addBindValue(eventId);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("reading the journal"));
        return std::nullopt;
    }
    auto rows = readRows(q);
    if (rows.isEmpty())
        return std::nullopt;
    return rows.first();
}

std::optional<StoredEvent> Journal::at(qint64 seq, Error *error) const
{
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return std::nullopt;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT seq, payload, chain_seq FROM journal WHERE seq = ?"));
    q.addBindValue(seq);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("reading the journal"));
        return std::nullopt;
    }
    auto rows = readRows(q);
    if (rows.isEmpty())
        return std::nullopt;
    return rows.first();
}

QList<StoredEvent> Journal::chain(qint64 chainSeq, int limit, Error *error) const
{
    if (chainSeq <= 0)
        return {};
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return {};
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "SELECT seq, payload, chain_seq FROM journal WHERE chain_seq = ? ORDER BY seq LIMIT ?"));
    q.addBindValue(chainSeq);
    q.addBindValue(limit);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("reading the journal"));
        return {};
    }
    return readRows(q);
}

qint64 Journal::firstSeq(Error *error) const
{
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return 0;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MIN(seq), 0) FROM journal")) || !q.next()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("reading the journal"));
        return 0;
    }
    return q.value(0).toLongLong();
}

} // namespace WedSync::Events
