// wedsync-node subscription ... and wedsync-node deliveries ...: outbound webhook subscriptions, the delivery
// outbox and dead-letter replay from the command line.
#pragma once

#include "commands.h"

namespace WedSync::NodeApp {

int runSubscription(const Config &config, const QStringList &args);
int runDeliveries(const Config &config, const QStringList &args);

} // namespace WedSync::NodeApp
