// The node protocol's frames (docs/protocol.md): decoding of client frames with precise errors and
// encoding of server frames. Pure functions, shared by NodeServer, NodeClient and the frame fuzzer.
#pragma once

#include "common/error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace WedSync::Node {

inline constexpr auto Subprotocol = "wedsync.v1";

// Access levels, ordered: a higher role may do everything a lower one may.
enum class Role { Viewer = 1, Operator = 2, Admin = 3 };
QString roleName(Role role);
std::optional<Role> parseRole(const QString &name);

// Error codes carried in result frames and close reasons.
namespace NodeError {
inline constexpr auto BadFrame = "BAD_FRAME";
inline constexpr auto FrameTooLarge = "FRAME_TOO_LARGE";
inline constexpr auto BadRequest = "BAD_REQUEST";
inline constexpr auto UnknownTopic = "UNKNOWN_TOPIC";
inline constexpr auto UnknownQuery = "UNKNOWN_QUERY";
inline constexpr auto UnknownCommand = "UNKNOWN_COMMAND";
inline constexpr auto Forbidden = "FORBIDDEN";
inline constexpr auto RateLimited = "RATE_LIMITED";
inline constexpr auto NotFound = "NOT_FOUND";
inline constexpr auto Conflict = "CONFLICT";
inline constexpr auto Internal = "INTERNAL";
inline constexpr auto AuthRequired = "AUTH_REQUIRED";
inline constexpr auto AuthInvalid = "AUTH_INVALID";
inline constexpr auto TokenRevoked = "TOKEN_REVOKED";
inline constexpr auto UnsupportedProtocol = "UNSUPPORTED_PROTOCOL";
inline constexpr auto OriginNotAllowed = "ORIGIN_NOT_ALLOWED";
inline constexpr auto IdleTimeout = "IDLE_TIMEOUT";
inline constexpr auto ShuttingDown = "SHUTTING_DOWN";
} // namespace NodeError

struct ClientFrame
{
    enum class Type { Subscribe, Unsubscribe, Query, Command };
    Type type = Type::Query;
    QString id;          // query/command correlation id (optional for subscribe/unsubscribe)
    QString name;        // query/command name
    QJsonObject args;    // query/command arguments
    QStringList topics;  // subscribe/unsubscribe
    QJsonObject filter;  // subscribe
    qint64 since = -1;   // subscribe: -1 live only, n >= 0 replay seq > n first
};

// Decodes one text frame. On failure returns nullopt and *error (BAD_FRAME, FRAME_TOO_LARGE) with the
// frame's id in details.id when one could be read, so the error can be answered as a result.
std::optional<ClientFrame> decodeClientFrame(const QByteArray &text, qint64 maxBytes, Error *error);

QByteArray encodeEvent(const QString &topic, qint64 seq, const QJsonObject &data);
QByteArray encodeResult(const QString &id, const QJsonValue &data);
QByteArray encodeError(const QString &id, const Error &error);
QByteArray encodeLagged(const QString &topic, qint64 from, qint64 to);
QByteArray encodeHello(const QJsonObject &hello);

// Client side: serialises client frames.
QByteArray encodeSubscribe(const QStringList &topics, const QJsonObject &filter, qint64 since, const QString &id = {});
QByteArray encodeUnsubscribe(const QStringList &topics, const QString &id = {});
QByteArray encodeRequest(bool command, const QString &id, const QString &name, const QJsonObject &args);

} // namespace WedSync::Node
