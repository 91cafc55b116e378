// The names of the node protocol's topics, queries and commands the console uses (docs/protocol.md), kept
// in one place so the dashboards and the protocol cannot drift apart silently.
#pragma once

#include <QString>

namespace WedSync::Ui::NodeApi {

inline QString topicEvents()
{
    return QStringLiteral("events");
}
inline QString topicHealth()
{
    return QStringLiteral("health");
}
inline QString topicAlerts()
{
    return QStringLiteral("alerts");
}
inline QString topicDeliveries()
{
    return QStringLiteral("deliveries");
}

inline QString queryIntegrations()
{
    return QStringLiteral("health.integrations");
}
inline QString queryFailures()
{
    return QStringLiteral("health.failures");
}
inline QString queryTrend()
{
    return QStringLiteral("health.trend");
}
inline QString queryAlerts()
{
    return QStringLiteral("alerts.list");
}
inline QString queryEvent()
{
    return QStringLiteral("event.get");
} // seq -> {seq, event, chain[{seq, event}]}
inline QString queryEvents()
{
    return QStringLiteral("events.search");
} // after, to, limit, filter -> items[{seq, data}]
inline QString queryTargets()
{
    return QStringLiteral("deliveries.targets");
}
inline QString queryAttempts()
{
    return QStringLiteral("deliveries.attempts");
}
inline QString queryDeadLetters()
{
    return QStringLiteral("deliveries.dead_letters");
}
inline QString queryJob()
{
    return QStringLiteral("job.get");
}
inline QString queryNodeInfo()
{
    return QStringLiteral("node.info");
}

inline QString commandAckAlert()
{
    return QStringLiteral("alerts.ack");
}
inline QString commandReplay()
{
    return QStringLiteral("deliveries.replay");
}
inline QString commandRedeliver()
{
    return QStringLiteral("deliveries.redeliver");
}
inline QString commandCancelJob()
{
    return QStringLiteral("job.cancel");
}
inline QString commandEnableSubscription()
{
    return QStringLiteral("subscription.enable");
}
inline QString commandDisableSubscription()
{
    return QStringLiteral("subscription.disable");
}

} // namespace WedSync::Ui::NodeApi
