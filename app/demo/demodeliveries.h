// The demo's delivery side: an in-process wedsync-sink on 127.0.0.1, a webhook subscription pointing at it,
// and a repeating outage script, so that simulated traffic also shows the outbox at work: deliveries, then
// retries while the sink answers 503, the target's circuit opening, dead letters, the sink recovering, the
// circuit closing after its probe, and the dead letters replayed as a tracked job and delivered.
// Used by `wedsync-node --demo` and by the console's demo traffic. Lives on the engine's thread.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

namespace WedSync::Node {
class Engine;
}
namespace WedSync::Sink {
class SinkServer;
}

namespace WedSync::Demo {

class DemoDeliveries : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int healthySecs = 10;  // deliveries go through before each outage
        int maxOutageSecs = 0; // cap on an outage (0: three breaker cool-downs plus 10 s)
        int settleSecs = 5;    // after the replay, before the next healthy phase
        bool repeat = true;    // run the script again and again
    };
    explicit DemoDeliveries(Node::Engine *engine, QObject *parent = nullptr);
    DemoDeliveries(Node::Engine *engine, Options options, QObject *parent = nullptr);
    ~DemoDeliveries() override;

    // Starts the sink, adds (or reuses) the demo subscription and starts the script. False with *error when
    // the engine delivers nothing (delivery.enabled off) or the sink cannot listen.
    bool start(QString *error);
    // Stops the script and the sink; the subscription is disabled so nothing queues for a gone sink.
    void stop();
    bool isRunning() const { return m_sink != nullptr; }

    QString subscriptionId() const { return m_subscription; }
    quint16 sinkPort() const;
    enum class Phase { Idle, Healthy, Outage, Recovering, Replaying };
    Phase phase() const { return m_phase; }

Q_SIGNALS:
    void phaseChanged(WedSync::Demo::DemoDeliveries::Phase phase);

private:
    void enter(Phase phase);
    void tick();
    qint64 breakerCooldownMs() const; // the worker's, for the script's deadlines
    void onBreaker(const QString &target, const QString &state);
    void replay();

    QPointer<Node::Engine> m_engine;
    Options m_options;
    Sink::SinkServer *m_sink = nullptr;
    QString m_subscription;
    Phase m_phase = Phase::Idle;
    int m_deadThisOutage = 0;
    qint64 m_deadline = 0; // ms since epoch: the current phase ends by then at the latest
    bool m_opened = false;
    QString m_replayJob;
    QTimer m_timer;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace WedSync::Demo
