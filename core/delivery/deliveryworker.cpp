#include "delivery/deliveryworker.h"

#include "delivery/httpclient.h"
#include "delivery/retrypolicy.h"
#include "delivery/signer.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <memory>
#include <sqlite3.h>

namespace WedSync::Delivery {

static Q_LOGGING_CATEGORY(lcWorker, "wedsync.delivery", QtInfoMsg)

static QStringList splitList(const QString &s)
{
    QStringList out;
    for (const QString &part : s.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out.append(part.trimmed());
    return out;
}

WorkerOptions WorkerOptions::fromConfig(const Config &c)
{
    WorkerOptions o;
    o.nodeId = c.string(QStringLiteral("node.name"));
    if (o.nodeId.isEmpty())
        o.nodeId = QHostInfo::localHostName();
    o.nodeId += QStringLiteral("/") + QString::number(QCoreApplication::applicationPid());
    o.concurrency = int(c.integer(QStringLiteral("delivery.concurrency")));
    o.channelTimeoutMs = c.duration(QStringLiteral("delivery.timeout")).count();
    o.noticeTimeoutMs = c.duration(QStringLiteral("delivery.notice_timeout")).count();
    o.pollIntervalMs = c.duration(QStringLiteral("delivery.poll_interval")).count();
    o.claimLeaseMs = c.duration(QStringLiteral("delivery.claim_lease")).count();
    o.breakerThreshold = int(c.integer(QStringLiteral("delivery.breaker_threshold")));
    o.breakerCooldownMs = c.duration(QStringLiteral("delivery.breaker_cooldown")).count();
    o.disableAfterMs = c.duration(QStringLiteral("delivery.disable_after")).count();
    o.ssrf.httpsOnly = c.boolean(QStringLiteral("delivery.https_only"));
    o.ssrf.allowHosts = splitList(c.string(QStringLiteral("delivery.allow_hosts")));
    o.ssrf.allowCidrs = splitList(c.string(QStringLiteral("delivery.allow_cidrs")));
    o.signingSecret = c.string(QStringLiteral("delivery.signing_secret"));
    o.slackUrl = c.string(QStringLiteral("delivery.slack_url"));
    o.whatsappUrl = c.string(QStringLiteral("delivery.whatsapp_url"));
    o.whatsappToken = c.string(QStringLiteral("delivery.whatsapp_token"));
    o.emailUrl = c.string(QStringLiteral("delivery.email_url"));
    o.emailApiKey = c.string(QStringLiteral("delivery.email_api_key"));
    const QString zapier = c.string(QStringLiteral("delivery.zapier_url"));
    if (!zapier.isEmpty())
        o.connectors.insert(
            QStringLiteral("zapier"),
            ConnectorConfig::zapier(c.string(QStringLiteral("delivery.zapier_key")), QUrl(zapier)));
    const QString stripe = c.string(QStringLiteral("delivery.stripe_url"));
    if (!stripe.isEmpty())
        o.connectors.insert(
            QStringLiteral("stripe"),
            ConnectorConfig::stripe(c.string(QStringLiteral("delivery.stripe_key")), QUrl(stripe)));
    const QString calendly = c.string(QStringLiteral("delivery.calendly_url"));
    if (!calendly.isEmpty())
        o.connectors.insert(
            QStringLiteral("calendly"),
            ConnectorConfig::calendly(c.string(QStringLiteral("delivery.calendly_token")), QUrl(calendly)));
    for (const QString &pair : splitList(c.string(QStringLiteral("delivery.connector_targets")))) {
        const QString target = pair.section(QLatin1Char('='), 0, 0).trimmed();
        const QString preset = pair.section(QLatin1Char('='), 1).trimmed();
        if (target.isEmpty() || !o.connectors.contains(preset)) {
            qCWarning(lcWorker).noquote()
                << "delivery.connector_targets: ignoring" << pair
                << "(use target=zapier|stripe|calendly with that connector's URL set)";
            continue;
        }
        ConnectorConfig cfg = o.connectors.value(preset);
        o.connectors.insert(target, cfg);
    }
    return o;
}

// ---------------------------------------------------------------------------------------------------------
// The part that lives on the worker thread.

struct Row
{
    QString id;
    qint64 eventSeq = 0;
    QString eventType;
    QString kind;
    QString target;
    QString url;
    QByteArray payload;
    QJsonObject meta;
    int attempts = 0;
    int maxAttempts = 5;
    RetryPolicy policy;
    qint64 timeoutMs = 0;
};

struct Breaker
{
    QString state = QStringLiteral("closed");
    int failures = 0;
    qint64 openedAt = 0;
    qint64 probeAt = 0;
    qint64 failingSince = 0;
    qint64 lastSuccessAt = 0;
    bool probeInFlight = false;
    bool dirty = false;
};

struct SubInfo
{
    QString url;
    QString secret;
    bool active = true;
    int rateLimit = 0;
    qint64 rateWindowMs = 60000;
};

struct Result
{
    QString id;
    QString target;
    QString state; // new state; empty = just release the claim (deferred or aborted)
    int attempts = 0;
    qint64 nextAttemptAt = 0;
    bool attempted = false; // write a delivery_attempts row
    qint64 startedAt = 0;
    qint64 latencyMs = 0;
    int httpStatus = 0;
    QString responseBody;
    QString errorCode;
    QString error;
    qint64 settledAt = 0;
    bool lost = false; // SQLite: the settle matched no row (its claim was rolled back): not reported settled
};

// The SQLite path's hot statements, prepared once per connection through the C API: the QtSql layer costs a
// parse per statement and tick and a QVariant per value (core/events/journal.cpp does the same).
class SqliteStatements
{
public:
    SqliteStatements() = default;
    SqliteStatements(const SqliteStatements &) = delete;
    SqliteStatements &operator=(const SqliteStatements &) = delete;
    ~SqliteStatements();
    // Prepares all statements on `handle` unless they already are; false with *error.
    bool ensure(sqlite3 *handle, QSqlError *error);
    // Finalizes them (before the connection closes).
    void clear();

    sqlite3 *handle = nullptr;
    sqlite3_stmt *begin = nullptr;
    sqlite3_stmt *commit = nullptr;
    sqlite3_stmt *rollback = nullptr;
    sqlite3_stmt *peek = nullptr;
    sqlite3_stmt *select = nullptr;
    sqlite3_stmt *claim = nullptr;
    sqlite3_stmt *settle = nullptr;
    sqlite3_stmt *release = nullptr;
    sqlite3_stmt *attempt = nullptr;
};

class WorkerRunner : public QObject
{
    Q_OBJECT
public:
    // Longest a settled result waits for its tick: with due rows waiting / without.
    static constexpr int BacklogTickMs = 5;
    static constexpr int IdleTickMs = 25;

    WorkerRunner(DeliveryWorker *owner, Store::Database *db, const WorkerOptions &o)
        : m_owner(owner)
        , m_database(db)
        , m_options(o)
        , m_guard(o.ssrf)
    {}

    bool init(Error *error);
    void shutdown();
    Q_INVOKABLE void pump();
    void allowHost(const QString &host)
    {
        m_guard.allowHost(host);
        qCInfo(lcWorker).noquote() << "outbound deliveries to" << host << "allowed from now on";
    }
    // The poll timer and wake(): pump() unless a tick is already scheduled by freed slots.
    void nudge();

private:
    bool claim(int limit, QList<Row> *rows);
    void dispatch(Row row);
    void dispatchConnector(Row row, Connector *connector, qint64 now);
    // Classifies one finished attempt (status 0 = no response; netErrorCode TIMEOUT | NETWORK_ERROR) and
    // settles it: delivered, retrying (policy delay or Retry-After, whichever is later), failed or dead.
    void complete(const Row &row, qint64 startedAt, qint64 latencyMs, int status, const QString &netErrorCode,
                  const QString &netError, qint64 retryAfterMs, const QByteArray &responseBody);
    void defer(const Row &row, qint64 until);
    void settle(Result result);
    void flush();
    bool hasResults() const;
    bool writeResults(QSqlDatabase &db, qint64 now);
    bool writeRowsSqlite(qint64 now);
    bool writeRowsSql(QSqlDatabase &db, qint64 now);
    bool writeTargets(QSqlDatabase &db, qint64 now);
    bool begin(QSqlDatabase &db);
    bool commit(QSqlDatabase &db);
    void rollback(QSqlDatabase &db);
    void reconnectIfLost(const QSqlError &error);
    bool anythingDue(QSqlDatabase &db, qint64 now);
    bool claimSqlite(int limit, qint64 now, QList<Row> *rows);
    bool claimSql(QSqlDatabase &db, int limit, qint64 now, QList<Row> *rows);
    static void finishRow(Row &r, const QString &meta, const QString &backoff, qint64 initialDelayMs);
    void resultsCommitted();
    void takeSnapshot();
    void restoreSnapshot();
    void commitFinished();
    void claimed(QList<Row> rows, int limit, int free);
    void scheduleTick();
    int freeSlots() const;
    int refillSlots() const;
    void refreshCaches();
    void failureOnBreaker(const QString &target, qint64 now);
    void successOnBreaker(const QString &target, qint64 now);
    void disableEndpoint(const QString &target, const QString &reason, qint64 now);

    DeliveryWorker *m_owner;
    Store::Database *m_database;
    WorkerOptions m_options;
    SsrfGuard m_guard;
    QTimer *m_pollTimer = new QTimer(this);
    QTimer *m_flushTimer = new QTimer(this);
    HttpClient *m_http = nullptr;               // webhooks and notifications; owned (child)
    QHash<QNetworkReply *, QString> m_inFlight; // connector replies -> delivery id
    QHash<QString, Connector *> m_connectors;   // by target; owned (children)
    QSet<QString> m_claimed;                    // ids claimed and not yet settled
    QList<Result> m_results;
    QHash<QString, Breaker> m_breakers;
    QHash<QString, SubInfo> m_subs;
    QSet<QString> m_disabledTargets;
    // (target, code) pairs already warned about: a misconfigured target fails every delivery the same way,
    // and one warning says it; the rest go to the debug log (each attempt is recorded either way).
    QSet<QString> m_warnedFailures;
    QHash<QString, QPair<qint64, int>> m_rate;        // target -> (window start, count)
    QList<QPair<QString, QString>> m_pendingDisables; // target, reason
    qint64 m_cachesAt = 0;
    bool m_stopping = false;
    bool m_backlog = false; // the last claim filled its limit: more rows are due
    // The transaction being committed: what it wrote (settled in memory once it is durable) and claimed.
    struct Committing
    {
        bool active = false; // SQLite: the committer thread owns the connection
        QList<Result> results;
        QList<QPair<QString, QString>> disables;
        QStringList breakers;
    };
    Committing m_commit;
    bool m_pumpAfterCommit = false;
    bool m_resultsDue = false; // this pump() is the results' tick (the flush timer)
    QThreadPool m_committer;   // one thread: runs SQLite COMMITs
    bool m_commitOk = false;   // written by the committer before it queues commitFinished()
    QSqlError m_commitError;
    SqliteStatements m_sql; // SQLite only
    QSqlError m_lastError;  // of the last failed database step
};

bool WorkerRunner::init(Error *error)
{
    QSqlDatabase db = m_database->connection(error);
    if (!db.isOpen())
        return false;
    QSqlQuery q(db);
    if (!m_database->isPostgres()) {
        // This connection walks the outbox all day: a larger page cache and memory-mapped reads spare it a
        // pread() per page (measured: ~10 per delivery with the 2 MB default).
        q.exec(QStringLiteral("PRAGMA cache_size = -65536"));
        q.exec(QStringLiteral("PRAGMA mmap_size = 268435456"));
    }
    // A previous process with this node id is gone: its claims are free again at once.
    q.prepare(
        QStringLiteral("UPDATE deliveries SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?"));
    q.addBindValue(m_options.nodeId);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("release stale claims"));
        return false;
    }
    if (!q.exec(
            QStringLiteral("SELECT target, state, consecutive_failures, opened_at, probe_at, failing_since, "
                           "last_success_at FROM delivery_targets"))) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("load circuit breakers"));
        return false;
    }
    while (q.next()) {
        Breaker b;
        b.state = q.value(1).toString();
        if (b.state == QLatin1String("half_open"))
            b.state = QStringLiteral("open"); // the probe died with the previous process
        b.failures = q.value(2).toInt();
        b.openedAt = q.value(3).toLongLong();
        b.probeAt = q.value(4).toLongLong();
        b.failingSince = q.value(5).toLongLong();
        b.lastSuccessAt = q.value(6).toLongLong();
        m_breakers.insert(q.value(0).toString(), b);
    }
    refreshCaches();

    // Keep-alive connections with no per-host cap (QNetworkAccessManager allows 6 per host), up to
    // `concurrency` of them to one busy endpoint; redirects are not followed.
    m_http = new HttpClient(this);
    m_http->setMaxIdlePerHost(m_options.concurrency);
    for (auto it = m_options.connectors.cbegin(); it != m_options.connectors.cend(); ++it) {
        // The outbox retries durably (with the preset's policy): the connector itself sends once.
        ConnectorConfig cfg = it.value();
        cfg.maxRetries = 0;
        m_connectors.insert(it.key(), new Connector(cfg, this));
    }
    m_pollTimer->setInterval(int(m_options.pollIntervalMs));
    connect(m_pollTimer, &QTimer::timeout, this, &WorkerRunner::nudge);
    m_committer.setMaxThreadCount(1);
    m_committer.setExpiryTimeout(-1);
    m_pollTimer->start();
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setTimerType(Qt::PreciseTimer);
    connect(m_flushTimer, &QTimer::timeout, this, [this] { // results + a new claim
        m_resultsDue = true;
        pump();
        m_resultsDue = false;
    });
    qCInfo(lcWorker).noquote() << "delivery worker" << m_options.nodeId << "started, concurrency"
                               << m_options.concurrency;
    return true;
}

void WorkerRunner::shutdown()
{
    m_stopping = true;
    m_pollTimer->stop();
    m_committer.waitForDone();
    commitFinished();
    m_http->abortAll(); // each callback releases its claim without counting an attempt
    const auto replies = m_inFlight.keys();
    for (QNetworkReply *r : replies)
        r->abort(); // connector requests: the same
    flush();
    m_sql.clear(); // before the connection they were prepared on closes
    m_database->releaseThreadConnection();
}

void WorkerRunner::refreshCaches()
{
    QSqlDatabase db = m_database->connection();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral(
            "SELECT id, url, secret, active, rate_limit, rate_window_ms FROM subscriptions"))) {
        QHash<QString, SubInfo> subs;
        while (q.next())
            subs.insert(q.value(0).toString(),
                        SubInfo{q.value(1).toString(), q.value(2).toString(), q.value(3).toInt() != 0,
                                q.value(4).toInt(), q.value(5).toLongLong()});
        m_subs = subs;
    }
    if (q.exec(QStringLiteral("SELECT target, state, consecutive_failures FROM delivery_targets"))) {
        while (q.next()) {
            // An operator reset the breaker (e.g. `subscription enable`): forget the local failures too.
            const QString target = q.value(0).toString();
            auto it = m_breakers.find(target);
            if (it != m_breakers.end() && !it->dirty && q.value(1).toString() == QLatin1String("closed") &&
                q.value(2).toInt() == 0 && (it->state != QLatin1String("closed") || it->failures > 0)) {
                *it = Breaker();
            }
        }
    }
    if (q.exec(QStringLiteral("SELECT target FROM delivery_targets WHERE disabled_at IS NOT NULL"))) {
        QSet<QString> disabled;
        while (q.next())
            disabled.insert(q.value(0).toString());
        m_disabledTargets = disabled;
    }
    m_cachesAt = QDateTime::currentMSecsSinceEpoch();
}

void WorkerRunner::pump()
{
    if (m_stopping)
        return;
    if (m_commit.active) {
        m_pumpAfterCommit = true; // the connection is the committer's until it is done
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // Replay jobs are not run here: the node's replay pool takes them (core/node/replayjobs), off this
    // thread.
    if (now - m_cachesAt > 1000)
        refreshCaches();
    // Results not yet written free their slots in this tick's transaction.
    const int free = m_options.concurrency - int(m_claimed.size()) + int(m_results.size());
    if (free <= 0) {
        flush();
        return;
    }
    QList<Row> rows;
    const int limit = qMin(free, m_options.claimBatch);
    if (!claim(limit, &rows)) {
        if (hasResults())
            m_flushTimer->start(500); // the results' tick again (the poll timer retries the claim)
        return;
    }
    // SQLite: the claim may still be committing on the committer thread; they are sent all the same.
    claimed(std::move(rows), limit, free);
}

void WorkerRunner::claimed(QList<Row> rows, int limit, int free)
{
    m_backlog = rows.size() == limit; // more may be due
    for (Row &r : rows)
        dispatch(std::move(r));
    if (m_backlog && limit < free)
        QMetaObject::invokeMethod(this, &WorkerRunner::pump, Qt::QueuedConnection);
}

// The poll timer and wake(): while due rows are waiting, ticks follow freed slots (settle()), so a poll or a
// wake adds nothing but a commit; otherwise look now.
void WorkerRunner::nudge()
{
    if (m_backlog && !m_commit.active && freeSlots() < refillSlots())
        return;
    pump();
}

int WorkerRunner::freeSlots() const
{
    return m_options.concurrency - int(m_claimed.size()) + int(m_results.size());
}

int WorkerRunner::refillSlots() const
{
    return qMax(1, m_options.concurrency / 4);
}

// Runs on the worker thread once the committer finished (or from shutdown(), after waiting for it).
void WorkerRunner::commitFinished()
{
    if (!m_commit.active)
        return;
    m_commit.active = false;
    if (!m_commitOk) {
        // The claimed rows are in flight already and stay claimed in memory (no claim scan picks them up);
        // their results are written next tick but match no row (the claim was rolled back), so each is
        // claimed and sent again afterwards under the same webhook-id.
        qCWarning(lcWorker) << "claim commit failed:" << m_commitError.text();
        {
            QSqlDatabase db = m_database->connection();
            rollback(db);
        } // before a reconnect drops the connection
        restoreSnapshot();
        reconnectIfLost(m_commitError);
        m_flushTimer->start(500); // the results again; the poll timer retries the claim
        return;
    }
    resultsCommitted();
    if (m_stopping)
        return;
    if (m_pumpAfterCommit) {
        m_pumpAfterCommit = false;
        QMetaObject::invokeMethod(this, &WorkerRunner::nudge, Qt::QueuedConnection);
    }
    if (!m_results.isEmpty())
        scheduleTick();
}

static qint64 retryAfterMs(const QByteArray &value, qint64 now);

// The claim scan. "priority IN (0, 1, 2, 3)" (every priority there is) lets the planner walk the partial
// index deliveries_due per priority in (priority, next_attempt_at) order and stop at LIMIT. Without it,
// SQLite without statistics chose deliveries_state and sorted every pending row on each claim (measured; see
// tests/bench/delivery/README.md).
static const char ClaimSelectSql[] =
    "SELECT id, event_seq, event_type, kind, target, url, payload, meta, attempts, max_attempts, backoff, "
    "initial_delay_ms, timeout_ms FROM deliveries WHERE state IN ('pending', 'retrying') AND priority IN (0, "
    "1, 2, 3) AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY priority, "
    "next_attempt_at LIMIT ?";
// Nothing to write and perhaps nothing due: look first without the write lock, which the journal writer
// needs for every append (the worker is woken after every processing batch).
static const char PeekSql[] =
    "SELECT 1 FROM deliveries WHERE state IN ('pending', 'retrying') AND priority IN (0, 1, 2, 3) AND "
    "next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) LIMIT 1";

SqliteStatements::~SqliteStatements()
{
    clear();
}

void SqliteStatements::clear()
{
    for (sqlite3_stmt **st :
         {&begin, &commit, &rollback, &peek, &select, &claim, &settle, &release, &attempt}) {
        sqlite3_finalize(*st);
        *st = nullptr;
    }
    handle = nullptr;
}

bool SqliteStatements::ensure(sqlite3 *h, QSqlError *error)
{
    if (h && h == handle)
        return true;
    clear();
    if (!h) {
        *error = QSqlError(QStringLiteral("no SQLite handle"), QString(), QSqlError::ConnectionError);
        return false;
    }
    const std::pair<sqlite3_stmt **, const char *> all[] = {
        {&begin, "BEGIN IMMEDIATE"},
        {&commit, "COMMIT"},
        {&rollback, "ROLLBACK"},
        {&peek, PeekSql},
        {&select, ClaimSelectSql},
        {&claim, "UPDATE deliveries SET claimed_by = ?1, claimed_until = ?2 WHERE id = ?3"},
        {&settle,
         "UPDATE deliveries SET state = ?1, attempts = ?2, next_attempt_at = ?3, response_code = ?4, "
         "response_body = ?5, last_error = ?6, delivered_at = ?7, claimed_by = NULL, claimed_until = "
         "NULL, updated_at = ?8 WHERE id = ?9 AND claimed_by = ?10"},
        {&release,
         "UPDATE deliveries SET next_attempt_at = ?1, claimed_by = NULL, claimed_until = NULL WHERE "
         "id = ?2 AND claimed_by = ?3"},
        {&attempt,
         "INSERT INTO delivery_attempts (delivery_id, attempt, node, started_at, latency_ms, "
         "http_status, response_body, error_code, error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
    };
    for (const auto &[st, sql] : all) {
        if (sqlite3_prepare_v3(h, sql, -1, SQLITE_PREPARE_PERSISTENT, st, nullptr) != SQLITE_OK) {
            *error = Store::Database::sqliteError(h);
            clear();
            return false;
        }
    }
    handle = h;
    return true;
}

// Steps a statement that returns no rows and resets it; false on anything but SQLITE_DONE.
static bool runStatement(sqlite3_stmt *st)
{
    const int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE;
}

static void bindText(sqlite3_stmt *st, int i, const QString &s)
{
    if (s.isNull()) {
        sqlite3_bind_null(st, i);
        return;
    }
    const QByteArray utf8 = s.toUtf8();
    sqlite3_bind_text(st, i, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

static QString columnText(sqlite3_stmt *st, int i)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(st, i));
    return text ? QString::fromUtf8(text, sqlite3_column_bytes(st, i)) : QString();
}

bool WorkerRunner::begin(QSqlDatabase &db)
{
    if (!m_database->isPostgres()) {
        // BEGIN IMMEDIATE takes the write lock up front (waiting out the busy timeout), so a transaction that
        // reads first never has to upgrade a stale snapshot.
        QSqlError e;
        if (!m_sql.ensure(Store::Database::sqliteHandle(db), &e)) {
            m_lastError = e;
            return false;
        }
        if (runStatement(m_sql.begin))
            return true;
        m_lastError = Store::Database::sqliteError(m_sql.handle);
        return false;
    }
    if (db.transaction())
        return true;
    m_lastError = db.lastError();
    return false;
}

bool WorkerRunner::commit(QSqlDatabase &db)
{
    if (!m_database->isPostgres()) {
        if (runStatement(m_sql.commit))
            return true;
        m_lastError = Store::Database::sqliteError(m_sql.handle);
        return false;
    }
    if (db.commit())
        return true;
    m_lastError = db.lastError();
    return false;
}

void WorkerRunner::rollback(QSqlDatabase &db)
{
    if (!m_database->isPostgres()) {
        if (m_sql.rollback && sqlite3_get_autocommit(m_sql.handle) == 0)
            runStatement(m_sql.rollback);
        return;
    }
    db.rollback();
}

// The connection failed in a way that means it is gone: drop the statements prepared on it, then reconnect.
void WorkerRunner::reconnectIfLost(const QSqlError &error)
{
    if (!Store::Database::isConnectionLost(error))
        return;
    m_sql.clear();
    m_database->reconnect();
}

bool WorkerRunner::anythingDue(QSqlDatabase &db, qint64 now)
{
    if (!m_database->isPostgres()) {
        QSqlError e;
        if (!m_sql.ensure(Store::Database::sqliteHandle(db), &e))
            return true; // let the claim report it
        sqlite3_bind_int64(m_sql.peek, 1, now);
        sqlite3_bind_int64(m_sql.peek, 2, now);
        const int rc = sqlite3_step(m_sql.peek);
        sqlite3_reset(m_sql.peek);
        return rc != SQLITE_DONE;
    }
    QSqlQuery peek(db);
    peek.setForwardOnly(true);
    peek.prepare(QString::fromLatin1(PeekSql));
    peek.addBindValue(now);
    peek.addBindValue(now);
    return !peek.exec() || peek.next();
}

bool WorkerRunner::claim(int limit, QList<Row> *rows)
{
    Error error;
    QSqlDatabase db = m_database->connection(&error);
    if (!db.isOpen())
        return false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool withResults = hasResults();
    // A poll or wake with nothing due leaves gathered results to their own tick (scheduleTick()): a commit
    // each would cost an fsync.
    if ((!withResults || !m_resultsDue) && !anythingDue(db, now))
        return true;
    if (withResults)
        m_flushTimer->stop(); // this tick writes them
    if (!begin(db)) {
        qCDebug(lcWorker) << "claim: cannot begin:" << m_lastError.text();
        rollback(db);
        reconnectIfLost(m_lastError);
        return false;
    }
    // The results that came in since the last tick are written in this same transaction: one commit per
    // tick for both (a commit is the expensive part with synchronous=FULL).
    if (withResults && !writeResults(db, now)) {
        rollback(db);
        return false;
    }
    const bool ok = m_database->isPostgres() ? claimSql(db, limit, now, rows) : claimSqlite(limit, now, rows);
    if (!ok) {
        qCWarning(lcWorker) << "claim failed:" << m_lastError.text();
        rollback(db);
        rows->clear();
        reconnectIfLost(m_lastError);
        return false;
    }
    takeSnapshot();
    for (const Row &r : std::as_const(*rows))
        m_claimed.insert(r.id);
    if (!m_database->isPostgres()) {
        // The commit (an fsync with synchronous=FULL: 0.3-10 ms on a busy disk) runs on the committer thread
        // while this one sends the claimed rows and goes on reading responses; nothing here touches the
        // connection until it is done (pump() and flush() wait for commitFinished()).
        //
        // The rows are sent before their claim is durable. The claim guards against a second node sending
        // the same row: on SQLite no other writer can claim before this transaction ends (this connection
        // holds the write lock from BEGIN IMMEDIATE until the COMMIT is durable), so waiting for the fsync
        // would only add its latency to every delivery. If the node dies or the COMMIT fails first, the
        // rows are unclaimed and pending again and are sent again under the same webhook-id: the
        // at-least-once delivery a crash mid-request gives anyway. PostgreSQL (several nodes, FOR UPDATE
        // SKIP LOCKED) sends only what it committed, below.
        m_commit.active = true;
        m_committer.start([this, st = m_sql.commit, handle = m_sql.handle] {
            m_commitOk = runStatement(st);
            m_commitError = m_commitOk ? QSqlError() : Store::Database::sqliteError(handle);
            QMetaObject::invokeMethod(this, &WorkerRunner::commitFinished, Qt::QueuedConnection);
        });
        return true;
    }
    if (!commit(db)) {
        qCWarning(lcWorker) << "claim commit failed:" << m_lastError.text();
        rollback(db);
        restoreSnapshot();
        for (const Row &r : std::as_const(*rows))
            m_claimed.remove(r.id);
        rows->clear();
        return false;
    }
    resultsCommitted();
    return true;
}

// What the transaction being committed wrote, so results settled meanwhile are not mistaken for it.
void WorkerRunner::takeSnapshot()
{
    m_commit.results = std::move(m_results);
    m_results.clear();
    m_commit.disables = std::move(m_pendingDisables);
    m_pendingDisables.clear();
    m_commit.breakers.clear();
    for (auto it = m_breakers.begin(); it != m_breakers.end(); ++it) {
        if (it->dirty) {
            it->dirty = false;
            m_commit.breakers.append(it.key());
        }
    }
}

// The commit failed: what it wrote is pending again.
void WorkerRunner::restoreSnapshot()
{
    m_results = m_commit.results + m_results;
    m_pendingDisables = m_commit.disables + m_pendingDisables;
    for (const QString &target : std::as_const(m_commit.breakers))
        m_breakers[target].dirty = true;
    m_commit.results.clear();
    m_commit.disables.clear();
    m_commit.breakers.clear();
}

void WorkerRunner::finishRow(Row &r, const QString &meta, const QString &backoff, qint64 initialDelayMs)
{
    if (!meta.isEmpty())
        r.meta = QJsonDocument::fromJson(meta.toUtf8()).object();
    r.policy = RetryPolicy{r.maxAttempts, backoffFromString(backoff), initialDelayMs};
}

// SQLite: the scan and one prepared UPDATE per claimed row, all through the C API.
bool WorkerRunner::claimSqlite(int limit, qint64 now, QList<Row> *rows)
{
    sqlite3_stmt *st = m_sql.select;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_int(st, 3, limit);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        Row r;
        r.id = columnText(st, 0);
        if (m_claimed.contains(r.id))
            continue; // ours, still in flight (only possible after a lease expired under a very slow request)
        r.eventSeq = sqlite3_column_int64(st, 1);
        r.eventType = columnText(st, 2);
        r.kind = columnText(st, 3);
        r.target = columnText(st, 4);
        r.url = columnText(st, 5);
        r.payload =
            QByteArray(static_cast<const char *>(sqlite3_column_blob(st, 6)), sqlite3_column_bytes(st, 6));
        r.attempts = sqlite3_column_int(st, 8);
        r.maxAttempts = sqlite3_column_int(st, 9);
        r.timeoutMs = sqlite3_column_int64(st, 12);
        finishRow(r, columnText(st, 7), columnText(st, 10), sqlite3_column_int64(st, 11));
        rows->append(std::move(r));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        m_lastError = Store::Database::sqliteError(m_sql.handle);
        return false;
    }
    const QByteArray node = m_options.nodeId.toUtf8();
    for (const Row &r : std::as_const(*rows)) {
        sqlite3_bind_text(m_sql.claim, 1, node.constData(), int(node.size()), SQLITE_STATIC);
        sqlite3_bind_int64(m_sql.claim, 2, now + m_options.claimLeaseMs);
        bindText(m_sql.claim, 3, r.id);
        if (!runStatement(m_sql.claim)) {
            m_lastError = Store::Database::sqliteError(m_sql.handle);
            return false;
        }
    }
    return true;
}

// PostgreSQL: the scan with FOR UPDATE SKIP LOCKED (rows another node holds are skipped, never waited for),
// then one UPDATE for the whole claim.
bool WorkerRunner::claimSql(QSqlDatabase &db, int limit, qint64 now, QList<Row> *rows)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QString::fromLatin1(ClaimSelectSql) + QStringLiteral(" FOR UPDATE SKIP LOCKED"));
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(limit);
    if (!q.exec()) {
        m_lastError = q.lastError();
        return false;
    }
    QVariantList ids;
    while (q.next()) {
        Row r;
        r.id = q.value(0).toString();
        if (m_claimed.contains(r.id))
            continue;
        r.eventSeq = q.value(1).toLongLong();
        r.eventType = q.value(2).toString();
        r.kind = q.value(3).toString();
        r.target = q.value(4).toString();
        r.url = q.value(5).toString();
        r.payload = q.value(6).toByteArray();
        r.attempts = q.value(8).toInt();
        r.maxAttempts = q.value(9).toInt();
        r.timeoutMs = q.value(12).toLongLong();
        finishRow(r, q.value(7).toString(), q.value(10).toString(), q.value(11).toLongLong());
        ids.append(r.id);
        rows->append(std::move(r));
    }
    q.finish();
    if (ids.isEmpty())
        return true;
    QString marks;
    for (int i = 0; i < ids.size(); ++i)
        marks += i == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
    QSqlQuery u(db);
    u.prepare(QStringLiteral("UPDATE deliveries SET claimed_by = ?, claimed_until = ? WHERE id IN (%1)")
                  .arg(marks));
    u.addBindValue(m_options.nodeId);
    u.addBindValue(now + m_options.claimLeaseMs);
    for (const QVariant &id : std::as_const(ids))
        u.addBindValue(id);
    if (!u.exec()) {
        m_lastError = u.lastError();
        return false;
    }
    return true;
}

static QString breakerStateOf(const QHash<QString, Breaker> &breakers, const QString &target)
{
    const auto it = breakers.constFind(target);
    return it == breakers.cend() ? QStringLiteral("closed") : it->state;
}

void WorkerRunner::dispatch(Row row)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Result res;
    res.id = row.id;
    res.target = row.target;
    res.attempts = row.attempts;

    // Circuit breaker: an open circuit holds deliveries back without spending their attempts.
    Breaker &b = m_breakers[row.target];
    if (b.state == QLatin1String("open")) {
        if (now < b.probeAt) {
            res.nextAttemptAt = b.probeAt;
            settle(res);
            return;
        }
        b.state = QStringLiteral("half_open");
        b.probeInFlight = false;
        b.dirty = true;
        qCInfo(lcWorker).noquote() << "circuit for" << row.target << "half-open: sending a probe";
        Q_EMIT m_owner->breakerChanged(row.target, b.state);
    }
    if (b.state == QLatin1String("half_open")) {
        if (b.probeInFlight) {
            res.nextAttemptAt = now + qMin<qint64>(1000, m_options.breakerCooldownMs);
            settle(res);
            return;
        }
        b.probeInFlight = true;
    }

    auto failNow = [&](const QString &code, const QString &message) {
        if (b.state == QLatin1String("half_open"))
            b.probeInFlight = false;
        res.state = QString::fromLatin1(State::Failed);
        res.attempts = row.attempts + 1;
        res.attempted = true;
        res.startedAt = now;
        res.errorCode = code;
        res.error = message;
        res.settledAt = now;
        const QString key = row.target + QLatin1Char('|') + code;
        if (!m_warnedFailures.contains(key)) {
            m_warnedFailures.insert(key);
            qCWarning(lcWorker).noquote() << "delivery" << row.id << "to" << row.target << "failed:" << code
                                          << message << "(further ones like it are logged at debug level)";
        } else {
            qCDebug(lcWorker).noquote()
                << "delivery" << row.id << "to" << row.target << "failed:" << code << message;
        }
        settle(res);
    };

    QString url = row.url;
    QString secret = m_options.signingSecret;
    QByteArray bearer;
    const auto kind = kindFromString(row.kind).value_or(TargetKind::Webhook);
    const bool isSubscription = kind == TargetKind::Webhook && m_subs.contains(row.target);
    if (isSubscription) {
        const SubInfo &s = m_subs[row.target];
        if (!s.active) {
            failNow(QStringLiteral("SUBSCRIPTION_DISABLED"),
                    QStringLiteral("The subscription is disabled; enable it and replay the delivery."));
            return;
        }
        if (url.isEmpty())
            url = s.url;
        secret = s.secret;
        if (s.rateLimit > 0) {
            auto &w = m_rate[row.target];
            if (now - w.first >= s.rateWindowMs)
                w = qMakePair(now, 0);
            if (w.second >= s.rateLimit) {
                if (b.state == QLatin1String("half_open"))
                    b.probeInFlight = false;
                res.nextAttemptAt = w.first + s.rateWindowMs;
                settle(res); // over the endpoint's rate: wait for the next window, no attempt spent
                return;
            }
            ++w.second;
        }
    } else if (kind == TargetKind::Webhook && row.url.isEmpty()) {
        failNow(
            QStringLiteral("SUBSCRIPTION_NOT_FOUND"),
            QStringLiteral("No subscription %1 and no URL in the delivery; it was removed.").arg(row.target));
        return;
    }
    if (m_disabledTargets.contains(row.target)) {
        failNow(
            QStringLiteral("ENDPOINT_DISABLED"),
            QStringLiteral("The endpoint was disabled after failing continuously; enable it and replay."));
        return;
    }
    if (kind == TargetKind::Connector) {
        if (Connector *c = m_connectors.value(row.target)) {
            dispatchConnector(std::move(row), c, now);
            return;
        }
        if (url.isEmpty()) {
            failNow(QStringLiteral("DESTINATION_NOT_CONFIGURED"),
                    QStringLiteral("No connector for target %1; set delivery.connector_targets (and the "
                                   "connector's URL) or give the routing rule a URL.")
                        .arg(row.target));
            return;
        }
    }
    if (url.isEmpty()) {
        if (kind == TargetKind::Slack)
            url = m_options.slackUrl;
        else if (kind == TargetKind::WhatsApp)
            url = m_options.whatsappUrl;
        else if (kind == TargetKind::Email)
            url = m_options.emailUrl;
    }
    if (kind == TargetKind::WhatsApp)
        bearer = m_options.whatsappToken.toUtf8();
    else if (kind == TargetKind::Email)
        bearer = m_options.emailApiKey.toUtf8();
    if (url.isEmpty()) {
        failNow(QStringLiteral("DESTINATION_NOT_CONFIGURED"),
                QStringLiteral("No URL for %1 target %2; set delivery.%1_url.").arg(row.kind, row.target));
        return;
    }
    const QUrl qurl(url);
    QHostAddress approved;
    if (const Error e = m_guard.check(qurl, &approved)) {
        failNow(e.code, e.message);
        return;
    }

    // Connect to the address the guard approved, not to whatever the name resolves to next (DNS
    // rebinding); the receiver still sees its own name in Host, and TLS uses it for SNI and verification.
    const QUrl connectUrl = SsrfGuard::pinned(qurl, approved);
    HttpRequest request;
    request.url = connectUrl;
    request.hostName = qurl.host();
    const qint64 ts = now / 1000;
    request.headers = Signer::webhookHeaders(secret, row.id, row.eventType, ts, row.payload);
    if (!bearer.isEmpty())
        request.headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + bearer});
    qint64 timeout = row.timeoutMs;
    if (timeout <= 0) {
        const bool notice = row.meta.value(QStringLiteral("notice")).toBool() ||
                            row.eventType.startsWith(QLatin1String("version."));
        timeout = notice ? m_options.noticeTimeoutMs : m_options.channelTimeoutMs;
    }
    request.timeoutMs = timeout;
    request.body = row.payload;
    QElapsedTimer timer;
    timer.start();
    m_http->send(std::move(request), [this, row = std::move(row), now, timer](const HttpResponse &r) {
        if (r.errorCode == QLatin1String("ABORTED")) {
            defer(row, QDateTime::currentMSecsSinceEpoch()); // stop(): released, no attempt counted
            return;
        }
        complete(row, now, timer.elapsed(), r.status, r.errorCode, r.error,
                 retryAfterMs(r.headers.value(QByteArrayLiteral("retry-after")),
                              QDateTime::currentMSecsSinceEpoch()),
                 r.body);
    });
}

static qint64 retryAfterMs(const QByteArray &value, qint64 now)
{
    if (value.isEmpty())
        return 0;
    bool ok = false;
    const qint64 secs = value.trimmed().toLongLong(&ok);
    if (ok)
        return qBound<qint64>(0, secs, 86400LL) * 1000;
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(value.trimmed()), Qt::RFC2822Date);
    if (when.isValid())
        return qBound<qint64>(0, when.toMSecsSinceEpoch() - now, 86400000LL);
    return 0;
}

void WorkerRunner::defer(const Row &row, qint64 until)
{
    Breaker &b = m_breakers[row.target];
    if (b.state == QLatin1String("half_open"))
        b.probeInFlight = false;
    Result res;
    res.id = row.id;
    res.target = row.target;
    res.attempts = row.attempts;
    res.nextAttemptAt = until;
    settle(res);
}

void WorkerRunner::dispatchConnector(Row row, Connector *connector, qint64 now)
{
    // Over the connector's local limits (or the vendor said none remain): wait, spending no attempt.
    const qint64 wait = connector->waitMs(now);
    if (wait > 0) {
        defer(row, now + wait);
        return;
    }
    // The preset's retries (the connector object itself was built not to retry).
    const ConnectorConfig cfg = m_options.connectors.value(row.target);
    row.maxAttempts = qBound(1, cfg.maxRetries + 1, 10);
    row.policy = RetryPolicy{row.maxAttempts, cfg.backoff, cfg.initialDelayMs};
    const QUrl url = row.url.isEmpty() ? connector->urlFor(row.meta.value(QStringLiteral("path")).toString())
                                       : QUrl(row.url);
    QHostAddress approved;
    if (const Error e = m_guard.check(url, &approved)) {
        Breaker &b = m_breakers[row.target];
        if (b.state == QLatin1String("half_open"))
            b.probeInFlight = false;
        Result res;
        res.id = row.id;
        res.target = row.target;
        res.state = QString::fromLatin1(State::Failed);
        res.attempts = row.attempts + 1;
        res.attempted = true;
        res.startedAt = now;
        res.errorCode = e.code;
        res.error = e.message;
        res.settledAt = now;
        qCWarning(lcWorker).noquote()
            << "delivery" << row.id << "to" << row.target << "failed:" << e.code << e.message;
        settle(res);
        return;
    }
    const QByteArray method =
        row.meta.value(QStringLiteral("method")).toString(QStringLiteral("POST")).toUpper().toLatin1();
    QElapsedTimer timer;
    timer.start();
    auto replyHolder = std::make_shared<QNetworkReply *>(nullptr);
    const Row sent = row;
    QNetworkReply *reply = connector->sendOnce(
        method, SsrfGuard::pinned(url, approved), url.host(), row.payload,
        [this, sent, now, timer, replyHolder](const ConnectorResponse &r) {
            if (*replyHolder)
                m_inFlight.remove(*replyHolder);
            if (r.error.code == QLatin1String(RateLimited)) {
                defer(sent, now + r.error.details.value(QStringLiteral("retry_after_ms")).toInteger(1000));
                return;
            }
            if (m_stopping && r.status == 0) {
                defer(sent, QDateTime::currentMSecsSinceEpoch()); // aborted by stop(): no attempt counted
                return;
            }
            QString code, message;
            if (r.status == 0) {
                code = r.error.code == QLatin1String("CONNECTOR_TIMEOUT") ? QStringLiteral("TIMEOUT")
                                                                          : QStringLiteral("NETWORK_ERROR");
                message = r.error.message;
            }
            complete(sent, now, timer.elapsed(), r.status, code, message, r.retryAfterMs, r.body.left(4096));
        });
    if (reply) {
        *replyHolder = reply;
        m_inFlight.insert(reply, sent.id);
    }
}

void WorkerRunner::complete(const Row &row, qint64 startedAt, qint64 latencyMs, int status,
                            const QString &netErrorCode, const QString &netError, qint64 retryAfter,
                            const QByteArray &responseBody)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Result res;
    res.id = row.id;
    res.target = row.target;
    res.startedAt = startedAt;
    res.latencyMs = latencyMs;
    res.httpStatus = status;
    Breaker &b = m_breakers[row.target];
    res.responseBody = QString::fromUtf8(responseBody);
    res.attempted = true;
    res.attempts = row.attempts + 1;
    res.settledAt = now;

    bool ok = false;
    bool retry = false;
    if (status >= 200 && status < 300) {
        ok = true;
        res.state = QString::fromLatin1(State::Delivered);
    } else if (status == 0) {
        retry = true;
        res.errorCode = netErrorCode.isEmpty() ? QStringLiteral("NETWORK_ERROR") : netErrorCode;
        res.error = netError;
    } else if (status == 408 || status == 429 || status >= 500) {
        retry = true;
        res.errorCode = QStringLiteral("HTTP_%1").arg(status);
        res.error = QStringLiteral("HTTP %1 (retryable)").arg(status);
    } else if (status == 410) {
        res.state = QString::fromLatin1(State::Failed);
        res.errorCode = QStringLiteral("HTTP_410");
        res.error = QStringLiteral("410 Gone: the receiver removed this endpoint");
        if (kindFromString(row.kind) == TargetKind::Webhook && m_subs.contains(row.target)) {
            m_subs[row.target].active = false;
            m_pendingDisables.append({row.target, QStringLiteral("410 Gone")});
        }
    } else {
        res.state = QString::fromLatin1(State::Failed);
        res.errorCode = QStringLiteral("HTTP_%1").arg(status);
        res.error = QStringLiteral("HTTP %1: the receiver refused the delivery; not retried").arg(status);
    }

    if (ok) {
        successOnBreaker(row.target, now);
    } else if (retry) {
        failureOnBreaker(row.target, now);
        if (res.attempts >= row.maxAttempts) {
            res.state = QString::fromLatin1(State::Dead);
        } else {
            res.state = QString::fromLatin1(State::Retrying);
            res.nextAttemptAt = now + qMax(row.policy.delayMs(res.attempts), retryAfter);
        }
    } else if (b.state == QLatin1String("half_open")) {
        // The endpoint answered (a definite 4xx): it is up, so the probe succeeded.
        successOnBreaker(row.target, now);
    }
    if (!ok)
        qCInfo(lcWorker).noquote() << "delivery" << row.id << "to" << row.target << "attempt" << res.attempts
                                   << "->" << res.state << res.errorCode
                                   << (res.state == QLatin1String(State::Retrying)
                                           ? QStringLiteral("(retry in %1 ms)").arg(res.nextAttemptAt - now)
                                           : QString());
    Q_EMIT m_owner->attemptFinished(row.target, ok, res.latencyMs, status,
                                    breakerStateOf(m_breakers, row.target));
    settle(res);
}

void WorkerRunner::successOnBreaker(const QString &target, qint64 now)
{
    Breaker &b = m_breakers[target];
    const bool wasOpen = b.state != QLatin1String("closed");
    if (b.failures == 0 && !wasOpen && b.lastSuccessAt > now - 60000)
        return; // nothing changed worth a write
    b.state = QStringLiteral("closed");
    b.failures = 0;
    b.failingSince = 0;
    b.probeInFlight = false;
    b.lastSuccessAt = now;
    b.dirty = true;
    if (wasOpen) {
        qCInfo(lcWorker).noquote() << "circuit for" << target << "closed after a successful delivery";
        Q_EMIT m_owner->breakerChanged(target, b.state);
    }
}

void WorkerRunner::failureOnBreaker(const QString &target, qint64 now)
{
    Breaker &b = m_breakers[target];
    b.dirty = true;
    ++b.failures;
    if (b.failingSince == 0)
        b.failingSince = now;
    const bool probeFailed = b.state == QLatin1String("half_open");
    if (probeFailed || (b.state == QLatin1String("closed") && b.failures >= m_options.breakerThreshold)) {
        b.state = QStringLiteral("open");
        b.openedAt = now;
        b.probeAt = now + m_options.breakerCooldownMs;
        b.probeInFlight = false;
        qCWarning(lcWorker).noquote()
            << "circuit for" << target << "opened after" << b.failures << "consecutive failures; probe in"
            << m_options.breakerCooldownMs << "ms";
        Q_EMIT m_owner->breakerChanged(target, b.state);
    }
    if (now - b.failingSince >= m_options.disableAfterMs && !m_disabledTargets.contains(target))
        disableEndpoint(
            target,
            QStringLiteral("failing continuously since %1")
                .arg(QDateTime::fromMSecsSinceEpoch(b.failingSince, Qt::UTC).toString(Qt::ISODate)),
            now);
}

void WorkerRunner::disableEndpoint(const QString &target, const QString &reason, qint64 /*now*/)
{
    m_disabledTargets.insert(target);
    if (m_subs.contains(target))
        m_subs[target].active = false;
    m_pendingDisables.append({target, reason});
}

void WorkerRunner::settle(Result result)
{
    m_results.append(std::move(result));
    if (m_results.size() >= 500) {
        flush();
        return;
    }
    // Every tick costs a commit (write lock, WAL frames, an fsync with synchronous=FULL), so results are
    // gathered: while due rows are waiting (the last claim filled its limit) the next tick runs once a
    // quarter of the slots are free again (or BacklogTickMs after the first result), otherwise within
    // IdleTickMs; a wake() after an enqueue claims at once and writes what was gathered in the same
    // transaction.
    scheduleTick();
}

void WorkerRunner::scheduleTick()
{
    if (m_backlog && freeSlots() >= refillSlots()) {
        if (!m_flushTimer->isActive() || m_flushTimer->interval() != 0)
            m_flushTimer->start(0);
    } else if (!m_flushTimer->isActive()) {
        m_flushTimer->start(m_backlog ? BacklogTickMs : IdleTickMs);
    }
}

bool WorkerRunner::hasResults() const
{
    return !m_results.isEmpty() || !m_pendingDisables.isEmpty() ||
           std::any_of(m_breakers.cbegin(), m_breakers.cend(), [](const Breaker &b) { return b.dirty; });
}

void WorkerRunner::flush()
{
    m_flushTimer->stop();
    if (!hasResults() || m_commit.active) // commitFinished() schedules the next tick
        return;
    Error error;
    QSqlDatabase db = m_database->connection(&error);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!db.isOpen() || !begin(db)) {
        const QSqlError e = db.isOpen() ? m_lastError : db.lastError();
        qCWarning(lcWorker) << "cannot record delivery results now; retrying:"
                            << (db.isOpen() ? e.text() : error.message);
        rollback(db);
        reconnectIfLost(e);
        if (!m_stopping)
            QTimer::singleShot(500, this, &WorkerRunner::flush);
        return;
    }
    if (!writeResults(db, now)) {
        qCWarning(lcWorker) << "recording delivery results failed; retrying:" << m_lastError.text();
        rollback(db);
        if (!m_stopping)
            QTimer::singleShot(500, this, &WorkerRunner::flush);
        return;
    }
    takeSnapshot();
    if (!commit(db)) {
        qCWarning(lcWorker) << "recording delivery results failed; retrying:" << m_lastError.text();
        rollback(db);
        restoreSnapshot();
        if (!m_stopping)
            QTimer::singleShot(500, this, &WorkerRunner::flush);
        return;
    }
    resultsCommitted();
}

// Settles, releases, attempt rows, breaker states, disabled endpoints and alerts, inside the caller's
// transaction. False (logged) on the first failing statement; nothing in memory changes.
bool WorkerRunner::writeResults(QSqlDatabase &db, qint64 now)
{
    const bool ok =
        (m_database->isPostgres() ? writeRowsSql(db, now) : writeRowsSqlite(now)) && writeTargets(db, now);
    if (!ok)
        qCWarning(lcWorker) << "recording delivery results failed:" << m_lastError.text();
    return ok;
}

// SQLite: one prepared UPDATE per settled or released row and one prepared INSERT per attempt (C API; a
// statement by primary key costs microseconds once prepared).
bool WorkerRunner::writeRowsSqlite(qint64 now)
{
    const QByteArray node = m_options.nodeId.toUtf8();
    for (Result &r : m_results) {
        sqlite3_stmt *st = nullptr;
        if (r.state.isEmpty()) {
            st = m_sql.release;
            sqlite3_bind_int64(st, 1, r.nextAttemptAt);
            bindText(st, 2, r.id);
            sqlite3_bind_text(st, 3, node.constData(), int(node.size()), SQLITE_STATIC);
        } else {
            st = m_sql.settle;
            bindText(st, 1, r.state);
            sqlite3_bind_int(st, 2, r.attempts);
            sqlite3_bind_int64(st, 3, r.nextAttemptAt > 0 ? r.nextAttemptAt : now);
            if (r.httpStatus > 0)
                sqlite3_bind_int(st, 4, r.httpStatus);
            if (!r.responseBody.isEmpty())
                bindText(st, 5, r.responseBody);
            if (!r.errorCode.isEmpty())
                bindText(st, 6, r.errorCode + QStringLiteral(": ") + r.error);
            if (r.state == QLatin1String(State::Delivered))
                sqlite3_bind_int64(st, 7, r.settledAt);
            sqlite3_bind_int64(st, 8, now);
            bindText(st, 9, r.id);
            sqlite3_bind_text(st, 10, node.constData(), int(node.size()), SQLITE_STATIC);
        }
        if (!runStatement(st)) {
            m_lastError = Store::Database::sqliteError(m_sql.handle);
            return false;
        }
        r.lost = sqlite3_changes(m_sql.handle) == 0;
        if (!r.attempted)
            continue;
        st = m_sql.attempt;
        bindText(st, 1, r.id);
        sqlite3_bind_int(st, 2, r.attempts);
        sqlite3_bind_text(st, 3, node.constData(), int(node.size()), SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, r.startedAt);
        sqlite3_bind_int64(st, 5, r.latencyMs);
        if (r.httpStatus > 0)
            sqlite3_bind_int(st, 6, r.httpStatus);
        if (!r.responseBody.isEmpty())
            bindText(st, 7, r.responseBody);
        if (!r.errorCode.isEmpty())
            bindText(st, 8, r.errorCode);
        if (!r.error.isEmpty())
            bindText(st, 9, r.error);
        if (!runStatement(st)) {
            m_lastError = Store::Database::sqliteError(m_sql.handle);
            return false;
        }
    }
    return true;
}

// One "WITH v(...) AS (VALUES ...) UPDATE deliveries ... FROM v" statement for up to `n` rows. The CASTs
// type the parameters (PostgreSQL would read untyped VALUES as text); the same text runs on SQLite >= 3.33.
static QString batchUpdateSql(int n, const QStringList &columns, const QStringList &types, const QString &set)
{
    QString tuple = QStringLiteral("(");
    for (int c = 0; c < columns.size(); ++c)
        tuple += (c ? QStringLiteral(", CAST(? AS ") : QStringLiteral("CAST(? AS ")) + types.at(c) +
                 QLatin1Char(')');
    tuple += QLatin1Char(')');
    QString sql =
        QStringLiteral("WITH v (") + columns.join(QStringLiteral(", ")) + QStringLiteral(") AS (VALUES ");
    for (int i = 0; i < n; ++i) {
        if (i)
            sql += QStringLiteral(", ");
        sql += tuple;
    }
    sql += QStringLiteral(") UPDATE deliveries SET ") + set +
           QStringLiteral(" FROM v WHERE deliveries.id = v.id AND deliveries.claimed_by = ?");
    return sql;
}

// PostgreSQL: one statement per kind of write and chunk (a round trip each), not one per row.
bool WorkerRunner::writeRowsSql(QSqlDatabase &db, qint64 now)
{
    constexpr int Chunk = 200;
    const QVariant nullInt{QMetaType(QMetaType::Int)};
    const QVariant nullLong{QMetaType(QMetaType::LongLong)};
    const QVariant nullText{QMetaType(QMetaType::QString)};
    QList<const Result *> settled, released, attempted;
    for (const Result &r : std::as_const(m_results)) {
        (r.state.isEmpty() ? released : settled).append(&r);
        if (r.attempted)
            attempted.append(&r);
    }
    QSqlQuery q(db);
    int prepared = -1;
    for (qsizetype from = 0; from < settled.size(); from += Chunk) {
        const int n = int(qMin<qsizetype>(Chunk, settled.size() - from));
        if (n != prepared) {
            if (!q.prepare(batchUpdateSql(
                    n,
                    {QStringLiteral("id"), QStringLiteral("state"), QStringLiteral("attempts"),
                     QStringLiteral("next_attempt_at"), QStringLiteral("response_code"),
                     QStringLiteral("response_body"), QStringLiteral("last_error"),
                     QStringLiteral("delivered_at")},
                    {QStringLiteral("TEXT"), QStringLiteral("TEXT"), QStringLiteral("INTEGER"),
                     QStringLiteral("BIGINT"), QStringLiteral("INTEGER"), QStringLiteral("TEXT"),
                     QStringLiteral("TEXT"), QStringLiteral("BIGINT")},
                    QStringLiteral(
                        "state = v.state, attempts = v.attempts, next_attempt_at = v.next_attempt_at, "
                        "response_code = v.response_code, response_body = v.response_body, "
                        "last_error = v.last_error, delivered_at = v.delivered_at, claimed_by = "
                        "NULL, claimed_until = NULL, updated_at = ?")))) {
                m_lastError = q.lastError();
                return false;
            }
            prepared = n;
        }
        int bind = 0;
        for (int i = 0; i < n; ++i) {
            const Result &r = *settled.at(from + i);
            q.bindValue(bind++, r.id);
            q.bindValue(bind++, r.state);
            q.bindValue(bind++, r.attempts);
            q.bindValue(bind++, r.nextAttemptAt > 0 ? r.nextAttemptAt : now);
            q.bindValue(bind++, r.httpStatus > 0 ? QVariant(r.httpStatus) : nullInt);
            q.bindValue(bind++, r.responseBody.isEmpty() ? nullText : QVariant(r.responseBody));
            q.bindValue(bind++, r.errorCode.isEmpty()
                                    ? nullText
                                    : QVariant(r.errorCode + QStringLiteral(": ") + r.error));
            q.bindValue(bind++,
                        r.state == QLatin1String(State::Delivered) ? QVariant(r.settledAt) : nullLong);
        }
        q.bindValue(bind++, now);
        q.bindValue(bind++, m_options.nodeId);
        if (!q.exec()) {
            m_lastError = q.lastError();
            return false;
        }
    }
    prepared = -1;
    for (qsizetype from = 0; from < released.size(); from += Chunk) {
        const int n = int(qMin<qsizetype>(Chunk, released.size() - from));
        if (n != prepared) {
            if (!q.prepare(batchUpdateSql(n, {QStringLiteral("id"), QStringLiteral("next_attempt_at")},
                                          {QStringLiteral("TEXT"), QStringLiteral("BIGINT")},
                                          QStringLiteral("next_attempt_at = v.next_attempt_at, claimed_by = "
                                                         "NULL, claimed_until = NULL")))) {
                m_lastError = q.lastError();
                return false;
            }
            prepared = n;
        }
        int bind = 0;
        for (int i = 0; i < n; ++i) {
            q.bindValue(bind++, released.at(from + i)->id);
            q.bindValue(bind++, released.at(from + i)->nextAttemptAt);
        }
        q.bindValue(bind++, m_options.nodeId);
        if (!q.exec()) {
            m_lastError = q.lastError();
            return false;
        }
    }
    // Attempt records: multi-row INSERTs (9 values a row).
    QSqlQuery attemptQ(db);
    prepared = -1;
    for (qsizetype from = 0; from < attempted.size(); from += Chunk) {
        const int n = int(qMin<qsizetype>(Chunk, attempted.size() - from));
        if (n != prepared) {
            QString sql =
                QStringLiteral("INSERT INTO delivery_attempts (delivery_id, attempt, node, started_at, "
                               "latency_ms, http_status, response_body, error_code, error) VALUES ");
            for (int i = 0; i < n; ++i)
                sql += i == 0 ? QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?)")
                              : QStringLiteral(", (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            if (!attemptQ.prepare(sql)) {
                m_lastError = attemptQ.lastError();
                return false;
            }
            prepared = n;
        }
        int bind = 0;
        for (int i = 0; i < n; ++i) {
            const Result &r = *attempted.at(from + i);
            attemptQ.bindValue(bind++, r.id);
            attemptQ.bindValue(bind++, r.attempts);
            attemptQ.bindValue(bind++, m_options.nodeId);
            attemptQ.bindValue(bind++, r.startedAt);
            attemptQ.bindValue(bind++, r.latencyMs);
            attemptQ.bindValue(bind++, r.httpStatus > 0 ? QVariant(r.httpStatus) : nullInt);
            attemptQ.bindValue(bind++, r.responseBody.isEmpty() ? nullText : QVariant(r.responseBody));
            attemptQ.bindValue(bind++, r.errorCode.isEmpty() ? nullText : QVariant(r.errorCode));
            attemptQ.bindValue(bind++, r.error.isEmpty() ? nullText : QVariant(r.error));
        }
        if (!attemptQ.exec()) {
            m_lastError = attemptQ.lastError();
            return false;
        }
    }
    return true;
}

// Breaker states, disabled endpoints and their alerts (rare: only what changed since the last tick).
bool WorkerRunner::writeTargets(QSqlDatabase &db, qint64 now)
{
    const QVariant nullLong{QMetaType(QMetaType::LongLong)};
    bool ok = true;
    QSqlQuery breakerQ(db);
    bool breakerPrepared = false;
    for (auto it = m_breakers.cbegin(); ok && it != m_breakers.cend(); ++it) {
        if (!it->dirty)
            continue;
        if (!breakerPrepared) {
            breakerPrepared = true;
            breakerQ.prepare(QStringLiteral(
                "INSERT INTO delivery_targets (target, state, consecutive_failures, opened_at, probe_at, "
                "failing_since, last_success_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
                "(target) DO UPDATE SET state = excluded.state, consecutive_failures = "
                "excluded.consecutive_failures, opened_at = excluded.opened_at, probe_at = "
                "excluded.probe_at, "
                "failing_since = excluded.failing_since, last_success_at = excluded.last_success_at, "
                "updated_at = excluded.updated_at"));
        }
        breakerQ.addBindValue(it.key());
        breakerQ.addBindValue(it->state);
        breakerQ.addBindValue(it->failures);
        breakerQ.addBindValue(it->openedAt ? QVariant(it->openedAt) : nullLong);
        breakerQ.addBindValue(it->probeAt ? QVariant(it->probeAt) : nullLong);
        breakerQ.addBindValue(it->failingSince ? QVariant(it->failingSince) : nullLong);
        breakerQ.addBindValue(it->lastSuccessAt ? QVariant(it->lastSuccessAt) : nullLong);
        breakerQ.addBindValue(now);
        ok = breakerQ.exec();
        if (!ok)
            m_lastError = breakerQ.lastError();
    }
    if (!ok || m_pendingDisables.isEmpty())
        return ok;
    QSqlQuery subQ(db), alertQ(db), targetQ(db);
    subQ.prepare(QStringLiteral("UPDATE subscriptions SET active = 0, disabled_at = ?, disabled_reason = ?, "
                                "updated_at = ? WHERE id = ?"));
    alertQ.prepare(QStringLiteral(
        "INSERT INTO delivery_alerts (target, code, message, created_at) VALUES (?, ?, ?, ?)"));
    targetQ.prepare(
        QStringLiteral("INSERT INTO delivery_targets (target, state, consecutive_failures, "
                       "disabled_at, updated_at) VALUES (?, 'closed', 0, ?, ?) ON CONFLICT (target) "
                       "DO UPDATE SET disabled_at = excluded.disabled_at, updated_at = "
                       "excluded.updated_at"));
    for (const auto &d : std::as_const(m_pendingDisables)) {
        const bool gone = d.second == QLatin1String("410 Gone");
        subQ.addBindValue(now);
        subQ.addBindValue(d.second);
        subQ.addBindValue(now);
        subQ.addBindValue(d.first);
        if (!subQ.exec()) {
            m_lastError = subQ.lastError();
            return false;
        }
        if (!gone) {
            targetQ.addBindValue(d.first);
            targetQ.addBindValue(now);
            targetQ.addBindValue(now);
            if (!targetQ.exec()) {
                m_lastError = targetQ.lastError();
                return false;
            }
        }
        alertQ.addBindValue(d.first);
        alertQ.addBindValue(gone ? QStringLiteral("SUBSCRIPTION_GONE") : QStringLiteral("ENDPOINT_DISABLED"));
        alertQ.addBindValue(QStringLiteral("%1 disabled: %2").arg(d.first, d.second));
        alertQ.addBindValue(now);
        if (!alertQ.exec()) {
            m_lastError = alertQ.lastError();
            return false;
        }
    }
    return true;
}

// After the transaction holding writeResults() committed: the in-memory side.
void WorkerRunner::resultsCommitted()
{
    const QList<Result> results = std::move(m_commit.results);
    const QList<QPair<QString, QString>> disables = std::move(m_commit.disables);
    m_commit.results.clear();
    m_commit.disables.clear();
    m_commit.breakers.clear();
    for (const auto &d : disables) {
        qCCritical(lcWorker).noquote() << "ALERT: endpoint" << d.first << "disabled:" << d.second;
        Q_EMIT m_owner->endpointDisabled(d.first, d.second);
    }
    for (const Result &r : results) {
        m_claimed.remove(r.id);
        if (r.lost)
            continue; // pending again: claimed and sent again under the same webhook-id
        if (r.state == QLatin1String(State::Delivered) || r.state == QLatin1String(State::Failed) ||
            r.state == QLatin1String(State::Dead))
            Q_EMIT m_owner->deliverySettled(r.id, r.state);
    }
}

// ---------------------------------------------------------------------------------------------------------

DeliveryWorker::DeliveryWorker(Store::Database *database, WorkerOptions options, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_options(std::move(options))
{
    if (m_options.nodeId.isEmpty())
        m_options.nodeId = QHostInfo::localHostName() + QStringLiteral("/") +
                           QString::number(QCoreApplication::applicationPid());
}

DeliveryWorker::~DeliveryWorker()
{
    stop();
}

bool DeliveryWorker::start(Error *error)
{
    if (m_thread)
        return true;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("wedsync-delivery"));
    m_runner = new WorkerRunner(this, m_database, m_options);
    m_runner->moveToThread(m_thread);
    m_thread->start();
    bool ok = false;
    Error e;
    QMetaObject::invokeMethod(
        m_runner, [&] { ok = m_runner->init(&e); }, Qt::BlockingQueuedConnection);
    if (!ok) {
        if (error)
            *error = e;
        stop();
        return false;
    }
    return true;
}

void DeliveryWorker::stop()
{
    if (!m_thread)
        return;
    WorkerRunner *runner = nullptr;
    {
        // From here on wake() and allowHost() find no runner; what they posted before is dropped with it.
        QMutexLocker lock(&m_runnerMutex);
        std::swap(runner, m_runner);
    }
    if (runner) {
        QMetaObject::invokeMethod(
            runner,
            [runner] {
                runner->shutdown();
                runner->deleteLater(); // deleted as the thread's event loop ends
            },
            Qt::BlockingQueuedConnection);
    }
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    qCInfo(lcWorker).noquote() << "delivery worker" << m_options.nodeId << "stopped";
}

void DeliveryWorker::allowHost(const QString &host)
{
    QMutexLocker lock(&m_runnerMutex);
    if (!m_runner)
        return;
    QMetaObject::invokeMethod(
        m_runner, [runner = m_runner, host] { runner->allowHost(host); }, Qt::QueuedConnection);
}

void DeliveryWorker::wake()
{
    QMutexLocker lock(&m_runnerMutex);
    if (m_runner)
        QMetaObject::invokeMethod(m_runner, &WorkerRunner::nudge, Qt::QueuedConnection);
}

} // namespace WedSync::Delivery

#include "deliveryworker.moc"
