// Command-line options shared by the executables for configuration: --config, --data-dir, --database,
// --log-level and the general --set section.key=value. Flags win over environment, file and defaults.
#pragma once

#include "config.h"

#include <QCommandLineParser>
#include <optional>

namespace WedSync::ConfigCli {

void addOptions(QCommandLineParser &parser);
// Loads the configuration named by the parsed options (or WEDSYNC_CONFIG, or the default file when it
// exists). nullopt with *error naming the key and problem.
std::optional<Config> load(const QCommandLineParser &parser, QString *error);

} // namespace WedSync::ConfigCli
