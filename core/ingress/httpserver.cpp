#include "httpserver.h"

#include <QFile>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <climits>
#include <deque>
#include <functional>
#include <mutex>
#include <unistd.h>
#include <unordered_map>

static Q_LOGGING_CATEGORY(lcHttp, "wedsync.ingress.http", QtInfoMsg)

namespace WedSync::Ingress {

struct Slot
{
    quint64 id = 0;
    QByteArray method; // HEAD answers carry no body
    QString requestId;
    QByteArray interim; // "100 Continue" still to send before the final answer
    bool ready = false;
    HttpResponse response;
};

struct Connection
{
    // Draining: the last answer is written and the socket is closing; it is aborted if the client does
    // not let it finish (or never completes the TLS handshake) within the header timeout.
    enum class Wait { Idle, Header, Body, None, Draining };

    quint64 id = 0;
    QTcpSocket *socket = nullptr; // owned (deleteLater when the connection ends)
    QHostAddress peer;
    std::unique_ptr<HttpRequestParser> parser;
    std::deque<Slot> answers; // in request order; front() goes out first
    quint64 nextSlot = 1;
    bool counted = true;   // holds one of HttpServer::m_open (false for a connection refused at the cap)
    bool openSlot = false; // answers.back() belongs to a request whose body is still arriving
    bool closing = false;  // read nothing more; close once the queued answers are written
    bool dead = false;     // the socket is gone; removal is queued
    Wait wait = Wait::Idle;
    qint64 deadlineMs = 0;
    QDateTime messageStarted;
    qint64 messageStartedNs = 0;
};

struct HttpWorkerMailbox
{
    std::mutex mutex;
    HttpServerWorker *worker = nullptr; // guarded by mutex; null once the server stopped the worker

    HttpServerWorker *current()
    {
        std::lock_guard lock(mutex);
        return worker;
    }
    // Queues work(worker) on the worker's thread; false when the worker is gone. The lock keeps the worker
    // alive while the call is queued; the server clears `worker` under the same lock before deleting it,
    // and deleting a QObject drops the calls still queued for it.
    template<typename Work> bool post(Work work)
    {
        std::lock_guard lock(mutex);
        if (!worker)
            return false;
        QMetaObject::invokeMethod(
            worker, [w = worker, work = std::move(work)]() mutable { work(w); }, Qt::QueuedConnection);
        return true;
    }
};

// Serves the connections handed to it, on the thread it lives on: parsing, the handler calls, answers in
// request order, timeouts (its own sweep timer). Everything here runs on that thread, except the
// constructor and the counters read by the accepting thread.
class HttpServerWorker : public QObject
{
public:
    explicit HttpServerWorker(HttpServer *server)
        : m_server(server)
        , m_options(server->m_options)
        , m_handler(server->m_handler)
        , m_mailbox(std::make_shared<HttpWorkerMailbox>())
    {
        m_mailbox->worker = this;
    }
    // Called by the server before deleting the worker: from here on, responders reach nothing.
    void detach()
    {
        std::lock_guard lock(m_mailbox->mutex);
        m_mailbox->worker = nullptr;
    }

    // On the worker's thread: starts the sweep timer (one timer checks every connection's deadline,
    // instead of a timer per connection restarted per request).
    void start()
    {
        m_sweep = new QTimer(this);
        const auto shortest = std::min(m_options.headerTimeout, m_options.bodyTimeout);
        m_sweep->setInterval(std::clamp<int>(int(shortest.count() / 5), 10, 250));
        connect(m_sweep, &QTimer::timeout, this, [this] { sweep(); });
        m_sweep->start();
    }
    void adopt(qintptr descriptor, bool counted);
    void closeAll();
    void deliver(quint64 connection, quint64 slot, HttpResponse response);
    bool isConnected(quint64 id)
    {
        Connection *c = find(id);
        return c && !c->dead;
    }
    // Connections on this worker (the accepting thread balances on it).
    int load() const { return m_load.load(std::memory_order_relaxed); }

private:
    void onReadable(quint64 id);
    void onDisconnected(quint64 id);
    void processEvents(quint64 id);
    void refuse(Connection &c, int status, const QString &message);
    void flush(Connection &c);
    void sweep();
    void remove(quint64 id);
    Connection *find(quint64 id)
    {
        const auto it = m_connections.find(id);
        return it == m_connections.end() ? nullptr : it->second.get();
    }
    QByteArray serialize(const Slot &slot) const;
    qint64 nowMs() const { return m_server->nowMs(); }
    qint64 nowNs() const { return m_server->nowNs(); }

    HttpServer *m_server; // outlives the worker
    const HttpServer::Options m_options;
    HttpHandler *m_handler; // not owned
    std::shared_ptr<HttpWorkerMailbox> m_mailbox;
    QTimer *m_sweep = nullptr;
    quint64 m_nextConnection = 1;
    std::atomic<int> m_load{0};
    std::unordered_map<quint64, std::unique_ptr<Connection>> m_connections;
};

static QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

void HttpResponder::respond(HttpResponse response) const
{
    if (!m_mailbox)
        return;
    // On the worker's own thread the worker cannot be stopped under us: deliver now, in request order.
    if (HttpServerWorker *worker = m_mailbox->current();
        worker && QThread::currentThread() == worker->thread()) {
        worker->deliver(m_connection, m_slot, std::move(response));
        return;
    }
    // Another thread: the worker takes it up in its own loop (dropped if the worker is gone by then).
    m_mailbox->post([connection = m_connection, slot = m_slot,
                     response = std::move(response)](HttpServerWorker *worker) mutable {
        worker->deliver(connection, slot, std::move(response));
    });
}

bool HttpResponder::post(std::function<void()> work) const
{
    return m_mailbox && m_mailbox->post([work = std::move(work)](HttpServerWorker *) { work(); });
}

bool HttpResponder::serverAlive() const
{
    return m_mailbox && m_mailbox->current();
}

bool HttpResponder::isConnected() const
{
    HttpServerWorker *worker = m_mailbox ? m_mailbox->current() : nullptr;
    return worker && worker->isConnected(m_connection);
}

class HttpServer::Listener : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;
    std::function<void(qintptr)> onIncoming;

protected:
    // Connections are not queued here: each descriptor goes straight to a worker, which wraps it in its
    // own socket (and runs the TLS handshake) on its thread.
    void incomingConnection(qintptr descriptor) override { onIncoming(descriptor); }
};

HttpServer::HttpServer(Options options, HttpHandler *handler, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_handler(handler)
{
    m_clock.start();
    const quint32 r = QRandomGenerator::global()->generate();
    m_idPrefix = "req_" + QByteArray::number(r, 16).rightJustified(8, '0') + '_';
    m_options.threads = std::clamp(m_options.threads, 1, 64);
}

HttpServer::~HttpServer()
{
    close();
}

bool HttpServer::parseListen(const QString &text, QHostAddress *address, quint16 *port, QString *why)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) {
        if (why)
            *why = QStringLiteral("expected host:port, e.g. 127.0.0.1:8080");
        return false;
    }
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint p = text.mid(colon + 1).toUInt(&ok);
    if (!ok || p > 65535) {
        if (why)
            *why = QStringLiteral("the port must be a number from 0 to 65535");
        return false;
    }
    QHostAddress a;
    if (host == QLatin1String("localhost"))
        a = QHostAddress(QHostAddress::LocalHost);
    else if (host == QLatin1String("*"))
        a = QHostAddress(QHostAddress::Any);
    else if (!a.setAddress(host)) {
        if (why)
            *why = QStringLiteral("'%1' is not an IP address").arg(host);
        return false;
    }
    *address = a;
    *port = quint16(p);
    return true;
}

bool HttpServer::listen(const QHostAddress &address, quint16 port, Error *error)
{
    close();
    auto fail = [&](const QString &msg) {
        if (error)
            *error = Error::make(QStringLiteral("INGRESS_LISTEN_FAILED"), msg);
        delete m_server;
        m_server = nullptr;
        return false;
    };
    m_tls = !m_options.tlsCertificate.isEmpty() && !m_options.tlsKey.isEmpty();
    if (m_tls) {
        if (!QSslSocket::supportsSsl())
            return fail(
                QStringLiteral("TLS is configured but the TLS backend is not available; install OpenSSL 3 "
                               "or unset ingress.tls_cert"));
        QFile certFile(m_options.tlsCertificate);
        QFile keyFile(m_options.tlsKey);
        if (!certFile.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("cannot read ingress.tls_cert %1: %2")
                            .arg(certFile.fileName(), certFile.errorString()));
        if (!keyFile.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("cannot read ingress.tls_key %1: %2")
                            .arg(keyFile.fileName(), keyFile.errorString()));
        const auto chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
        const QByteArray keyPem = keyFile.readAll();
        QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
        if (chain.isEmpty() || key.isNull())
            return fail(
                QStringLiteral("ingress.tls_cert / ingress.tls_key do not hold a PEM certificate and an "
                               "unencrypted RSA or EC private key"));
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificateChain(chain);
        conf.setPrivateKey(key);
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_sslConfiguration = std::make_shared<const QSslConfiguration>(conf);
    }
    m_server = new Listener(this);
    m_server->onIncoming = [this](qintptr descriptor) { onIncoming(descriptor); };
    // Many clients connecting at once (a burst of senders) should wait in the kernel, not be refused.
    m_server->setListenBacklogSize(1024);
    if (!m_server->listen(address, port))
        return fail(QStringLiteral("cannot listen on %1:%2: %3; choose another ingress.listen")
                        .arg(address.toString())
                        .arg(port)
                        .arg(m_server->errorString()));
    // The workers: with one, connections are served on this thread; with more, each gets a thread.
    for (int i = 0; i < m_options.threads; ++i) {
        auto *worker = new HttpServerWorker(this);
        m_workers.push_back(worker);
        if (m_options.threads == 1) {
            worker->start();
            break;
        }
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("ingress-http-%1").arg(i));
        worker->moveToThread(thread);
        m_threads.push_back(thread);
        thread->start();
        QMetaObject::invokeMethod(
            worker, [worker] { worker->start(); }, Qt::QueuedConnection);
    }
    return true;
}

void HttpServer::close()
{
    if (m_server) {
        m_server->close();
        m_server->onIncoming = [](qintptr descriptor) { ::close(int(descriptor)); };
        m_server->deleteLater();
        m_server = nullptr;
    }
    stopWorkers();
    m_sslConfiguration.reset();
}

void HttpServer::stopWorkers()
{
    // Every worker closes its connections on its own thread; then its thread ends. Answers still pending
    // are dropped (their responders find no worker).
    for (size_t i = 0; i < m_workers.size(); ++i) {
        HttpServerWorker *worker = m_workers[i];
        if (i < m_threads.size()) {
            HttpHandler *handler = m_handler;
            QMetaObject::invokeMethod(
                worker,
                [worker, handler] {
                    worker->closeAll();
                    handler->workerThreadFinishing();
                },
                Qt::BlockingQueuedConnection);
            m_threads[i]->quit();
            m_threads[i]->wait();
            delete m_threads[i];
        } else {
            worker->closeAll();
        }
        worker->detach();
        delete worker;
    }
    m_workers.clear();
    m_threads.clear();
    m_open.store(0, std::memory_order_release);
}

bool HttpServer::isListening() const
{
    return m_server && m_server->isListening();
}

QHostAddress HttpServer::address() const
{
    return m_server ? m_server->serverAddress() : QHostAddress();
}

quint16 HttpServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QString HttpServer::nextRequestId(const QByteArray &fromClient)
{
    // A client's own id is kept when it is short and harmless (it ends up in logs and headers).
    if (!fromClient.isEmpty() && fromClient.size() <= 128) {
        bool sane = true;
        for (char ch : fromClient) {
            if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.' ||
                  ch == ':')) {
                sane = false;
                break;
            }
        }
        if (sane)
            return QString::fromLatin1(fromClient);
    }
    return QString::fromLatin1(m_idPrefix +
                               QByteArray::number(m_nextRequest.fetch_add(1, std::memory_order_relaxed), 16));
}

void HttpServer::onIncoming(qintptr descriptor)
{
    if (m_workers.empty()) {
        ::close(int(descriptor));
        return;
    }
    // Only this thread adds to m_open, so checking and then adding cannot overshoot the cap.
    const bool counted = m_open.load(std::memory_order_acquire) < m_options.maxConnections;
    if (counted)
        m_open.fetch_add(1, std::memory_order_acq_rel);
    // The least loaded worker; ties go round-robin.
    HttpServerWorker *worker = m_workers[m_nextWorker++ % m_workers.size()];
    for (HttpServerWorker *w : m_workers) {
        if (w->load() < worker->load())
            worker = w;
    }
    if (m_threads.empty()) {
        worker->adopt(descriptor, counted);
        return;
    }
    QMetaObject::invokeMethod(
        worker, [worker, descriptor, counted] { worker->adopt(descriptor, counted); }, Qt::QueuedConnection);
}

void HttpServerWorker::adopt(qintptr descriptor, bool counted)
{
    QTcpSocket *socket = nullptr;
    if (m_server->m_sslConfiguration) {
        auto *ssl = new QSslSocket(this);
        ssl->setSslConfiguration(*m_server->m_sslConfiguration);
        socket = ssl;
    } else {
        socket = new QTcpSocket(this);
    }
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcHttp).noquote() << "cannot take an accepted connection:" << socket->errorString();
        ::close(int(descriptor));
        delete socket;
        if (counted)
            m_server->m_open.fetch_sub(1, std::memory_order_acq_rel);
        return;
    }
    auto c = std::make_unique<Connection>();
    c->id = m_nextConnection++;
    c->socket = socket;
    c->counted = counted;
    c->peer = socket->peerAddress();
    if (c->peer.protocol() == QAbstractSocket::IPv6Protocol) {
        bool ok = false;
        const QHostAddress v4(c->peer.toIPv4Address(&ok));
        if (ok)
            c->peer = v4;
    }
    c->parser = std::make_unique<HttpRequestParser>(m_options.limits);
    c->wait = Connection::Wait::Idle;
    // Also the time a TLS client has to complete its handshake.
    c->deadlineMs = nowMs() + m_options.headerTimeout.count();
    // Bounded read-ahead: when reading pauses (too many pipelined requests) the kernel pushes back.
    socket->setReadBufferSize(256 * 1024);
    const quint64 id = c->id;
    connect(socket, &QTcpSocket::readyRead, this, [this, id] { onReadable(id); });
    connect(socket, &QTcpSocket::disconnected, this, [this, id] { onDisconnected(id); });
    connect(socket, &QTcpSocket::bytesWritten, this, [this, id] {
        // A connection paused on read-ahead resumes once its answers go out.
        if (Connection *conn = find(id); conn && !conn->dead && conn->socket->bytesAvailable() > 0)
            onReadable(id);
    });
    m_connections.emplace(id, std::move(c));
    m_load.fetch_add(1, std::memory_order_relaxed);
    auto refuseOverCap = [this, id] {
        // Over the cap: answer at once and close, so the client backs off instead of hanging in the
        // backlog.
        if (Connection *over = find(id); over && !over->dead && !over->closing)
            refuse(*over, 503,
                   QStringLiteral("the server has %1 open connections, its limit; retry shortly")
                       .arg(m_options.maxConnections));
    };
    if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
        // TLS: nothing can be written before the handshake; a client over the cap gets its 503 once
        // encrypted (or is dropped by the sweep if the handshake never completes).
        if (!counted)
            connect(ssl, &QSslSocket::encrypted, this, refuseOverCap);
        ssl->startServerEncryption();
        return;
    }
    if (!counted) {
        refuseOverCap();
        return;
    }
    onReadable(id);
}

void HttpServerWorker::closeAll()
{
    auto connections = std::move(m_connections);
    m_connections.clear();
    for (auto &[id, c] : connections) {
        c->socket->disconnect(this);
        c->socket->abort();
        c->socket->deleteLater();
    }
    m_load.store(0, std::memory_order_relaxed);
    if (m_sweep)
        m_sweep->stop();
}

void HttpServerWorker::remove(quint64 id)
{
    const auto it = m_connections.find(id);
    if (it == m_connections.end())
        return;
    it->second->socket->deleteLater();
    if (it->second->counted)
        m_server->m_open.fetch_sub(1, std::memory_order_acq_rel);
    m_connections.erase(it);
    m_load.fetch_sub(1, std::memory_order_relaxed);
}

void HttpServerWorker::onDisconnected(quint64 id)
{
    Connection *c = find(id);
    if (!c || c->dead)
        return;
    c->dead = true;
    // Removal is queued: this may run inside flush() or deliver() further up the stack.
    QMetaObject::invokeMethod(
        this, [this, id] { remove(id); }, Qt::QueuedConnection);
}

void HttpServerWorker::onReadable(quint64 id)
{
    Connection *c = find(id);
    if (!c || c->dead)
        return;
    if (c->closing) {
        c->socket->readAll(); // discarded: the connection ends after the queued answers
        return;
    }
    if (int(c->answers.size()) >= m_options.maxPipelined)
        return; // resumes from bytesWritten
    const QByteArray data = c->socket->readAll();
    if (data.isEmpty())
        return;
    const bool wasInMessage = c->parser->inMessage();
    c->parser->feed(data.constData(), data.size());
    if (!wasInMessage && (c->parser->inMessage() || !c->parser->events().empty() ||
                          c->parser->failure() != HttpRequestParser::Failure::None)) {
        // The first byte of a request: the header timeout runs from here.
        c->messageStarted = QDateTime::currentDateTimeUtc();
        c->messageStartedNs = nowNs();
        if (c->wait == Connection::Wait::Idle) {
            c->wait = Connection::Wait::Header;
            c->deadlineMs = nowMs() + m_options.headerTimeout.count();
        }
    }
    processEvents(id);
}

void HttpServerWorker::processEvents(quint64 id)
{
    Connection *c = find(id);
    while (c && !c->dead && !c->closing && !c->parser->events().empty()) {
        HttpRequestParser::Event ev = std::move(c->parser->events().front());
        c->parser->events().pop_front();
        if (ev.kind == HttpRequestParser::Event::Kind::HeadersComplete) {
            Slot s;
            s.id = c->nextSlot++;
            s.method = ev.request.method;
            s.requestId = m_server->nextRequestId(ev.request.header("x-request-id"));
            if (ev.expectContinue)
                s.interim = "HTTP/1.1 100 Continue\r\n\r\n";
            c->answers.push_back(std::move(s));
            c->openSlot = true;
            c->wait = Connection::Wait::Body;
            c->deadlineMs = nowMs() + m_options.bodyTimeout.count();
            if (ev.expectContinue)
                flush(*c);
            continue;
        }
        // MessageComplete
        Q_ASSERT(c->openSlot && !c->answers.empty());
        c->openSlot = false;
        Slot &slot = c->answers.back();
        HttpRequest request = std::move(ev.request);
        request.peer = c->peer;
        request.requestId = slot.requestId;
        request.receivedAt =
            c->messageStarted.isValid() ? c->messageStarted : QDateTime::currentDateTimeUtc();
        request.startedNs = c->messageStartedNs ? c->messageStartedNs : nowNs();
        slot.interim.clear(); // the body arrived anyway: no 100 Continue needed any more
        const quint64 slotId = slot.id;
        if (!request.keepAlive)
            c->closing = true;
        // The next request's header timeout starts with its first byte; until then the connection is
        // idle.
        c->wait = Connection::Wait::Idle;
        c->deadlineMs = nowMs() + m_options.headerTimeout.count();
        c->messageStarted = QDateTime();
        c->messageStartedNs = 0;
        if (c->parser->inMessage()) {
            c->messageStarted = QDateTime::currentDateTimeUtc();
            c->messageStartedNs = nowNs();
            c->wait = Connection::Wait::Header;
        }
        HttpResponder responder;
        responder.m_mailbox = m_mailbox;
        responder.m_connection = id;
        responder.m_slot = slotId;
        m_handler->handleRequest(request, responder);
        c = find(id); // the handler may have answered (and the client left) meanwhile
    }
    if (c && !c->dead && !c->closing && c->parser->failure() != HttpRequestParser::Failure::None) {
        int status = 400;
        switch (c->parser->failure()) {
        case HttpRequestParser::Failure::HeaderTooLarge:
            status = 431;
            break;
        case HttpRequestParser::Failure::BodyTooLarge:
            status = 413;
            break;
        case HttpRequestParser::Failure::NotImplemented:
            status = 501;
            break;
        default:
            status = 400;
            break;
        }
        refuse(*c, status, c->parser->failureReason());
    }
}

void HttpServerWorker::refuse(Connection &c, int status, const QString &message)
{
    if (!c.openSlot) {
        Slot s;
        s.id = c.nextSlot++;
        s.method = c.parser->current().method;
        s.requestId = m_server->nextRequestId(c.parser->current().header("x-request-id"));
        c.answers.push_back(std::move(s));
    }
    c.openSlot = false;
    Slot &slot = c.answers.back();
    slot.interim.clear();
    HttpRequest partial = c.parser->current();
    partial.peer = c.peer;
    partial.requestId = slot.requestId;
    partial.receivedAt = c.messageStarted.isValid() ? c.messageStarted : QDateTime::currentDateTimeUtc();
    partial.startedNs = c.messageStartedNs ? c.messageStartedNs : nowNs();
    partial.body.clear();
    slot.response = m_handler->refusal(partial, status, message);
    slot.response.close = true;
    slot.ready = true;
    c.closing = true;
    c.wait = Connection::Wait::None;
    qCDebug(lcHttp).noquote() << "refused" << status << "from" << c.peer.toString() << message;
    flush(c);
}

void HttpServerWorker::deliver(quint64 connection, quint64 slot, HttpResponse response)
{
    Connection *c = find(connection);
    if (!c || c->dead)
        return; // the client left; nothing to do
    for (auto &s : c->answers) {
        if (s.id == slot) {
            if (s.ready)
                return; // answered once already
            s.response = std::move(response);
            s.ready = true;
            if (s.response.close)
                c->closing = true;
            flush(*c);
            return;
        }
    }
}

QByteArray HttpServerWorker::serialize(const Slot &slot) const
{
    const HttpResponse &r = slot.response;
    QByteArray out;
    out.reserve(160 + r.body.size());
    out += "HTTP/1.1 ";
    out += QByteArray::number(r.status);
    out += ' ';
    out += reasonPhrase(r.status);
    out += "\r\n";
    if (!r.body.isEmpty() || r.status != 204) {
        if (!r.contentType.isEmpty()) {
            out += "Content-Type: ";
            out += r.contentType;
            out += "\r\n";
        }
        out += "Content-Length: ";
        out += QByteArray::number(r.body.size());
        out += "\r\n";
    }
    for (const auto &h : r.headers) {
        out += h.first;
        out += ": ";
        out += h.second;
        out += "\r\n";
    }
    if (!slot.requestId.isEmpty()) {
        out += "X-Request-Id: ";
        out += slot.requestId.toLatin1();
        out += "\r\n";
    }
    if (r.close)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (slot.method != "HEAD")
        out += r.body;
    return out;
}

void HttpServerWorker::flush(Connection &c)
{
    bool closeNow = false;
    while (!c.answers.empty()) {
        Slot &head = c.answers.front();
        if (!head.interim.isEmpty()) {
            c.socket->write(head.interim);
            head.interim.clear();
        }
        if (!head.ready)
            break;
        c.socket->write(serialize(head));
        closeNow = head.response.close;
        c.answers.pop_front();
        if (closeNow)
            break;
    }
    if (closeNow || (c.closing && c.answers.empty())) {
        c.answers.clear();
        c.closing = true;
        c.wait = Connection::Wait::Draining;
        c.deadlineMs = nowMs() + m_options.headerTimeout.count();
        c.socket->disconnectFromHost(); // writes what is buffered, then closes; may emit disconnected now
    }
}

void HttpServerWorker::sweep()
{
    const qint64 now = nowMs();
    std::vector<quint64> expired;
    for (auto &[id, c] : m_connections) {
        if (!c->dead && c->wait != Connection::Wait::None && c->deadlineMs <= now)
            expired.push_back(id);
    }
    for (quint64 id : expired) {
        Connection *c = find(id);
        if (!c || c->dead)
            continue;
        if (c->wait == Connection::Wait::Draining) {
            // The client neither reads its last answer nor closes (or never finished the TLS handshake).
            c->wait = Connection::Wait::None;
            c->socket->abort();
            continue;
        }
        auto *ssl = qobject_cast<QSslSocket *>(c->socket);
        if (ssl && !ssl->isEncrypted()) {
            // The TLS handshake did not complete within the header timeout: nothing can be answered.
            c->wait = Connection::Wait::None;
            c->closing = true;
            c->socket->abort();
            continue;
        }
        if (c->wait == Connection::Wait::Idle) {
            if (!c->answers.empty()) {
                // Waiting for our own answers, not for the client.
                c->deadlineMs = now + m_options.headerTimeout.count();
                continue;
            }
            c->wait = Connection::Wait::None;
            c->closing = true;
            c->socket->disconnectFromHost(); // idle keep-alive connection: close quietly
            continue;
        }
        const bool body = c->wait == Connection::Wait::Body;
        refuse(*c, 408,
               body ? QStringLiteral("the request body did not arrive within %1 ms")
                          .arg(m_options.bodyTimeout.count())
                    : QStringLiteral("the request headers did not arrive within %1 ms")
                          .arg(m_options.headerTimeout.count()));
    }
}

} // namespace WedSync::Ingress
