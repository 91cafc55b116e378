// wedsync-node source ...: webhook secrets and PayPal certificates per source (and per integration).
#pragma once

#include "common/config.h"

#include <QStringList>
#include <QTextStream>

namespace WedSync::NodeApp {

int runSource(const Config &config, const QStringList &args);
// The same with explicit streams (tests).
int runSource(const Config &config, const QStringList &args, QTextStream &out, QTextStream &err);

} // namespace WedSync::NodeApp
