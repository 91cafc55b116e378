// wedsync-node --demo: runs the vendor traffic simulator in-process against the node's own ingress, with
// the simulator's secrets installed, so the log shows signed webhooks being accepted and bad ones refused
// with their codes.
#pragma once

#include "common/config.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace WedSync::Node {
class Engine;
}
namespace WedSync::NodeApp {

struct DemoOptions
{
    QCommandLineOption demo{
        QStringLiteral("demo"),
        QStringLiteral("Run the vendor webhook simulator against this node's own ingress (uses a "
                       "throwaway data directory unless --data-dir/--database is given).")};
    QCommandLineOption rate{QStringLiteral("demo-rate"),
                            QStringLiteral("Simulated webhooks per second (--demo)."), QStringLiteral("n"),
                            QStringLiteral("20")};
    QCommandLineOption bad{QStringLiteral("demo-bad"),
                           QStringLiteral("Share of bad simulated webhooks (--demo)."),
                           QStringLiteral("share"), QStringLiteral("0.2")};
    QCommandLineOption duration{QStringLiteral("demo-duration"),
                                QStringLiteral("Stop the demo after this long (0 = until interrupted)."),
                                QStringLiteral("time"), QStringLiteral("0")};
    void addTo(QCommandLineParser &parser) { parser.addOptions({demo, rate, bad, duration}); }
};

// Adjusts the configuration for a demo: a temporary data directory when none was chosen, a free port when
// the listen address was not chosen, no per-IP rate limit (all traffic comes from 127.0.0.1). False with
// *error on a bad option.
bool prepareDemoConfig(Config *config, const QString &tempDir, QString *error);
// Installs the simulator's secrets and starts it against the running engine; the simulator lives as a
// child of `engine`. Quits the application when a finite demo is over.
bool startDemo(Node::Engine *engine, const QCommandLineParser &parser, const DemoOptions &options,
               QString *error);

} // namespace WedSync::NodeApp
