// wedsync-node token create|list|revoke: access tokens for consoles and scripts (docs/protocol.md).
#pragma once

#include "common/config.h"

#include <QStringList>

namespace WedSync::NodeApp {

int runToken(const Config &config, const QStringList &args);

} // namespace WedSync::NodeApp
