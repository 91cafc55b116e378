// Helpers every standardizer shares: JSON parsing into INVALID_JSON, field-level validation into
// VALIDATION_FAILED (details.fields), idempotent event ids from a hash of source + body, and the
// final envelope check.
#pragma once

#include "events/event.h"
#include "ingress/sourcehandler.h"

#include <QJsonObject>
#include <optional>

namespace WedSync::Ingress::Sources {

// The body as a JSON object; nullopt with *error = INVALID_JSON otherwise.
std::optional<QJsonObject> parseJsonObject(const QByteArray &body, Error *error);

// "h_" + hex SHA-256 of source, a NUL and the body: the same delivery always gets the same id.
QString bodyHashId(const QString &source, const QByteArray &body);

// VALIDATION_FAILED with details.fields = [{field, code, message}, ...].
Error validationFailed(const QString &source, const QList<Events::FieldError> &fields);

// Collects field errors while a standardizer reads a payload. Paths are dotted ("data.object.amount").
class FieldReader
{
public:
    explicit FieldReader(QJsonObject root)
        : m_root(std::move(root))
    {}

    QJsonValue value(const QString &path) const;
    // A required non-empty string; records "required"/"invalid" otherwise.
    QString requireString(const QString &path);
    QString optionalString(const QString &path);
    // A required integer (JSON number without fraction).
    std::optional<qint64> requireInteger(const QString &path);
    std::optional<qint64> optionalInteger(const QString &path);
    QJsonObject optionalObject(const QString &path);
    QJsonObject requireObject(const QString &path);
    // ISO 8601 with an offset.
    QDateTime requireTime(const QString &path);

    void add(const QString &field, const QString &code, const QString &message);
    const QList<Events::FieldError> &errors() const { return m_errors; }
    bool ok() const { return m_errors.isEmpty(); }

private:
    QJsonObject m_root;
    QList<Events::FieldError> m_errors;
};

// Error for a vendor event type that is not in the source's mapping table.
Events::FieldError unknownTypeError(const QString &field, const QString &type, const QStringList &accepted);

// Validates the envelope and wraps it; VALIDATION_FAILED when the event is not valid.
StandardizeResult finish(Events::Event event);
StandardizeResult failed(Error error);

// wedding_id / organization_id from a metadata-like object (string or integer values).
void takeIdsFrom(const QJsonObject &metadata, Events::Event *event);

} // namespace WedSync::Ingress::Sources
