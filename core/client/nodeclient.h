// The console's side of the node protocol (docs/protocol.md): connects to a node over WebSocket
// (subprotocol wedsync.v1, bearer token), subscribes to topics with replay-then-live, runs queries and
// commands, and reconnects with back-off, resuming each subscription from the last seq it saw.
// Embedded mode uses the same class against the in-process engine's loopback server.
// Lives on the thread that creates it (the GUI thread in the console); all signals are emitted there.
// Frames are parsed on the client's own parser thread and handed back in order, in bounded slices, so a
// burst of events (10,000/s, a replay after a reconnect) costs the owning thread little.
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QUrl>
#include <functional>

namespace WedSync::Client {

enum class ConnectionState { Disconnected, Connecting, Connected, Reconnecting, Failed };

struct NodeInfo
{
    QString node;     // node name
    QString version;  // engine version
    QString role;     // viewer | operator | admin: what this token may do
    QString database; // display name, never with a password
    qint64 startedAtMs = 0;
    qint64 lastSeq = 0;
    double eventsPerSecond = 0;
};

struct TopicEvent
{
    QString topic; // events | deliveries | health | alerts | audit | ...
    qint64 seq = 0;
    QJsonObject data;
    // Topic "events" as received by a NodeClient: the event as compact JSON with its seq (what a consumer
    // stores), written on the parser thread. Empty otherwise; compactEventJson() makes it from data.
    QByteArray raw = {};
};

// The event as compact JSON (RFC 8259), with "seq" first when data does not carry one.
QByteArray compactEventJson(qint64 seq, const QJsonObject &data);

struct Result
{
    bool ok = false;
    QJsonValue data;
    QString errorCode; // e.g. FORBIDDEN, NOT_FOUND, BAD_REQUEST, TIMEOUT, DISCONNECTED
    QString errorMessage;
};

class NodeClient : public QObject
{
    Q_OBJECT
public:
    explicit NodeClient(QObject *parent = nullptr);
    ~NodeClient() override;

    void connectToNode(const QUrl &url, const QByteArray &token);
    void disconnectFromNode();
    ConnectionState state() const;
    NodeInfo info() const;
    QUrl url() const;

    // since: -1 = live only; 0 = everything retained; n = events with seq > n. After a reconnect the
    // client resumes from the last seq it delivered, so no event is missed or repeated.
    void subscribe(const QString &topic, const QJsonObject &filter = {}, qint64 since = -1);
    void unsubscribe(const QString &topic);

    // Request/response; onResult runs on this object's thread exactly once (also on disconnect/timeout).
    void query(const QString &name, const QJsonObject &args, std::function<void(const Result &)> onResult);
    void command(const QString &name, const QJsonObject &args, std::function<void(const Result &)> onResult);

    // Extensions (defaults in brackets): how long a query/command may take before it fails with TIMEOUT
    // [30 s]; the first and the longest wait between reconnection attempts [500 ms, 30 s].
    void setRequestTimeout(int ms);
    void setReconnectDelays(int firstMs, int maxMs);
    // The last seq delivered for a topic (0 when none yet): where a resumed subscription continues.
    qint64 lastSeq(const QString &topic) const;

Q_SIGNALS:
    void stateChanged(WedSync::Client::ConnectionState state, const QString &reason);
    void helloReceived(const WedSync::Client::NodeInfo &info);
    // Batches of events as they arrive in one read (ordered by seq within a topic).
    void eventsReceived(const QList<WedSync::Client::TopicEvent> &events);
    void lagged(const QString &topic, qint64 from, qint64 to);
    // An error the node sent without a request id (a malformed frame, a refused subscription).
    void errorReceived(const WedSync::Client::Result &error);

private:
    class Private;
    Private *d;
};

} // namespace WedSync::Client

Q_DECLARE_METATYPE(WedSync::Client::ConnectionState)
Q_DECLARE_METATYPE(WedSync::Client::NodeInfo)
Q_DECLARE_METATYPE(WedSync::Client::TopicEvent)
Q_DECLARE_METATYPE(WedSync::Client::Result)
