// The webhook ingress: routes and the request pipeline on top of HttpServer.
//   POST /webhooks/{source}[/{integrationId}], POST /webhooks (source detected from the headers),
//   GET /health/live, GET /health/ready, GET /metrics.
// Pipeline: limits (HttpServer) -> rate limit per source IP and per integration -> handler -> media type ->
// credentials -> verify -> standardize -> stamp -> Journal::append -> answer only after the commit. The
// event loop never waits for the journal (the answer is sent from the append's continuation). Every
// finished request is counted in the metrics registry, queued for the webhook log and signalled.
// The object lives on the engine's thread; requests are served on HttpServer's connection workers
// (ingress.threads), so everything the pipeline touches per request is thread-safe. docs/ingress.md
// documents the HTTP API.
#pragma once

#include "common/config.h"
#include "common/error.h"
#include "ingress/httpserver.h"
#include "ingress/ratelimiter.h"
#include "ingress/webhooklog.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace WedSync::Events {
class Journal;
struct AppendResult;
} // namespace WedSync::Events
namespace WedSync::Health {
class Counter;
class Histogram;
class Metrics;
} // namespace WedSync::Health

namespace WedSync::Ingress {

class CredentialStore;
class SourceRegistry;

class IngressServer : public QObject, private HttpHandler
{
    Q_OBJECT
public:
    struct Options
    {
        HttpServer::Options http;
        qint64 rateLimitIntegration = 1000; // per hour; 0 = unlimited
        qint64 rateLimitIp = 1000;          // per hour; 0 = unlimited
    };
    // ingress.* keys -> options; *listen/*port receive ingress.listen (false with *error when unparsable).
    static Options optionsFromConfig(const Config &config);
    static bool listenFromConfig(const Config &config, QHostAddress *address, quint16 *port, Error *error);

    // None owned; all must outlive the server. log may be null (no webhook log rows). Destroy the server
    // only when no journal append it started is pending (stop the journal first): the append's
    // continuation runs on this object.
    IngressServer(Options options, SourceRegistry *sources, CredentialStore *credentials,
                  Events::Journal *journal, Health::Metrics *metrics, WebhookLog *log,
                  QObject *parent = nullptr);
    ~IngressServer() override;

    // Readiness for GET /health/ready: a null Error when ready, else the reason. The default checks that
    // the journal accepts writes.
    void setReadinessCheck(std::function<Error()> check) { m_readiness = std::move(check); }
    // The clock signatures are verified against (tests move it).
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    bool listen(const QHostAddress &address, quint16 port, Error *error);
    void close();
    bool isListening() const { return m_http->isListening(); }
    QHostAddress address() const { return m_http->address(); }
    quint16 port() const { return m_http->port(); }
    bool isTls() const { return m_http->isTls(); }
    // Replaces the per-source-IP limit (webhooks per hour; 0 = unlimited) and forgets its buckets. The
    // console turns it off while its demo traffic (all from one loopback address) runs, and back on after.
    void setRateLimitIp(qint64 perHour);
    // Requests waiting for their journal commit.
    int inFlight() const { return m_inFlight.load(std::memory_order_acquire); }
    int connectionCount() const { return m_http->connectionCount(); }
    int threadCount() const { return m_http->threadCount(); }

    // The HTTP status for an error code of the ingress API (500 for unknown codes).
    static int statusFor(const QString &code);

Q_SIGNALS:
    // Every finished request (after its answer was handed to the connection). Emitted on this object's
    // thread, whichever worker served the request.
    void requestCompleted(const WedSync::Ingress::RequestRecord &record);

private:
    struct Context;
    void handleRequest(const HttpRequest &request, const HttpResponder &responder) override;
    HttpResponse refusal(const HttpRequest &partial, int status, const QString &message) override;
    void workerThreadFinishing() override;

    void handleWebhook(Context &ctx, const HttpRequest &request, const HttpResponder &responder);
    // On the connection's worker, once the journal has settled the request's events: the 2xx (or the
    // failure) goes out.
    void answerJournaled(Context &ctx, const HttpResponder &responder, const QStringList &ids,
                         const QByteArray &body, const QList<Events::AppendResult> &results);
    void fail(Context &ctx, const HttpResponder &responder, const Error &error,
              QList<QPair<QByteArray, QByteArray>> extra = {});
    void finish(const Context &ctx, const HttpResponder &responder, HttpResponse response);
    void record(const Context &ctx, int status);
    HttpResponse readiness();
    HttpResponse metricsText();
    static QByteArray processedAt();
    void emitCompleted();

    Options m_options;
    std::unique_ptr<HttpServer> m_http;
    SourceRegistry *m_sources;      // not owned
    CredentialStore *m_credentials; // not owned
    Events::Journal *m_journal;     // not owned
    Health::Metrics *m_metrics;     // not owned
    WebhookLog *m_log;              // not owned, may be null
    RateLimiter m_ipLimiter;
    RateLimiter m_integrationLimiter;
    std::function<Error()> m_readiness;
    std::function<QDateTime()> m_clock;
    std::atomic<int> m_inFlight{0};
    // Metric series looked up once (the registry's lookup takes a lock and renders labels).
    std::mutex m_seriesMutex;
    QHash<QString, Health::Counter *> m_requestCounters; // guarded by m_seriesMutex
    QHash<QString, Health::Histogram *> m_latency;       // guarded by m_seriesMutex
    // Finished requests waiting to be signalled on this object's thread (one queued call per batch).
    std::mutex m_completedMutex;
    QList<RequestRecord> m_completed; // guarded by m_completedMutex
};

} // namespace WedSync::Ingress
