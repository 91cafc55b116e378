// The wedding transformations of MISSION.md section 3, as pure functions from a validated event to the data
// of the event it becomes. Inputs are schema-checked (VALIDATION_FAILED names the field) and sanitized.
#pragma once

#include "common/error.h"
#include "events/event.h"

#include <QJsonObject>
#include <optional>

namespace WedSync::Routing::Transforms {

// timeline.changed -> crm.job.updated: a photography-CRM job update carrying the venue, the new timeline and
// what changed. data: wedding_id (or the envelope's), venue, timeline (array of {time, item} or object),
// change {field, from, to} (or changes: [..]; the first ceremony change wins, else the first).
std::optional<QJsonObject> timelineToCrmJob(const Events::Event &event, Error *error);

// venue.capacity_changed -> guest_count.alert: data venue, new_capacity, old_capacity?, guest_count,
// couple_email, couple_name?; the alert carries over_by (guest_count - new_capacity, at least 0) and
// exceeded.
std::optional<QJsonObject> capacityToGuestAlert(const Events::Event &event, Error *error);

// An event from outside that reports an emergency (emergency.reported, or data.emergency set) on its wedding
// day (data.wedding_date, YYYY-MM-DD, equals the event's date in data.timezone_offset_minutes, default UTC)
// -> emergency.escalated with severity "urgent" and the contacts to reach. nullopt without error when the
// event is not an emergency on the wedding day.
std::optional<QJsonObject> escalateEmergency(const Events::Event &event, Error *error);

} // namespace WedSync::Routing::Transforms
