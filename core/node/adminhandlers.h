// The administrator's queries and commands (docs/protocol.md, "Sources" and "Subscriptions"): webhook
// source credentials (secrets, rotation grace, PayPal certificate) and outbound subscriptions, validated as
// the wedsync-node CLI validates them. Secrets go in, never out.
#pragma once

namespace WedSync::Node {

class Engine;
class NodeServer;

void registerAdminHandlers(Engine *engine, NodeServer *server);

} // namespace WedSync::Node
