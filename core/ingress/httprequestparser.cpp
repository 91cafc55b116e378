#include "httprequestparser.h"

#include <http_parser.h>

namespace WedSync::Ingress {

QByteArray HttpRequest::header(const QByteArray &lowerName) const
{
    for (const auto &h : headers) {
        if (h.first == lowerName)
            return h.second;
    }
    return {};
}

// Error returned from a callback: any value other than 0, 1 and 2 stops http_parser with HPE_CB_*.
static constexpr int kStop = -1;

struct HttpRequestParser::Callbacks
{
    static HttpRequestParser *self(http_parser *p) { return static_cast<HttpRequestParser *>(p->data); }

    static bool countHeader(HttpRequestParser *s, size_t len)
    {
        s->m_headerBytes += qint64(len);
        if (s->m_headerBytes > s->m_limits.maxHeaderBytes) {
            s->fail(Failure::HeaderTooLarge, QStringLiteral("the request line and headers exceed %1 bytes")
                                                 .arg(s->m_limits.maxHeaderBytes));
            return false;
        }
        return true;
    }

    static void flushHeader(HttpRequestParser *s)
    {
        if (s->m_field.isEmpty())
            return;
        s->m_current.headers.append({s->m_field.toLower(), s->m_value.trimmed()});
        s->m_field.clear();
        s->m_value.clear();
    }

    static int onMessageBegin(http_parser *p)
    {
        auto *s = self(p);
        s->m_current = HttpRequest();
        s->m_field.clear();
        s->m_value.clear();
        s->m_lastWasValue = false;
        s->m_headerBytes = 0;
        s->m_inMessage = true;
        s->m_inBody = false;
        return 0;
    }

    static int onUrl(http_parser *p, const char *at, size_t len)
    {
        auto *s = self(p);
        if (!countHeader(s, len))
            return kStop;
        s->m_current.target.append(at, qsizetype(len));
        return 0;
    }

    static int onHeaderField(http_parser *p, const char *at, size_t len)
    {
        auto *s = self(p);
        if (!countHeader(s, len + (s->m_lastWasValue ? 4 : 0)))
            return kStop;
        if (s->m_lastWasValue) {
            flushHeader(s);
            s->m_lastWasValue = false;
        }
        s->m_field.append(at, qsizetype(len));
        return 0;
    }

    static int onHeaderValue(http_parser *p, const char *at, size_t len)
    {
        auto *s = self(p);
        if (!countHeader(s, len))
            return kStop;
        s->m_value.append(at, qsizetype(len));
        s->m_lastWasValue = true;
        return 0;
    }

    static int onHeadersComplete(http_parser *p)
    {
        auto *s = self(p);
        flushHeader(s);
        if (p->upgrade) {
            s->fail(Failure::NotImplemented,
                    QStringLiteral("protocol upgrades and CONNECT are not supported"));
            return kStop;
        }
        HttpRequest &r = s->m_current;
        r.method = http_method_str(http_method(p->method));
        r.versionMinor = p->http_major == 1 ? int(p->http_minor) : 0;
        r.keepAlive = http_should_keep_alive(p) != 0;
        r.chunked = (p->flags & F_CHUNKED) != 0;

        http_parser_url url;
        http_parser_url_init(&url);
        if (r.target.isEmpty() ||
            http_parser_parse_url(r.target.constData(), size_t(r.target.size()), 0, &url) != 0) {
            s->fail(Failure::BadRequest, QStringLiteral("the request target is not a valid URL"));
            return kStop;
        }
        if (url.field_set & (1 << UF_PATH))
            r.path = r.target.mid(url.field_data[UF_PATH].off, url.field_data[UF_PATH].len);
        else
            r.path = "/";
        if (url.field_set & (1 << UF_QUERY))
            r.query = r.target.mid(url.field_data[UF_QUERY].off, url.field_data[UF_QUERY].len);

        const bool hasLength = (p->flags & F_CONTENTLENGTH) != 0;
        if (hasLength && p->content_length > quint64(s->m_limits.maxBodyBytes)) {
            s->fail(Failure::BodyTooLarge, QStringLiteral("the body (%1 bytes) exceeds the limit of %2 bytes")
                                               .arg(p->content_length)
                                               .arg(s->m_limits.maxBodyBytes));
            return kStop;
        }
        Event e{Event::Kind::HeadersComplete, r};
        e.expectsBody = r.chunked || (hasLength && p->content_length > 0);
        e.expectContinue = e.expectsBody && r.header("expect").toLower() == "100-continue";
        s->m_events.push_back(std::move(e));
        s->m_inBody = true;
        return 0;
    }

    static int onBody(http_parser *p, const char *at, size_t len)
    {
        auto *s = self(p);
        if (s->m_current.body.size() + qint64(len) > s->m_limits.maxBodyBytes) {
            s->fail(Failure::BodyTooLarge,
                    QStringLiteral("the body exceeds the limit of %1 bytes").arg(s->m_limits.maxBodyBytes));
            return kStop;
        }
        if (s->m_current.body.isEmpty() && !s->m_current.chunked && (p->flags & F_CONTENTLENGTH))
            s->m_current.body.reserve(qsizetype(len + p->content_length));
        s->m_current.body.append(at, qsizetype(len));
        return 0;
    }

    static int onMessageComplete(http_parser *p)
    {
        auto *s = self(p);
        s->m_events.push_back(Event{Event::Kind::MessageComplete, std::move(s->m_current)});
        s->m_current = HttpRequest();
        s->m_inMessage = false;
        s->m_inBody = false;
        return 0;
    }

    static const http_parser_settings &settings()
    {
        static const http_parser_settings st = [] {
            http_parser_settings x;
            http_parser_settings_init(&x);
            x.on_message_begin = onMessageBegin;
            x.on_url = onUrl;
            x.on_header_field = onHeaderField;
            x.on_header_value = onHeaderValue;
            x.on_headers_complete = onHeadersComplete;
            x.on_body = onBody;
            x.on_message_complete = onMessageComplete;
            return x;
        }();
        return st;
    }
};

HttpRequestParser::HttpRequestParser()
    : HttpRequestParser(Limits{})
{}

HttpRequestParser::HttpRequestParser(Limits limits)
    : m_limits(limits)
    , m_parser(std::make_unique<http_parser>())
{
    http_parser_init(m_parser.get(), HTTP_REQUEST);
    m_parser->data = this;
}

HttpRequestParser::~HttpRequestParser() = default;

void HttpRequestParser::fail(Failure failure, const QString &reason)
{
    if (m_failure != Failure::None)
        return;
    m_failure = failure;
    m_reason = reason;
}

qsizetype HttpRequestParser::feed(const char *data, qsizetype size)
{
    if (m_failure != Failure::None || size <= 0)
        return 0;
    const size_t n = http_parser_execute(m_parser.get(), &Callbacks::settings(), data, size_t(size));
    if (m_failure != Failure::None)
        return qsizetype(n);
    const auto err = http_errno(m_parser->http_errno);
    if (err == HPE_HEADER_OVERFLOW) {
        fail(Failure::HeaderTooLarge, QStringLiteral("the request line and headers are too large"));
    } else if (err != HPE_OK) {
        fail(Failure::BadRequest,
             QStringLiteral("malformed request: %1").arg(QString::fromLatin1(http_errno_description(err))));
    }
    return qsizetype(n);
}

} // namespace WedSync::Ingress
