// Log set-up shared by the executables: one category per module ("wedsync.<module>"), a level from
// configuration, and timestamps on stderr for the headless node.
#pragma once

#include <QString>

namespace WedSync::Logging {

// level: "debug", "info", "warning" or "critical", optionally followed by ";category=level" rules,
// e.g. "info;wedsync.ingress=debug". Returns false with *error for an unknown level.
bool configure(const QString &level, bool timestamps, QString *error = nullptr);

} // namespace WedSync::Logging
