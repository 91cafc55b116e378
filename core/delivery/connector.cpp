#include "delivery/connector.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace WedSync::Delivery {

static Q_LOGGING_CATEGORY(lcConnector, "wedsync.delivery.connector", QtInfoMsg)

ConnectorConfig ConnectorConfig::zapier(const QString &apiKey, const QUrl &baseUrl)
{
    ConnectorConfig c;
    c.name = QStringLiteral("zapier");
    c.baseUrl = baseUrl;
    c.apiKey = apiKey;
    c.perMinute = 300;
    c.perHour = 1000;
    c.perDay = 10000;
    c.timeoutMs = 30000;
    return c;
}

ConnectorConfig ConnectorConfig::stripe(const QString &secretKey, const QUrl &baseUrl)
{
    ConnectorConfig c;
    c.name = QStringLiteral("stripe");
    c.baseUrl = baseUrl;
    c.apiKey = secretKey;
    c.perMinute = 100;
    c.timeoutMs = 10000;
    c.initialDelayMs = 500;
    return c;
}

ConnectorConfig ConnectorConfig::calendly(const QString &token, const QUrl &baseUrl)
{
    ConnectorConfig c;
    c.name = QStringLiteral("calendly");
    c.baseUrl = baseUrl;
    c.apiKey = token;
    c.perMinute = 50;
    c.perHour = 300;
    c.perDay = 2000;
    c.timeoutMs = 15000;
    return c;
}

Connector::Connector(ConnectorConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_nam(new QNetworkAccessManager(this))
{}

Connector::~Connector() = default;

qint64 Connector::waitMs(qint64 now) const
{
    qint64 wait = qMax<qint64>(0, m_vendorBlockedUntil - now);
    const struct
    {
        int limit;
        qint64 window;
    } windows[] = {{m_config.perMinute, 60000}, {m_config.perHour, 3600000}, {m_config.perDay, 86400000}};
    for (const auto &w : windows) {
        if (w.limit <= 0)
            continue;
        // Count sends inside the window; when full, the oldest of the last `limit` must age out.
        int inWindow = 0;
        for (auto it = m_sent.crbegin(); it != m_sent.crend() && *it > now - w.window; ++it)
            ++inWindow;
        if (inWindow >= w.limit) {
            const qint64 oldest = m_sent.at(m_sent.size() - size_t(w.limit));
            wait = qMax(wait, oldest + w.window - now);
        }
    }
    return wait;
}

bool Connector::admit(qint64 now, Error *error)
{
    while (!m_sent.empty() && m_sent.front() <= now - 86400000)
        m_sent.pop_front();
    const qint64 wait = waitMs(now);
    if (wait > 0) {
        *error = Error::make(
            QString::fromLatin1(RateLimited),
            QStringLiteral("The %1 rate limit is reached; retry in %2 ms.").arg(m_config.name).arg(wait),
            QJsonObject{{QStringLiteral("retry_after_ms"), wait},
                        {QStringLiteral("connector"), m_config.name}});
        return false;
    }
    m_sent.push_back(now);
    return true;
}

QUrl Connector::urlFor(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_config.baseUrl;
    if (!path.isEmpty()) {
        QString p = url.path();
        if (p.endsWith(QLatin1Char('/')))
            p.chop(1);
        url.setPath(p + (path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path));
    }
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

void Connector::request(const QByteArray &method, const QString &path, const QUrlQuery &query,
                        const QByteArray &body, Callback done)
{
    QString p = path.isEmpty() ? QStringLiteral("/") : path;
    attempt(method, urlFor(p, query), body, 1, std::move(done));
}

QNetworkReply *Connector::sendOnce(const QByteArray &method, const QUrl &url, const QString &hostName,
                                   const QByteArray &body, Callback done)
{
    return attempt(method, url, body, 1, std::move(done), hostName, 0);
}

static qint64 headerResetMs(const QByteArray &value, qint64 now)
{
    bool ok = false;
    const qint64 v = value.trimmed().toLongLong(&ok);
    if (!ok || v < 0)
        return 0;
    // Epoch seconds (Stripe-style) or seconds from now (Calendly-style).
    return v > 1000000000 ? v * 1000 : now + v * 1000;
}

QNetworkReply *Connector::attempt(const QByteArray &method, const QUrl &url, const QByteArray &body,
                                  int attemptNo, Callback done, const QString &hostName, int maxRetries)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    ConnectorResponse refused;
    refused.attempts = attemptNo - 1;
    if (!admit(now, &refused.error)) {
        done(refused);
        return nullptr;
    }
    QNetworkRequest req(url);
    if (!hostName.isEmpty() && hostName != url.host()) {
        // Pinned to an approved address: the vendor still sees (and TLS verifies) its own name.
        QByteArray host = QUrl::toAce(hostName);
        if (url.port() > 0)
            host += ':' + QByteArray::number(url.port());
        req.setRawHeader("Host", host);
        req.setPeerVerifyName(hostName);
    }
    req.setTransferTimeout(int(m_config.timeoutMs));
    req.setRawHeader("User-Agent", "WedSync-Connector/1.0");
    req.setRawHeader("Accept", "application/json");
    if (m_config.auth == ConnectorConfig::Auth::Bearer && !m_config.apiKey.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + m_config.apiKey.toUtf8());
    else if (m_config.auth == ConnectorConfig::Auth::Basic)
        req.setRawHeader("Authorization",
                         "Basic " +
                             (m_config.apiKey + QLatin1Char(':') + m_config.apiSecret).toUtf8().toBase64());
    if (!body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_nam->sendCustomRequest(req, method, body);
    const int retries = maxRetries < 0 ? m_config.maxRetries : maxRetries;
    connect(
        reply, &QNetworkReply::finished, this,
        [this, reply, method, url, body, attemptNo, done, hostName, retries] {
            reply->deleteLater();
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            ConnectorResponse r;
            r.attempts = attemptNo;
            r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            r.body = reply->readAll();
            r.json = QJsonDocument::fromJson(r.body);
            const QByteArray remaining = reply->rawHeader("x-ratelimit-remaining");
            const qint64 reset = headerResetMs(reply->rawHeader("x-ratelimit-reset"), now);
            if (!remaining.isEmpty() && remaining.trimmed().toLongLong() <= 0 && reset > now)
                m_vendorBlockedUntil = reset; // the vendor says nothing remains until the reset
            bool retry = false;
            qint64 retryAfter = 0;
            if (r.status >= 200 && r.status < 300)
                ;
            else if (r.status == 0) {
                const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError ||
                                      reply->error() == QNetworkReply::TimeoutError;
                r.error = Error::make(timedOut ? QStringLiteral("CONNECTOR_TIMEOUT")
                                               : QStringLiteral("CONNECTOR_NETWORK"),
                                      QStringLiteral("%1: %2").arg(m_config.name, reply->errorString()));
                retry = true;
            } else {
                r.error = Error::make(QStringLiteral("CONNECTOR_HTTP_%1").arg(r.status),
                                      QStringLiteral("%1 answered HTTP %2").arg(m_config.name).arg(r.status));
                retry = r.status == 429 || r.status >= 500 || r.status == 408;
                bool ok = false;
                const qint64 secs = reply->rawHeader("Retry-After").trimmed().toLongLong(&ok);
                if (ok)
                    retryAfter = qBound<qint64>(0, secs, 3600LL) * 1000;
                r.retryAfterMs = retryAfter;
            }
            if (retry && attemptNo <= retries) {
                const RetryPolicy policy{m_config.maxRetries + 1, m_config.backoff, m_config.initialDelayMs};
                const qint64 delay = qMax(policy.delayMs(attemptNo), retryAfter);
                qCInfo(lcConnector).noquote()
                    << m_config.name << r.error.code << "; retry" << attemptNo << "in" << delay << "ms";
                QTimer::singleShot(delay, this,
                                   [this, method, url, body, attemptNo, done, hostName, retries] {
                                       attempt(method, url, body, attemptNo + 1, done, hostName, retries);
                                   });
                return;
            }
            done(r);
        });
    return reply;
}

CalendlyConnector::CalendlyConnector(const QString &token, const QUrl &baseUrl, QObject *parent)
    : Connector(ConnectorConfig::calendly(token, baseUrl), parent)
{}

void CalendlyConnector::currentUser(Callback done)
{
    get(QStringLiteral("/users/me"), {}, std::move(done));
}

void CalendlyConnector::eventTypes(const QString &userUri, Callback done)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("user"), userUri);
    get(QStringLiteral("/event_types"), q, std::move(done));
}

void CalendlyConnector::scheduledEvents(const QString &userUri, const QDateTime &minStart,
                                        const QDateTime &maxStart, Callback done)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("user"), userUri);
    q.addQueryItem(QStringLiteral("min_start_time"), minStart.toUTC().toString(Qt::ISODateWithMs));
    q.addQueryItem(QStringLiteral("max_start_time"), maxStart.toUTC().toString(Qt::ISODateWithMs));
    get(QStringLiteral("/scheduled_events"), q, std::move(done));
}

} // namespace WedSync::Delivery
