// wedsync-simulate: sends realistic, correctly signed vendor webhooks (with a chosen share of bad ones) to a
// node's ingress at a chosen rate and checks every answer. Secrets come from --secrets-file (written on
// first use) and can be installed into the node's database with --install.
#include "common/configcli.h"
#include "common/logging.h"
#include "common/shutdown.h"
#include "ingress/credentialstore.h"
#include "simulate/simulator.h"
#include "store/database.h"
#include "store/migrator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

using namespace WedSync;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("WedSync"));
    QCoreApplication::setApplicationName(QStringLiteral("wedsync"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WEDSYNC_VERSION));
    QTextStream err(stderr);
    QTextStream out(stdout);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Sends simulated vendor webhooks (Stripe, PayPal, Mailchimp, Calendly, Zapier, CRMs, "
                       "Google Calendar) to a "
                       "WedSync node and checks each answer.\n\nFirst run: wedsync-simulate --secrets-file "
                       "sim.json --install "
                       "[--data-dir DIR | --database URL] puts the simulator's secrets into the node's "
                       "database; then run it "
                       "against the node's ingress."));
    parser.addHelpOption();
    parser.addVersionOption();
    ConfigCli::addOptions(parser);
    const QCommandLineOption url(QStringLiteral("url"), QStringLiteral("Base URL of the node's ingress."),
                                 QStringLiteral("url"), QStringLiteral("http://127.0.0.1:8080"));
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Requests per second."),
                                  QStringLiteral("n"), QStringLiteral("50"));
    const QCommandLineOption bad(QStringLiteral("bad"), QStringLiteral("Share of bad requests, 0 to 1."),
                                 QStringLiteral("share"), QStringLiteral("0.1"));
    const QCommandLineOption duration(QStringLiteral("duration"),
                                      QStringLiteral("How long to send (e.g. 60s, 5m)."),
                                      QStringLiteral("time"), QStringLiteral("60s"));
    const QCommandLineOption requests(QStringLiteral("requests"),
                                      QStringLiteral("Stop after this many (0 = no limit)."),
                                      QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption secretsFile(
        QStringLiteral("secrets-file"),
        QStringLiteral(
            "JSON file with the secrets to sign with; written with fresh secrets when it does not exist."),
        QStringLiteral("file"));
    const QCommandLineOption install(
        QStringLiteral("install"),
        QStringLiteral("Install the secrets into the node's database (per --data-dir / "
                       "--database / --config) and exit."));
    const QCommandLineOption printSecrets(QStringLiteral("print-secrets"),
                                          QStringLiteral("Print the secrets file's content and exit."));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Random seed (same seed, same traffic)."),
                                  QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption inFlight(QStringLiteral("in-flight"),
                                      QStringLiteral("Most requests awaiting an answer."),
                                      QStringLiteral("n"), QStringLiteral("64"));
    parser.addOptions(
        {url, rate, bad, duration, requests, secretsFile, install, printSecrets, seed, inFlight});
    parser.process(app);

    QString configError;
    const auto config = ConfigCli::load(parser, &configError);
    if (!config) {
        err << "wedsync-simulate: CONFIG_INVALID: " << configError << "\n";
        return 2;
    }
    QString logError;
    if (!Logging::configure(config->string(QStringLiteral("node.log_level")), true, &logError)) {
        err << "wedsync-simulate: " << logError << "\n";
        return 2;
    }

    Simulate::Simulator::Options o;
    bool ok = true;
    o.baseUrl = QUrl(parser.value(url), QUrl::StrictMode);
    if (!o.baseUrl.isValid() ||
        (o.baseUrl.scheme() != QLatin1String("http") && o.baseUrl.scheme() != QLatin1String("https"))) {
        err << "wedsync-simulate: --url must be an http(s) URL such as http://127.0.0.1:8080\n";
        return 2;
    }
    o.rate = parser.value(rate).toDouble(&ok);
    if (!ok || o.rate <= 0 || o.rate > 100000) {
        err << "wedsync-simulate: --rate must be a number of requests per second (0 < rate <= 100000)\n";
        return 2;
    }
    o.badShare = parser.value(bad).toDouble(&ok);
    if (!ok || o.badShare < 0 || o.badShare > 1) {
        err << "wedsync-simulate: --bad must be a share from 0 to 1 (0.1 = one in ten)\n";
        return 2;
    }
    ConfigKey durationKey;
    durationKey.name = QStringLiteral("--duration");
    durationKey.type = ConfigKey::Type::Duration;
    QString why;
    const auto d = Config::parseValue(durationKey, parser.value(duration), &why);
    if (!d) {
        err << "wedsync-simulate: --duration: " << why << "\n";
        return 2;
    }
    o.duration = std::chrono::milliseconds(d->toLongLong());
    o.maxRequests = parser.value(requests).toLongLong(&ok);
    if (!ok || o.maxRequests < 0) {
        err << "wedsync-simulate: --requests must be a whole number\n";
        return 2;
    }
    o.seed = parser.value(seed).toUInt(&ok);
    o.maxInFlight = parser.value(inFlight).toInt();
    if (!ok || o.maxInFlight < 1) {
        err << "wedsync-simulate: --seed and --in-flight must be positive whole numbers\n";
        return 2;
    }

    // Secrets: load the file, or make fresh ones (and write the file when one is named).
    Simulate::SimulatorSecrets secrets;
    const QString path = parser.value(secretsFile);
    if (!path.isEmpty() && QFileInfo::exists(path)) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            err << "wedsync-simulate: cannot read " << path << ": " << f.errorString() << "\n";
            return 1;
        }
        Error e;
        const auto loaded = Simulate::SimulatorSecrets::fromJson(f.readAll(), &e);
        if (!loaded) {
            err << "wedsync-simulate: " << path << ": " << e.message << "\n";
            return 1;
        }
        secrets = *loaded;
    } else {
        secrets = Simulate::SimulatorSecrets::generate();
        if (!path.isEmpty()) {
            QFile f(path);
            if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
                err << "wedsync-simulate: cannot write " << path << ": " << f.errorString() << "\n";
                return 1;
            }
            f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            f.write(secrets.toJson());
            err << "wedsync-simulate: wrote fresh secrets to " << path << "\n";
        } else if (!parser.isSet(install) && !parser.isSet(printSecrets)) {
            err << "wedsync-simulate: no --secrets-file: signing with fresh secrets the node does not know, "
                   "so "
                   "expect INVALID_SIGNATURE/SOURCE_NOT_CONFIGURED (see --help)\n";
        }
    }
    if (parser.isSet(printSecrets)) {
        out << secrets.toJson();
        return 0;
    }
    if (parser.isSet(install)) {
        Error e;
        auto settings = Store::DatabaseSettings::fromUrl(config->string(QStringLiteral("store.database")),
                                                         config->dataDir(), &e);
        if (!settings) {
            err << e.code << ": " << e.message << "\n";
            return 1;
        }
        Store::Database database(*settings);
        QSqlDatabase db = database.connection(&e);
        if (!db.isOpen() || Store::Migrator().migrate(db, &e) < 0) {
            err << e.code << ": " << e.message << "\n";
            return 1;
        }
        Ingress::CredentialStore store(&database);
        if (!secrets.install(&store, &e)) {
            err << e.code << ": " << e.message << "\n";
            return 1;
        }
        out << "installed the simulator's secrets for " << (secrets.secrets.size() + 1) << " sources into "
            << settings->displayName() << "\n";
        return 0;
    }

    ShutdownNotifier shutdown;
    Simulate::Simulator simulator(o, secrets);
    QObject::connect(&shutdown, &ShutdownNotifier::requested, &simulator, &Simulate::Simulator::stop);
    QObject::connect(&simulator, &Simulate::Simulator::finished, &app, [&] {
        out << simulator.summary() << "\n";
        out.flush();
        app.exit(simulator.stats().unexpected == 0 && simulator.stats().transportErrors == 0 ? 0 : 1);
    });
    simulator.start();
    return app.exec();
}
