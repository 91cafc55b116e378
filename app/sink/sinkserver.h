// wedsync-sink's receiver: a minimal HTTP/1.1 server (keep-alive, Content-Length bodies) that accepts signed
// webhooks, verifies both signature schemes (X-WedSync-Signature and Standard Webhooks), counts what it saw,
// and injects failures on command (POST /control): latency, 5xx, timeouts, 429 with Retry-After, 410 Gone.
// GET /stats returns the counters as JSON; POST /reset clears them. Used in-process by tests and benchmarks.
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTcpServer>

class QTcpSocket;
class QThread;

namespace WedSync::Sink {

struct Mode
{
    QString mode = QStringLiteral("ok");          // ok | fail | latency | timeout | ratelimit | gone
    int status = 200;                             // for fail (default 503)
    int count = -1;                               // requests the mode applies to; -1 = until changed
    int delayMs = 0;                              // latency (applies to every mode when > 0)
    int retryAfterSecs = 1;                       // ratelimit
    QList<QPair<QByteArray, QByteArray>> headers; // added to the responses the mode applies to (any mode)
    static Mode fromJson(const QJsonObject &json, QString *error);
};

class SinkServer : public QObject
{
    Q_OBJECT
public:
    explicit SinkServer(QObject *parent = nullptr);
    ~SinkServer() override;

    // Connections are served on this many threads of their own (before listen(); default 0 = on the
    // owner's thread). With threads, webhookReceived is emitted from them, and receivedIds(), lastHeaders()
    // and lastBody() may only be read once traffic has stopped; stats() is always safe.
    void setThreads(int threads);
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    void setSecret(const QString &secret) { m_secret = secret; }
    void setMode(const Mode &mode);
    void reset();

    QJsonObject stats() const;
    // webhook-id of every webhook received, in arrival order (repeats included).
    const QStringList &receivedIds() const { return m_ids; }
    int received() const { return m_received; }
    int invalidSignatures() const { return m_invalid; }
    // Headers of the last webhook (lower-case names) and its body.
    const QHash<QByteArray, QByteArray> &lastHeaders() const { return m_lastHeaders; }
    const QByteArray &lastBody() const { return m_lastBody; }

    // Independent verification of both schemes (also used by the server for every request).
    static bool verifyPlatform(const QString &secret, const QByteArray &body, const QByteArray &header);
    static bool verifyStandard(const QString &secret, const QByteArray &id, const QByteArray &timestamp,
                               const QByteArray &body, const QByteArray &header);

Q_SIGNALS:
    void webhookReceived(const QString &webhookId, int responseStatus);

private:
    struct Request
    {
        QByteArray method;
        QByteArray path;
        QHash<QByteArray, QByteArray> headers;
        QByteArray body;
        bool keepAlive = true;
    };
    class Listener;
    void accept(qintptr descriptor);
    void serve(QTcpSocket *socket, QObject *context);
    void onReadyRead(QTcpSocket *socket);
    void handle(QTcpSocket *socket, const Request &request);
    void respond(QTcpSocket *socket, int status, const QByteArray &body, bool keepAlive,
                 const QList<QPair<QByteArray, QByteArray>> &extra = {});

    Listener *m_server;
    QList<QThread *> m_threads;
    QList<QObject *> m_contexts; // one per thread, living there
    int m_next = 0;
    mutable QMutex m_mutex; // guards everything below when there are threads
    QString m_secret;
    Mode m_mode;
    int m_received = 0;
    int m_valid = 0;
    int m_invalid = 0;
    int m_unsigned = 0;
    int m_duplicates = 0;
    QHash<int, int> m_byStatus;
    QSet<QString> m_unique;
    QStringList m_ids;
    QHash<QByteArray, QByteArray> m_lastHeaders;
    QByteArray m_lastBody;
};

} // namespace WedSync::Sink
