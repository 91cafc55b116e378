// Demo traffic for the console: the simulator sending realistic signed vendor webhooks to the embedded
// engine's ingress. Lives on the engine's thread (never the GUI's); the window asks for it with start() and
// stop() (queued) and learns its state from runningChanged(). While it runs, the ingress's per-source-IP
// rate limit is off (every demo webhook comes from 127.0.0.1); it is restored when the demo is over.
#pragma once

#include "simulate/simulator.h"

#include <QObject>
#include <QPointer>

namespace WedSync::Node {
class Engine;
}
namespace WedSync::Demo {
class DemoDeliveries;
}

namespace WedSync::ConsoleApp {

class DemoTraffic : public QObject
{
    Q_OBJECT
public:
    static constexpr double kRate = 20;      // webhooks per second
    static constexpr double kBadShare = 0.1; // share of deliberately bad ones

    explicit DemoTraffic(Node::Engine *engine, QObject *parent = nullptr);
    ~DemoTraffic() override;

    // Installs fresh simulator secrets in the engine's credential store and starts sending.
    void start();
    void stop();
    bool isRunning() const { return !m_simulator.isNull(); }
    // The counts of the last demo run once it is over (sent, answered, rate limited, ...).
    Simulate::Simulator::Stats lastStats() const { return m_lastStats; }

Q_SIGNALS:
    // running: whether webhooks are being sent; port: the ingress they go to; error: why it could not start.
    void runningChanged(bool running, quint16 port, const QString &error);

private:
    Node::Engine *m_engine; // not owned
    QPointer<Simulate::Simulator> m_simulator;
    QPointer<Demo::DemoDeliveries> m_deliveries; // child
    Simulate::Simulator::Stats m_lastStats;
};

} // namespace WedSync::ConsoleApp
