// The contract between the HTTP ingress and the per-source code (one file per signature scheme and
// standardizer under core/ingress/sources/). The pipeline finds the handler for a request's source,
// checks the media type, verifies with the source's credentials, then standardizes into events.
#pragma once

#include "common/error.h"
#include "events/event.h"
#include "ingress/webhookrequest.h"

#include <QByteArrayList>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <chrono>

namespace WedSync::Ingress {

// Error codes of the ingress (stable; part of the HTTP API, see docs/ingress.md).
namespace IngressError {
inline constexpr auto InvalidJson = "INVALID_JSON";                           // 400
inline constexpr auto InvalidSignature = "INVALID_SIGNATURE";                 // 401
inline constexpr auto TimestampOutOfTolerance = "TIMESTAMP_OUT_OF_TOLERANCE"; // 401
inline constexpr auto PayloadTooLarge = "PAYLOAD_TOO_LARGE";                  // 413
inline constexpr auto UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";        // 415
inline constexpr auto UnknownSource = "UNKNOWN_SOURCE";                       // 404
inline constexpr auto ValidationFailed = "VALIDATION_FAILED";                 // 422
inline constexpr auto RateLimited = "RATE_LIMITED";                           // 429
inline constexpr auto ProcessingFailed = "PROCESSING_FAILED";                 // 500/503
inline constexpr auto SourceNotConfigured = "SOURCE_NOT_CONFIGURED";          // 503: no secret set yet
} // namespace IngressError

// What a source needs to verify a request. Secrets come from the database (never logged).
struct SourceCredentials
{
    QString source;            // "stripe"
    QString integrationId;     // optional: per-integration secrets
    QByteArrayList secrets;    // the current secret first, then rotated ones still in their grace period
    QByteArray certificatePem; // PayPal: the pinned signing certificate
    QString paypalWebhookId;   // PayPal: the webhook id in the sign string
    std::chrono::seconds tolerance{300};
};

struct StandardizeResult
{
    QList<Events::Event>
        events;  // usually one; type, id, timestamp, source, data (+ wedding/org ids when known)
    Error error; // INVALID_JSON or VALIDATION_FAILED (details.fields lists field errors)
};

class SourceHandler
{
public:
    virtual ~SourceHandler() = default;
    virtual QString name() const = 0; // "stripe"
    virtual QByteArrayList
    acceptedMediaTypes() const = 0; // e.g. {"application/json"}; empty = no body expected
    // Verifies the signature (constant-time comparisons). now: the server clock, injected for tests.
    virtual Error verify(const WebhookRequest &request, const SourceCredentials &credentials,
                         const QDateTime &now) const = 0;
    virtual StandardizeResult standardize(const WebhookRequest &request) const = 0;
};

} // namespace WedSync::Ingress
