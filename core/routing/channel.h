// Channel names and channel patterns (MISSION.md section 3). A channel is a ':'-separated name such as
// supplier:dashboard:{supplierId}; a pattern matches channels exactly, with '*' wildcards (one segment, or
// the rest when last) or with {param} captures (one segment, captured by name).
#pragma once

#include "common/error.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>

namespace WedSync::Events {
class Event;
}

namespace WedSync::Routing {

namespace Channels {
QString supplierDashboard(const QString &supplierId); // supplier:dashboard:{supplierId}
QString formResponse(const QString &formId);          // form:response:{formId}
QString journeyMilestone(const QString &coupleId);    // journey:milestone:{coupleId}
QString supplierPhotography(const QString &orgId);    // supplier:photography:{orgId}

// A channel name: 2-8 segments of [A-Za-z0-9_.-]{1,64} separated by ':' (at most 200 characters).
bool isValidName(const QString &channel);

// The channels an event is published on: the standard ones named by its data (supplier_id, form_id,
// couple_id, organization_id with supplier_type "photography") and administrator-defined ones it lists in
// data.channels. Invalid names are left out.
QStringList forEvent(const Events::Event &event);
} // namespace Channels

class ChannelPattern
{
public:
    // Parses a pattern; nullopt with *error (ROUTING_BAD_PATTERN) when it is malformed.
    static std::optional<ChannelPattern> parse(const QString &pattern, Error *error = nullptr);

    // True when the channel matches; *captures receives the {param} values.
    bool match(const QString &channel, QHash<QString, QString> *captures = nullptr) const;
    // The same for a channel already checked with Channels::isValidName and split on ':' (hot path).
    bool matchSegments(const QStringList &segments, QHash<QString, QString> *captures = nullptr) const;
    QString text() const { return m_text; }

private:
    struct Segment
    {
        enum class Kind { Literal, Wildcard, Capture } kind = Kind::Literal;
        QString value; // literal text or capture name
    };
    QString m_text;
    QList<Segment> m_segments;
    bool m_trailingWildcard = false; // a last '*' also matches several segments
};

// Event-type patterns: exact, '*' (everything) or a prefix glob such as "booking.*".
bool eventTypeMatches(const QString &pattern, const QString &type);

} // namespace WedSync::Routing
