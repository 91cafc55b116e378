#include "demo.h"

#include "demodeliveries.h"
#include "ingress/credentialstore.h"
#include "node/engine.h"
#include "simulate/simulator.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>

static Q_LOGGING_CATEGORY(lcDemo, "wedsync.demo", QtInfoMsg)

namespace WedSync::NodeApp {

bool prepareDemoConfig(Config *config, const QString &tempDir, QString *error)
{
    if (config->origin(QStringLiteral("node.data_dir")) == Config::Origin::Default &&
        config->origin(QStringLiteral("store.database")) == Config::Origin::Default &&
        !config->set(QStringLiteral("node.data_dir"), tempDir, error))
        return false;
    if (config->origin(QStringLiteral("ingress.listen")) == Config::Origin::Default &&
        !config->set(QStringLiteral("ingress.listen"), QStringLiteral("127.0.0.1:0"), error))
        return false;
    // A short circuit-breaker cool-down, so the demo's outage script opens and closes the circuit within
    // half a minute instead of several.
    if (config->origin(QStringLiteral("delivery.breaker_cooldown")) == Config::Origin::Default &&
        !config->set(QStringLiteral("delivery.breaker_cooldown"), QStringLiteral("4s"), error))
        return false;
    if (config->origin(QStringLiteral("ingress.rate_limit_ip")) == Config::Origin::Default &&
        !config->set(QStringLiteral("ingress.rate_limit_ip"), QStringLiteral("0"), error))
        return false;
    return true;
}

bool startDemo(Node::Engine *engine, const QCommandLineParser &parser, const DemoOptions &options,
               QString *error)
{
    if (engine->ingressPort() == 0) {
        *error = QStringLiteral("the demo needs the webhook ingress; ingress.listen is empty");
        return false;
    }
    Simulate::Simulator::Options o;
    bool ok = false;
    o.rate = parser.value(options.rate).toDouble(&ok);
    if (!ok || o.rate <= 0 || o.rate > 100000) {
        *error = QStringLiteral("--demo-rate must be a number of webhooks per second");
        return false;
    }
    o.badShare = parser.value(options.bad).toDouble(&ok);
    if (!ok || o.badShare < 0 || o.badShare > 1) {
        *error = QStringLiteral("--demo-bad must be a share from 0 to 1");
        return false;
    }
    ConfigKey k;
    k.name = QStringLiteral("--demo-duration");
    k.type = ConfigKey::Type::Duration;
    const auto d = Config::parseValue(k, parser.value(options.duration), error);
    if (!d)
        return false;
    o.duration = std::chrono::milliseconds(d->toLongLong());
    o.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(engine->ingressPort()));
    o.seed = quint32(QDateTime::currentMSecsSinceEpoch());

    const Simulate::SimulatorSecrets secrets = Simulate::SimulatorSecrets::generate();
    Error e;
    if (!secrets.install(engine->credentials(), &e)) {
        *error = e.code + QStringLiteral(": ") + e.message;
        return false;
    }
    auto *sim = new Simulate::Simulator(o, secrets, engine);
    QObject::connect(sim, &Simulate::Simulator::answered, sim,
                     [](const QString &source, const QString &fault, int status, const QString &outcome,
                        bool matched, qint64 latencyUs) {
                         if (matched)
                             qCInfo(lcDemo).noquote() << QStringLiteral("%1 %2 -> %3 %4 (%5 ms)")
                                                             .arg(source, -15)
                                                             .arg(fault, -13)
                                                             .arg(status)
                                                             .arg(outcome)
                                                             .arg(double(latencyUs) / 1000.0, 0, 'f', 1);
                         else
                             qCWarning(lcDemo).noquote() << QStringLiteral("UNEXPECTED %1 %2 -> %3 %4")
                                                                .arg(source, fault)
                                                                .arg(status)
                                                                .arg(outcome);
                     });
    auto *report = new QTimer(sim);
    report->setInterval(10000);
    QObject::connect(report, &QTimer::timeout, sim, [sim] { qCInfo(lcDemo).noquote() << sim->summary(); });
    QObject::connect(sim, &Simulate::Simulator::finished, sim, [sim, report] {
        report->stop();
        qCInfo(lcDemo).noquote() << "demo over:" << sim->summary();
        QCoreApplication::quit();
    });
    report->start();
    qCInfo(lcDemo).noquote() << QStringLiteral(
                                    "demo: simulated vendors sending %1/s (%2% bad) to %3; secrets for "
                                    "every source installed")
                                    .arg(o.rate)
                                    .arg(o.badShare * 100)
                                    .arg(o.baseUrl.toString());
    sim->start();

    // The delivery side: an in-process sink with outages, so the log also shows retries, the circuit opening
    // and closing, dead letters and their replay.
    auto *deliveries = new Demo::DemoDeliveries(engine, engine);
    QString why;
    if (!deliveries->start(&why)) {
        qCWarning(lcDemo).noquote() << "demo: no demo deliveries:" << why;
        delete deliveries;
    } else {
        // Disable the demo subscription while the engine still runs.
        QObject::connect(qApp, &QCoreApplication::aboutToQuit, deliveries, &Demo::DemoDeliveries::stop);
    }
    return true;
}

} // namespace WedSync::NodeApp
