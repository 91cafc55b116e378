#include "delivery/httpclient.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <http_parser.h>

namespace WedSync::Delivery {

static Q_LOGGING_CATEGORY(lcHttp, "wedsync.delivery.http", QtInfoMsg)

namespace Internal {

// One keep-alive connection; serves one request at a time. Owned by the client (parent).
class HttpConnection : public QObject
{
public:
    HttpConnection(HttpClient *client, QString key, bool tls)
        : QObject(client)
        , m_client(client)
        , m_key(std::move(key))
        , m_socket(tls ? new QSslSocket(this) : new QTcpSocket(this))
        , m_tls(tls)
    {
        m_timer.setSingleShot(true);
        http_parser_init(&m_parser, HTTP_RESPONSE);
        m_parser.data = this;
        connect(&m_timer, &QTimer::timeout, this, [this] {
            fail(QStringLiteral("TIMEOUT"), QStringLiteral("no complete response within %1 ms")
                                                .arg(m_request ? m_request->request.timeoutMs : 0));
        });
        if (tls)
            connect(static_cast<QSslSocket *>(m_socket), &QSslSocket::encrypted, this, [this] { write(); });
        else
            connect(m_socket, &QTcpSocket::connected, this, [this] { write(); });
        connect(m_socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
        connect(m_socket, &QTcpSocket::errorOccurred, this,
                [this](QAbstractSocket::SocketError e) { onError(e); });
        connect(m_socket, &QTcpSocket::disconnected, this, [this] { onClosed(); });
    }

    const QString &key() const { return m_key; }
    bool busy() const { return m_request != nullptr; }
    bool usable() const { return m_socket->state() == QAbstractSocket::ConnectedState && !m_broken; }
    int served() const { return m_served; }

    void begin(std::shared_ptr<HttpClient::Pending> p)
    {
        m_request = std::move(p);
        m_gotBytes = false;
        m_complete = false;
        m_response = HttpResponse();
        http_parser_init(&m_parser, HTTP_RESPONSE);
        m_parser.data = this;
        m_timer.start(int(qBound<qint64>(1, m_request->request.timeoutMs, qint64(INT_MAX))));
        if (usable()) {
            write();
            return;
        }
        const HttpRequest &r = m_request->request;
        const quint16 port = quint16(r.url.port(m_tls ? 443 : 80));
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
        if (m_tls) {
            const QString name = r.hostName.isEmpty() ? r.url.host() : r.hostName;
            static_cast<QSslSocket *>(m_socket)->connectToHostEncrypted(r.url.host(), port, name);
        } else {
            m_socket->connectToHost(r.url.host(), port);
        }
    }

    // Ends the request in hand (if any) with ABORTED and closes the connection.
    void cancel() { fail(QStringLiteral("ABORTED"), QStringLiteral("aborted")); }

private:
    void write()
    {
        if (!m_request || m_written)
            return;
        const HttpRequest &r = m_request->request;
        const QString name = r.hostName.isEmpty() ? r.url.host() : r.hostName;
        QByteArray host = QUrl::toAce(name);
        if (host.isEmpty())
            host = name.toLatin1();
        if (name.contains(QLatin1Char(':')))
            host = '[' + host + ']'; // an IPv6 literal
        const int defaultPort = m_tls ? 443 : 80;
        if (r.url.port(defaultPort) != defaultPort)
            host += ':' + QByteArray::number(r.url.port());
        QByteArray path = r.url.path(QUrl::FullyEncoded).toLatin1();
        if (path.isEmpty())
            path = "/";
        if (r.url.hasQuery())
            path += '?' + r.url.query(QUrl::FullyEncoded).toLatin1();
        QByteArray out;
        out.reserve(192 + r.body.size() + r.headers.size() * 48);
        out += r.method;
        out += ' ';
        out += path;
        out += " HTTP/1.1\r\nHost: ";
        out += host;
        out += "\r\n";
        for (const auto &h : r.headers) {
            out += h.first;
            out += ": ";
            out += h.second;
            out += "\r\n";
        }
        if (!r.body.isEmpty() || r.method == "POST" || r.method == "PUT" || r.method == "PATCH") {
            out += "Content-Length: ";
            out += QByteArray::number(r.body.size());
            out += "\r\n";
        }
        out += "\r\n";
        out += r.body;
        m_written = true;
        m_socket->write(out);
    }

    void onReadyRead()
    {
        const QByteArray data = m_socket->readAll();
        if (!m_request) {
            m_broken = true; // bytes nobody asked for: never reuse
            return;
        }
        m_gotBytes = true;
        feed(data.constData(), size_t(data.size()));
    }

    void feed(const char *data, size_t len)
    {
        const size_t n = http_parser_execute(&m_parser, &settings(), data, len);
        const auto err = HTTP_PARSER_ERRNO(&m_parser);
        if (m_complete) {
            if (n < len && len > 0)
                m_broken = true; // trailing bytes after the response: do not reuse
            finish();
            return;
        }
        if (err != HPE_OK) {
            fail(QStringLiteral("PROTOCOL_ERROR"), QStringLiteral("malformed HTTP response: %1")
                                                       .arg(QLatin1String(http_errno_description(err))));
        }
    }

    void onError(QAbstractSocket::SocketError e)
    {
        if (!m_request) {
            m_broken = true;
            return;
        }
        if (e == QAbstractSocket::RemoteHostClosedError && m_gotBytes) {
            // The body may run until the close (no Content-Length): let the parser see the end.
            feed(nullptr, 0);
            if (!m_request)
                return;
        }
        const bool tls = e == QAbstractSocket::SslHandshakeFailedError ||
                         e == QAbstractSocket::SslInternalError ||
                         e == QAbstractSocket::SslInvalidUserDataError;
        fail(tls ? QStringLiteral("TLS_ERROR") : QStringLiteral("NETWORK_ERROR"), m_socket->errorString());
    }

    void onClosed()
    {
        m_broken = true;
        if (m_request)
            onError(QAbstractSocket::RemoteHostClosedError);
        else
            m_client->dropIdle(this); // the server closed a kept-alive connection
    }

    void finish()
    {
        m_timer.stop();
        m_response.status = int(m_parser.status_code);
        const bool reusable = !m_broken && http_should_keep_alive(&m_parser) != 0;
        std::shared_ptr<HttpClient::Pending> p = std::move(m_request);
        m_written = false;
        ++m_served;
        m_client->finished(this, std::move(p), m_response, reusable);
    }

    void fail(const QString &code, const QString &message)
    {
        m_timer.stop();
        m_broken = true;
        std::shared_ptr<HttpClient::Pending> p = std::move(m_request); // before abort() re-enters onClosed()
        m_written = false;
        m_socket->abort();
        if (!p)
            return;
        m_client->failed(this, std::move(p), code, message, !m_gotBytes);
    }

    // http_parser callbacks (static; `data` is the connection).
    static HttpConnection *self(http_parser *p) { return static_cast<HttpConnection *>(p->data); }
    static const http_parser_settings &settings()
    {
        static const http_parser_settings s = [] {
            http_parser_settings x;
            http_parser_settings_init(&x);
            x.on_header_field = [](http_parser *p, const char *at, size_t len) {
                HttpConnection *c = self(p);
                if (!c->m_value.isNull()) {
                    c->m_response.headers.insert(c->m_field.toLower(), c->m_value.trimmed());
                    c->m_field.clear();
                    c->m_value = QByteArray();
                }
                c->m_field.append(at, qsizetype(len));
                return 0;
            };
            x.on_header_value = [](http_parser *p, const char *at, size_t len) {
                HttpConnection *c = self(p);
                if (c->m_value.isNull())
                    c->m_value = QByteArray("");
                c->m_value.append(at, qsizetype(len));
                return 0;
            };
            x.on_headers_complete = [](http_parser *p) {
                HttpConnection *c = self(p);
                if (!c->m_field.isEmpty())
                    c->m_response.headers.insert(c->m_field.toLower(), c->m_value.trimmed());
                c->m_field.clear();
                c->m_value = QByteArray();
                return c->m_request && c->m_request->request.method == "HEAD" ? 1 : 0;
            };
            x.on_body = [](http_parser *p, const char *at, size_t len) {
                HttpConnection *c = self(p);
                const qsizetype room = c->m_client->m_maxBody - c->m_response.body.size();
                if (room > 0)
                    c->m_response.body.append(at, qMin(room, qsizetype(len)));
                return 0;
            };
            x.on_message_complete = [](http_parser *p) {
                HttpConnection *c = self(p);
                c->m_complete = true;
                http_parser_pause(p, 1); // handled once execute() returns
                return 0;
            };
            return x;
        }();
        return s;
    }

    HttpClient *m_client;
    QString m_key;
    QTcpSocket *m_socket;
    bool m_tls;
    QTimer m_timer;
    http_parser m_parser{};
    std::shared_ptr<HttpClient::Pending> m_request;
    HttpResponse m_response;
    QByteArray m_field;
    QByteArray m_value;
    bool m_written = false;
    bool m_gotBytes = false;
    bool m_complete = false;
    bool m_broken = false;
    int m_served = 0;
};

} // namespace Internal

using Internal::HttpConnection;

HttpClient::HttpClient(QObject *parent)
    : QObject(parent)
{}

HttpClient::~HttpClient()
{
    abortAll();
}

QString HttpClient::keyOf(const HttpRequest &r)
{
    const bool tls = r.url.scheme() == QLatin1String("https");
    return (tls ? QStringLiteral("https://") : QStringLiteral("http://")) + r.url.host() + QLatin1Char(':') +
           QString::number(r.url.port(tls ? 443 : 80)) + QLatin1Char('/') + r.hostName;
}

int HttpClient::openConnections() const
{
    int n = int(m_active.size());
    for (const auto &list : m_idle)
        n += int(list.size());
    return n;
}

quint64 HttpClient::send(HttpRequest request, Callback done)
{
    auto p = std::make_shared<Pending>();
    p->id = m_nextId++;
    p->request = std::move(request);
    p->done = std::move(done);
    const QString key = keyOf(p->request);
    HttpConnection *c = nullptr;
    auto it = m_idle.find(key);
    while (it != m_idle.end() && !it->isEmpty() && !c) {
        HttpConnection *candidate = it->takeLast();
        if (candidate->usable())
            c = candidate;
        else
            candidate->deleteLater();
    }
    if (!c)
        c = new HttpConnection(this, key, p->request.url.scheme() == QLatin1String("https"));
    queue(c, p);
    return p->id;
}

void HttpClient::queue(HttpConnection *c, const std::shared_ptr<Pending> &p)
{
    m_active.insert(p->id, Active{c, p});
    // Started from the event loop, so that `done` never runs inside send().
    const quint64 id = p->id;
    QMetaObject::invokeMethod(
        c,
        [this, c, id] {
            const auto it = m_active.constFind(id);
            if (it != m_active.cend() && it->connection == c && !c->busy())
                c->begin(it->pending);
        },
        Qt::QueuedConnection);
}

void HttpClient::abort(quint64 id)
{
    const auto it = m_active.constFind(id);
    if (it == m_active.cend())
        return;
    const Active a = *it;
    if (a.connection->busy()) {
        a.connection->cancel(); // ends in failed(), which runs the callback
        return;
    }
    m_active.remove(id); // not started yet
    a.connection->deleteLater();
    HttpResponse r;
    r.errorCode = QStringLiteral("ABORTED");
    r.error = QStringLiteral("aborted");
    a.pending->done(r);
}

void HttpClient::abortAll()
{
    const auto ids = m_active.keys();
    for (quint64 id : ids)
        abort(id);
    for (auto &list : m_idle)
        for (HttpConnection *c : std::as_const(list))
            c->deleteLater();
    m_idle.clear();
}

void HttpClient::dropIdle(HttpConnection *c)
{
    auto it = m_idle.find(c->key());
    if (it != m_idle.end() && it->removeOne(c))
        c->deleteLater();
}

void HttpClient::finished(HttpConnection *c, std::shared_ptr<Pending> p, const HttpResponse &r, bool reusable)
{
    m_active.remove(p->id);
    QList<HttpConnection *> &idle = m_idle[c->key()];
    if (reusable && c->usable() && idle.size() < m_maxIdle)
        idle.append(c);
    else
        c->deleteLater();
    p->done(r);
}

void HttpClient::failed(HttpConnection *c, std::shared_ptr<Pending> p, const QString &code,
                        const QString &error, bool beforeResponse)
{
    m_active.remove(p->id);
    c->deleteLater();
    if (beforeResponse && c->served() > 0 && !p->retried && code == QLatin1String("NETWORK_ERROR")) {
        // The server closed a kept-alive connection just as it was reused: one try on a fresh one.
        p->retried = true;
        qCDebug(lcHttp).noquote() << "kept-alive connection to" << c->key() << "was closed; reconnecting";
        queue(new HttpConnection(this, c->key(), p->request.url.scheme() == QLatin1String("https")), p);
        return;
    }
    HttpResponse r;
    r.errorCode = code;
    r.error = error;
    p->done(r);
}

} // namespace WedSync::Delivery
