// Declarative field mapping: builds a target's JSON body from an event with JSON pointers (RFC 6901), so a
// new CRM format is a rule in the database, not C++. The format, stored as JSON in
// routing_rules.field_mapping:
//   {"job.id": "/data/wedding_id",                       target field (dots nest) <- pointer into the event
//    "venue": {"pointer": "/data/venue", "required": true, "type": "string", "max_length": 200},
//    "notes": {"pointer": "/data/notes", "default": ""},
//    "source_system": {"const": "wedsync"}}
// The pointer "" means the whole event envelope. Strings are sanitized (control characters stripped, capped).
#pragma once

#include "common/error.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <optional>

namespace WedSync::Routing {

// Resolves an RFC 6901 pointer; undefined QJsonValue when it does not resolve.
QJsonValue resolvePointer(const QJsonValue &root, const QString &pointer);
bool isValidPointer(const QString &pointer);

class FieldMapping
{
public:
    // Parses and checks a mapping; nullopt with *error (ROUTING_BAD_MAPPING) naming the bad field.
    static std::optional<FieldMapping> parse(const QJsonObject &spec, Error *error = nullptr);
    static std::optional<FieldMapping> parse(const QString &json, Error *error = nullptr);

    bool isEmpty() const { return m_fields.isEmpty(); }
    // Builds the target object. Fails with ROUTING_MAPPING_FAILED when a required field is missing or a
    // value has the wrong type.
    std::optional<QJsonObject> apply(const QJsonObject &event, Error *error = nullptr) const;
    QJsonObject spec() const { return m_spec; }

private:
    struct Field
    {
        QStringList path; // target path, split on '.'
        QString pointer;
        bool hasConst = false;
        QJsonValue constant;
        bool hasDefault = false;
        QJsonValue defaultValue;
        bool required = false;
        QString type; // empty = any
        int maxLength = 0;
    };
    QList<Field> m_fields;
    QJsonObject m_spec;
};

} // namespace WedSync::Routing
