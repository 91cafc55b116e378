// The node's WebSocket API (docs/protocol.md): authenticates each connection by access token, streams
// topics with replay-then-live and bounded per-connection send queues, and dispatches queries and
// commands to registered handlers after checking the caller's role. Lives on the engine's thread.
#pragma once

#include "common/error.h"
#include "node/protocol.h"
#include "node/tokenstore.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <map>
#include <memory>

class QWebSocket;
class QWebSocketServer;
class QWebSocketCorsAuthenticator;

namespace WedSync::Health {
class Metrics;
class Counter;
class Gauge;
} // namespace WedSync::Health

namespace WedSync::Node {

class Topic;
struct TopicItem;
class Audit;

struct NodeServerOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8090;
    QString tlsCert; // PEM files; both set = wss
    QString tlsKey;
    QString nodeName;
    qint64 maxFrameBytes = 1 << 20;
    qint64 sendQueueBytes = 8 << 20;   // per connection, frames queued beyond the socket's own buffer
    int sendQueueFrames = 20000;       // per connection
    double requestRate = 50;           // queries + commands per second per connection (burst 2x)
    QStringList allowedOrigins;        // browser Origin values allowed; "*" = any; no Origin = not a browser
    std::chrono::milliseconds pingInterval{30000};
    int fanoutItems = 8192;            // per topic: recent items kept for fan-out; falling further behind = lagged
};

// Who is asking; handed to every handler.
struct RequestContext
{
    QString actor; // token name
    Role role = Role::Viewer;
    QString peer;  // address:port
};

struct Outcome
{
    bool ok = false;
    QJsonValue data;
    Error error;
    static Outcome success(const QJsonValue &data = {}) { return Outcome{true, data, {}}; }
    static Outcome failure(const Error &error) { return Outcome{false, {}, error}; }
    static Outcome failure(const char *code, const QString &message)
    {
        return Outcome{false, {}, Error::make(QString::fromLatin1(code), message)};
    }
};

class NodeServer : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const Outcome &)>;
    // Handlers run on the server's thread; `done` must be called exactly once (it may be called later,
    // from this thread, for work that completes asynchronously).
    using Handler = std::function<void(const RequestContext &, const QJsonObject &args, const Done &done)>;
    using SyncHandler = std::function<Outcome(const RequestContext &, const QJsonObject &args)>;

    // tokens and audit may be null (then only static tokens authenticate, nothing is audited); not owned.
    NodeServer(NodeServerOptions options, TokenStore *tokens, Audit *audit, Health::Metrics *metrics,
               QObject *parent = nullptr);
    ~NodeServer() override;

    bool listen(Error *error);
    void close();
    bool isListening() const;
    QUrl url() const; // ws://127.0.0.1:<port> (wss when TLS)

    // A token known only to this process (embedded mode): never stored.
    void addStaticToken(const QByteArray &token, const QString &name, Role role);

    // Takes ownership. The topic's name must be unique.
    void addTopic(Topic *topic);
    Topic *topic(const QString &name) const;
    QStringList topicNames() const;

    void registerQuery(const QString &name, Role role, Handler handler);
    void registerCommand(const QString &name, Role role, Handler handler);
    void registerQuery(const QString &name, Role role, SyncHandler handler);
    void registerCommand(const QString &name, Role role, SyncHandler handler);
    QStringList queryNames() const;
    QStringList commandNames() const;

    // Extra fields for the hello frame (node info); called for each new connection.
    void setHelloProvider(std::function<QJsonObject()> provider) { m_helloProvider = std::move(provider); }

    struct ConnectionStats
    {
        QString actor;
        qint64 queuedBytes = 0;    // our queue plus the socket's unsent bytes
        int queuedFrames = 0;
        qint64 peakQueuedBytes = 0;
        qint64 framesSent = 0;
        qint64 laggedNotices = 0;
    };
    QList<ConnectionStats> connectionStats() const;
    int connectionCount() const;
    qint64 laggedNotices() const { return m_laggedTotal; }
    qint64 framesSent() const { return m_framesTotal; }

Q_SIGNALS:
    void connectionCountChanged(int count);

private:
    struct Connection;
    struct Subscription;
    struct Feed;
    struct Request
    {
        Role role;
        bool command;
        Handler handler;
    };

    void onNewConnection();
    void onOriginCheck(QWebSocketCorsAuthenticator *authenticator);
    void onText(Connection *c, const QString &text);
    void handleSubscribe(Connection *c, const ClientFrame &f);
    void handleRequest(Connection *c, const ClientFrame &f);
    void dropConnection(Connection *c);
    void refuse(QWebSocket *socket, const char *code, const QString &why, int closeCode);
    static QString frameFor(const QString &topic, const TopicItem &item);
    void scheduleFetch(Feed *feed);
    void fetch(Feed *feed);
    void pump(Connection *c);
    void send(Connection *c, const QString &frame);
    void flush(Connection *c);
    void onPingTimer();
    void audit(const RequestContext &ctx, const QString &action, const QString &target, const QString &outcome,
               const QJsonObject &details = {});
    void updateGauges();

    NodeServerOptions m_options;
    TokenStore *m_tokens;  // not owned
    Audit *m_audit;        // not owned
    Health::Metrics *m_metrics; // not owned
    std::unique_ptr<QWebSocketServer> m_server;
    std::map<QString, std::unique_ptr<Feed>> m_feeds;
    QHash<QString, Request> m_requests; // by name; queries and commands share the namespace
    QHash<QString, QPair<QString, Role>> m_staticTokens; // hash -> (name, role)
    std::map<Connection *, std::unique_ptr<Connection>> m_connections;
    std::function<QJsonObject()> m_helloProvider;
    QTimer m_pingTimer;
    qint64 m_laggedTotal = 0;
    qint64 m_framesTotal = 0;
    Health::Gauge *m_consolesGauge = nullptr;
    Health::Counter *m_laggedCounter = nullptr;
    Health::Counter *m_framesCounter = nullptr;
    Health::Counter *m_refusedCounter = nullptr;
};

} // namespace WedSync::Node
