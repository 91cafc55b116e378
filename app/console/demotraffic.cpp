#include "demotraffic.h"

#include "demodeliveries.h"
#include "ingress/credentialstore.h"
#include "ingress/ingressserver.h"
#include "node/engine.h"
#include "simulate/simulator.h"

#include <QDateTime>
#include <QLoggingCategory>

static Q_LOGGING_CATEGORY(lcDemo, "wedsync.console.demo", QtInfoMsg)

namespace WedSync::ConsoleApp {

DemoTraffic::DemoTraffic(Node::Engine *engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{}

DemoTraffic::~DemoTraffic() = default;

void DemoTraffic::start()
{
    if (m_simulator)
        return;
    const quint16 port = m_engine->ingressPort();
    if (port == 0 || !m_engine->credentials() || !m_engine->ingress()) {
        Q_EMIT runningChanged(false, 0, QStringLiteral("the webhook ingress is off"));
        return;
    }
    Simulate::Simulator::Options o;
    o.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    o.rate = kRate;
    o.badShare = kBadShare;
    o.duration = std::chrono::milliseconds(0); // until stopped
    o.seed = quint32(QDateTime::currentMSecsSinceEpoch());
    const Simulate::SimulatorSecrets secrets = Simulate::SimulatorSecrets::generate();
    Error e;
    if (!secrets.install(m_engine->credentials(), &e)) {
        qCWarning(lcDemo).noquote() << "demo traffic: cannot install the simulator's secrets:" << e.code
                                    << e.message;
        Q_EMIT runningChanged(false, port, e.code + QStringLiteral(": ") + e.message);
        return;
    }
    m_simulator = new Simulate::Simulator(o, secrets, this);
    Simulate::Simulator *sim = m_simulator;
    connect(sim, &Simulate::Simulator::finished, this, [this, sim, port] {
        qCInfo(lcDemo).noquote() << "demo traffic over:" << sim->summary();
        m_lastStats = sim->stats();
        sim->deleteLater();
        m_simulator = nullptr;
        if (m_deliveries) {
            m_deliveries->stop();
            m_deliveries->deleteLater();
        }
        // Every answer is in: the ingress protects itself from single senders again.
        if (Ingress::IngressServer *ingress = m_engine->ingress())
            ingress->setRateLimitIp(m_engine->config().integer(QStringLiteral("ingress.rate_limit_ip")));
        Q_EMIT runningChanged(false, port, QString());
    });
    // The demo's 20 webhooks/s all come from 127.0.0.1 and would soon use up the per-address budget meant
    // for the open internet; the per-integration limits stay on.
    m_engine->ingress()->setRateLimitIp(0);
    qCInfo(lcDemo).noquote() << QStringLiteral("demo traffic: %1 webhooks/s (%2% bad) to %3")
                                    .arg(o.rate)
                                    .arg(o.badShare * 100)
                                    .arg(o.baseUrl.toString());
    sim->start();
    // The Deliveries page comes alive too: an in-process sink with outages, dead letters and their replay.
    auto *deliveries = new Demo::DemoDeliveries(m_engine, this);
    QString why;
    if (deliveries->start(&why)) {
        m_deliveries = deliveries;
    } else {
        qCWarning(lcDemo).noquote() << "demo traffic: no demo deliveries:" << why;
        delete deliveries;
    }
    Q_EMIT runningChanged(true, port, QString());
}

void DemoTraffic::stop()
{
    if (!m_simulator || !m_simulator->isRunning())
        return;
    // finished() follows once the answers still in flight are in.
    m_simulator->stop();
}

} // namespace WedSync::ConsoleApp
