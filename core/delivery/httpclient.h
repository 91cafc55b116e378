// The outbox's HTTP/1.1 client: keep-alive connections over QTcpSocket / QSslSocket, pooled per destination
// with no per-host cap (QNetworkAccessManager allows 6 per host and hops every request through its own
// thread), responses parsed with libhttp-parser. A request may connect to an address while naming the host
// (Host header, TLS SNI and certificate verification use the name): the SSRF guard's approved address is
// used as is, never resolved again. Lives on one thread; callbacks run there.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>
#include <functional>
#include <memory>

namespace WedSync::Delivery {

struct HttpRequest
{
    QByteArray method = "POST";
    QUrl url;         // where to connect: its host may be an address approved by the SSRF guard
    QString hostName; // the original host name (Host header, SNI, certificate); empty = url.host()
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    qint64 timeoutMs = 30000; // from sending to the complete response
};

struct HttpResponse
{
    int status = 0;                        // 0 = no response (see errorCode)
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;                       // at most maxBodyKept bytes
    QString errorCode;                     // TIMEOUT | NETWORK_ERROR | TLS_ERROR | PROTOCOL_ERROR | ABORTED
    QString error;
    bool ok() const { return status > 0; }
};

namespace Internal {
class HttpConnection;
}

class HttpClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const HttpResponse &)>;

    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override; // aborts what is in flight (callbacks run with ABORTED)

    void setMaxBodyKept(int bytes) { m_maxBody = bytes; }
    // Idle connections kept per destination (more may be open while busy).
    void setMaxIdlePerHost(int n) { m_maxIdle = n; }

    // Sends on an idle kept-alive connection to the same destination, or opens one. `done` runs exactly once
    // (never inside send()). Returns an id for abort().
    quint64 send(HttpRequest request, Callback done);
    void abort(quint64 id);
    void abortAll();
    int inFlight() const { return int(m_active.size()); }
    int openConnections() const;

private:
    friend class Internal::HttpConnection;
    struct Pending
    {
        quint64 id = 0;
        HttpRequest request;
        Callback done;
        bool retried = false; // a reused connection that was closed under us gets one fresh try
    };
    struct Active
    {
        Internal::HttpConnection *connection = nullptr;
        std::shared_ptr<Pending> pending;
    };
    void queue(Internal::HttpConnection *c, const std::shared_ptr<Pending> &p);
    void finished(Internal::HttpConnection *c, std::shared_ptr<Pending> p, const HttpResponse &r,
                  bool reusable);
    void failed(Internal::HttpConnection *c, std::shared_ptr<Pending> p, const QString &code,
                const QString &error, bool beforeResponse);
    void dropIdle(Internal::HttpConnection *c);
    static QString keyOf(const HttpRequest &r);

    int m_maxBody = 4096;
    int m_maxIdle = 256;
    quint64 m_nextId = 1;
    QHash<QString, QList<Internal::HttpConnection *>> m_idle; // by destination
    QHash<quint64, Active> m_active;                          // by request id
};

} // namespace WedSync::Delivery
