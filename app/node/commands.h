// The node's subcommands (wedsync-node <command> ...). Each takes the loaded configuration and its own
// arguments, prints what happened and returns the process exit status.
#pragma once

#include "common/config.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace WedSync::NodeApp {

struct Command
{
    QString name;    // e.g. "migrate", "source"
    QString summary; // one line for --help
    int (*run)(const Config &config, const QStringList &args);
};

const QList<Command> &commands();

// Exit statuses shared by all commands.
enum Exit { Ok = 0, Failure = 1, Usage = 2 };

} // namespace WedSync::NodeApp
