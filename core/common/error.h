// A failure a user or a client can act on: a stable machine code, a message that says what to do,
// and optional structured details (field errors, limits). Shared by every engine module.
#pragma once

#include <QJsonObject>
#include <QString>

namespace WedSync {

struct Error
{
    QString code;    // stable, SCREAMING_SNAKE_CASE; part of the public contract
    QString message; // human readable; says what to do
    QJsonObject details;

    bool isNull() const { return code.isEmpty(); }
    explicit operator bool() const { return !code.isEmpty(); }
    QJsonObject toJson() const;

    static Error make(const QString &code, const QString &message, const QJsonObject &details = {})
    {
        return Error{code, message, details};
    }
};

// Codes used across modules. Module-specific codes live next to their module.
namespace ErrorCode {
inline constexpr auto ConfigInvalid = "CONFIG_INVALID";
inline constexpr auto StoreUnavailable = "STORE_UNAVAILABLE";
inline constexpr auto StoreFull = "STORE_FULL";
inline constexpr auto StoreFailed = "STORE_FAILED";
inline constexpr auto StoreSchemaTooNew = "STORE_SCHEMA_TOO_NEW";
inline constexpr auto StoreMigrationFailed = "STORE_MIGRATION_FAILED";
inline constexpr auto StoreBadUrl = "STORE_BAD_URL";
inline constexpr auto ValidationFailed = "VALIDATION_FAILED";
inline constexpr auto ShuttingDown = "SHUTTING_DOWN";
} // namespace ErrorCode

} // namespace WedSync
