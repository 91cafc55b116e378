#include "ingressserver.h"

#include "events/journal.h"
#include "health/metrics.h"
#include "ingress/credentialstore.h"
#include "ingress/sourceregistry.h"
#include "store/database.h"

#include <QDate>
#include <QFuture>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QThread>
#include <cstdio>

static Q_LOGGING_CATEGORY(lcIngress, "wedsync.ingress", QtInfoMsg)

namespace WedSync::Ingress {

namespace {

// Codes the ingress adds to those of sourcehandler.h (HTTP-level refusals and routing).
constexpr auto kNotFound = "NOT_FOUND";
constexpr auto kMethodNotAllowed = "METHOD_NOT_ALLOWED";
constexpr auto kBadRequest = "BAD_REQUEST";
constexpr auto kRequestTimeout = "REQUEST_TIMEOUT";
constexpr auto kHeadersTooLarge = "HEADERS_TOO_LARGE";
constexpr auto kNotImplemented = "NOT_IMPLEMENTED";
constexpr auto kServerBusy = "SERVER_BUSY";
constexpr auto kNotReady = "NOT_READY";

constexpr QLatin1String kRouteSource("/webhooks/{source}");
constexpr QLatin1String kRouteDetect("/webhooks");
constexpr QLatin1String kRouteLive("/health/live");
constexpr QLatin1String kRouteReady("/health/ready");
constexpr QLatin1String kRouteMetrics("/metrics");

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray errorBody(const Error &e)
{
    return json(QJsonObject{{QStringLiteral("success"), false}, {QStringLiteral("error"), e.toJson()}});
}

bool validName(const QByteArray &s)
{
    if (s.isEmpty() || s.size() > 64)
        return false;
    for (char c : s) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    }
    return true;
}

bool validIntegration(const QByteArray &s)
{
    if (s.isEmpty() || s.size() > 128)
        return false;
    for (char c : s) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'))
            return false;
    }
    return true;
}

} // namespace

struct IngressServer::Context
{
    QString route;
    QString method;
    QString requestId;
    QDateTime receivedAt;
    qint64 startedNs = 0;
    QString peer;
    QString source;
    QString integrationId;
    QString eventId;
    bool duplicate = false;
    bool webhook = false; // logged in the webhook log
    QString errorCode;
    QByteArray body; // accepted events only
    QString supplierType;
    QString weddingId;
    QString weddingDate;
};

// The supplier type as the payload states it (data or data.metadata), else what the source implies: Tave,
// HoneyBook and Studio Ninja are photography CRMs. Empty when unknown.
static QString supplierTypeOf(const QString &source, const QJsonObject &data)
{
    const QJsonObject metadata = data.value(QLatin1String("metadata")).toObject();
    for (const QJsonObject *o : {&data, &metadata}) {
        for (const char *key : {"supplier_type", "vendor_type"}) {
            const QString v = o->value(QLatin1String(key)).toString().trimmed().toLower();
            if (!v.isEmpty() && v.size() <= 40)
                return v;
        }
    }
    if (source == QLatin1String("tave") || source == QLatin1String("honeybook") ||
        source == QLatin1String("studio_ninja"))
        return QStringLiteral("photography");
    return {};
}

// The wedding date (YYYY-MM-DD) where the payload carries one: wedding_date, or a CRM job's event_date.
static QString weddingDateOf(const QJsonObject &data)
{
    const QJsonObject metadata = data.value(QLatin1String("metadata")).toObject();
    for (const QJsonObject *o : {&data, &metadata}) {
        for (const char *key : {"wedding_date", "event_date"}) {
            const QString v = o->value(QLatin1String(key)).toString().left(10);
            if (QDate::fromString(v, Qt::ISODate).isValid())
                return v;
        }
    }
    return {};
}

int IngressServer::statusFor(const QString &code)
{
    static const QHash<QString, int> table = {
        {QLatin1String(IngressError::InvalidJson), 400},
        {QLatin1String(IngressError::InvalidSignature), 401},
        {QLatin1String(IngressError::TimestampOutOfTolerance), 401},
        {QLatin1String(IngressError::PayloadTooLarge), 413},
        {QLatin1String(IngressError::UnsupportedMediaType), 415},
        {QLatin1String(IngressError::UnknownSource), 404},
        {QLatin1String(IngressError::ValidationFailed), 422},
        {QLatin1String(IngressError::RateLimited), 429},
        {QLatin1String(IngressError::ProcessingFailed), 500},
        {QLatin1String(IngressError::SourceNotConfigured), 503},
        {QLatin1String(ErrorCode::StoreUnavailable), 503},
        {QLatin1String(ErrorCode::StoreFull), 503},
        {QLatin1String(ErrorCode::ShuttingDown), 503},
        {QLatin1String(kNotFound), 404},
        {QLatin1String(kMethodNotAllowed), 405},
        {QLatin1String(kBadRequest), 400},
        {QLatin1String(kRequestTimeout), 408},
        {QLatin1String(kHeadersTooLarge), 431},
        {QLatin1String(kNotImplemented), 501},
        {QLatin1String(kServerBusy), 503},
        {QLatin1String(kNotReady), 503},
    };
    return table.value(code, 500);
}

IngressServer::Options IngressServer::optionsFromConfig(const Config &config)
{
    Options o;
    o.http.limits.maxHeaderBytes = config.bytes(QStringLiteral("ingress.max_header_bytes"));
    o.http.limits.maxBodyBytes = config.bytes(QStringLiteral("ingress.max_body_bytes"));
    o.http.headerTimeout = config.duration(QStringLiteral("ingress.header_timeout"));
    o.http.bodyTimeout = config.duration(QStringLiteral("ingress.body_timeout"));
    o.http.maxConnections = int(config.integer(QStringLiteral("ingress.max_connections")));
    // 0: one worker per core the machine reports, at most 8 (the journal, webhook log and processing
    // threads need cores too).
    const qint64 threads = config.integer(QStringLiteral("ingress.threads"));
    o.http.threads =
        threads > 0 ? int(std::min<qint64>(threads, 64)) : std::clamp(QThread::idealThreadCount(), 1, 8);
    o.http.tlsCertificate = config.string(QStringLiteral("ingress.tls_cert"));
    o.http.tlsKey = config.string(QStringLiteral("ingress.tls_key"));
    o.rateLimitIntegration = config.integer(QStringLiteral("ingress.rate_limit_integration"));
    o.rateLimitIp = config.integer(QStringLiteral("ingress.rate_limit_ip"));
    return o;
}

bool IngressServer::listenFromConfig(const Config &config, QHostAddress *address, quint16 *port, Error *error)
{
    QString why;
    if (HttpServer::parseListen(config.string(QStringLiteral("ingress.listen")), address, port, &why))
        return true;
    if (error)
        *error = Error::make(QString::fromLatin1(ErrorCode::ConfigInvalid),
                             QStringLiteral("ingress.listen: %1").arg(why));
    return false;
}

IngressServer::IngressServer(Options options, SourceRegistry *sources, CredentialStore *credentials,
                             Events::Journal *journal, Health::Metrics *metrics, WebhookLog *log,
                             QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_sources(sources)
    , m_credentials(credentials)
    , m_journal(journal)
    , m_metrics(metrics)
    , m_log(log)
    , m_ipLimiter(m_options.rateLimitIp)
    , m_integrationLimiter(m_options.rateLimitIntegration)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    qRegisterMetaType<WedSync::Ingress::RequestRecord>();
    HttpHandler *handler = this;
    m_http = std::make_unique<HttpServer>(m_options.http, handler);
}

IngressServer::~IngressServer()
{
    m_http->close();
}

bool IngressServer::listen(const QHostAddress &address, quint16 port, Error *error)
{
    if (!m_http->listen(address, port, error))
        return false;
    qCInfo(lcIngress).noquote() << "ingress listening on"
                                << (m_http->isTls() ? "https://" : "http://") + m_http->address().toString() +
                                       QLatin1Char(':') + QString::number(m_http->port());
    return true;
}

void IngressServer::close()
{
    m_http->close();
}

void IngressServer::handleRequest(const HttpRequest &request, const HttpResponder &responder)
{
    Context ctx;
    ctx.method = QString::fromLatin1(request.method);
    ctx.requestId = request.requestId;
    ctx.receivedAt = request.receivedAt;
    ctx.startedNs = request.startedNs;
    ctx.peer = request.peer.toString();

    const QByteArray &path = request.path;
    const bool isGet = request.method == "GET" || request.method == "HEAD";
    if (path == "/webhooks" || path == "/webhooks/" || path.startsWith("/webhooks/")) {
        ctx.webhook = true;
        const QList<QByteArray> parts = path.mid(int(qstrlen("/webhooks/"))).split('/');
        const bool detect = path.size() <= int(qstrlen("/webhooks/"));
        ctx.route = detect ? kRouteDetect : kRouteSource;
        if (!detect && (parts.size() > 2 || (parts.size() == 2 && parts[1].isEmpty()))) {
            ctx.route = QStringLiteral("other");
            ctx.webhook = false;
            fail(ctx, responder,
                 Error::make(QLatin1String(kNotFound),
                             QStringLiteral("no such endpoint; webhooks go to POST /webhooks/{source} or "
                                            "/webhooks/{source}/{integrationId}")));
            return;
        }
        if (request.method != "POST") {
            fail(ctx, responder,
                 Error::make(QLatin1String(kMethodNotAllowed), QStringLiteral("webhooks are sent with POST")),
                 {{"Allow", "POST"}});
            return;
        }
        if (!detect) {
            ctx.source = QString::fromLatin1(parts[0].left(64));
            if (!validName(parts[0])) {
                fail(ctx, responder,
                     Error::make(
                         QLatin1String(IngressError::UnknownSource),
                         QStringLiteral("'%1' is not a source name (lower-case letters, digits, _ and -)")
                             .arg(ctx.source)));
                return;
            }
            if (parts.size() == 2) {
                if (!validIntegration(parts[1])) {
                    fail(ctx, responder,
                         Error::make(
                             QLatin1String(kNotFound),
                             QStringLiteral("the integration id may hold letters, digits, '.', '_' and '-' "
                                            "(at most 128)")));
                    return;
                }
                ctx.integrationId = QString::fromLatin1(parts[1]);
            }
        }
        handleWebhook(ctx, request, responder);
        return;
    }
    if (path == "/health/live" || path == "/health/ready" || path == "/metrics") {
        ctx.route = QString::fromLatin1(path);
        if (!isGet) {
            fail(ctx, responder,
                 Error::make(QLatin1String(kMethodNotAllowed),
                             QStringLiteral("%1 answers GET").arg(ctx.route)),
                 {{"Allow", "GET, HEAD"}});
            return;
        }
        if (ctx.route == kRouteLive) {
            HttpResponse r;
            r.body = json(QJsonObject{
                {QStringLiteral("success"), true},
                {QStringLiteral("data"), QJsonObject{{QStringLiteral("status"), QStringLiteral("live")}}}});
            finish(ctx, responder, std::move(r));
        } else if (ctx.route == kRouteReady) {
            HttpResponse r = readiness();
            if (r.status != 200)
                ctx.errorCode = QLatin1String(kNotReady);
            finish(ctx, responder, std::move(r));
        } else {
            finish(ctx, responder, metricsText());
        }
        return;
    }
    ctx.route = QStringLiteral("other");
    fail(ctx, responder,
         Error::make(QLatin1String(kNotFound),
                     QStringLiteral(
                         "no such endpoint; see docs/ingress.md (POST /webhooks/{source}, GET /health/live, "
                         "GET /health/ready, GET /metrics)")));
}

void IngressServer::setRateLimitIp(qint64 perHour)
{
    m_ipLimiter.reset(perHour);
}

void IngressServer::handleWebhook(Context &ctx, const HttpRequest &request, const HttpResponder &responder)
{
    auto retryAfter = [](qint64 s) {
        return QList<QPair<QByteArray, QByteArray>>{{"Retry-After", QByteArray::number(s)}};
    };

    // Per source IP first: it protects the rest of the pipeline from one noisy sender.
    const auto ipDecision = m_ipLimiter.take(ctx.peer);
    if (!ipDecision.allowed) {
        fail(ctx, responder,
             Error::make(QLatin1String(IngressError::RateLimited),
                         QStringLiteral("too many webhooks from %1 (limit %2 per hour); retry after %3 s")
                             .arg(ctx.peer)
                             .arg(m_ipLimiter.perHour())
                             .arg(ipDecision.retryAfterSeconds),
                         QJsonObject{{QStringLiteral("scope"), QStringLiteral("ip")},
                                     {QStringLiteral("retry_after_seconds"), ipDecision.retryAfterSeconds}}),
             retryAfter(ipDecision.retryAfterSeconds));
        return;
    }

    WebhookRequest wr;
    wr.method = request.method;
    wr.path = request.path;
    wr.query = request.query;
    wr.headers = request.headers;
    wr.body = request.body;
    wr.peer = request.peer;
    wr.receivedAt = request.receivedAt;
    wr.requestId = request.requestId;

    if (ctx.source.isEmpty())
        ctx.source = m_sources->detect(wr);
    const SourceHandler *handler = m_sources->find(ctx.source);
    if (!handler) {
        fail(ctx, responder,
             Error::make(QLatin1String(IngressError::UnknownSource),
                         QStringLiteral("no source named '%1'; known sources: %2")
                             .arg(ctx.source, m_sources->names().join(QStringLiteral(", ")))));
        return;
    }

    const QString bucket =
        ctx.integrationId.isEmpty() ? ctx.source : ctx.source + QLatin1Char('/') + ctx.integrationId;
    const auto intDecision = m_integrationLimiter.take(bucket);
    if (!intDecision.allowed) {
        fail(ctx, responder,
             Error::make(QLatin1String(IngressError::RateLimited),
                         QStringLiteral("too many webhooks for %1 (limit %2 per hour); retry after %3 s")
                             .arg(bucket)
                             .arg(m_integrationLimiter.perHour())
                             .arg(intDecision.retryAfterSeconds),
                         QJsonObject{{QStringLiteral("scope"), QStringLiteral("integration")},
                                     {QStringLiteral("retry_after_seconds"), intDecision.retryAfterSeconds}}),
             retryAfter(intDecision.retryAfterSeconds));
        return;
    }

    const QByteArrayList accepted = handler->acceptedMediaTypes();
    if (!accepted.isEmpty() && !accepted.contains(wr.mediaType())) {
        QJsonArray list;
        for (const auto &m : accepted)
            list.append(QString::fromLatin1(m));
        fail(ctx, responder,
             Error::make(QLatin1String(IngressError::UnsupportedMediaType),
                         QStringLiteral("%1 webhooks must be sent as %2, not '%3'")
                             .arg(ctx.source, QString::fromLatin1(accepted.join(" or ")),
                                  QString::fromLatin1(wr.mediaType())),
                         QJsonObject{{QStringLiteral("accepted"), list}}));
        return;
    }

    Error storeError;
    const auto credentials = m_credentials->credentials(ctx.source, ctx.integrationId, &storeError);
    if (storeError) {
        fail(ctx, responder, storeError, retryAfter(5));
        return;
    }
    if (!credentials) {
        fail(ctx, responder,
             Error::make(
                 QLatin1String(IngressError::SourceNotConfigured),
                 QStringLiteral("no secret is configured for %1; set one with 'wedsync-node source set %1 "
                                "--secret-file FILE'")
                     .arg(ctx.source)));
        return;
    }

    if (Error e = handler->verify(wr, *credentials, m_clock())) {
        fail(ctx, responder, e);
        return;
    }
    StandardizeResult std = handler->standardize(wr);
    if (std.error) {
        fail(ctx, responder, std.error);
        return;
    }
    if (std.events.isEmpty()) {
        fail(ctx, responder,
             Error::make(QLatin1String(IngressError::ValidationFailed),
                         QStringLiteral("the %1 payload holds no event the engine accepts").arg(ctx.source)));
        return;
    }
    for (auto &e : std.events) {
        e.receivedAt = wr.receivedAt;
        e.requestId = wr.requestId;
        if (e.correlationId.isEmpty())
            e.correlationId = e.id;
        if (e.source.isEmpty())
            e.source = ctx.source;
    }
    ctx.eventId = std.events.first().id;
    ctx.weddingId = std.events.first().weddingId;
    ctx.supplierType = supplierTypeOf(ctx.source, std.events.first().data);
    ctx.weddingDate = weddingDateOf(std.events.first().data);

    m_inFlight.fetch_add(1, std::memory_order_acq_rel);
    QStringList ids;
    for (const auto &e : std.events)
        ids << e.id;
    const QByteArray body = request.body;
    // The answer leaves only after the commit. The journal's group commit batches appends from every
    // worker and calls back on its writer thread; the answer is built back on the connection's worker.
    // When the server has closed first, the post is refused (or dropped with the worker) and the sender,
    // getting no answer, sends again: the journal dedupes.
    m_journal->append(std.events, [this, ctx, responder, ids, body](QList<Events::AppendResult> results) {
        m_inFlight.fetch_sub(1, std::memory_order_acq_rel);
        responder.post([this, ctx, responder, ids, body, results = std::move(results)]() mutable {
            answerJournaled(ctx, responder, ids, body, results);
        });
    });
}

void IngressServer::answerJournaled(Context &ctx, const HttpResponder &responder, const QStringList &ids,
                                    const QByteArray &body, const QList<Events::AppendResult> &results)
{
    bool duplicate = !results.isEmpty();
    for (const auto &r : results) {
        if (!r.ok()) {
            Error e = r.error;
            if (statusFor(e.code) == 500 && e.code != QLatin1String(IngressError::ProcessingFailed)) {
                qCWarning(lcIngress).noquote()
                    << "request" << ctx.requestId << "journal append failed:" << e.message;
                e = Error::make(QLatin1String(IngressError::ProcessingFailed),
                                QStringLiteral("the event could not be stored; retry later (request %1)")
                                    .arg(ctx.requestId));
            }
            const bool transient = statusFor(e.code) == 503;
            fail(ctx, responder, e,
                 transient ? QList<QPair<QByteArray, QByteArray>>{{"Retry-After", "5"}}
                           : QList<QPair<QByteArray, QByteArray>>{});
            return;
        }
        duplicate = duplicate && r.duplicate;
    }
    ctx.duplicate = duplicate;
    if (!duplicate)
        ctx.body = body;
    HttpResponse r;
    r.body.reserve(200);
    r.body += "{\"success\":true,\"data\":{\"event_id\":";
    Events::appendJsonString(r.body, ids.first());
    if (ids.size() > 1) {
        r.body += ",\"event_ids\":[";
        for (qsizetype i = 0; i < ids.size(); ++i) {
            if (i)
                r.body += ',';
            Events::appendJsonString(r.body, ids[i]);
        }
        r.body += ']';
    }
    r.body += ",\"processed_at\":\"";
    r.body += processedAt();
    r.body += duplicate ? "\",\"actions_taken\":[\"signature_verified\",\"standardized\","
                          "\"duplicate_ignored\"],\"duplicate\":true}}"
                        : "\",\"actions_taken\":[\"signature_verified\",\"standardized\","
                          "\"journaled\"]}}";
    finish(ctx, responder, std::move(r));
}

void IngressServer::fail(Context &ctx, const HttpResponder &responder, const Error &error,
                         QList<QPair<QByteArray, QByteArray>> extra)
{
    ctx.errorCode = error.code;
    HttpResponse r;
    r.status = statusFor(error.code);
    r.headers = std::move(extra);
    r.body = errorBody(error);
    finish(ctx, responder, std::move(r));
}

void IngressServer::finish(const Context &ctx, const HttpResponder &responder, HttpResponse response)
{
    const int status = response.status;
    responder.respond(std::move(response));
    record(ctx, status);
}

void IngressServer::record(const Context &ctx, int status)
{
    const double latencySeconds = double(m_http->nowNs() - ctx.startedNs) / 1e9;
    if (m_metrics) {
        const QString code = ctx.errorCode.isEmpty() ? QStringLiteral("OK") : ctx.errorCode;
        const QString key = ctx.route + QLatin1Char('|') + QString::number(status) + QLatin1Char('|') + code;
        std::unique_lock lock(m_seriesMutex);
        auto it = m_requestCounters.find(key);
        if (it == m_requestCounters.end()) {
            it = m_requestCounters.insert(
                key, &m_metrics->counter(QStringLiteral("wedsync_ingress_requests_total"),
                                         {{QStringLiteral("route"), ctx.route},
                                          {QStringLiteral("status"), QString::number(status)},
                                          {QStringLiteral("code"), code}},
                                         QStringLiteral("Requests answered by the webhook ingress")));
        }
        auto lt = m_latency.find(ctx.route);
        if (lt == m_latency.end()) {
            lt = m_latency.insert(
                ctx.route,
                &m_metrics->histogram(QStringLiteral("wedsync_ingress_request_duration_seconds"),
                                      {{QStringLiteral("route"), ctx.route}},
                                      QStringLiteral("Time from a request's first byte to its answer")));
        }
        Health::Histogram *latency = lt.value();
        Health::Counter *counter = it.value();
        lock.unlock();
        latency->observe(latencySeconds);
        counter->inc();
    }
    if (!ctx.webhook)
        return; // health probes and scrapes are counted, not logged
    RequestRecord rec;
    rec.requestId = ctx.requestId;
    rec.receivedAt = ctx.receivedAt;
    rec.source = ctx.source;
    rec.integrationId = ctx.integrationId;
    rec.route = ctx.route;
    rec.method = ctx.method;
    rec.status = status;
    rec.errorCode = ctx.errorCode;
    rec.latencyMs = latencySeconds * 1000.0;
    rec.peer = ctx.peer;
    rec.eventId = ctx.errorCode.isEmpty() ? ctx.eventId : QString();
    rec.duplicate = ctx.duplicate;
    rec.body = ctx.body;
    rec.supplierType = ctx.supplierType;
    rec.weddingId = ctx.weddingId;
    rec.weddingDate = ctx.weddingDate;
    if (m_log)
        m_log->record(rec);
    if (QThread::currentThread() == thread()) {
        Q_EMIT requestCompleted(rec);
        return;
    }
    // From a worker thread: signalled on this object's thread, one queued call for all records gathered
    // until it runs.
    bool first = false;
    {
        std::lock_guard lock(m_completedMutex);
        first = m_completed.isEmpty();
        m_completed.append(std::move(rec));
    }
    if (first)
        QMetaObject::invokeMethod(this, &IngressServer::emitCompleted, Qt::QueuedConnection);
}

void IngressServer::emitCompleted()
{
    QList<RequestRecord> records;
    {
        std::lock_guard lock(m_completedMutex);
        records.swap(m_completed);
    }
    for (const RequestRecord &r : std::as_const(records))
        Q_EMIT requestCompleted(r);
}

HttpResponse IngressServer::refusal(const HttpRequest &partial, int status, const QString &message)
{
    Context ctx;
    ctx.method = QString::fromLatin1(partial.method);
    ctx.requestId = partial.requestId;
    ctx.receivedAt = partial.receivedAt;
    ctx.startedNs = partial.startedNs;
    ctx.peer = partial.peer.toString();
    ctx.route = QStringLiteral("other");
    ctx.webhook = true;
    if (partial.path.startsWith("/webhooks"))
        ctx.route = partial.path.size() > int(qstrlen("/webhooks/")) ? kRouteSource : kRouteDetect;
    const char *code = kBadRequest;
    switch (status) {
    case 408:
        code = kRequestTimeout;
        break;
    case 413:
        code = IngressError::PayloadTooLarge;
        break;
    case 431:
        code = kHeadersTooLarge;
        break;
    case 501:
        code = kNotImplemented;
        break;
    case 503:
        code = kServerBusy;
        break;
    default:
        break;
    }
    ctx.errorCode = QLatin1String(code);
    HttpResponse r;
    r.status = status;
    r.body = errorBody(Error::make(ctx.errorCode, message));
    if (status == 503)
        r.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("1")));
    record(ctx, status);
    return r;
}

void IngressServer::workerThreadFinishing()
{
    // Credential lookups and readiness checks open this thread's database connection.
    if (m_journal && m_journal->database())
        m_journal->database()->releaseThreadConnection();
}

QByteArray IngressServer::processedAt()
{
    // Formatting a QDateTime is costly; answers within the same millisecond (on one thread) share the text.
    thread_local qint64 cachedMs = 0;
    thread_local QByteArray cachedText;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now != cachedMs) {
        cachedMs = now;
        cachedText = Events::Event::formatTime(QDateTime::fromMSecsSinceEpoch(now, Qt::UTC)).toLatin1();
    }
    return cachedText;
}

HttpResponse IngressServer::readiness()
{
    Error why;
    if (m_readiness)
        why = m_readiness();
    else if (!m_journal || !m_journal->isWritable())
        why = Error::make(QLatin1String(kNotReady), QStringLiteral("the journal does not accept writes"));
    HttpResponse r;
    if (why) {
        r.status = 503;
        r.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("5")));
        r.body = errorBody(Error::make(QLatin1String(kNotReady), why.message, why.details));
        return r;
    }
    r.body = json(QJsonObject{
        {QStringLiteral("success"), true},
        {QStringLiteral("data"), QJsonObject{{QStringLiteral("status"), QStringLiteral("ready")}}}});
    return r;
}

HttpResponse IngressServer::metricsText()
{
    HttpResponse r;
    r.contentType = "text/plain; version=0.0.4; charset=utf-8";
    if (m_metrics) {
        m_metrics
            ->gauge(QStringLiteral("wedsync_ingress_connections"), {},
                    QStringLiteral("Open ingress connections"))
            .set(m_http->connectionCount());
        m_metrics
            ->gauge(QStringLiteral("wedsync_ingress_in_flight"), {},
                    QStringLiteral("Webhooks waiting for their journal commit"))
            .set(inFlight());
        if (m_log) {
            m_metrics
                ->gauge(QStringLiteral("wedsync_ingress_log_dropped"), {},
                        QStringLiteral("Webhook log rows dropped (queue full or database error)"))
                .set(double(m_log->dropped()));
        }
        r.body = m_metrics->prometheusText();
    }
    return r;
}

} // namespace WedSync::Ingress
