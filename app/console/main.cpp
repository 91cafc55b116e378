// wedsync-console: the operations console. Starts the embedded engine on a worker thread unless told to
// watch remote nodes, and shows the dashboards.
#include "common/configcli.h"
#include "common/logging.h"
#include "common/shutdown.h"
#include "mainwindow/mainwindow.h"
#include "node/engine.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QThread>

using namespace WedSync;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("WedSync"));
    QApplication::setApplicationName(QStringLiteral("wedsync"));
    QApplication::setApplicationDisplayName(QStringLiteral("WedSync Console"));
    QApplication::setApplicationVersion(QStringLiteral(WEDSYNC_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("WedSync Console: integration health, live events and deliveries "
                                                    "for wedding vendor integrations."));
    parser.addHelpOption();
    parser.addVersionOption();
    ConfigCli::addOptions(parser);
    parser.process(app);

    QString configError;
    const auto config = ConfigCli::load(parser, &configError);
    if (!config) {
        fprintf(stderr, "wedsync-console: CONFIG_INVALID: %s\n", qPrintable(configError));
        return 2;
    }
    Logging::configure(config->string(QStringLiteral("node.log_level")), false);

    // The engine lives on its own thread so database work never blocks the window.
    QThread engineThread;
    engineThread.setObjectName(QStringLiteral("engine"));
    auto *engine = new Node::Engine(*config);
    engine->moveToThread(&engineThread);
    engineThread.start();

    Ui::MainWindow window;
    window.show();

    Error startError;
    bool ok = false;
    QMetaObject::invokeMethod(engine, [&] { ok = engine->start(&startError); }, Qt::BlockingQueuedConnection);
    if (!ok) {
        QMessageBox::critical(&window, QObject::tr("WedSync Console"),
                              QObject::tr("The embedded engine could not start.\n\n%1: %2")
                                  .arg(startError.code, startError.message));
    } else {
        window.setEngineDescription(QObject::tr("Embedded engine running (schema version %1)").arg(engine->schemaVersion()));
    }

    ShutdownNotifier shutdown;
    QObject::connect(&shutdown, &ShutdownNotifier::requested, &app, &QApplication::quit);
    const int rc = ok ? app.exec() : 1;
    QMetaObject::invokeMethod(engine, [engine] { engine->stop(); delete engine; }, Qt::BlockingQueuedConnection);
    engineThread.quit();
    engineThread.wait();
    return rc;
}
