// The engine's own handlers: the five chains of MISSION.md section 2, the wedding transforms of section 3,
// the notification handlers (email.send, notification.send, guest_count.alert, emergency.escalated) and the
// routing handler that applies the routing rules to every event.
#pragma once

#include "processing/handler.h"

#include <functional>
#include <memory>

namespace WedSync::Routing {
class Notifier;
class RuleSet;
} // namespace WedSync::Routing

namespace WedSync::Processing {

namespace HandlerPriority {
inline constexpr int Booking = 100;
inline constexpr int Emergency = 95;
inline constexpr int Payment = 90;
inline constexpr int Form = 80;
inline constexpr int Vendor = 70;
inline constexpr int Transform = 60;
inline constexpr int Notification = 50;
inline constexpr int Routing = 0;
} // namespace HandlerPriority

// notifier: not owned, must outlive the registry. rules: returns the current rule set (called on the
// processing thread for every event).
void registerWeddingHandlers(HandlerRegistry &registry, const Routing::Notifier *notifier,
                             std::function<std::shared_ptr<const Routing::RuleSet>()> rules);

} // namespace WedSync::Processing
