// wedsync-console: the operations console. Starts the embedded engine on a worker thread unless told to
// watch remote nodes (--node URL --token-file F, repeatable), and shows the dashboards. Every dashboard talks
// to the engine through NodeClient, embedded or remote alike.
#include "common/configcli.h"
#include "common/logging.h"
#include "common/shutdown.h"
#include "mainwindow/mainwindow.h"
#include "node/engine.h"
#include "nodes/nodemanager.h"
#include "nodes/nodespage.h"
#include "nodes/tokenstore.h"
#include "settings/consolesettings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
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
    parser.addOption(langOption);
    parser.process(app);

    QString configError;
    const auto config = ConfigCli::load(parser, &configError);
    if (!config) {
        fprintf(stderr, "wedsync-console: CONFIG_INVALID: %s\n", qPrintable(configError));
        return 2;
    }
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
    if (remotes.isEmpty()) {
        engineThread.setObjectName(QStringLiteral("engine"));
        engine = new Node::Engine(*config);
        engine->setEmbedded(true);
        engine->moveToThread(&engineThread);
        engineThread.start();
        window.embeddedEngineStarting();
        QMetaObject::invokeMethod(engine, [engine, &window, &nodes, &settings] {
            Error error;
            const bool ok = engine->start(&error);
            const QUrl url = ok ? engine->nodeUrl() : QUrl();
            const QByteArray token = ok ? engine->embeddedToken() : QByteArray();
            const int schema = engine->schemaVersion();
            QMetaObject::invokeMethod(&window, [=, &window, &nodes, &settings] {
                if (!ok) {
                    window.embeddedEngineFailed(error.code, error.message);
                    return;
                }
                window.embeddedEngineStarted(schema);
                nodes.addNode(url, token, true);
                if (!settings.firstRunDone()) {
                    settings.setFirstRunDone(true);
                    window.showPage(Ui::MainWindow::HealthPageIndex);
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
            [engine] {
                engine->stop();
                delete engine;
            },
            Qt::BlockingQueuedConnection);
        engineThread.quit();
        engineThread.wait();
    }
    return rc;
}
