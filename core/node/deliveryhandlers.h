// The delivery queries and commands the console's Deliveries and Health dashboards use (docs/protocol.md,
// "Deliveries"): targets, attempts, dead letters, replay jobs, subscriptions, integration failures.
#pragma once

namespace WedSync::Node {

class Engine;
class NodeServer;

void registerDeliveryHandlers(Engine *engine, NodeServer *server);

} // namespace WedSync::Node
