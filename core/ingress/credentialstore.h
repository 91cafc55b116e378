// Webhook secrets per source (and optionally per integration), kept in the database, never logged.
// Rotation keeps the previous secret valid for a grace period, so old and new both verify. Lookups are
// cached and refreshed, because another process (wedsync-node source set ...) may change them.
// Thread-safe.
#pragma once

#include "common/error.h"
#include "ingress/sourcehandler.h"

#include <QMutex>

#include <chrono>
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

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace WedSync::Ingress
