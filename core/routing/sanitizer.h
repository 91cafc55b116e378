// External data is untrusted: strings are stripped of control characters and capped before they are
// broadcast, escaped for the medium (HTML email, Slack mrkdwn), and event data is checked against a small
// schema (required fields, types, lengths) before a transform uses it.
#pragma once

#include "common/error.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace WedSync::Routing {

namespace Sanitizer {
inline constexpr int kMaxText = 2000;
inline constexpr int kMaxDepth = 8;
inline constexpr int kMaxItems = 200;

// Removes C0/C1 control characters (keeping \n and \t), replaces invalid surrogates, caps at maxLength.
QString text(const QString &s, int maxLength = kMaxText);
// One line: as text() and newlines/tabs become spaces.
QString line(const QString &s, int maxLength = 200);
// Recursively cleans a JSON value: strings via text(), depth and item counts capped.
QJsonValue clean(const QJsonValue &v, int depth = 0);
QString html(const QString &s);  // &, <, >, ", ' escaped
QString slack(const QString &s); // &, <, > escaped (Slack mrkdwn control characters)
bool isEmail(const QString &s);
bool isPhone(const QString &s); // E.164 digits, optional leading '+'
} // namespace Sanitizer

struct FieldSpec
{
    enum class Type { String, Number, Boolean, Object, Array, Time, Email };
    QString name;
    Type type = Type::String;
    bool required = true;
    int maxLength = 200;
};

// Checks data against the specs; VALIDATION_FAILED with details.fields (one entry per problem).
Error validateSchema(const QJsonObject &data, const QList<FieldSpec> &schema, const QString &what);

} // namespace WedSync::Routing
