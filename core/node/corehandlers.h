// The queries and commands the engine's own parts answer (docs/protocol.md, "Queries" and "Commands"):
// node info, events, audit, tokens. Later modules register theirs on Engine::nodeServer() the same way.
#pragma once

namespace WedSync::Node {

class Engine;
class NodeServer;

void registerCoreHandlers(Engine *engine, NodeServer *server);

} // namespace WedSync::Node
