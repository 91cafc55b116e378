#include "sinkserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMessageAuthenticationCode>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

namespace WedSync::Sink {

static Q_LOGGING_CATEGORY(lcSink, "wedsync.sink", QtInfoMsg)

Mode Mode::fromJson(const QJsonObject &json, QString *error)
{
    Mode m;
    m.mode = json.value(QStringLiteral("mode")).toString(QStringLiteral("ok"));
    static const QStringList known = {QStringLiteral("ok"),        QStringLiteral("fail"),
                                      QStringLiteral("latency"),   QStringLiteral("timeout"),
                                      QStringLiteral("ratelimit"), QStringLiteral("gone")};
    if (!known.contains(m.mode) && error)
        *error =
            QStringLiteral("unknown mode '%1'; use one of %2").arg(m.mode, known.join(QStringLiteral(", ")));
    m.status = json.value(QStringLiteral("status")).toInt(m.mode == QLatin1String("fail") ? 503 : 200);
    m.count = json.value(QStringLiteral("count")).toInt(-1);
    m.delayMs = json.value(QStringLiteral("delay_ms")).toInt(0);
    m.retryAfterSecs = json.value(QStringLiteral("retry_after")).toInt(1);
    const QJsonObject headers = json.value(QStringLiteral("headers")).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        m.headers.append({it.key().toLatin1(), it.value().toVariant().toString().toLatin1()});
    return m;
}

// Hands accepted descriptors to the sink, which serves them on its own or on a worker thread.
class SinkServer::Listener : public QTcpServer
{
public:
    explicit Listener(SinkServer *sink)
        : QTcpServer(sink)
        , m_sink(sink)
    {}

protected:
    void incomingConnection(qintptr descriptor) override { m_sink->accept(descriptor); }

private:
    SinkServer *m_sink;
};

// A connection's unparsed bytes travel with the socket, so threads share no buffer map.
class SinkSocket : public QTcpSocket
{
public:
    using QTcpSocket::QTcpSocket;
    QByteArray buffer;
};

SinkServer::SinkServer(QObject *parent)
    : QObject(parent)
    , m_server(new Listener(this))
{}

SinkServer::~SinkServer()
{
    m_server->close();
    for (int i = 0; i < m_threads.size(); ++i) {
        QObject *context = m_contexts.at(i);
        QMetaObject::invokeMethod(
            context, [context] { delete context; }, Qt::BlockingQueuedConnection);
        m_threads.at(i)->quit();
        m_threads.at(i)->wait();
        delete m_threads.at(i);
    }
}

void SinkServer::setThreads(int threads)
{
    for (int i = int(m_threads.size()); i < threads; ++i) {
        auto *t = new QThread;
        t->setObjectName(QStringLiteral("sink-%1").arg(i));
        auto *context = new QObject;
        context->moveToThread(t);
        t->start();
        m_threads.append(t);
        m_contexts.append(context);
    }
}

void SinkServer::accept(qintptr descriptor)
{
    if (m_contexts.isEmpty()) {
        auto *s = new SinkSocket(this);
        s->setSocketDescriptor(descriptor);
        serve(s, this);
        return;
    }
    QObject *context = m_contexts.at(m_next);
    m_next = (m_next + 1) % int(m_contexts.size());
    QMetaObject::invokeMethod(context, [this, context, descriptor] {
        auto *s = new SinkSocket(context);
        s->setSocketDescriptor(descriptor);
        serve(s, context);
    });
}

void SinkServer::serve(QTcpSocket *s, QObject *context)
{
    s->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(s, &QTcpSocket::readyRead, context, [this, s] { onReadyRead(s); });
    connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
}

bool SinkServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    m_server->setMaxPendingConnections(1000);
    m_server->setListenBacklogSize(1024);
    if (!m_server->listen(address, port)) {
        if (error)
            *error = m_server->errorString();
        return false;
    }
    return true;
}

quint16 SinkServer::port() const
{
    return m_server->serverPort();
}

void SinkServer::setMode(const Mode &mode)
{
    QMutexLocker lock(&m_mutex);
    m_mode = mode;
}

void SinkServer::reset()
{
    QMutexLocker lock(&m_mutex);
    m_received = m_valid = m_invalid = m_unsigned = m_duplicates = 0;
    m_byStatus.clear();
    m_unique.clear();
    m_ids.clear();
    m_mode = Mode();
}

QJsonObject SinkServer::stats() const
{
    QMutexLocker lock(&m_mutex);
    QJsonObject byStatus;
    for (auto it = m_byStatus.cbegin(); it != m_byStatus.cend(); ++it)
        byStatus.insert(QString::number(it.key()), it.value());
    return QJsonObject{
        {QStringLiteral("received"), m_received},         {QStringLiteral("unique_ids"), m_unique.size()},
        {QStringLiteral("duplicates"), m_duplicates},     {QStringLiteral("signature_valid"), m_valid},
        {QStringLiteral("signature_invalid"), m_invalid}, {QStringLiteral("unsigned"), m_unsigned},
        {QStringLiteral("by_status"), byStatus},          {QStringLiteral("mode"), m_mode.mode},
        {QStringLiteral("mode_remaining"), m_mode.count}};
}

static bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

bool SinkServer::verifyPlatform(const QString &secret, const QByteArray &body, const QByteArray &header)
{
    if (!header.startsWith("sha256="))
        return false;
    const QByteArray expected =
        QMessageAuthenticationCode::hash(body, secret.toUtf8(), QCryptographicHash::Sha256).toHex();
    return constantTimeEquals(header.mid(7).toLower(), expected);
}

bool SinkServer::verifyStandard(const QString &secret, const QByteArray &id, const QByteArray &timestamp,
                                const QByteArray &body, const QByteArray &header)
{
    QByteArray key = secret.toUtf8();
    if (secret.startsWith(QLatin1String("whsec_")))
        key = QByteArray::fromBase64(secret.mid(6).toLatin1());
    const QByteArray expected =
        QMessageAuthenticationCode::hash(id + '.' + timestamp + '.' + body, key, QCryptographicHash::Sha256)
            .toBase64();
    for (const QByteArray &part : header.split(' ')) {
        if (part.startsWith("v1,") && constantTimeEquals(part.mid(3), expected))
            return true;
    }
    return false;
}

void SinkServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buf = static_cast<SinkSocket *>(socket)->buffer;
    buf += socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buf.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            if (buf.size() > 64 * 1024)
                socket->abort();
            return;
        }
        Request r;
        const QList<QByteArray> lines = buf.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        if (requestLine.size() < 3) {
            respond(socket, 400, QByteArrayLiteral("{\"error\":\"bad request line\"}"), false);
            return;
        }
        r.method = requestLine.at(0);
        r.path = requestLine.at(1);
        for (int i = 1; i < lines.size(); ++i) {
            const QByteArray &line = lines.at(i);
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                r.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
        }
        const qint64 length = r.headers.value("content-length", "0").toLongLong();
        if (buf.size() < headerEnd + 4 + length)
            return; // wait for the rest of the body
        r.body = buf.mid(headerEnd + 4, length);
        buf.remove(0, headerEnd + 4 + length);
        r.keepAlive = r.headers.value("connection").toLower() != "close" && requestLine.at(2) == "HTTP/1.1";
        handle(socket, r);
        if (socket->state() != QAbstractSocket::ConnectedState)
            return;
    }
}

void SinkServer::respond(QTcpSocket *socket, int status, const QByteArray &body, bool keepAlive,
                         const QList<QPair<QByteArray, QByteArray>> &extra)
{
    if (socket->state() != QAbstractSocket::ConnectedState)
        return;
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) +
                     " X\r\nContent-Type: application/json\r\n"
                     "Content-Length: " +
                     QByteArray::number(body.size()) + "\r\n";
    if (!keepAlive)
        out += "Connection: close\r\n";
    for (const auto &h : extra)
        out += h.first + ": " + h.second + "\r\n";
    out += "\r\n";
    out += body;
    socket->write(out);
    if (!keepAlive)
        socket->disconnectFromHost();
}

void SinkServer::handle(QTcpSocket *socket, const Request &r)
{
    if (r.method == "GET" && r.path == "/stats") {
        respond(socket, 200, QJsonDocument(stats()).toJson(QJsonDocument::Compact), r.keepAlive);
        return;
    }
    if (r.method == "POST" && r.path == "/control") {
        QString error;
        const Mode m = Mode::fromJson(QJsonDocument::fromJson(r.body).object(), &error);
        if (!error.isEmpty()) {
            respond(
                socket, 400,
                QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}).toJson(QJsonDocument::Compact),
                r.keepAlive);
            return;
        }
        setMode(m);
        qCInfo(lcSink).noquote() << "mode" << m.mode << "status" << m.status << "count" << m.count;
        respond(socket, 200, QByteArrayLiteral("{\"ok\":true}"), r.keepAlive);
        return;
    }
    if (r.method == "POST" && r.path == "/reset") {
        reset();
        respond(socket, 200, QByteArrayLiteral("{\"ok\":true}"), r.keepAlive);
        return;
    }
    if (r.method != "POST") {
        respond(socket, 405, QByteArrayLiteral("{\"error\":\"POST a webhook\"}"), r.keepAlive);
        return;
    }

    const QString id = QString::fromUtf8(r.headers.value("webhook-id"));
    // Signatures are checked before taking the lock (the secret is set before listen()).
    enum class Sig { None, Valid, Invalid } sig = Sig::None;
    if (!m_secret.isEmpty()) {
        const QByteArray platform = r.headers.value("x-wedsync-signature");
        const QByteArray standard = r.headers.value("webhook-signature");
        if (!platform.isEmpty() || !standard.isEmpty()) {
            const bool ok = verifyPlatform(m_secret, r.body, platform) &&
                            verifyStandard(m_secret, r.headers.value("webhook-id"),
                                           r.headers.value("webhook-timestamp"), r.body, standard);
            const qint64 ts = r.headers.value("webhook-timestamp").toLongLong();
            const bool fresh = qAbs(QDateTime::currentSecsSinceEpoch() - ts) <= 300;
            sig = ok && fresh ? Sig::Valid : Sig::Invalid;
        }
    }

    int status = 200;
    QList<QPair<QByteArray, QByteArray>> extra;
    bool hold = false;
    int delay = 0;
    {
        QMutexLocker lock(&m_mutex);
        ++m_received;
        m_ids.append(id);
        if (!id.isEmpty()) {
            if (m_unique.contains(id))
                ++m_duplicates;
            else
                m_unique.insert(id);
        }
        m_lastHeaders = r.headers;
        m_lastBody = r.body;
        if (!m_secret.isEmpty()) {
            if (sig == Sig::None) {
                ++m_unsigned;
            } else if (sig == Sig::Valid) {
                ++m_valid;
            } else {
                ++m_invalid;
                status = 401;
            }
        }
        if (status == 200 && m_mode.count != 0 &&
            (m_mode.mode != QLatin1String("ok") || !m_mode.headers.isEmpty())) {
            extra += m_mode.headers;
            if (m_mode.mode == QLatin1String("fail")) {
                status = m_mode.status;
            } else if (m_mode.mode == QLatin1String("ratelimit")) {
                status = 429;
                extra.append({QByteArrayLiteral("Retry-After"), QByteArray::number(m_mode.retryAfterSecs)});
            } else if (m_mode.mode == QLatin1String("gone")) {
                status = 410;
            } else if (m_mode.mode == QLatin1String("timeout")) {
                hold = true; // never answer; the sender's timeout fires
            }
            if (m_mode.count > 0)
                --m_mode.count;
        }
        delay = m_mode.delayMs;
        m_byStatus[hold ? 0 : status] += 1;
    }
    if (hold) {
        Q_EMIT webhookReceived(id, 0);
        return;
    }
    Q_EMIT webhookReceived(id, status);
    const QByteArray body = status == 200 ? QByteArrayLiteral("{\"received\":true}")
                                          : QByteArrayLiteral("{\"error\":\"injected failure\"}");
    const bool keepAlive = r.keepAlive;
    if (delay > 0) {
        // The socket is the timer's context: the answer goes out on its thread, or not at all once it is
        // gone.
        QTimer::singleShot(delay, socket, [this, socket, status, body, keepAlive, extra] {
            respond(socket, status, body, keepAlive, extra);
        });
    } else {
        respond(socket, status, body, keepAlive, extra);
    }
}

} // namespace WedSync::Sink
