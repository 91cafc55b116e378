// Incremental HTTP/1.1 request parser over Debian's libhttp-parser: bytes in, complete requests out, in
// arrival order (pipelining). Enforces the header and body size limits while parsing, so an oversized
// request is refused before its body is read. Pure: no sockets, no event loop (fuzzed on its own).
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <deque>
#include <memory>

struct http_parser; // <http_parser.h>, kept out of this header

namespace WedSync::Ingress {

struct HttpRequest
{
    QByteArray method;                            // "POST"
    QByteArray target;                            // the request target as sent
    QByteArray path;                              // "/webhooks/stripe" (raw, not percent-decoded)
    QByteArray query;                             // raw text after '?'
    QList<QPair<QByteArray, QByteArray>> headers; // lower-cased names, arrival order, values trimmed
    QByteArray body;                              // exact bytes (de-chunked)
    int versionMinor = 1;                         // HTTP/1.<minor>
    bool keepAlive = true;                        // the connection may carry another request
    bool chunked = false;

    // Filled in by the server, not the parser.
    QHostAddress peer;
    QString requestId;    // the client's X-Request-Id when it is sane, else generated; sent back
    QDateTime receivedAt; // UTC, when the request line arrived
    qint64 startedNs = 0; // monotonic clock (QElapsedTimer::nsecsElapsed of the server) at arrival

    QByteArray header(const QByteArray &lowerName) const;
};

class HttpRequestParser
{
public:
    struct Limits
    {
        qint64 maxHeaderBytes = 16 * 1024; // request line + headers
        qint64 maxBodyBytes = 1024 * 1024;
    };

    enum class Failure {
        None,
        BadRequest,     // 400: malformed
        HeaderTooLarge, // 431
        BodyTooLarge,   // 413
        NotImplemented, // 501: upgrade / CONNECT
    };

    // What feed() found, in arrival order.
    struct Event
    {
        enum class Kind {
            HeadersComplete, // `request` holds method, target, headers (no body yet)
            MessageComplete, // `request` is complete
        };
        Kind kind;
        HttpRequest request;
        bool expectContinue = false; // HeadersComplete: the client waits for 100 Continue
        bool expectsBody = false;    // HeadersComplete: a body follows
    };

    HttpRequestParser();
    explicit HttpRequestParser(Limits limits);
    ~HttpRequestParser();
    HttpRequestParser(const HttpRequestParser &) = delete;
    HttpRequestParser &operator=(const HttpRequestParser &) = delete;

    // Parses as much as possible; appends to events(). Returns the bytes consumed (all of them unless the
    // parser failed). After a failure the parser accepts nothing more.
    qsizetype feed(const char *data, qsizetype size);

    std::deque<Event> &events() { return m_events; }
    Failure failure() const { return m_failure; }
    QString failureReason() const { return m_reason; }
    // Bytes of a request received but the request not yet complete (a timeout then answers 408).
    bool inMessage() const { return m_inMessage; }
    bool inBody() const { return m_inBody; }
    // The request line and headers of the message being parsed (for error responses and logs).
    const HttpRequest &current() const { return m_current; }

private:
    struct Callbacks;
    void fail(Failure failure, const QString &reason);

    Limits m_limits;
    std::unique_ptr<::http_parser> m_parser;
    std::deque<Event> m_events;
    HttpRequest m_current;
    QByteArray m_field;
    QByteArray m_value;
    bool m_lastWasValue = false;
    qint64 m_headerBytes = 0;
    bool m_inMessage = false;
    bool m_inBody = false;
    Failure m_failure = Failure::None;
    QString m_reason;
};

} // namespace WedSync::Ingress
