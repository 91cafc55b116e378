// wedsync-node: the headless engine. Without a command it runs until SIGINT/SIGTERM; with one it performs
// an administrative task (migrate, config, ...) and exits.
#include "commands.h"
#include "common/configcli.h"
#include "common/logging.h"
#include "common/shutdown.h"
#include "demo.h"
#include "node/engine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTextStream>
#include <memory>

static Q_LOGGING_CATEGORY(lcNode, "wedsync.node", QtInfoMsg)

using namespace WedSync;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("WedSync"));
    QCoreApplication::setApplicationName(QStringLiteral("wedsync"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WEDSYNC_VERSION));

    QString description =
        QStringLiteral("WedSync engine node: receives vendor webhooks, journals, routes and delivers "
                       "them, and serves consoles over WebSockets.\n\nCommands:\n");
    for (const auto &c : NodeApp::commands())
        description += QStringLiteral("  %1  %2\n").arg(c.name, -12).arg(c.summary);
    description += QStringLiteral("\nWithout a command the node runs until interrupted.");

    QCommandLineParser parser;
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addVersionOption();
    ConfigCli::addOptions(parser);
    NodeApp::DemoOptions demo;
    demo.addTo(parser);
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("Optional command (see above)."),
                                 QStringLiteral("[command [args...]]"));
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.process(app);

    QTextStream err(stderr);
    QString configError;
    auto config = ConfigCli::load(parser, &configError);
    std::unique_ptr<QTemporaryDir> demoDir; // outlives the engine: declared before it
    if (config && parser.isSet(demo.demo)) {
        demoDir = std::make_unique<QTemporaryDir>();
        if (!NodeApp::prepareDemoConfig(&*config, demoDir->path(), &configError))
            config.reset();
    }
    if (!config) {
        err << "wedsync-node: CONFIG_INVALID: " << configError << "\n";
        return NodeApp::Usage;
    }
    QString logError;
    if (!Logging::configure(config->string(QStringLiteral("node.log_level")), true, &logError)) {
        err << "wedsync-node: CONFIG_INVALID: node.log_level: " << logError << "\n";
        return NodeApp::Usage;
    }

    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty()) {
        const QString name = positional.first();
        for (const auto &c : NodeApp::commands()) {
            if (c.name == name)
                return c.run(*config, positional.mid(1));
        }
        err << "wedsync-node: unknown command '" << name << "'; see wedsync-node --help\n";
        return NodeApp::Usage;
    }

    ShutdownNotifier shutdown;
    Node::Engine engine(*config);
    Error error;
    if (!engine.start(&error)) {
        err << "wedsync-node: " << error.code << ": " << error.message << "\n";
        return NodeApp::Failure;
    }
    QObject::connect(&shutdown, &ShutdownNotifier::requested, &app, &QCoreApplication::quit);
    if (parser.isSet(demo.demo)) {
        QString demoError;
        if (!NodeApp::startDemo(&engine, parser, demo, &demoError)) {
            err << "wedsync-node: --demo: " << demoError << "\n";
            engine.stop();
            return NodeApp::Usage;
        }
    }
    qCInfo(lcNode) << "node running; press Ctrl+C to stop";
    const int rc = app.exec();
    engine.stop();
    qCInfo(lcNode) << "node stopped cleanly";
    return rc;
}
