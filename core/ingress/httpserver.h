// The ingress's HTTP/1.1 server: QTcpServer (or QSslServer when a certificate is configured) plus
// HttpRequestParser. Keep-alive, pipelining (responses go out in request order), chunked bodies,
// Expect: 100-continue, size limits, header/body read timeouts and a connection cap. Requests are handed
// to an HttpHandler that may answer later; an answer for a client that has left is dropped safely
// (connections are looked up by an id that is never reused).
// Threads: the server accepts on the thread it lives on and serves each connection on one of
// Options::threads workers (1: on the server's own thread, as before; N > 1: N worker threads, each with its
// own event loop, sweep timer and connections). A connection stays on its worker for its lifetime; the
// handler is then called on that worker's thread, and must be thread-safe when threads > 1. The connection
// cap holds across all workers. TLS handshakes run on the workers too.
#pragma once

#include "common/error.h"
#include "ingress/httprequestparser.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QTimer>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <vector>

class QSslConfiguration;
class QThread;

namespace WedSync::Ingress {

class HttpServer;
class HttpServerWorker;

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers (Retry-After, Allow, ...)
    QByteArray body;
    bool close = false; // close the connection after this response
};

// The way into one worker's thread from any other: holds the worker while it lives, and nothing once the
// server has stopped it. Shared by the worker and every responder it handed out.
struct HttpWorkerMailbox;

// Answers one request, once, at any later time; does nothing when the client has gone. Copyable.
// respond() and post() may be called from any thread; isConnected() belongs to the worker's thread.
class HttpResponder
{
public:
    HttpResponder() = default;
    void respond(HttpResponse response) const;
    bool isConnected() const;
    // Runs `work` on the connection's worker thread, later (never inside this call). Returns false, and
    // drops `work`, when the worker is gone (the server closed); a call queued before the worker stopped
    // is dropped with it. Safe against the server closing on another thread at the same moment.
    bool post(std::function<void()> work) const;
    // Whether the connection's worker still runs (false once the server closed).
    bool serverAlive() const;

private:
    friend class HttpServerWorker;
    std::shared_ptr<HttpWorkerMailbox> m_mailbox;
    quint64 m_connection = 0;
    quint64 m_slot = 0;
};

class HttpHandler
{
public:
    virtual ~HttpHandler() = default;
    // A complete request (peer, requestId, receivedAt filled in). Answer through the responder, now or later.
    virtual void handleRequest(const HttpRequest &request, const HttpResponder &responder) = 0;
    // The response for a request the server refused itself (400 malformed, 408 timeout, 413, 431, 501,
    // 503 too many connections). `partial` holds what was parsed (maybe only the peer and request id).
    // The server adds Connection: close.
    virtual HttpResponse refusal(const HttpRequest &partial, int status, const QString &message) = 0;
    // Called on a worker thread (threads > 1) just before it ends: release what the handler keeps per
    // thread (database connections).
    virtual void workerThreadFinishing() {}
};

class HttpServer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        HttpRequestParser::Limits limits;
        std::chrono::milliseconds headerTimeout{
            10000}; // request line + headers; also the keep-alive idle time
        std::chrono::milliseconds bodyTimeout{30000};
        int maxConnections = 1000;
        int maxPipelined = 64;  // requests read ahead on one connection before reading pauses
        int threads = 1;        // connection workers; 1 serves on the server's own thread
        QString tlsCertificate; // PEM file; TLS when both are set
        QString tlsKey;         // PEM file
    };

    HttpServer(Options options, HttpHandler *handler, QObject *parent = nullptr); // handler: not owned
    ~HttpServer() override;

    // Binds and starts accepting. port 0 picks a free one (see port()).
    bool listen(const QHostAddress &address, quint16 port, Error *error);
    // Stops accepting and closes every connection (answers still pending are dropped).
    void close();
    bool isListening() const;
    bool isTls() const { return m_tls; }
    QHostAddress address() const;
    quint16 port() const;
    // Open connections across all workers (thread-safe).
    int connectionCount() const { return m_open.load(std::memory_order_acquire); }
    int threadCount() const { return int(m_workers.size()); }
    // Monotonic clock of the server (HttpRequest::startedNs).
    qint64 nowNs() const { return m_clock.nsecsElapsed(); }

    // "host:port" -> address and port; false with *why when unparsable.
    static bool parseListen(const QString &text, QHostAddress *address, quint16 *port, QString *why);

private:
    class Listener;
    friend class HttpServerWorker;

    void onIncoming(qintptr descriptor);
    void stopWorkers();
    QString nextRequestId(const QByteArray &fromClient);
    qint64 nowMs() const { return m_clock.elapsed(); }

    Options m_options;
    HttpHandler *m_handler; // not owned
    Listener *m_server = nullptr;
    bool m_tls = false;
    std::shared_ptr<const QSslConfiguration> m_sslConfiguration; // set when TLS is on
    QElapsedTimer m_clock;
    std::atomic<quint64> m_nextRequest{1};
    std::atomic<int> m_open{0}; // connections counted against maxConnections, across workers
    QByteArray m_idPrefix;
    std::vector<HttpServerWorker *> m_workers; // owned; each on its own thread when threads > 1
    std::vector<QThread *> m_threads;          // owned
    size_t m_nextWorker = 0;
};

} // namespace WedSync::Ingress
