// The standard event envelope (MISSION.md section 1): what every accepted webhook and every derived event
// becomes before the journal stores it. Validation reports field-level errors; JSON round-trips exactly.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace WedSync::Events {

struct FieldError
{
    QString field;   // JSON name of the field, e.g. "delivery_attempt"
    QString code;    // stable: "required", "invalid", "out_of_range", "too_long", "unknown_type"
    QString message; // what is wrong and what is accepted
    QJsonObject toJson() const;
};

class Event
{
public:
    QString type;            // event_type
    QString id;              // event_id, from the payload or a hash of source + body; never the clock
    QDateTime timestamp;     // when it happened at the source (UTC)
    QString source;          // stripe, calendly, ..., or "engine" for derived events
    QJsonObject data;        // source-specific details, standardized
    int deliveryAttempt = 1; // 1-10
    QDateTime receivedAt;    // when the engine accepted it (UTC)
    QString requestId;       // the HTTP request (or engine task) that produced it
    QString correlationId;   // the chain this event belongs to
    QString causationId;     // the event that caused this one (empty for roots)
    QString weddingId;       // optional
    QString organizationId;  // optional

    // Every type the engine accepts. Inbound types come from vendors; derived types are produced by
    // handlers; sync types by vendor record synchronisation.
    static const QStringList &inboundTypes();
    static const QStringList &derivedTypes();
    static const QStringList &syncTypes();
    static bool isKnownType(const QString &type);

    QList<FieldError> validate() const;
    bool isValid() const { return validate().isEmpty(); }

    QJsonObject toJson() const;
    QByteArray toCompactJson() const;
    // Parses and validates; *errors receives every problem found (also type mismatches).
    static Event fromJson(const QJsonObject &json, QList<FieldError> *errors);

    static QString formatTime(const QDateTime &t); // ISO 8601, UTC, milliseconds, 'Z'
    static QDateTime parseTime(const QString &s);  // invalid QDateTime when unparsable

    bool operator==(const Event &other) const;
};

// Appends `s` as a JSON string literal (RFC 8259 escaping) to `out`: for answers and documents that
// are assembled by hand on hot paths.
void appendJsonString(QByteArray &out, const QString &s);
// Appends any JSON value or object, compact: the bytes QJsonDocument::toJson(Compact) writes, without
// its conversions and reallocations.
void appendJsonValue(QByteArray &out, const QJsonValue &v);
void appendJsonObject(QByteArray &out, const QJsonObject &o);
// An object's members ("key":value, comma-separated) without the braces, for a document that adds its own.
void appendJsonMembers(QByteArray &out, const QJsonObject &o);

} // namespace WedSync::Events
