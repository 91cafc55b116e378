// The ingress's HTTP/1.1 server: QTcpServer (or QSslServer when a certificate is configured) plus
// HttpRequestParser. Keep-alive, pipelining (responses go out in request order), chunked bodies,
// Expect: 100-continue, size limits, header/body read timeouts and a connection cap. Requests are handed
// to an HttpHandler that may answer later; an answer for a client that has left is dropped safely
// (connections are looked up by an id that is never reused). Lives on one thread (the engine's).
#pragma once

#include "common/error.h"
#include "ingress/httprequestparser.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <chrono>
#include <memory>
#include <unordered_map>

class QTcpServer;
class QTcpSocket;

namespace WedSync::Ingress {

class HttpServer;

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers (Retry-After, Allow, ...)
    QByteArray body;
    bool close = false; // close the connection after this response
};

// Answers one request, once, at any later time; does nothing when the client has gone. Copyable.
class HttpResponder
{
public:
    HttpResponder() = default;
    void respond(HttpResponse response) const;
    bool isConnected() const;

private:
    friend class HttpServer;
    QPointer<HttpServer> m_server;
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
    int connectionCount() const { return int(m_connections.size()); }
    // Monotonic clock of the server (HttpRequest::startedNs).
    qint64 nowNs() const { return m_clock.nsecsElapsed(); }

    // "host:port" -> address and port; false with *why when unparsable.
    static bool parseListen(const QString &text, QHostAddress *address, quint16 *port, QString *why);

private:
    struct Connection;
    struct Slot;
    friend class HttpResponder;

    void onNewConnection();
    void onReadable(quint64 id);
    void onDisconnected(quint64 id);
    void processEvents(quint64 id);
    void refuse(Connection &c, int status, const QString &message);
    void deliver(quint64 connection, quint64 slot, HttpResponse response);
    void flush(Connection &c);
    void sweep();
    Connection *find(quint64 id);
    QString nextRequestId(const QByteArray &fromClient);
    QByteArray serialize(const Slot &slot) const;
    qint64 nowMs() const { return m_clock.elapsed(); }

    Options m_options;
    HttpHandler *m_handler; // not owned
    QTcpServer *m_server = nullptr;
    bool m_tls = false;
    QElapsedTimer m_clock;
    QTimer m_sweep;
    quint64 m_nextConnection = 1;
    quint64 m_nextRequest = 1;
    QByteArray m_idPrefix;
    std::unordered_map<quint64, std::unique_ptr<Connection>> m_connections;
};

} // namespace WedSync::Ingress
