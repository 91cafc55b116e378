// wedsync-console: the operations console. Starts the embedded engine on a worker thread unless told to
// watch remote nodes (--node URL --token-file F, repeatable), and shows the dashboards. Every dashboard talks
// to the engine through NodeClient, embedded or remote alike.
#include "common/configcli.h"
#include "common/logging.h"
#include "common/shutdown.h"
#include "demotraffic.h"
#include "ingress/ingressserver.h"
#include "mainwindow/mainwindow.h"
#include "node/engine.h"
#include "nodes/nodemanager.h"
#include "nodes/nodespage.h"
#include "nodes/tokenstore.h"
#include "settings/consolesettings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QHostAddress>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QTcpServer>
#include <QThread>
#include <QTranslator>

static Q_LOGGING_CATEGORY(lcConsole, "wedsync.console", QtInfoMsg)

using namespace WedSync;

namespace {

// The console's own translation and Qt's (standard dialogs), for `language` or the system locale.
void installTranslators(QApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("wedsync"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(own);
    else if (!language.isEmpty() && language != QLatin1String("en"))
        qCWarning(lcConsole).noquote() << "no translation for" << language << "- using English";
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    if (!language.isEmpty())
        QLocale::setDefault(locale);
}

// The embedded engine must start even when the configured webhook port is taken (another node, another
// console): then the ingress takes a free port on the same address, and the window says which.
bool ingressPortTaken(const Config &config)
{
    QHostAddress address;
    quint16 port = 0;
    Error error;
    if (config.string(QStringLiteral("ingress.listen")).isEmpty() ||
        !Ingress::IngressServer::listenFromConfig(config, &address, &port, &error) || port == 0)
        return false;
    QTcpServer probe;
    return !probe.listen(address, port);
}

bool useFreeIngressPort(Config *config, QString *error)
{
    const QString listen = config->string(QStringLiteral("ingress.listen"));
    const QString host = listen.left(listen.lastIndexOf(QLatin1Char(':')));
    return config->set(QStringLiteral("ingress.listen"), host + QStringLiteral(":0"), error);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("WedSync"));
    QApplication::setApplicationName(QStringLiteral("wedsync"));
    QApplication::setApplicationDisplayName(QStringLiteral("WedSync Console"));
    QApplication::setApplicationVersion(QStringLiteral(WEDSYNC_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("WedSync Console: integration health, live events and deliveries "
                       "for wedding vendor integrations."));
    parser.addHelpOption();
    parser.addVersionOption();
    ConfigCli::addOptions(parser);
    const QCommandLineOption nodeOption(
        QStringLiteral("node"),
        QStringLiteral("Watch the node at URL (ws:// or wss://) instead of starting the "
                       "embedded engine. Repeat for several nodes."),
        QStringLiteral("URL"));
    const QCommandLineOption tokenOption(
        QStringLiteral("token-file"),
        QStringLiteral("File holding the access token for the --node of the same "
                       "position."),
        QStringLiteral("FILE"));
    const QCommandLineOption langOption(
        QStringLiteral("lang"),
        QStringLiteral("Language of the console: en, es or fr (default: the system "
                       "language, or the one chosen in Settings)."),
        QStringLiteral("CODE"));
    parser.addOption(nodeOption);
    parser.addOption(tokenOption);
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QStringLiteral("Send demo traffic: simulated, correctly signed vendor webhooks (20/s, 10% bad) to "
                       "the embedded engine's webhook ingress. Toggle it with File > Demo traffic."));
    parser.addOption(langOption);
    parser.addOption(demoOption);
    parser.process(app);

    QString configError;
    auto config = ConfigCli::load(parser, &configError);
    if (!config) {
        fprintf(stderr, "wedsync-console: CONFIG_INVALID: %s\n", qPrintable(configError));
        return 2;
    }
    const bool demo = parser.isSet(demoOption);
    Logging::configure(config->string(QStringLiteral("node.log_level")), false);

    const QStringList nodeUrls = parser.values(nodeOption);
    const QStringList tokenFiles = parser.values(tokenOption);
    if (nodeUrls.size() != tokenFiles.size()) {
        fprintf(stderr, "wedsync-console: give one --token-file per --node (%d nodes, %d token files)\n",
                int(nodeUrls.size()), int(tokenFiles.size()));
        return 2;
    }
    QList<QPair<QUrl, QByteArray>> remotes;
    for (int i = 0; i < nodeUrls.size(); ++i) {
        const QUrl url(nodeUrls.at(i));
        if (!url.isValid() || (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss"))) {
            fprintf(stderr, "wedsync-console: --node %s is not a ws:// or wss:// URL\n",
                    qPrintable(nodeUrls.at(i)));
            return 2;
        }
        QFile f(tokenFiles.at(i));
        if (!f.open(QIODevice::ReadOnly)) {
            fprintf(stderr, "wedsync-console: cannot read the token file %s: %s\n",
                    qPrintable(tokenFiles.at(i)), qPrintable(f.errorString()));
            return 2;
        }
        const QByteArray token = f.readAll().trimmed();
        if (token.isEmpty()) {
            fprintf(stderr, "wedsync-console: the token file %s is empty\n", qPrintable(tokenFiles.at(i)));
            return 2;
        }
        remotes.append({url, token});
    }
    if (demo && !remotes.isEmpty()) {
        fprintf(stderr, "wedsync-console: --demo sends traffic to the embedded engine; it cannot be used "
                        "with --node\n");
        return 2;
    }
    bool ingressFallback = false;
    if (remotes.isEmpty()) {
        if (ingressPortTaken(*config)) {
            if (!useFreeIngressPort(&*config, &configError)) {
                fprintf(stderr, "wedsync-console: CONFIG_INVALID: %s\n", qPrintable(configError));
                return 2;
            }
            ingressFallback = true;
        }
        // The per-address rate limit stays on; demo traffic (20/s from 127.0.0.1) turns it off only while
        // it runs (ConsoleApp::DemoTraffic).
    }

    Ui::ConsoleSettings settings;
    const QString language = parser.isSet(langOption) ? parser.value(langOption) : settings.language();
    installTranslators(app, language);

    Ui::NodeManager nodes;
    Ui::KeychainTokenStore tokens;
    Ui::MainWindow window(&nodes, &tokens, &settings);
    window.show();

    // The engine lives on its own thread so database work never blocks the window; it starts after the
    // window is up, and the window connects to it through the node protocol like to any node.
    QThread engineThread;
    Node::Engine *engine = nullptr;
    ConsoleApp::DemoTraffic *demoTraffic = nullptr;
    if (remotes.isEmpty()) {
        engineThread.setObjectName(QStringLiteral("engine"));
        engine = new Node::Engine(*config);
        engine->setEmbedded(true);
        demoTraffic = new ConsoleApp::DemoTraffic(engine);
        engine->moveToThread(&engineThread);
        demoTraffic->moveToThread(&engineThread);
        engineThread.start();
        window.embeddedEngineStarting();
        QObject::connect(&window, &Ui::MainWindow::demoTrafficRequested, demoTraffic,
                         [demoTraffic](bool on) { on ? demoTraffic->start() : demoTraffic->stop(); });
        QObject::connect(demoTraffic, &ConsoleApp::DemoTraffic::runningChanged, &window,
                         &Ui::MainWindow::setDemoTrafficRunning);
        QMetaObject::invokeMethod(
            engine, [engine, demoTraffic, demo, ingressFallback, &window, &nodes, &settings] {
                Error error;
                const bool ok = engine->start(&error);
                const QUrl url = ok ? engine->nodeUrl() : QUrl();
                const QByteArray token = ok ? engine->embeddedToken() : QByteArray();
                const int schema = engine->schemaVersion();
                const quint16 ingressPort = ok ? engine->ingressPort() : 0;
                if (ok && demo && ingressPort != 0)
                    demoTraffic->start();
                QMetaObject::invokeMethod(&window, [=, &window, &nodes, &settings] {
                    if (!ok) {
                        window.embeddedEngineFailed(error.code, error.message);
                        return;
                    }
                    window.embeddedEngineStarted(schema);
                    window.setDemoTrafficAvailable(ingressPort != 0);
                    if (ingressPort != 0) {
                        window.ingressListening(ingressPort, ingressFallback);
                        qCInfo(lcConsole).noquote()
                            << QStringLiteral("webhook ingress on port %1%2")
                                   .arg(ingressPort)
                                   .arg(ingressFallback ? QStringLiteral(" (the configured port was taken)")
                                                        : QString());
                    }
                    nodes.addNode(url, token, true);
                    if (demo)
                        window.showPage(Ui::MainWindow::EventsPageIndex);
                    if (!settings.firstRunDone()) {
                        settings.setFirstRunDone(true);
                        settings.sync();
                        if (!demo) {
                            window.showPage(Ui::MainWindow::HealthPageIndex);
                            if (ingressPort != 0)
                                window.offerDemoTraffic();
                        }
                    }
                });
            });
        window.nodesPage()->restoreSavedNodes();
    } else {
        window.watchingRemoteNodes(int(remotes.size()));
        for (const auto &[url, token] : std::as_const(remotes))
            nodes.addNode(url, token);
    }

    ShutdownNotifier shutdown;
    QObject::connect(&shutdown, &ShutdownNotifier::requested, &window, &QWidget::close);
    const int rc = app.exec();
    if (engine) {
        QMetaObject::invokeMethod(
            engine,
            [engine, demoTraffic] {
                delete demoTraffic;
                engine->stop();
                delete engine;
            },
            Qt::BlockingQueuedConnection);
        engineThread.quit();
        engineThread.wait();
    }
    return rc;
}
