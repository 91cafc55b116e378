#include "tokenstore.h"

#include "store/database.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSqlQuery>

namespace WedSync::Node {

TokenStore::TokenStore(Store::Database *db)
    : m_db(db)
{
}

QByteArray TokenStore::generate()
{
    QByteArray raw(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), raw.size() / 4);
    return QByteArrayLiteral("wsn_") + raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString TokenStore::hash(const QByteArray &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex());
}

static qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

std::optional<QString> TokenStore::create(const QString &name, Role role, Error *error)
{
    if (name.isEmpty() || name.size() > 100) {
        if (error)
            *error = Error::make(QString::fromLatin1(ErrorCode::ValidationFailed),
                                 QStringLiteral("a token needs a name of 1 to 100 characters (--name)"));
        return std::nullopt;
    }
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return std::nullopt;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM node_tokens WHERE name = ?"));
    q.addBindValue(name);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("reading tokens"));
        return std::nullopt;
    }
    if (q.next()) {
        if (error)
            *error = Error::make(QStringLiteral("TOKEN_EXISTS"),
                                 QStringLiteral("a token named \"%1\" already exists; choose another name or revoke it "
                                                "first")
                                     .arg(name));
        return std::nullopt;
    }
    const QByteArray token = generate();
    q.prepare(QStringLiteral("INSERT INTO node_tokens (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)"));
    q.addBindValue(name);
    q.addBindValue(roleName(role));
    q.addBindValue(hash(token));
    q.addBindValue(nowMs());
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("storing the token"));
        return std::nullopt;
    }
    return QString::fromLatin1(token);
}

QList<TokenInfo> TokenStore::list(Error *error) const
{
    QList<TokenInfo> out;
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return out;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT name, role, created_at, last_used_at, revoked_at FROM node_tokens ORDER BY "
                               "name"))) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("reading tokens"));
        return out;
    }
    while (q.next()) {
        TokenInfo t;
        t.name = q.value(0).toString();
        t.role = parseRole(q.value(1).toString()).value_or(Role::Viewer);
        t.createdAtMs = q.value(2).toLongLong();
        t.lastUsedAtMs = q.value(3).isNull() ? 0 : q.value(3).toLongLong();
        t.revokedAtMs = q.value(4).isNull() ? 0 : q.value(4).toLongLong();
        out.append(t);
    }
    return out;
}

bool TokenStore::revoke(const QString &name, Error *error)
{
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return false;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT revoked_at FROM node_tokens WHERE name = ?"));
    q.addBindValue(name);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("reading tokens"));
        return false;
    }
    if (!q.next()) {
        if (error)
            *error = Error::make(QStringLiteral("NOT_FOUND"),
                                 QStringLiteral("no token is named \"%1\"; `wedsync-node token list` shows them")
                                     .arg(name));
        return false;
    }
    if (!q.value(0).isNull())
        return true;
    q.prepare(QStringLiteral("UPDATE node_tokens SET revoked_at = ? WHERE name = ?"));
    q.addBindValue(nowMs());
    q.addBindValue(name);
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("revoking the token"));
        return false;
    }
    return true;
}

std::optional<TokenInfo> TokenStore::authenticate(const QByteArray &token, Error *error)
{
    auto invalid = [&] {
        if (error)
            *error = Error::make(QString::fromLatin1(NodeError::AuthInvalid),
                                 QStringLiteral("the access token is not known to this node; create one with "
                                                "`wedsync-node token create`"));
        return std::nullopt;
    };
    if (!token.startsWith("wsn_") || token.size() > 200)
        return invalid();
    QSqlDatabase db = m_db->connection(error);
    if (!db.isOpen())
        return std::nullopt;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT name, role, created_at, last_used_at, revoked_at FROM node_tokens WHERE "
                             "token_hash = ?"));
    q.addBindValue(hash(token));
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("reading tokens"));
        return std::nullopt;
    }
    if (!q.next())
        return invalid();
    TokenInfo t;
    t.name = q.value(0).toString();
    t.role = parseRole(q.value(1).toString()).value_or(Role::Viewer);
    t.createdAtMs = q.value(2).toLongLong();
    t.revokedAtMs = q.value(4).isNull() ? 0 : q.value(4).toLongLong();
    if (t.revokedAtMs) {
        if (error)
            *error = Error::make(QString::fromLatin1(NodeError::TokenRevoked),
                                 QStringLiteral("the access token \"%1\" was revoked; ask an administrator for a new "
                                                "one")
                                     .arg(t.name));
        return std::nullopt;
    }
    t.lastUsedAtMs = nowMs();
    QSqlQuery u(db);
    u.prepare(QStringLiteral("UPDATE node_tokens SET last_used_at = ? WHERE name = ?"));
    u.addBindValue(t.lastUsedAtMs);
    u.addBindValue(t.name);
    u.exec(); // a failed timestamp update must not refuse a valid token
    return t;
}

} // namespace WedSync::Node
