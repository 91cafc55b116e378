// Webhook secrets per source (and optionally per integration), kept in the database, never logged.
// Rotation keeps the previous secret valid for a grace period, so old and new both verify. Lookups are
// cached and refreshed, because another process (wedsync-node source set ...) may change them.
// Thread-safe.
#pragma once

#include "common/error.h"
#include "ingress/sourcehandler.h"

#include <QMutex>
#include <chrono>
#include <functional>
#include <optional>

namespace WedSync::Store {
class Database;
}

namespace WedSync::Ingress {

class CredentialStore
{
public:
    explicit CredentialStore(Store::Database *db); // not owned
    ~CredentialStore();

    // The credentials that verify requests for a source (per-integration ones first when integrationId is
    // given and configured). nullopt when the source has none configured (the ingress then answers
    // SOURCE_NOT_CONFIGURED); *error set when the database failed.
    std::optional<SourceCredentials> credentials(const QString &source, const QString &integrationId = {},
                                                 Error *error = nullptr);

    // Sets a new current secret; the previous one keeps verifying for `grace` (0 = revoke at once).
    bool setSecret(const QString &source, const QString &integrationId, const QByteArray &secret,
                   std::chrono::seconds grace, Error *error);
    // PayPal: the pinned certificate (PEM) and webhook id.
    bool setPayPal(const QString &integrationId, const QByteArray &certificatePem, const QString &webhookId,
                   Error *error);
    bool remove(const QString &source, const QString &integrationId, Error *error);

    // Drops the cache (after a change made elsewhere).
    void invalidate();

    // What is configured, for `source list` and the console: never the secrets themselves.
    struct Summary
    {
        QString source;
        QString integrationId; // empty: the whole source
        bool hasCurrentSecret = false;
        QDateTime currentSince;      // when the current secret was set
        QList<QDateTime> graceUntil; // rotated secrets still verifying, and until when
        bool hasCertificate = false; // PayPal
        QString webhookId;           // PayPal
    };
    QList<Summary> list(Error *error = nullptr);

    // How long a cached lookup is trusted before the database is read again (default 5 s). A rotated
    // secret's grace end is honoured to the millisecond regardless.
    void setRefreshInterval(std::chrono::milliseconds interval);
    // Timestamp tolerance handed out with a source's credentials (default 300 s, calendly 180 s).
    void setTolerance(const QString &source, std::chrono::seconds tolerance);
    // The clock (UTC); tests inject one to step through grace periods.
    void setClock(std::function<QDateTime()> clock);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace WedSync::Ingress
