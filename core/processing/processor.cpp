#include "processor.h"

#include "common/threads.h"
#include "delivery/subscriptions.h"
#include "health/metrics.h"
#include "processing/weddinghandlers.h"
#include "store/database.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <cstring>
#include <map>
#include <openssl/evp.h>
#include <sqlite3.h>

static Q_LOGGING_CATEGORY(lcProcessing, "wedsync.processing", QtInfoMsg)

namespace WedSync::Processing {

using Events::Event;
using Events::StoredEvent;

QJsonObject HandlerErrorRecord::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("event_seq"), eventSeq},
            {QStringLiteral("event_id"), eventId},
            {QStringLiteral("event_type"), eventType},
            {QStringLiteral("handler"), handler},
            {QStringLiteral("code"), code},
            {QStringLiteral("message"), message},
            {QStringLiteral("attempts"), attempts},
            {QStringLiteral("created_at"),
             Event::formatTime(QDateTime::fromMSecsSinceEpoch(createdAtMs, Qt::UTC))}};
}

namespace {
bool isPermanent(const Error &e)
{
    return e.code == QLatin1String(ErrorCode::ValidationFailed) ||
           e.code == QLatin1String("NOTIFY_UNKNOWN_TEMPLATE");
}

Error shuttingDown()
{
    return Error::make(
        QString::fromLatin1(ErrorCode::ShuttingDown),
        QStringLiteral("processing is stopping; the batch is handled again at the next start"));
}
} // namespace

namespace {
// Prepared statements of the batch in progress on this thread (set by processBatch for its transaction).
// On SQLite they are the driver's own statements (Qt's SQLite driver looks every positional parameter up by
// name on each bind, which cost more than the insert itself); on PostgreSQL QSqlQuery's.
struct Statements
{
    sqlite3 *sqlite = nullptr;
    std::map<QString, sqlite3_stmt *> native;
    std::map<QString, std::unique_ptr<QSqlQuery>> queries;
};
thread_local Statements *t_statements = nullptr;

struct StatementScope
{
    Statements statements;
    explicit StatementScope(const QSqlDatabase &db)
    {
        statements.sqlite = Store::Database::sqliteHandle(db);
        t_statements = &statements;
    }
    ~StatementScope()
    {
        t_statements = nullptr;
        for (auto &[sql, st] : statements.native)
            sqlite3_finalize(st);
    }
};

// Binds as Qt's SQLite driver does: null, integers, doubles, blobs, everything else as text.
int bindVariant(sqlite3_stmt *st, int index, const QVariant &v)
{
    if (v.isNull())
        return sqlite3_bind_null(st, index);
    switch (v.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::Long:
    case QMetaType::Short:
    case QMetaType::UShort:
        return sqlite3_bind_int64(st, index, v.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float:
        return sqlite3_bind_double(st, index, v.toDouble());
    case QMetaType::QByteArray: {
        const QByteArray b = v.toByteArray();
        return sqlite3_bind_blob(st, index, b.constData(), int(b.size()), SQLITE_TRANSIENT);
    }
    default: {
        const QByteArray text = v.toString().toUtf8();
        return sqlite3_bind_text(st, index, text.constData(), int(text.size()), SQLITE_TRANSIENT);
    }
    }
}

bool execNative(Statements &s, const QString &sql, const QVariantList &binds, Error *error)
{
    sqlite3_stmt *&st = s.native[sql];
    if (!st) {
        const QByteArray text = sql.toUtf8();
        if (sqlite3_prepare_v2(s.sqlite, text.constData(), int(text.size()), &st, nullptr) != SQLITE_OK) {
            const QSqlError e = Store::Database::sqliteError(s.sqlite);
            sqlite3_finalize(st);
            s.native.erase(sql);
            if (error)
                *error = Store::Database::toError(e, QStringLiteral("preparing a handler's statement"));
            return false;
        }
    }
    bool ok = true;
    for (int i = 0; i < binds.size() && ok; ++i)
        ok = bindVariant(st, i + 1, binds[i]) == SQLITE_OK;
    if (ok) {
        const int rc = sqlite3_step(st);
        ok = rc == SQLITE_DONE || rc == SQLITE_ROW;
    }
    if (!ok && error)
        *error = Store::Database::toError(Store::Database::sqliteError(s.sqlite),
                                          QStringLiteral("writing a handler's side effect"));
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return ok;
}
} // namespace

bool execPrepared(QSqlDatabase &db, const QString &sql, const QVariantList &binds, Error *error)
{
    if (t_statements && t_statements->sqlite)
        return execNative(*t_statements, sql, binds, error);
    QSqlQuery local(db);
    QSqlQuery *q = &local;
    bool prepared = false;
    if (t_statements) {
        auto &slot = t_statements->queries[sql];
        prepared = slot != nullptr;
        if (!slot)
            slot = std::make_unique<QSqlQuery>(db);
        q = slot.get();
    }
    if (!prepared && !q->prepare(sql)) {
        const QSqlError e = q->lastError();
        if (t_statements)
            t_statements->queries.erase(sql);
        if (error)
            *error = Store::Database::toError(e, QStringLiteral("preparing a handler's statement"));
        return false;
    }
    for (int i = 0; i < binds.size(); ++i)
        q->bindValue(i, binds[i]);
    if (!q->exec()) {
        if (error)
            *error =
                Store::Database::toError(q->lastError(), QStringLiteral("writing a handler's side effect"));
        return false;
    }
    q->finish();
    return true;
}

struct Processor::Outcome
{
    const StoredEvent *event = nullptr;
    const Handler *handler = nullptr;
    HandlerOutput output;
    bool ok = false;
    Error error;
    int attempts = 0;
};

Processor::Processor(Store::Database *db, Events::Journal *journal, Options options, Health::Metrics *metrics,
                     QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_journal(journal)
    , m_options(std::move(options))
    , m_enqueue(&Delivery::enqueue)
    , m_notifier(m_options.notify)
    , m_rules(std::make_shared<Routing::RuleSet>())
{
    if (metrics) {
        m_eventsCounter = &metrics->counter(QStringLiteral("wedsync_processing_events_total"), {},
                                            QStringLiteral("Journal events handled by the processor"));
        m_errorsCounter = &metrics->counter(QStringLiteral("wedsync_processing_handler_errors_total"), {},
                                            QStringLiteral("Handler failures recorded in the error store"));
        m_lagGauge = &metrics->gauge(QStringLiteral("wedsync_processing_lag_events"), {},
                                     QStringLiteral("Journal events not yet processed"));
    }
    if (m_options.registerWeddingHandlers)
        registerWeddingHandlers(m_registry, &m_notifier, [this] { return m_rules; });
}

Processor::~Processor()
{
    stop();
}

QString Processor::derivedEventId(const StoredEvent &parentEvent, const QString &handler, int index)
{
    // evt_ + the parent's seq as 16 hex digits + the first 24 hex digits of
    // SHA-256("<source>\n<id>\n<handler>\n<index>"): the same on every node and every replay of the parent.
    // The seq comes first so that derived ids grow with the journal: each lands at the end of the
    // (source, event_id) index instead of on a random leaf (a hash alone cost one scattered page write per
    // derived event). One-shot OpenSSL digest with the algorithm fetched once (this runs for every derived
    // event; QCryptographicHash cost three times as much).
    const Event &parent = parentEvent.event;
    static EVP_MD *const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    QByteArray key;
    key.reserve(parent.source.size() + parent.id.size() + handler.size() + 16);
    key += parent.source.toUtf8();
    key += '\n';
    key += parent.id.toUtf8();
    key += '\n';
    key += handler.toUtf8();
    key += '\n';
    key += QByteArray::number(index);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!sha256 || EVP_Digest(key.constData(), size_t(key.size()), md, &length, sha256, nullptr) != 1) {
        // Only when OpenSSL cannot hash at all: the same digest another way.
        const QByteArray digest = QCryptographicHash::hash(key, QCryptographicHash::Sha256);
        std::memcpy(md, digest.constData(), 20);
    }
    static constexpr char digits[] = "0123456789abcdef";
    QString id(4 + 16 + 24, Qt::Uninitialized);
    QChar *out = id.data();
    *out++ = u'e';
    *out++ = u'v';
    *out++ = u't';
    *out++ = u'_';
    const quint64 seq = quint64(std::max<qint64>(0, parentEvent.seq));
    for (int shift = 60; shift >= 0; shift -= 4)
        *out++ = QLatin1Char(digits[(seq >> shift) & 0xf]);
    for (int i = 0; i < 12; ++i) {
        *out++ = QLatin1Char(digits[md[i] >> 4]);
        *out++ = QLatin1Char(digits[md[i] & 0xf]);
    }
    return id;
}

qint64 Processor::storedCursor(Store::Database *db, const QString &name, Error *error)
{
    QSqlDatabase c = db->connection(error);
    if (!c.isOpen())
        return -1;
    QSqlQuery q(c);
    q.prepare(QStringLiteral("SELECT last_seq FROM processing_cursor WHERE name = ?"));
    q.addBindValue(name);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("reading the processing cursor"));
        return -1;
    }
    return q.next() ? q.value(0).toLongLong() : 0;
}

bool Processor::loadRules(Error *error)
{
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return false;
    Error e;
    const QList<Routing::Rule> list = Routing::RuleStore::list(db, &e);
    if (e) {
        if (error)
            *error = e;
        return false;
    }
    QList<Routing::Rule> active;
    QStringList unconfigured;
    for (const Routing::Rule &r : list) {
        if (r.enabled && r.kind == Delivery::TargetKind::Connector && m_options.connectorTargets &&
            !m_options.connectorTargets->contains(r.target)) {
            unconfigured.append(QStringLiteral("%1 (%2)").arg(r.name, r.target));
            continue;
        }
        active.append(r);
    }
    if (!unconfigured.isEmpty())
        qCInfo(lcProcessing).noquote() << "routing rules inactive until their connector target is configured "
                                          "(delivery.connector_targets):"
                                       << unconfigured.join(QStringLiteral(", "));
    QStringList skipped;
    m_rules = std::make_shared<Routing::RuleSet>(Routing::RuleSet::compile(active, &skipped));
    for (const QString &s : skipped)
        qCWarning(lcProcessing).noquote() << "routing rule skipped:" << s;
    qCDebug(lcProcessing) << "routing rules loaded:" << m_rules->size();
    return true;
}

bool Processor::start(Error *error)
{
    if (m_running.load())
        return true;
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return false;
    {
        // A named cursor other than the seeded 'main' starts at 0.
        QSqlQuery q(db);
        q.prepare(
            QStringLiteral("INSERT INTO processing_cursor (name, last_seq, updated_at) VALUES (?, 0, ?) "
                           "ON CONFLICT (name) DO NOTHING"));
        q.addBindValue(m_options.name);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!q.exec()) {
            if (error)
                *error =
                    Store::Database::toError(q.lastError(), QStringLiteral("creating the processing cursor"));
            return false;
        }
    }
    const qint64 c = storedCursor(m_db, m_options.name, error);
    if (c < 0)
        return false;
    m_cursor.store(c);
    if (!loadRules(error))
        return false;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = false;
        m_wake = true;
    }
    m_journalConnection = connect(
        m_journal, &Events::Journal::committed, this, [this] { wake(); }, Qt::DirectConnection);
    m_running.store(true);
    m_thread = std::thread([this] { run(); });
    qCInfo(lcProcessing) << "processor" << m_options.name << "resumes after seq" << c << "with"
                         << m_registry.size() << "handlers and" << m_rules->size() << "routing rules";
    return true;
}

void Processor::stop()
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
    disconnect(m_journalConnection);
    m_running.store(false);
    qCInfo(lcProcessing) << "processor" << m_options.name << "stopped at seq" << m_cursor.load();
}

void Processor::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_wake = true;
    }
    m_cv.notify_one();
}

bool Processor::sleepFor(std::chrono::milliseconds d)
{
    std::unique_lock lock(m_mutex);
    return !m_cv.wait_for(lock, d, [this] { return m_stopping; });
}

void Processor::run()
{
    nameCurrentThread("wedsync-process");
    // Replayed from its cursor after a power cut, idempotently: no fsync of its own; the journal's next
    // commit makes its work durable.
    Store::Database::setThreadDurability(Store::Database::Durability::Deferred);
    auto backoff = std::chrono::milliseconds(100);
    QString lastFailure;
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                break;
        }
        Error error;
        const int n = processBatch(&error);
        if (n < 0) {
            {
                std::lock_guard lock(m_mutex);
                if (m_stopping)
                    break;
            }
            if (error.message != lastFailure)
                qCWarning(lcProcessing).noquote() << "batch failed, retrying:" << error.code << error.message;
            lastFailure = error.message;
            if (!sleepFor(backoff))
                break;
            backoff = std::min(backoff * 2, m_options.failureBackoffMax);
            if (error.code == QLatin1String(ErrorCode::StoreUnavailable)) {
                Error e;
                m_db->reconnect(&e);
            }
            continue;
        }
        if (!lastFailure.isEmpty())
            qCInfo(lcProcessing) << "processing resumed";
        lastFailure.clear();
        backoff = std::chrono::milliseconds(100);
        if (m_lagGauge)
            m_lagGauge->set(double(std::max<qint64>(0, m_journal->lastSeq() - m_cursor.load())));
        if (n > 0)
            continue;
        std::unique_lock lock(m_mutex);
        m_cv.wait_for(lock, m_options.idlePoll, [this] { return m_stopping || m_wake; });
        m_wake = false;
    }
    m_db->releaseThreadConnection();
}

bool Processor::runHandler(const Handler &h, const StoredEvent &se, QSqlDatabase &db, HandlerOutput *out,
                           Error *error, int *attempts)
{
    const int max = h.maxAttempts > 0 ? h.maxAttempts : std::max(1, m_options.maxAttempts);
    for (int attempt = 1; attempt <= max; ++attempt) {
        HandlerContext ctx{se, db, {}};
        Error e;
        bool ok = false;
        try {
            ok = h.fn(ctx, &e);
        } catch (const std::exception &ex) {
            e = Error::make(QStringLiteral("HANDLER_EXCEPTION"), QString::fromUtf8(ex.what()));
        }
        *attempts = attempt;
        if (ok) {
            *out = std::move(ctx.output);
            return true;
        }
        if (e.isNull())
            e = Error::make(QStringLiteral("HANDLER_FAILED"),
                            QStringLiteral("the handler failed without a reason"));
        *error = e;
        if (isPermanent(e) || attempt == max)
            return false;
        if (!sleepFor(m_options.retryBase * attempt)) {
            *error = shuttingDown();
            return false;
        }
    }
    return false;
}

int Processor::processBatch(Error *error)
{
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return -1;
    const qint64 from = m_cursor.load();
    Error readError;
    const QList<StoredEvent> events = m_journal->readRecent(from, m_options.batchSize, &readError);
    if (readError) {
        *error = readError;
        return -1;
    }
    if (events.isEmpty())
        return 0;
    // Only now, after reading: a rule change saved before any of these events was journaled applies to
    // them. Checked before the read, a change landing between the check and the read was missed by the
    // events just read (seen as a flaky tst_processor_pg::rulesReloaded).
    if (m_rulesDirty.exchange(false)) {
        Error e;
        if (!loadRules(&e))
            qCWarning(lcProcessing).noquote() << "routing rules not reloaded:" << e.message;
    }

    // Phase 1, outside any transaction (on SQLite the journal writer needs the write lock to append the
    // derived events): run the handlers, collect their outcomes, journal the derived events.
    std::vector<Outcome> outcomes;
    outcomes.reserve(size_t(events.size()) * 2);
    QList<Event> derived;
    QList<qint64> derivedChains; // the chain each derived event joins: its parent's
    for (const StoredEvent &se : events) {
        for (const Handler *h : m_registry.handlersFor(se.event.type)) {
            Outcome o;
            o.event = &se;
            o.handler = h;
            o.ok = runHandler(*h, se, db, &o.output, &o.error, &o.attempts);
            if (o.error.code == QLatin1String(ErrorCode::ShuttingDown)) {
                *error = o.error;
                return -1;
            }
            if (o.ok) {
                const Event &parent = se.event;
                for (int i = 0; i < o.output.derived.size(); ++i) {
                    Event &d = o.output.derived[i];
                    d.id = derivedEventId(se, h->name, i);
                    d.source = QStringLiteral("engine");
                    d.timestamp = parent.timestamp;
                    d.correlationId = parent.correlationId.isEmpty() ? parent.id : parent.correlationId;
                    d.causationId = parent.id;
                    d.requestId = parent.requestId;
                    if (d.weddingId.isEmpty())
                        d.weddingId = parent.weddingId;
                    if (d.organizationId.isEmpty())
                        d.organizationId = parent.organizationId;
                    const auto problems = d.validate();
                    if (!problems.isEmpty()) {
                        o.ok = false;
                        o.error = Error::make(QString::fromLatin1(ErrorCode::ValidationFailed),
                                              QStringLiteral("derived %1 event is not valid: %2")
                                                  .arg(d.type, problems.first().message));
                        break;
                    }
                }
                if (o.ok) {
                    derived += o.output.derived;
                    derivedChains.insert(derivedChains.size(), o.output.derived.size(), se.chainSeq);
                } else {
                    o.output = {};
                }
            }
            outcomes.push_back(std::move(o));
        }
    }
    if (!derived.isEmpty()) {
        auto future = m_journal->append(derived, derivedChains);
        future.waitForFinished();
        for (const Events::AppendResult &r : future.result()) {
            if (!r.ok()) {
                *error = r.error;
                return -1;
            }
        }
    }

    // Phase 2: one transaction for the side effects, delivery rows, error records and the cursor advance.
    const bool pg = m_db->isPostgres();
    QSqlQuery q(db);
    auto fail = [&](const QSqlError &e, const QString &what) {
        *error = Store::Database::toError(e, what);
        QSqlQuery rb(db);
        rb.exec(QStringLiteral("ROLLBACK"));
        return -1;
    };
    if (!q.exec(pg ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE")))
        return fail(q.lastError(), QStringLiteral("starting a processing transaction"));
    q.prepare(pg ? QStringLiteral("SELECT last_seq FROM processing_cursor WHERE name = ? FOR UPDATE")
                 : QStringLiteral("SELECT last_seq FROM processing_cursor WHERE name = ?"));
    q.addBindValue(m_options.name);
    if (!q.exec() || !q.next())
        return fail(q.lastError(), QStringLiteral("locking the processing cursor"));
    const qint64 stored = q.value(0).toLongLong();
    q.finish();
    if (stored != from) {
        // Another processor on this database handled the batch first: take its cursor.
        QSqlQuery rb(db);
        rb.exec(QStringLiteral("ROLLBACK"));
        qCDebug(lcProcessing) << "cursor moved by another node from" << from << "to" << stored;
        m_cursor.store(std::max(stored, from));
        return 0;
    }

    StatementScope statements(db); // before the savepoints: lives until the batch is done
    // Optimistically every handler's writes under one savepoint (handlers rarely fail here: their input
    // was validated in phase 1); only when one fails is the batch's work redone with a savepoint per
    // handler, so that one handler's failure undoes its own writes and nobody else's.
    bool optimistic = false;
    {
        if (!q.exec(QStringLiteral("SAVEPOINT handlers")))
            return fail(q.lastError(), QStringLiteral("starting the handlers' savepoint"));
        bool ok = true;
        for (Outcome &o : outcomes) {
            if (!o.ok || !ok)
                continue;
            Error e;
            for (const Write &w : o.output.writes) {
                if (!w(db, &e)) {
                    ok = false;
                    break;
                }
            }
        }
        if (ok) {
            if (!q.exec(QStringLiteral("RELEASE SAVEPOINT handlers")))
                return fail(q.lastError(), QStringLiteral("releasing the handlers' savepoint"));
            for (Outcome &o : outcomes)
                if (o.ok && !o.output.writes.isEmpty())
                    o.attempts = std::max(o.attempts, 1);
            optimistic = true;
        } else if (!q.exec(QStringLiteral("ROLLBACK TO SAVEPOINT handlers")) ||
                   !q.exec(QStringLiteral("RELEASE SAVEPOINT handlers"))) {
            return fail(q.lastError(), QStringLiteral("rolling back the handlers' savepoint"));
        }
    }
    int savepoint = 0;
    for (Outcome &o : outcomes) {
        if (optimistic || !o.ok || o.output.writes.isEmpty())
            continue;
        const int max =
            o.handler->maxAttempts > 0 ? o.handler->maxAttempts : std::max(1, m_options.maxAttempts);
        const QString sp = QStringLiteral("h%1").arg(++savepoint);
        for (int attempt = 1; attempt <= max; ++attempt) {
            if (!q.exec(QStringLiteral("SAVEPOINT ") + sp))
                return fail(q.lastError(), QStringLiteral("starting a handler savepoint"));
            Error e;
            bool ok = true;
            for (const Write &w : o.output.writes) {
                if (!w(db, &e)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                if (!q.exec(QStringLiteral("RELEASE SAVEPOINT ") + sp))
                    return fail(q.lastError(), QStringLiteral("releasing a handler savepoint"));
                o.attempts = std::max(o.attempts, attempt);
                break;
            }
            if (!q.exec(QStringLiteral("ROLLBACK TO SAVEPOINT ") + sp) ||
                !q.exec(QStringLiteral("RELEASE SAVEPOINT ") + sp))
                return fail(q.lastError(), QStringLiteral("rolling back a handler savepoint"));
            // The rollback to the savepoint worked, so the connection is alive (Qt's SQLite driver
            // reports a failed statement as a connection error): only a full disk is the database's fault
            // rather than the handler's.
            if (e.code == QLatin1String(ErrorCode::StoreFull)) {
                QSqlQuery rb(db);
                rb.exec(QStringLiteral("ROLLBACK"));
                *error = e;
                return -1; // the database, not the handler: the whole batch again later
            }
            o.ok = false;
            o.error = e.isNull()
                          ? Error::make(QStringLiteral("HANDLER_FAILED"), QStringLiteral("a write failed"))
                          : e;
            o.attempts = attempt;
            if (isPermanent(o.error) || attempt == max)
                break;
            o.ok = true;
            if (!sleepFor(m_options.retryBase * attempt)) {
                QSqlQuery rb(db);
                rb.exec(QStringLiteral("ROLLBACK"));
                *error = shuttingDown();
                return -1;
            }
        }
    }

    QList<Delivery::DeliveryRequest> deliveries;
    QSet<QString> ids;
    QSqlQuery err(db);
    err.prepare(QStringLiteral(
        "INSERT INTO processing_errors (event_seq, event_id, event_type, handler, code, message, "
        "attempts, created_at) VALUES (?,?,?,?,?,?,?,?) "
        "ON CONFLICT (event_seq, handler) DO NOTHING"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    int failures = 0;
    auto record = [&](const StoredEvent &se, const QString &handler, const Error &e, int attempts) {
        err.bindValue(0, se.seq);
        err.bindValue(1, se.event.id);
        err.bindValue(2, se.event.type);
        err.bindValue(3, handler.left(200));
        err.bindValue(4, e.code);
        err.bindValue(5, e.message.left(2000));
        err.bindValue(6, attempts);
        err.bindValue(7, now);
        ++failures;
        return err.exec();
    };
    for (Outcome &o : outcomes) {
        if (!o.ok) {
            qCWarning(lcProcessing).noquote()
                << "handler" << o.handler->name << "failed on" << o.event->event.type << "seq" << o.event->seq
                << "after" << o.attempts << "attempt(s):" << o.error.code << o.error.message;
            if (!record(*o.event, o.handler->name, o.error, o.attempts))
                return fail(err.lastError(), QStringLiteral("recording a handler failure"));
            continue;
        }
        for (const Error &p : o.output.problems) {
            const QString sub = p.details.value(QStringLiteral("rule")).toString();
            if (!record(*o.event, sub.isEmpty() ? o.handler->name : o.handler->name + QLatin1Char('/') + sub,
                        p, 1))
                return fail(err.lastError(), QStringLiteral("recording a routing problem"));
        }
        for (Delivery::DeliveryRequest &r : o.output.deliveries) {
            if (r.id.isEmpty())
                r.id = Delivery::makeDeliveryId(r.eventSeq, r.target);
            if (ids.contains(r.id)) {
                qCDebug(lcProcessing)
                    << "duplicate delivery" << r.target << "for seq" << r.eventSeq << "dropped";
                continue;
            }
            ids.insert(r.id);
            deliveries.append(std::move(r));
        }
    }
    if (!deliveries.isEmpty()) {
        Error e;
        if (!m_enqueue(db, deliveries, &e)) {
            QSqlQuery rb(db);
            rb.exec(QStringLiteral("ROLLBACK"));
            *error = e;
            return -1;
        }
    }
    // Outbound webhook subscriptions: one delivery per matching active subscription, in this same
    // transaction, so a delivery exists exactly when the event counts as processed.
    {
        QList<QPair<qint64, const Events::Event *>> batch;
        batch.reserve(events.size());
        for (const StoredEvent &se : events)
            batch.append({se.seq, &se.event});
        Error e;
        if (!Delivery::enqueueForSubscriptions(db, batch, &e)) {
            QSqlQuery rb(db);
            rb.exec(QStringLiteral("ROLLBACK"));
            *error = e;
            return -1;
        }
    }
    const qint64 last = events.last().seq;
    q.prepare(QStringLiteral("UPDATE processing_cursor SET last_seq = ?, updated_at = ? WHERE name = ?"));
    q.addBindValue(last);
    q.addBindValue(now);
    q.addBindValue(m_options.name);
    if (!q.exec())
        return fail(q.lastError(), QStringLiteral("advancing the processing cursor"));
    if (!q.exec(QStringLiteral("COMMIT")))
        return fail(q.lastError(), QStringLiteral("committing a processing batch"));

    m_cursor.store(last, std::memory_order_release);
    m_processed.fetch_add(events.size(), std::memory_order_relaxed);
    if (m_eventsCounter)
        m_eventsCounter->inc(double(events.size()));
    if (m_errorsCounter && failures > 0)
        m_errorsCounter->inc(failures);
    Q_EMIT processed(last);
    return int(events.size());
}

QList<HandlerErrorRecord> Processor::handlerErrors(int limit, qint64 beforeId, Error *error) const
{
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return {};
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "SELECT id, event_seq, event_id, event_type, handler, code, message, attempts, created_at "
        "FROM processing_errors WHERE (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?"));
    q.addBindValue(beforeId);
    q.addBindValue(beforeId);
    q.addBindValue(std::clamp(limit, 1, 1000));
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("reading handler errors"));
        return {};
    }
    QList<HandlerErrorRecord> out;
    while (q.next()) {
        HandlerErrorRecord r;
        r.id = q.value(0).toLongLong();
        r.eventSeq = q.value(1).toLongLong();
        r.eventId = q.value(2).toString();
        r.eventType = q.value(3).toString();
        r.handler = q.value(4).toString();
        r.code = q.value(5).toString();
        r.message = q.value(6).toString();
        r.attempts = q.value(7).toInt();
        r.createdAtMs = q.value(8).toLongLong();
        out.append(r);
    }
    return out;
}

QList<Routing::Rule> Processor::rules(Error *error) const
{
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return {};
    return Routing::RuleStore::list(db, error);
}

qint64 Processor::addRule(const Routing::Rule &rule, Error *error)
{
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return 0;
    const qint64 id = Routing::RuleStore::add(db, rule, error);
    if (id > 0)
        reloadRules();
    return id;
}

bool Processor::setRuleEnabled(const QString &name, bool enabled, Error *error)
{
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen() || !Routing::RuleStore::setEnabled(db, name, enabled, error))
        return false;
    reloadRules();
    return true;
}

bool Processor::removeRule(const QString &name, Error *error)
{
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen() || !Routing::RuleStore::remove(db, name, error))
        return false;
    reloadRules();
    return true;
}

} // namespace WedSync::Processing
