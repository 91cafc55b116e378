// Access tokens for the node protocol. A token is printed once when created; only its SHA-256 is
// stored. Used by the `wedsync-node token` commands and by NodeServer at every handshake. Each call
// uses the calling thread's database connection.
#pragma once

#include "common/error.h"
#include "node/protocol.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace WedSync::Store {
class Database;
}

namespace WedSync::Node {

struct TokenInfo
{
    QString name;
    Role role = Role::Viewer;
    qint64 createdAtMs = 0;
    qint64 lastUsedAtMs = 0; // 0 = never
    qint64 revokedAtMs = 0;  // 0 = active
};

class TokenStore
{
public:
    explicit TokenStore(Store::Database *db); // not owned

    // A new random token ("wsn_" + 43 base64url characters). Names are unique (TOKEN_EXISTS otherwise).
    std::optional<QString> create(const QString &name, Role role, Error *error);
    QList<TokenInfo> list(Error *error) const;
    // NOT_FOUND when no token has that name; revoking twice is harmless.
    bool revoke(const QString &name, Error *error);
    // The token's identity when it is known and not revoked (AUTH_INVALID, TOKEN_REVOKED otherwise).
    // Records the time of use.
    std::optional<TokenInfo> authenticate(const QByteArray &token, Error *error);

    static QByteArray generate();
    static QString hash(const QByteArray &token); // hex SHA-256

private:
    Store::Database *m_db;
};

} // namespace WedSync::Node
