#include "nodeserver.h"

#include "health/metrics.h"
#include "node/audit.h"
#include "node/topic.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketCorsAuthenticator>
#include <QWebSocketServer>
#include <deque>
#include <optional>

static Q_LOGGING_CATEGORY(lcNode, "wedsync.node", QtInfoMsg)

namespace WedSync::Node {

// The socket's own buffer is kept small so that what is queued stays in our (bounded, droppable) queue.
static constexpr qint64 SocketHighWater = 256 * 1024;
static constexpr int ReplayPage = 256;
static constexpr int FetchPage = 1000;
static constexpr int BatchMax = 256;
static constexpr qsizetype BatchChars = 128 * 1024;

struct NodeServer::Feed
{
    Topic *topic = nullptr;
    struct Item
    {
        qint64 seq;
        TopicItem item;
        QString frame;                             // encoded once, shared by every connection
        mutable std::optional<QJsonObject> parsed; // for filters, parsed on first use
        const QJsonObject &data() const
        {
            if (!parsed)
                parsed = item.object();
            return *parsed;
        }
    };
    std::deque<Item> ring; // items with seq in (base, head]
    qint64 base = 0;       // every item with seq <= base has left the ring
    qint64 head = 0;       // every item with seq <= head has been read
    bool fetchScheduled = false;
};

struct NodeServer::Subscription
{
    Feed *feed = nullptr;
    QJsonObject filter;
    qint64 cursor = 0;  // every item with seq <= cursor has been sent (or filtered out, or reported lagged)
    bool live = false;  // caught up once: falling out of the ring from now on is reported as lagged
    bool batch = false; // the client takes "batch" frames
};

struct NodeServer::Connection
{
    QWebSocket *socket = nullptr; // owned (deleteLater on drop)
    RequestContext ctx;
    std::map<QString, Subscription> subs; // by topic name
    std::deque<QString> queue;            // frames waiting for room in the socket
    qint64 queuedBytes = 0;
    qint64 peakBytes = 0;
    qint64 framesSent = 0;
    qint64 lagged = 0;
    double tokens = 0; // request rate bucket
    QElapsedTimer bucketClock;
    qint64 lastSeenMs = 0;
    bool pumping = false;
};

NodeServer::NodeServer(NodeServerOptions options, TokenStore *tokens, Audit *audit, Health::Metrics *metrics,
                       QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_tokens(tokens)
    , m_audit(audit)
    , m_metrics(metrics)
{
    if (m_metrics) {
        m_consolesGauge = &m_metrics->gauge(QStringLiteral("wedsync_node_connections"), {},
                                            QStringLiteral("Clients connected to the node's WebSocket API"));
        m_laggedCounter =
            &m_metrics->counter(QStringLiteral("wedsync_node_lagged_total"), {},
                                QStringLiteral("Lagged notices sent to clients that fell behind"));
        m_framesCounter = &m_metrics->counter(QStringLiteral("wedsync_node_frames_sent_total"), {},
                                              QStringLiteral("Frames sent to clients"));
        m_refusedCounter =
            &m_metrics->counter(QStringLiteral("wedsync_node_refused_total"), {},
                                QStringLiteral("Connections refused (token, subprotocol, origin)"));
    }
    m_pingTimer.setInterval(m_options.pingInterval);
    connect(&m_pingTimer, &QTimer::timeout, this, &NodeServer::onPingTimer);
}

NodeServer::~NodeServer()
{
    close();
}

bool NodeServer::listen(Error *error)
{
    const bool tls = !m_options.tlsCert.isEmpty() && !m_options.tlsKey.isEmpty();
    m_server = std::make_unique<QWebSocketServer>(
        m_options.nodeName.isEmpty() ? QStringLiteral("wedsync-node") : m_options.nodeName,
        tls ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode);
    m_server->setSupportedSubprotocols({QString::fromLatin1(Subprotocol)});
    if (tls) {
        QFile certFile(m_options.tlsCert);
        QFile keyFile(m_options.tlsKey);
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
            if (error)
                *error = Error::make(
                    QString::fromLatin1(ErrorCode::ConfigInvalid),
                    QStringLiteral("cannot read node.tls_cert %1 or node.tls_key %2; check the paths "
                                   "and permissions")
                        .arg(m_options.tlsCert, m_options.tlsKey));
            return false;
        }
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        const auto certs = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
        const QByteArray pem = keyFile.readAll();
        QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
        if (certs.isEmpty() || key.isNull()) {
            if (error)
                *error = Error::make(
                    QString::fromLatin1(ErrorCode::ConfigInvalid),
                    QStringLiteral("node.tls_cert/node.tls_key must be a PEM certificate and an RSA or EC "
                                   "private key"));
            return false;
        }
        ssl.setLocalCertificateChain(certs);
        ssl.setPrivateKey(key);
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_server->setSslConfiguration(ssl);
    }
    connect(m_server.get(), &QWebSocketServer::newConnection, this, &NodeServer::onNewConnection);
    connect(m_server.get(), &QWebSocketServer::originAuthenticationRequired, this,
            &NodeServer::onOriginCheck);
    if (!m_server->listen(m_options.address, m_options.port)) {
        if (error)
            *error = Error::make(QStringLiteral("NODE_LISTEN_FAILED"),
                                 QStringLiteral("cannot listen on %1:%2 (%3); choose another node.listen")
                                     .arg(m_options.address.toString())
                                     .arg(m_options.port)
                                     .arg(m_server->errorString()));
        m_server.reset();
        return false;
    }
    for (auto &[name, feed] : m_feeds) {
        Error e;
        feed->head = feed->base = feed->topic->head(&e);
    }
    m_pingTimer.start();
    qCInfo(lcNode).noquote() << "node API listening on" << url().toString();
    return true;
}

void NodeServer::close()
{
    m_pingTimer.stop();
    auto conns = std::move(m_connections);
    m_connections.clear();
    for (auto &[ptr, c] : conns) {
        c->socket->disconnect(this);
        c->socket->close(
            QWebSocketProtocol::CloseCodeGoingAway,
            QStringLiteral("%1: the node is stopping").arg(QLatin1String(NodeError::ShuttingDown)));
        c->socket->deleteLater();
    }
    if (m_server) {
        m_server->close();
        m_server.reset();
    }
    updateGauges();
}

bool NodeServer::isListening() const
{
    return m_server && m_server->isListening();
}

QUrl NodeServer::url() const
{
    if (!m_server)
        return {};
    QUrl u;
    u.setScheme(m_server->secureMode() == QWebSocketServer::SecureMode ? QStringLiteral("wss")
                                                                       : QStringLiteral("ws"));
    QHostAddress a = m_server->serverAddress();
    if (a == QHostAddress::Any || a == QHostAddress::AnyIPv4 || a == QHostAddress::AnyIPv6)
        a = QHostAddress::LocalHost;
    u.setHost(a.toString());
    u.setPort(m_server->serverPort());
    return u;
}

void NodeServer::addStaticToken(const QByteArray &token, const QString &name, Role role)
{
    m_staticTokens.insert(TokenStore::hash(token), qMakePair(name, role));
}

void NodeServer::addTopic(Topic *topic)
{
    topic->setParent(this);
    auto feed = std::make_unique<Feed>();
    feed->topic = topic;
    Feed *f = feed.get();
    if (isListening()) {
        Error e;
        f->head = f->base = topic->head(&e);
    }
    m_feeds[topic->name()] = std::move(feed);
    connect(topic, &Topic::advanced, this, [this, f] { scheduleFetch(f); });
}

Topic *NodeServer::topic(const QString &name) const
{
    auto it = m_feeds.find(name);
    return it == m_feeds.end() ? nullptr : it->second->topic;
}

QStringList NodeServer::topicNames() const
{
    QStringList out;
    for (const auto &[name, feed] : m_feeds)
        out.append(name);
    return out;
}

void NodeServer::registerQuery(const QString &name, Role role, Handler handler)
{
    m_requests.insert(name, Request{role, false, std::move(handler)});
}

void NodeServer::registerCommand(const QString &name, Role role, Handler handler)
{
    m_requests.insert(name, Request{role, true, std::move(handler)});
}

static NodeServer::Handler wrap(NodeServer::SyncHandler h)
{
    return [h = std::move(h)](const RequestContext &ctx, const QJsonObject &args,
                              const NodeServer::Done &done) { done(h(ctx, args)); };
}

void NodeServer::registerQuery(const QString &name, Role role, SyncHandler handler)
{
    registerQuery(name, role, wrap(std::move(handler)));
}

void NodeServer::registerCommand(const QString &name, Role role, SyncHandler handler)
{
    registerCommand(name, role, wrap(std::move(handler)));
}

QStringList NodeServer::queryNames() const
{
    QStringList out;
    for (auto it = m_requests.begin(); it != m_requests.end(); ++it) {
        if (!it->command)
            out.append(it.key());
    }
    out.sort();
    return out;
}

QStringList NodeServer::commandNames() const
{
    QStringList out;
    for (auto it = m_requests.begin(); it != m_requests.end(); ++it) {
        if (it->command)
            out.append(it.key());
    }
    out.sort();
    return out;
}

QList<NodeServer::ConnectionStats> NodeServer::connectionStats() const
{
    QList<ConnectionStats> out;
    for (const auto &[ptr, c] : m_connections) {
        ConnectionStats s;
        s.actor = c->ctx.actor;
        s.queuedBytes = c->queuedBytes + c->socket->bytesToWrite();
        s.queuedFrames = int(c->queue.size());
        s.peakQueuedBytes = c->peakBytes;
        s.framesSent = c->framesSent;
        s.laggedNotices = c->lagged;
        out.append(s);
    }
    return out;
}

int NodeServer::connectionCount() const
{
    return int(m_connections.size());
}

void NodeServer::updateGauges()
{
    if (m_consolesGauge)
        m_consolesGauge->set(double(m_connections.size()));
    Q_EMIT connectionCountChanged(int(m_connections.size()));
}

// --- handshake ---

void NodeServer::onOriginCheck(QWebSocketCorsAuthenticator *authenticator)
{
    const QString origin = authenticator->origin();
    // Non-browser clients send no Origin; browsers always do and must be allowed explicitly.
    const bool allowed = origin.isEmpty() || m_options.allowedOrigins.contains(QStringLiteral("*")) ||
                         m_options.allowedOrigins.contains(origin);
    authenticator->setAllowed(allowed);
    if (!allowed) {
        if (m_refusedCounter)
            m_refusedCounter->inc();
        qCInfo(lcNode).noquote() << "refused a connection from origin" << origin
                                 << "(not in node.allowed_origins)";
    }
}

void NodeServer::refuse(QWebSocket *socket, const char *code, const QString &why, int closeCode)
{
    if (m_refusedCounter)
        m_refusedCounter->inc();
    qCInfo(lcNode).noquote() << "refused" << socket->peerAddress().toString() << code << why;
    // Close reasons are limited to 123 bytes: code first, then as much of the explanation as fits.
    QByteArray reason = QByteArray(code) + ": " + why.toUtf8();
    if (reason.size() > 123)
        reason.truncate(123);
    socket->close(QWebSocketProtocol::CloseCode(closeCode), QString::fromUtf8(reason));
    socket->deleteLater();
}

void NodeServer::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        const QNetworkRequest req = socket->request();
        if (socket->subprotocol() != QLatin1String(Subprotocol)) {
            refuse(socket, NodeError::UnsupportedProtocol,
                   QStringLiteral("this node speaks %1 (Sec-WebSocket-Protocol)")
                       .arg(QLatin1String(Subprotocol)),
                   QWebSocketProtocol::CloseCodeProtocolError);
            continue;
        }
        QByteArray token;
        const QByteArray auth = req.rawHeader("Authorization");
        if (auth.startsWith("Bearer ") || auth.startsWith("bearer "))
            token = auth.mid(7).trimmed();
        if (token.isEmpty()) // browsers cannot set headers: ?token= is accepted as well
            token = QUrlQuery(req.url()).queryItemValue(QStringLiteral("token")).toUtf8();
        if (token.isEmpty()) {
            refuse(socket, NodeError::AuthRequired, QStringLiteral("send Authorization: Bearer <token>"),
                   QWebSocketProtocol::CloseCodePolicyViolated);
            continue;
        }
        RequestContext ctx;
        ctx.peer = QStringLiteral("%1:%2").arg(socket->peerAddress().toString()).arg(socket->peerPort());
        const QString h = TokenStore::hash(token);
        if (m_staticTokens.contains(h)) {
            ctx.actor = m_staticTokens.value(h).first;
            ctx.role = m_staticTokens.value(h).second;
        } else {
            Error e;
            const auto info = m_tokens ? m_tokens->authenticate(token, &e) : std::nullopt;
            if (!info) {
                if (!m_tokens)
                    e = Error::make(QString::fromLatin1(NodeError::AuthInvalid),
                                    QStringLiteral("unknown token"));
                const bool known = e.code == QLatin1String(NodeError::AuthInvalid) ||
                                   e.code == QLatin1String(NodeError::TokenRevoked);
                refuse(socket, known ? NodeError::AuthInvalid : NodeError::Internal,
                       e.code == QLatin1String(NodeError::TokenRevoked)
                           ? QStringLiteral("token revoked; ask for a new one")
                       : known ? QStringLiteral("unknown token; create one with wedsync-node token create")
                               : QStringLiteral("cannot check the token now (%1); retry").arg(e.code),
                       known ? QWebSocketProtocol::CloseCodePolicyViolated
                             : QWebSocketProtocol::CloseCodeBadOperation);
                if (e.code == QLatin1String(NodeError::TokenRevoked) && m_audit)
                    m_audit->record(QStringLiteral("?"), Role::Viewer, QStringLiteral("connect"), ctx.peer,
                                    QStringLiteral("denied"), {{QStringLiteral("reason"), e.code}});
                continue;
            }
            ctx.actor = info->name;
            ctx.role = info->role;
        }

        auto conn = std::make_unique<Connection>();
        Connection *c = conn.get();
        c->socket = socket;
        c->ctx = ctx;
        c->tokens = std::max(1.0, m_options.requestRate * 2);
        c->bucketClock.start();
        c->lastSeenMs = QDateTime::currentMSecsSinceEpoch();
        socket->setParent(this);
        socket->setMaxAllowedIncomingMessageSize(
            quint64(std::max<qint64>(m_options.maxFrameBytes * 4, 64 * 1024)));
        m_connections[c] = std::move(conn);

        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, c](const QString &t) { onText(c, t); });
        connect(socket, &QWebSocket::binaryMessageReceived, this, [this, c](const QByteArray &) {
            send(c, QString::fromUtf8(
                        encodeError({}, Error::make(QString::fromLatin1(NodeError::BadFrame),
                                                    QStringLiteral("binary frames are not part of "
                                                                   "wedsync.v1; send JSON text frames")))));
        });
        connect(socket, &QWebSocket::pong, this,
                [c](quint64, const QByteArray &) { c->lastSeenMs = QDateTime::currentMSecsSinceEpoch(); });
        connect(socket, &QWebSocket::bytesWritten, this, [this, c](qint64) {
            flush(c);
            if (c->queue.empty())
                pump(c);
        });
        connect(socket, &QWebSocket::disconnected, this, [this, c] { dropConnection(c); });

        QJsonObject hello = m_helloProvider ? m_helloProvider() : QJsonObject();
        hello.insert(QStringLiteral("node"), m_options.nodeName);
        hello.insert(QStringLiteral("version"), QStringLiteral(WEDSYNC_VERSION));
        hello.insert(QStringLiteral("protocol"), QString::fromLatin1(Subprotocol));
        hello.insert(QStringLiteral("role"), roleName(ctx.role));
        hello.insert(QStringLiteral("actor"), ctx.actor);
        hello.insert(QStringLiteral("topics"), QJsonArray::fromStringList(topicNames()));
        hello.insert(QStringLiteral("queries"), QJsonArray::fromStringList(queryNames()));
        hello.insert(QStringLiteral("commands"), QJsonArray::fromStringList(commandNames()));
        hello.insert(
            QStringLiteral("limits"),
            QJsonObject{{QStringLiteral("max_frame_bytes"), m_options.maxFrameBytes},
                        {QStringLiteral("request_rate"), m_options.requestRate},
                        {QStringLiteral("ping_interval_ms"), qint64(m_options.pingInterval.count())}});
        send(c, QString::fromUtf8(encodeHello(hello)));
        qCInfo(lcNode).noquote() << "client" << ctx.actor << "(" << roleName(ctx.role) << ") connected from"
                                 << ctx.peer;
        updateGauges();
    }
}

void NodeServer::dropConnection(Connection *c)
{
    auto it = m_connections.find(c);
    if (it == m_connections.end())
        return;
    qCInfo(lcNode).noquote() << "client" << c->ctx.actor << "disconnected from" << c->ctx.peer;
    c->socket->disconnect(this);
    c->socket->deleteLater();
    m_connections.erase(it);
    updateGauges();
}

void NodeServer::onPingTimer()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 idle = 2 * qint64(m_options.pingInterval.count());
    QList<Connection *> dead;
    for (auto &[ptr, c] : m_connections) {
        if (now - c->lastSeenMs > idle)
            dead.append(c.get());
        else
            c->socket->ping();
    }
    for (Connection *c : dead) {
        qCInfo(lcNode).noquote() << "client" << c->ctx.actor << "at" << c->ctx.peer
                                 << "answered no ping; closing";
        c->socket->close(
            QWebSocketProtocol::CloseCodeGoingAway,
            QStringLiteral("%1: no pong within %2 ms").arg(QLatin1String(NodeError::IdleTimeout)).arg(idle));
        dropConnection(c);
    }
}

// --- frames in ---

void NodeServer::onText(Connection *c, const QString &text)
{
    c->lastSeenMs = QDateTime::currentMSecsSinceEpoch();
    Error error;
    const auto frame = decodeClientFrame(text.toUtf8(), m_options.maxFrameBytes, &error);
    if (!frame) {
        send(c, QString::fromUtf8(encodeError(error.details.value(QLatin1String("id")).toString(), error)));
        return;
    }
    switch (frame->type) {
    case ClientFrame::Type::Subscribe:
    case ClientFrame::Type::Unsubscribe:
        handleSubscribe(c, *frame);
        break;
    case ClientFrame::Type::Query:
    case ClientFrame::Type::Command:
        handleRequest(c, *frame);
        break;
    }
}

void NodeServer::handleSubscribe(Connection *c, const ClientFrame &f)
{
    auto answer = [&](const Outcome &o) {
        if (!f.id.isEmpty())
            send(c, QString::fromUtf8(o.ok ? encodeResult(f.id, o.data) : encodeError(f.id, o.error)));
        else if (!o.ok)
            send(c, QString::fromUtf8(encodeError({}, o.error)));
    };
    if (f.type == ClientFrame::Type::Unsubscribe) {
        for (const QString &t : f.topics)
            c->subs.erase(t);
        answer(
            Outcome::success(QJsonObject{{QStringLiteral("topics"), QJsonArray::fromStringList(f.topics)}}));
        return;
    }
    // Validate everything before changing anything.
    for (const QString &t : f.topics) {
        auto it = m_feeds.find(t);
        if (it == m_feeds.end()) {
            answer(Outcome::failure(NodeError::UnknownTopic,
                                    QStringLiteral("no topic \"%1\"; this node has %2")
                                        .arg(t.left(64), topicNames().join(QStringLiteral(", ")))));
            return;
        }
        Topic *topic = it->second->topic;
        if (c->ctx.role < topic->readRole()) {
            audit(c->ctx, QStringLiteral("subscribe"), t, QStringLiteral("denied"));
            answer(Outcome::failure(NodeError::Forbidden,
                                    QStringLiteral("the %1 role cannot read %2; it needs %3")
                                        .arg(roleName(c->ctx.role), t, roleName(topic->readRole()))));
            return;
        }
        const Error fe = topic->checkFilter(f.filter);
        if (fe) {
            answer(Outcome::failure(fe));
            return;
        }
    }
    QJsonObject heads;
    for (const QString &t : f.topics) {
        Feed *feed = m_feeds.at(t).get();
        Subscription s;
        s.feed = feed;
        s.filter = f.filter;
        s.cursor = f.since < 0 ? feed->head : f.since;
        s.live = f.since < 0;
        s.batch = f.batch;
        c->subs[t] = s;
        heads.insert(t, feed->head);
    }
    answer(Outcome::success(QJsonObject{{QStringLiteral("topics"), QJsonArray::fromStringList(f.topics)},
                                        {QStringLiteral("heads"), heads}}));
    pump(c);
}

// What a command acts on, for the audit trail: its id, job, subscription, source (with integration), name
// or url. Never a secret: those arguments are not looked at.
static QString auditTarget(const QJsonObject &args)
{
    for (const char *key : {"id", "job_id", "subscription_id"}) {
        const QJsonValue v = args.value(QLatin1String(key));
        if (v.isString() || v.isDouble())
            return v.toVariant().toString().left(200);
    }
    const QJsonValue source = args.value(QLatin1String("source"));
    if (source.isString()) {
        const QString integration = args.value(QLatin1String("integration")).toString();
        return (integration.isEmpty() ? source.toString() : source.toString() + u'/' + integration).left(200);
    }
    for (const char *key : {"name", "url"}) {
        const QJsonValue v = args.value(QLatin1String(key));
        if (v.isString())
            return v.toString().left(200);
    }
    return {};
}

void NodeServer::handleRequest(Connection *c, const ClientFrame &f)
{
    const bool command = f.type == ClientFrame::Type::Command;
    // Token bucket: requestRate per second, bursts of twice that.
    const double elapsed = c->bucketClock.restart() / 1000.0;
    const double burst = std::max(1.0, m_options.requestRate * 2);
    c->tokens = std::min(burst, c->tokens + elapsed * m_options.requestRate);
    if (c->tokens < 1.0) {
        send(c, QString::fromUtf8(encodeError(
                    f.id, Error::make(
                              QString::fromLatin1(NodeError::RateLimited),
                              QStringLiteral("more than %1 requests per second on this connection; slow down "
                                             "and retry")
                                  .arg(m_options.requestRate),
                              {{QStringLiteral("retry_after_ms"),
                                qint64(std::ceil((1.0 - c->tokens) / std::max(0.001, m_options.requestRate) *
                                                 1000))}}))));
        return;
    }
    c->tokens -= 1.0;
    auto it = m_requests.constFind(f.name);
    if (it == m_requests.constEnd() || it->command != command) {
        send(c, QString::fromUtf8(encodeError(
                    f.id, Error::make(QString::fromLatin1(command ? NodeError::UnknownCommand
                                                                  : NodeError::UnknownQuery),
                                      QStringLiteral("no %1 named \"%2\"; the hello frame lists them")
                                          .arg(command ? QStringLiteral("command") : QStringLiteral("query"),
                                               f.name.left(64))))));
        return;
    }
    if (c->ctx.role < it->role) {
        audit(c->ctx, f.name, auditTarget(f.args), QStringLiteral("denied"),
              {{QStringLiteral("needs"), roleName(it->role)}});
        send(c, QString::fromUtf8(encodeError(
                    f.id, Error::make(QString::fromLatin1(NodeError::Forbidden),
                                      QStringLiteral("%1 needs the %2 role; this token is %3")
                                          .arg(f.name, roleName(it->role), roleName(c->ctx.role))))));
        return;
    }
    QPointer<QWebSocket> socket = c->socket;
    const QString id = f.id;
    const QString name = f.name;
    const RequestContext ctx = c->ctx;
    const QJsonObject args = f.args;
    auto done = std::make_shared<bool>(false);
    it->handler(ctx, args, [this, socket, c, id, name, ctx, args, command, done](const Outcome &o) {
        if (*done)
            return;
        *done = true;
        if (command)
            audit(ctx, name, auditTarget(args), o.ok ? QStringLiteral("ok") : QStringLiteral("failed"),
                  o.ok ? QJsonObject() : QJsonObject{{QStringLiteral("error"), o.error.code}});
        if (!socket || !m_connections.count(c))
            return; // the client left meanwhile
        send(c, QString::fromUtf8(o.ok ? encodeResult(id, o.data) : encodeError(id, o.error)));
    });
}

void NodeServer::audit(const RequestContext &ctx, const QString &action, const QString &target,
                       const QString &outcome, const QJsonObject &details)
{
    if (outcome == u"denied")
        qCInfo(lcNode).noquote() << "denied" << action << "to" << ctx.actor << "(" << roleName(ctx.role)
                                 << ")";
    if (m_audit)
        m_audit->record(ctx.actor, ctx.role, action, target, outcome, details);
}

// --- fan-out ---

QString NodeServer::frameFor(const QString &topic, const TopicItem &item)
{
    if (item.raw.isEmpty())
        return QString::fromUtf8(encodeEvent(topic, item.seq, item.data));
    // Same bytes as encodeEvent, without parsing what is already JSON. Topic names are plain identifiers.
    QByteArray f;
    f.reserve(item.raw.size() + topic.size() + 64);
    f += "{\"type\":\"event\",\"topic\":\"";
    f += topic.toUtf8();
    f += "\",\"seq\":";
    f += QByteArray::number(item.seq);
    f += ",\"data\":";
    f += item.raw;
    f += '}';
    return QString::fromUtf8(f);
}

void NodeServer::scheduleFetch(Feed *feed)
{
    if (feed->fetchScheduled)
        return;
    feed->fetchScheduled = true;
    QMetaObject::invokeMethod(
        this, [this, feed] { fetch(feed); }, Qt::QueuedConnection);
}

void NodeServer::fetch(Feed *feed)
{
    feed->fetchScheduled = false;
    if (!isListening())
        return;
    const QString &name = feed->topic->name();
    const bool watched = std::any_of(m_connections.begin(), m_connections.end(), [&name](const auto &entry) {
        return entry.second->subs.count(name) > 0;
    });
    if (!watched) {
        // Nobody follows this topic: move the window to the head without reading or encoding anything. A
        // later subscriber replays from storage up to the window, exactly as one that starts behind it does.
        Error e;
        const qint64 head = feed->topic->head(&e);
        if (!e) {
            feed->ring.clear();
            feed->head = feed->base = std::max(feed->head, head);
        }
        return;
    }
    bool more = false;
    for (int page = 0; page < 20; ++page) {
        Error e;
        const auto items = feed->topic->readSince(feed->head, FetchPage, &e);
        if (e) {
            qCWarning(lcNode).noquote() << "cannot read topic" << feed->topic->name() << ":" << e.message;
            break;
        }
        for (const TopicItem &item : items) {
            feed->ring.push_back(Feed::Item{item.seq, item, frameFor(feed->topic->name(), item), {}});
            feed->head = item.seq;
        }
        // Hand the new items to every subscriber before the window is trimmed, so that a burst larger than
        // the window reaches each connection's queue first.
        if (!items.isEmpty()) {
            for (auto &[ptr, c] : m_connections) {
                if (c->subs.count(feed->topic->name()))
                    pump(c.get());
            }
        }
        while (int(feed->ring.size()) > m_options.fanoutItems) {
            feed->base = feed->ring.front().seq;
            feed->ring.pop_front();
        }
        if (items.size() < FetchPage)
            break;
        more = page == 19;
    }
    if (more)
        scheduleFetch(feed);
}

void NodeServer::pump(Connection *c)
{
    if (c->pumping)
        return;
    c->pumping = true;
    auto hasRoom = [&] {
        return c->queuedBytes < m_options.sendQueueBytes && int(c->queue.size()) < m_options.sendQueueFrames;
    };
    for (auto &entry : c->subs) {
        const QString &name = entry.first;
        Subscription &s =
            entry.second; // a plain reference: lambdas below capture it (clang cannot capture bindings)
        Feed *feed = s.feed;
        Topic *topic = feed->topic;
        // Batching clients get up to BatchMax event frames joined into one "batch" frame: one WebSocket frame
        // (and one parse on their side) instead of many.
        QString batch;
        int inBatch = 0;
        auto flushBatch = [&] {
            if (!inBatch)
                return;
            batch += QLatin1String("]}");
            send(c, batch);
            batch.clear();
            inBatch = 0;
        };
        auto emitFrame = [&](const QString &frame) {
            if (!s.batch) {
                send(c, frame);
                return;
            }
            if (inBatch == 0)
                batch = QStringLiteral("{\"type\":\"batch\",\"frames\":[");
            else
                batch += QLatin1Char(',');
            batch += frame;
            if (++inBatch >= BatchMax || batch.size() >= BatchChars)
                flushBatch();
        };
        while (hasRoom()) {
            if (s.cursor >= feed->head) {
                s.live = true;
                break;
            }
            if (s.cursor >= feed->base) {
                auto it = std::upper_bound(feed->ring.begin(), feed->ring.end(), s.cursor,
                                           [](qint64 v, const Feed::Item &i) { return v < i.seq; });
                for (; it != feed->ring.end() && hasRoom(); ++it) {
                    if (s.filter.isEmpty() || topic->matches(s.filter, it->data()))
                        emitFrame(it->frame);
                    s.cursor = it->seq;
                }
                flushBatch();
                if (it == feed->ring.end())
                    s.cursor = feed->head;
                continue;
            }
            if (s.live) {
                // Fell out of the fan-out window while live: say what was skipped; the client may read it
                // back with topic.read.
                send(c, QString::fromUtf8(encodeLagged(name, s.cursor + 1, feed->base)));
                ++c->lagged;
                ++m_laggedTotal;
                if (m_laggedCounter)
                    m_laggedCounter->inc();
                s.cursor = feed->base;
                continue;
            }
            // Replay from storage, one page per turn, until the fan-out window is reached.
            Error e;
            const auto items = topic->readSince(s.cursor, ReplayPage, &e);
            if (e) {
                send(c, QString::fromUtf8(encodeError({}, e)));
                break;
            }
            for (const TopicItem &item : items) {
                if (item.seq > feed->base)
                    break;
                if (s.filter.isEmpty() || topic->matches(s.filter, item.object()))
                    emitFrame(frameFor(name, item));
                s.cursor = item.seq;
            }
            flushBatch();
            if (items.size() < ReplayPage || items.last().seq >= feed->base)
                s.cursor = std::max(s.cursor, feed->base);
        }
    }
    c->pumping = false;
}

void NodeServer::send(Connection *c, const QString &frame)
{
    c->queue.push_back(frame);
    c->queuedBytes += frame.size();
    flush(c);
}

void NodeServer::flush(Connection *c)
{
    while (!c->queue.empty() && c->socket->bytesToWrite() < SocketHighWater) {
        const QString frame = std::move(c->queue.front());
        c->queue.pop_front();
        c->queuedBytes -= frame.size();
        c->socket->sendTextMessage(frame);
        ++c->framesSent;
        ++m_framesTotal;
        if (m_framesCounter)
            m_framesCounter->inc();
    }
    c->peakBytes = std::max(c->peakBytes, c->queuedBytes + c->socket->bytesToWrite());
}

} // namespace WedSync::Node
