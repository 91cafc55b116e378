#include "nodeclient.h"

#include "events/event.h"
#include "node/protocol.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkRequest>
#include <QPointer>
#include <QThread>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>
#include <map>

static Q_LOGGING_CATEGORY(lcClient, "wedsync.client", QtInfoMsg)

namespace WedSync::Client {

namespace {
// A frame as the parser thread hands it over: events ready for their consumers, anything else as JSON.
struct ParsedFrame
{
    bool isEvent = false;
    TopicEvent event;
    QJsonObject object;
};

// Where values start and end in JSON text that QJsonDocument has already accepted: enough to cut each event's
// "data" out of a frame as the node wrote it, instead of writing it again from the parsed object.
class Scanner
{
public:
    explicit Scanner(QByteArrayView text)
        : m_p(text.data())
        , m_end(text.data() + text.size())
    {}

    void space()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }
    bool take(char c)
    {
        space();
        if (m_p >= m_end || *m_p != c)
            return false;
        ++m_p;
        return true;
    }
    bool peek(char c)
    {
        space();
        return m_p < m_end && *m_p == c;
    }
    // A string's raw contents (escapes left as they are).
    bool string(QByteArrayView *contents)
    {
        if (!take('"'))
            return false;
        const char *start = m_p;
        while (m_p < m_end && *m_p != '"')
            m_p += *m_p == '\\' ? 2 : 1;
        if (m_p >= m_end)
            return false;
        *contents = QByteArrayView(start, m_p - start);
        ++m_p;
        return true;
    }
    // Skips one value; its text in *span.
    bool value(QByteArrayView *span)
    {
        space();
        const char *start = m_p;
        if (m_p >= m_end)
            return false;
        if (*m_p == '"') {
            QByteArrayView ignored;
            if (!string(&ignored))
                return false;
        } else if (*m_p == '{' || *m_p == '[') {
            int depth = 0;
            while (m_p < m_end) {
                const char c = *m_p;
                if (c == '"') {
                    QByteArrayView ignored;
                    if (!string(&ignored))
                        return false;
                    continue;
                }
                ++m_p;
                if (c == '{' || c == '[')
                    ++depth;
                else if ((c == '}' || c == ']') && --depth == 0)
                    break;
            }
            if (depth != 0)
                return false;
        } else {
            while (m_p < m_end && *m_p != ',' && *m_p != '}' && *m_p != ']' && *m_p != ' ' && *m_p != '\n' &&
                   *m_p != '\r' && *m_p != '\t')
                ++m_p;
        }
        *span = QByteArrayView(start, m_p - start);
        return true;
    }
    // Walks an object's members: onMember(key) is called with the scanner before the member's value and
    // must consume it. False when the text is not an object.
    template<typename F> bool object(F onMember)
    {
        if (!take('{'))
            return false;
        if (take('}'))
            return true;
        do {
            QByteArrayView key;
            if (!string(&key) || !take(':') || !onMember(key))
                return false;
        } while (take(','));
        return take('}');
    }

private:
    const char *m_p;
    const char *m_end;
};

// The "data" text of a frame object; empty when it has none.
bool frameData(Scanner &scan, QByteArrayView *data)
{
    return scan.object([&](QByteArrayView key) {
        QByteArrayView span;
        if (!scan.value(&span))
            return false;
        if (key == "data")
            *data = span;
        return true;
    });
}

// The "data" text of each frame in `text` (one per element of "frames" in a batch, else one), in order.
// Empty when the text does not scan (the events are then written from their parsed objects).
QList<QByteArrayView> dataSpans(QByteArrayView text)
{
    QList<QByteArrayView> frames;
    QByteArrayView own;
    Scanner scan(text);
    const bool ok = scan.object([&](QByteArrayView key) {
        if (key == "frames" && scan.peek('[')) {
            scan.take('[');
            if (scan.take(']'))
                return true;
            do {
                QByteArrayView data;
                if (!frameData(scan, &data))
                    return false;
                frames.append(data);
            } while (scan.take(','));
            return scan.take(']');
        }
        QByteArrayView span;
        if (!scan.value(&span))
            return false;
        if (key == "data")
            own = span;
        return true;
    });
    if (!ok)
        return {};
    if (frames.isEmpty())
        frames.append(own);
    return frames;
}

// The event's JSON as the node sent it, with the journal's seq added in front when it lacks one.
QByteArray eventJsonFrom(QByteArrayView data, qint64 seq, const QJsonObject &parsed)
{
    if (parsed.contains(QLatin1String("seq")))
        return data.toByteArray();
    QByteArray raw;
    raw.reserve(data.size() + 24);
    raw += "{\"seq\":";
    raw += QByteArray::number(seq);
    QByteArrayView rest = data.sliced(1); // after the '{'
    while (!rest.isEmpty() &&
           (rest.front() == ' ' || rest.front() == '\n' || rest.front() == '\r' || rest.front() == '\t'))
        rest = rest.sliced(1);
    if (!rest.startsWith('}'))
        raw += ',';
    raw += rest;
    return raw;
}

void parseFrame(const QJsonObject &o, QByteArrayView dataText, QList<ParsedFrame> &out)
{
    ParsedFrame f;
    if (o.value(QLatin1String("type")).toString() == u"event") {
        f.isEvent = true;
        f.event.topic = o.value(QLatin1String("topic")).toString();
        f.event.seq = o.value(QLatin1String("seq")).toInteger();
        const QJsonValue data = o.value(QLatin1String("data"));
        f.event.data = data.toObject();
        // One line of JSON (consumers write it as JSON Lines): a node that sent line breaks between tokens
        // gets its event written again compactly.
        if (f.event.topic == u"events")
            f.event.raw = data.isObject() && dataText.startsWith('{') && !dataText.contains('\n') &&
                                  !dataText.contains('\r')
                              ? eventJsonFrom(dataText, f.event.seq, f.event.data)
                              : compactEventJson(f.event.seq, f.event.data);
    } else {
        f.object = o;
    }
    out.append(std::move(f));
}

void parseText(const QString &text, QList<ParsedFrame> &out)
{
    const QByteArray utf8 = text.toUtf8();
    const QJsonObject o = QJsonDocument::fromJson(utf8).object();
    const QList<QByteArrayView> spans = dataSpans(utf8);
    if (o.value(QLatin1String("type")).toString() == u"batch") {
        const QJsonArray frames = o.value(QLatin1String("frames")).toArray();
        const bool scanned = spans.size() == frames.size();
        for (qsizetype i = 0; i < frames.size(); ++i)
            parseFrame(frames.at(i).toObject(), scanned ? spans.at(i) : QByteArrayView(), out);
        return;
    }
    parseFrame(o, spans.size() == 1 ? spans.first() : QByteArrayView(), out);
}

// Frames handled per turn of the owning thread's event loop; the rest follow in the next turn, so that
// painting and input are served between slices of a large backlog.
constexpr int kFramesPerSlice = 500;
} // namespace

QByteArray compactEventJson(qint64 seq, const QJsonObject &data)
{
    QByteArray raw;
    raw.reserve(1024); // one allocation for a typical event (300-900 bytes)
    raw += '{';
    if (!data.contains(QLatin1String("seq"))) {
        raw += "\"seq\":";
        raw += QByteArray::number(seq);
        if (!data.isEmpty())
            raw += ',';
    }
    // Written by hand: QJsonDocument::toJson in Qt 6.4 reallocates as it grows and was the largest cost per
    // arriving event.
    Events::appendJsonMembers(raw, data);
    raw += '}';
    return raw;
}

class NodeClient::Private
{
public:
    struct Sub
    {
        QJsonObject filter;
        qint64 since = -1;   // as asked
        qint64 lastSeq = -1; // last delivered (or skipped as lagged); -1 = nothing yet
    };
    struct Pending
    {
        std::function<void(const Result &)> onResult;
        QTimer *timer = nullptr;
    };

    NodeClient *q;
    QWebSocket *socket = nullptr;
    QUrl url;
    QByteArray token;
    ConnectionState state = ConnectionState::Disconnected;
    NodeInfo info;
    std::map<QString, Sub> subs;
    QHash<QString, Pending> pending;
    QList<TopicEvent> batch;
    bool batchScheduled = false;
    bool wanted = false; // the user asked to be connected
    quint64 nextId = 1;
    int requestTimeoutMs = 30000;
    int firstDelayMs = 500;
    int maxDelayMs = 30000;
    int delayMs = 500;
    QTimer reconnectTimer;
    QString lastReason;

    // Parser thread: text frames go there in arrival order and come back parsed, in the same order,
    // through `ready` (one queued call for however many are waiting).
    QThread parserThread;
    QObject *parser = nullptr; // lives on parserThread
    QMutex readyMutex;
    QList<ParsedFrame> ready;    // guarded by readyMutex
    bool readyPosted = false;    // guarded by readyMutex
    QList<ParsedFrame> handling; // taken from `ready`, handled a slice at a time on the owning thread
    qsizetype handled = 0;
    bool slicePosted = false;

    explicit Private(NodeClient *owner)
        : q(owner)
    {
        reconnectTimer.setSingleShot(true);
        QObject::connect(&reconnectTimer, &QTimer::timeout, q, [this] { open(); });
    }

    void setState(ConnectionState s, const QString &reason)
    {
        if (s == state && reason == lastReason)
            return;
        state = s;
        lastReason = reason;
        Q_EMIT q->stateChanged(s, reason);
    }

    void open()
    {
        closeSocket();
        socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, q);
        QObject::connect(socket, &QWebSocket::textMessageReceived, q,
                         [this](const QString &t) { toParser(t); });
        QObject::connect(socket, &QWebSocket::disconnected, q, [this, s = socket] { onDisconnected(s); });
        QNetworkRequest req(url);
        if (!token.isEmpty())
            req.setRawHeader("Authorization", QByteArrayLiteral("Bearer ") + token);
        QWebSocketHandshakeOptions options;
        options.setSubprotocols({QString::fromLatin1(Node::Subprotocol)});
        setState(state == ConnectionState::Reconnecting ? ConnectionState::Reconnecting
                                                        : ConnectionState::Connecting,
                 QString());
        socket->open(req, options);
    }

    void closeSocket()
    {
        if (!socket)
            return;
        // Frames received before the close are handled before it, as if parsed at once.
        drainParser();
        QWebSocket *s = socket;
        socket = nullptr;
        s->disconnect(q);
        s->abort();
        s->deleteLater();
    }

    void failAll(const QString &code, const QString &message)
    {
        const auto all = std::exchange(pending, {});
        for (auto it = all.begin(); it != all.end(); ++it) {
            delete it->timer;
            Result r;
            r.errorCode = code;
            r.errorMessage = message;
            it->onResult(r);
        }
    }

    void onDisconnected(QWebSocket *s)
    {
        if (s != socket)
            return;
        const auto code = s->closeCode();
        QString reason = s->closeReason();
        if (reason.isEmpty())
            reason = s->errorString();
        closeSocket();
        flushBatch();
        failAll(
            QStringLiteral("DISCONNECTED"),
            QStringLiteral("the connection to the node was lost (%1); the request may or may not have run")
                .arg(reason));
        if (!wanted) {
            setState(ConnectionState::Disconnected, reason);
            return;
        }
        // Refusals (token, subprotocol, origin) do not heal by retrying.
        if (code == QWebSocketProtocol::CloseCodePolicyViolated ||
            code == QWebSocketProtocol::CloseCodeProtocolError) {
            wanted = false;
            qCWarning(lcClient).noquote()
                << "node" << url.toString(QUrl::RemoveQuery) << "refused the connection:" << reason;
            setState(ConnectionState::Failed, reason);
            return;
        }
        setState(ConnectionState::Reconnecting, reason);
        reconnectTimer.start(delayMs);
        delayMs = std::min(maxDelayMs, delayMs * 2);
    }

    void sendSubscribe(const QString &topic, const Sub &s)
    {
        if (!socket || state != ConnectionState::Connected)
            return;
        const qint64 since = s.lastSeq >= 0 ? s.lastSeq : s.since;
        const QString id = QStringLiteral("s%1").arg(nextId++);
        // The answer carries the topic's head: a live-only subscription resumes from there after a drop.
        pending.insert(
            id,
            Pending{
                [this, topic](const Result &r) {
                    auto it = subs.find(topic);
                    if (it == subs.end())
                        return;
                    if (!r.ok) {
                        Q_EMIT q->errorReceived(r);
                        return;
                    }
                    const qint64 head =
                        r.data.toObject().value(QLatin1String("heads")).toObject().value(topic).toInteger(-1);
                    if (it->second.lastSeq < 0 && it->second.since < 0 && head >= 0)
                        it->second.lastSeq = head;
                },
                nullptr});
        socket->sendTextMessage(
            QString::fromUtf8(Node::encodeSubscribe({topic}, s.filter, since, id, /*batch*/ true)));
    }

    void toParser(const QString &text)
    {
        if (!parser) {
            parserThread.setObjectName(QStringLiteral("wedsync-client-parser"));
            parserThread.start();
            parser = new QObject;
            parser->moveToThread(&parserThread);
            QObject::connect(&parserThread, &QThread::finished, parser, &QObject::deleteLater);
        }
        QMetaObject::invokeMethod(
            parser,
            [this, text] {
                QList<ParsedFrame> frames;
                parseText(text, frames);
                const QMutexLocker lock(&readyMutex);
                ready.append(std::move(frames));
                if (!readyPosted) {
                    readyPosted = true;
                    QMetaObject::invokeMethod(
                        q, [this] { handleReady(Turn::Parsed); }, Qt::QueuedConnection);
                }
            },
            Qt::QueuedConnection);
    }

    enum class Turn {
        Parsed, // the parser has frames ready
        Slice,  // the continuation of a backlog
        All     // a close: everything now
    };
    // Takes what the parser has finished and handles up to kFramesPerSlice frames, then hands their events
    // out as one batch; the rest follow in the next turn of the event loop (Turn::All: everything now).
    void handleReady(Turn turn)
    {
        const bool all = turn == Turn::All;
        {
            const QMutexLocker lock(&readyMutex);
            readyPosted = false;
            if (!ready.isEmpty()) {
                if (handled >= handling.size()) {
                    handling = std::exchange(ready, {});
                    handled = 0;
                } else {
                    handling.append(std::exchange(ready, {}));
                }
            }
        }
        // A continuation is queued already: it takes these frames in its turn, so that one turn of the
        // event loop never handles more than one slice.
        if (turn == Turn::Parsed && slicePosted)
            return;
        // A handler may re-enter (a result callback that disconnects drains the parser): the list is
        // re-checked on every step.
        for (int budget = kFramesPerSlice; handled < handling.size() && (all || budget > 0); --budget) {
            ParsedFrame f = std::move(handling[handled++]);
            if (f.isEvent)
                onEvent(std::move(f.event));
            else
                onFrame(f.object);
        }
        flushBatch(); // this slice's events, at most one slice of them per batch
        if (handled >= handling.size()) {
            handling.clear();
            handled = 0;
        } else if (!slicePosted) {
            slicePosted = true;
            QMetaObject::invokeMethod(
                q,
                [this] {
                    slicePosted = false;
                    handleReady(Turn::Slice);
                },
                Qt::QueuedConnection);
        }
    }

    // Waits for the parser to finish the frames sent to it and handles them all.
    void drainParser()
    {
        if (!parser)
            return;
        QMetaObject::invokeMethod(
            parser, [] {}, Qt::BlockingQueuedConnection);
        handleReady(Turn::All);
    }

    void stopParser()
    {
        if (!parser)
            return;
        parserThread.quit();
        parserThread.wait();
        parser = nullptr; // deleted by the thread's finished signal
    }

    void onEvent(TopicEvent &&e)
    {
        auto it = subs.find(e.topic);
        if (it == subs.end())
            return; // unsubscribed meanwhile
        if (e.seq <= it->second.lastSeq)
            return; // already delivered before a reconnect
        it->second.lastSeq = e.seq;
        batch.append(std::move(e));
        if (!batchScheduled) {
            batchScheduled = true;
            QMetaObject::invokeMethod(
                q, [this] { flushBatch(); }, Qt::QueuedConnection);
        }
    }

    void onFrame(const QJsonObject &o)
    {
        const QString type = o.value(QLatin1String("type")).toString();
        if (type == u"result") {
            flushBatch(); // events before a result are seen before it
            Result r;
            r.ok = o.value(QLatin1String("ok")).toBool();
            r.data = o.value(QLatin1String("data"));
            const QJsonObject err = o.value(QLatin1String("error")).toObject();
            r.errorCode = err.value(QLatin1String("code")).toString();
            r.errorMessage = err.value(QLatin1String("message")).toString();
            if (!r.ok && r.data.isUndefined())
                r.data = err.value(QLatin1String("details"));
            const QString id = o.value(QLatin1String("id")).toString();
            auto it = pending.find(id);
            if (id.isEmpty() || it == pending.end()) {
                if (!r.ok)
                    Q_EMIT q->errorReceived(r);
                return;
            }
            Pending p = it.value();
            pending.erase(it);
            delete p.timer;
            p.onResult(r);
        } else if (type == u"lagged") {
            flushBatch();
            const QString topic = o.value(QLatin1String("topic")).toString();
            const qint64 from = o.value(QLatin1String("from")).toInteger();
            const qint64 to = o.value(QLatin1String("to")).toInteger();
            auto it = subs.find(topic);
            if (it != subs.end())
                it->second.lastSeq = std::max(it->second.lastSeq, to);
            Q_EMIT q->lagged(topic, from, to);
        } else if (type == u"hello") {
            info.node = o.value(QLatin1String("node")).toString();
            info.version = o.value(QLatin1String("version")).toString();
            info.role = o.value(QLatin1String("role")).toString();
            info.database = o.value(QLatin1String("database")).toString();
            info.startedAtMs = o.value(QLatin1String("started_at")).toInteger();
            info.lastSeq = o.value(QLatin1String("last_seq")).toInteger();
            info.eventsPerSecond = o.value(QLatin1String("events_per_second")).toDouble();
            delayMs = firstDelayMs;
            setState(ConnectionState::Connected, QString());
            Q_EMIT q->helloReceived(info);
            for (const auto &[topic, s] : subs)
                sendSubscribe(topic, s);
        }
    }

    void flushBatch()
    {
        batchScheduled = false;
        if (batch.isEmpty())
            return;
        QList<TopicEvent> out = std::exchange(batch, {});
        Q_EMIT q->eventsReceived(out);
        // Freed on the parser thread: thousands of JSON objects a second are not this thread's work.
        if (parser)
            QMetaObject::invokeMethod(
                parser, [spent = std::move(out)]() mutable { spent.clear(); }, Qt::QueuedConnection);
    }

    void request(bool command, const QString &name, const QJsonObject &args,
                 std::function<void(const Result &)> cb)
    {
        if (!socket || state != ConnectionState::Connected) {
            Result r;
            r.errorCode = QStringLiteral("DISCONNECTED");
            r.errorMessage = QStringLiteral("not connected to a node; wait for the connection and retry");
            QMetaObject::invokeMethod(
                q, [cb, r] { cb(r); }, Qt::QueuedConnection);
            return;
        }
        const QString id = QString::number(nextId++);
        auto *timer = new QTimer(q);
        timer->setSingleShot(true);
        QObject::connect(timer, &QTimer::timeout, q, [this, id, name] {
            auto it = pending.find(id);
            if (it == pending.end())
                return;
            Pending p = it.value();
            pending.erase(it);
            p.timer->deleteLater();
            Result r;
            r.errorCode = QStringLiteral("TIMEOUT");
            r.errorMessage =
                QStringLiteral("%1 got no answer within %2 ms; the node may be busy, retry later")
                    .arg(name)
                    .arg(requestTimeoutMs);
            p.onResult(r);
        });
        timer->start(requestTimeoutMs);
        pending.insert(id, Pending{std::move(cb), timer});
        socket->sendTextMessage(QString::fromUtf8(Node::encodeRequest(command, id, name, args)));
    }
};

NodeClient::NodeClient(QObject *parent)
    : QObject(parent)
    , d(new Private(this))
{
    qRegisterMetaType<WedSync::Client::ConnectionState>();
    qRegisterMetaType<WedSync::Client::NodeInfo>();
    qRegisterMetaType<QList<WedSync::Client::TopicEvent>>();
    qRegisterMetaType<WedSync::Client::Result>();
}

NodeClient::~NodeClient()
{
    d->wanted = false;
    d->reconnectTimer.stop();
    // Frames still being parsed are not handled: nobody is left to receive them.
    d->stopParser();
    d->closeSocket();
    d->failAll(QStringLiteral("DISCONNECTED"), QStringLiteral("the client was destroyed"));
    delete d;
}

void NodeClient::connectToNode(const QUrl &url, const QByteArray &token)
{
    d->url = url;
    d->token = token;
    d->wanted = true;
    d->delayMs = d->firstDelayMs;
    d->reconnectTimer.stop();
    d->state = ConnectionState::Disconnected;
    d->open();
}

void NodeClient::disconnectFromNode()
{
    d->wanted = false;
    d->reconnectTimer.stop();
    if (d->socket) {
        d->drainParser();
        QWebSocket *s = d->socket;
        d->socket = nullptr;
        s->disconnect(this);
        s->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("client disconnecting"));
        s->deleteLater();
    }
    d->flushBatch();
    d->failAll(QStringLiteral("DISCONNECTED"), QStringLiteral("disconnected on request"));
    d->setState(ConnectionState::Disconnected, QStringLiteral("disconnected on request"));
}

ConnectionState NodeClient::state() const
{
    return d->state;
}

NodeInfo NodeClient::info() const
{
    return d->info;
}

QUrl NodeClient::url() const
{
    return d->url;
}

void NodeClient::subscribe(const QString &topic, const QJsonObject &filter, qint64 since)
{
    Private::Sub s;
    s.filter = filter;
    s.since = since < -1 ? -1 : since;
    d->subs[topic] = s;
    d->sendSubscribe(topic, s);
}

void NodeClient::unsubscribe(const QString &topic)
{
    if (!d->subs.erase(topic))
        return;
    if (d->socket && d->state == ConnectionState::Connected)
        d->socket->sendTextMessage(QString::fromUtf8(Node::encodeUnsubscribe({topic})));
}

void NodeClient::query(const QString &name, const QJsonObject &args,
                       std::function<void(const Result &)> onResult)
{
    d->request(false, name, args, std::move(onResult));
}

void NodeClient::command(const QString &name, const QJsonObject &args,
                         std::function<void(const Result &)> onResult)
{
    d->request(true, name, args, std::move(onResult));
}

void NodeClient::setRequestTimeout(int ms)
{
    d->requestTimeoutMs = std::max(1, ms);
}

void NodeClient::setReconnectDelays(int firstMs, int maxMs)
{
    d->firstDelayMs = std::max(1, firstMs);
    d->maxDelayMs = std::max(d->firstDelayMs, maxMs);
    d->delayMs = d->firstDelayMs;
}

qint64 NodeClient::lastSeq(const QString &topic) const
{
    auto it = d->subs.find(topic);
    return it == d->subs.end() ? 0 : std::max<qint64>(0, it->second.lastSeq);
}

} // namespace WedSync::Client
