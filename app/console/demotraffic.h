// Demo traffic for the console: the simulator sending realistic signed vendor webhooks to the embedded
// engine's ingress. Lives on the engine's thread (never the GUI's); the window asks for it with start() and
// stop() (queued) and learns its state from runningChanged().
#pragma once

#include <QObject>
#include <QPointer>

namespace WedSync::Node {
class Engine;
}

namespace WedSync::Simulate {
class Simulator;
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

Q_SIGNALS:
    // running: whether webhooks are being sent; port: the ingress they go to; error: why it could not start.
    void runningChanged(bool running, quint16 port, const QString &error);

private:
    Node::Engine *m_engine; // not owned
    QPointer<Simulate::Simulator> m_simulator;
};

} // namespace WedSync::ConsoleApp
