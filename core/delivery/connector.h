// Connector framework for calling vendor APIs: base URL, API key/secret and auth headers, local rate limits
// per minute/hour/day (refused with RATE_LIMITED before anything is sent), a timeout, linear or exponential
// retries from an initial delay on network errors, timeouts, 429 and 5xx (Retry-After honoured), and the
// vendor's x-ratelimit-remaining / x-ratelimit-reset headers honoured (no request while the vendor says none
// remain). Zapier, Stripe and Calendly come preconfigured with MISSION.md's limits.
#pragma once

#include "common/error.h"
#include "delivery/retrypolicy.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonDocument>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>
#include <deque>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace WedSync::Delivery {

inline constexpr auto RateLimited = "RATE_LIMITED";

struct ConnectorConfig
{
    enum class Auth { None, Bearer, Basic };
    QString name;
    QUrl baseUrl;
    QString apiKey;    // Bearer token, or Basic user
    QString apiSecret; // Basic password (may be empty)
    Auth auth = Auth::Bearer;
    int perMinute = 0; // 0 = no limit
    int perHour = 0;
    int perDay = 0;
    qint64 timeoutMs = 30000;
    int maxRetries = 3;
    Backoff backoff = Backoff::Exponential;
    qint64 initialDelayMs = 1000;

    static ConnectorConfig zapier(const QString &apiKey,
                                  const QUrl &baseUrl = QUrl(QStringLiteral("https://hooks.zapier.com")));
    static ConnectorConfig stripe(const QString &secretKey,
                                  const QUrl &baseUrl = QUrl(QStringLiteral("https://api.stripe.com")));
    static ConnectorConfig calendly(const QString &token,
                                    const QUrl &baseUrl = QUrl(QStringLiteral("https://api.calendly.com")));
};

struct ConnectorResponse
{
    int status = 0;
    QByteArray body;
    QJsonDocument json;
    int attempts = 0;
    qint64 retryAfterMs = 0; // from a Retry-After header (seconds), 0 without one
    Error error;             // RATE_LIMITED (details.retry_after_ms), CONNECTOR_TIMEOUT, CONNECTOR_NETWORK,
                             // CONNECTOR_HTTP_<n>
    bool ok() const { return error.isNull(); }
};

class Connector : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const ConnectorResponse &)>;

    explicit Connector(ConnectorConfig config, QObject *parent = nullptr);
    ~Connector() override;

    const ConnectorConfig &config() const { return m_config; }

    // Sends method path?query [body]. `done` runs once on this object's thread.
    void request(const QByteArray &method, const QString &path, const QUrlQuery &query,
                 const QByteArray &body, Callback done);
    void get(const QString &path, const QUrlQuery &query, Callback done)
    {
        request("GET", path, query, {}, std::move(done));
    }

    // The URL of `path` (with `query`) under the base URL; an empty path is the base URL itself.
    QUrl urlFor(const QString &path, const QUrlQuery &query = {}) const;

    // One attempt without the connector's own retries, for a caller that retries durably (the outbox).
    // `url` may be pinned to an address the SSRF guard approved; `hostName` (when not empty) is then the
    // original name, sent as Host and used for TLS SNI and certificate verification. The local limits apply
    // as for request(): a refusal calls `done` at once with RATE_LIMITED and returns nullptr. Otherwise the
    // reply in flight (owned by the connector, which deletes it after `done`), e.g. for abort().
    QNetworkReply *sendOnce(const QByteArray &method, const QUrl &url, const QString &hostName,
                            const QByteArray &body, Callback done);

    // Milliseconds until another request may go out under the local limits and the vendor's headers (0 =
    // now).
    qint64 waitMs(qint64 nowMs) const;

protected:
    // maxRetries < 0: the configured retries. Returns the reply, or nullptr when refused locally.
    QNetworkReply *attempt(const QByteArray &method, const QUrl &url, const QByteArray &body, int attemptNo,
                           Callback done, const QString &hostName = QString(), int maxRetries = -1);

private:
    bool admit(qint64 nowMs, Error *error);

    ConnectorConfig m_config;
    QNetworkAccessManager *m_nam;
    std::deque<qint64> m_sent; // send times in the last day (ms)
    qint64 m_vendorBlockedUntil = 0;
};

// Calendly API v2: the current user, their event types, and scheduled events in a time range.
class CalendlyConnector : public Connector
{
    Q_OBJECT
public:
    explicit CalendlyConnector(const QString &token,
                               const QUrl &baseUrl = QUrl(QStringLiteral("https://api.calendly.com")),
                               QObject *parent = nullptr);
    void currentUser(Callback done);                        // GET /users/me
    void eventTypes(const QString &userUri, Callback done); // GET /event_types?user=
    void scheduledEvents(const QString &userUri, const QDateTime &minStart, const QDateTime &maxStart,
                         Callback done); // GET /scheduled_events?user=&min_start_time=&max_start_time=
};

} // namespace WedSync::Delivery
