// How a delivery is retried: attempts, backoff shape and first delay, with jitter; plus the string forms of
// target kinds and delivery states stored in the outbox.
#pragma once

#include "delivery/deliveryrequest.h"

#include <QString>
#include <optional>

namespace WedSync::Delivery {

enum class Backoff { Linear, Exponential };

QString backoffToString(Backoff b);
Backoff backoffFromString(const QString &s); // anything but "linear" is exponential
QString kindToString(TargetKind kind);
std::optional<TargetKind> kindFromString(const QString &s);

namespace State {
inline constexpr auto Pending = "pending";
inline constexpr auto Retrying = "retrying";
inline constexpr auto Delivered = "delivered";
inline constexpr auto Failed = "failed";
inline constexpr auto Dead = "dead";
} // namespace State

struct RetryPolicy
{
    int maxAttempts = 5; // 1-10
    Backoff backoff = Backoff::Exponential;
    qint64 initialDelayMs = 60000; // delay before the 2nd attempt

    // Subscriptions: 5 attempts, exponential from 60 s.
    static RetryPolicy subscriptionDefault() { return RetryPolicy{}; }
    // Channel integrations (MISSION.md section 3): retries after 1 s, 2 s, 4 s, 8 s.
    static RetryPolicy channelDefault() { return RetryPolicy{5, Backoff::Exponential, 1000}; }

    // The delay after failed attempt number `attempt` (1-based), without jitter:
    // linear: initial * attempt; exponential: initial * 2^(attempt-1).
    qint64 baseDelayMs(int attempt) const;
    // baseDelayMs with up to +/-10 % random jitter (never below 0).
    qint64 delayMs(int attempt) const;
};

} // namespace WedSync::Delivery
