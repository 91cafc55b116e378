#include "demodeliveries.h"

#include "delivery/deadletters.h"
#include "delivery/deliveryworker.h"
#include "delivery/subscriptions.h"
#include "node/engine.h"
#include "node/replayjobs.h"
#include "sinkserver.h"
#include "store/database.h"

#include <QDateTime>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QUrl>

static Q_LOGGING_CATEGORY(lcDemoDeliveries, "wedsync.demo.deliveries", QtInfoMsg)

namespace WedSync::Demo {

namespace {
const QString kPath = QStringLiteral("/wedsync-demo-sink");
const QString kStoppedReason = QStringLiteral("demo stopped");
} // namespace

DemoDeliveries::DemoDeliveries(Node::Engine *engine, QObject *parent)
    : DemoDeliveries(engine, Options{}, parent)
{}

DemoDeliveries::DemoDeliveries(Node::Engine *engine, Options options, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_options(options)
{
    // The sink and the script end with the engine.
    connect(engine, &Node::Engine::stopped, this, &DemoDeliveries::stop);
    m_timer.setInterval(500);
    connect(&m_timer, &QTimer::timeout, this, &DemoDeliveries::tick);
}

DemoDeliveries::~DemoDeliveries()
{
    stop();
}

quint16 DemoDeliveries::sinkPort() const
{
    return m_sink ? m_sink->port() : 0;
}

bool DemoDeliveries::start(QString *error)
{
    if (m_sink)
        return true;
    Delivery::DeliveryWorker *worker = m_engine->delivery();
    if (!worker) {
        *error = QStringLiteral("delivery is turned off (delivery.enabled = false): no demo deliveries");
        return false;
    }
    auto *sink = new Sink::SinkServer(this);
    QByteArray raw(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), raw.size() / 4);
    const QString secret = QStringLiteral("whsec_") + QString::fromLatin1(raw.toBase64());
    sink->setSecret(secret);
    QString why;
    if (!sink->listen(QHostAddress::LocalHost, 0, &why)) {
        delete sink;
        *error = QStringLiteral("the demo sink cannot listen on 127.0.0.1: %1").arg(why);
        return false;
    }

    Error e;
    QSqlDatabase db = m_engine->database()->connection(&e);
    if (!db.isOpen()) {
        delete sink;
        *error = e.message;
        return false;
    }
    // Earlier demo runs (in this data directory) left subscriptions to sinks that are gone with their
    // process: remove them, or their deliveries would fail for ever.
    const auto existing = Delivery::SubscriptionStore::list(db, &e);
    for (const Delivery::Subscription &s : existing) {
        const QUrl u(s.url);
        if (u.host() == QLatin1String("127.0.0.1") && u.path() == kPath) {
            Error ignored;
            Delivery::SubscriptionStore::remove(db, s.id, &ignored);
        }
    }
    Delivery::Subscription sub;
    sub.url = QStringLiteral("http://127.0.0.1:%1%2").arg(sink->port()).arg(kPath);
    sub.eventTypes = QStringList{QStringLiteral("booking.created"),   QStringLiteral("booking.updated"),
                                 QStringLiteral("booking.cancelled"), QStringLiteral("payment.received"),
                                 QStringLiteral("payment.failed"),    QStringLiteral("timeline.changed"),
                                 QStringLiteral("form.submitted")};
    sub.secret = secret;
    // Two attempts one second apart: a short outage shows a retry, a longer one a dead letter.
    sub.policy = Delivery::RetryPolicy{2, Delivery::Backoff::Linear, 1000};
    if (!Delivery::SubscriptionStore::add(db, &sub, &e)) {
        delete sink;
        *error = e.code + QStringLiteral(": ") + e.message;
        return false;
    }
    m_sink = sink;
    m_subscription = sub.id;
    // The sink is this process's own, on loopback: let the SSRF guard pass it.
    worker->allowHost(QStringLiteral("127.0.0.1"));
    m_connections.append(connect(worker, &Delivery::DeliveryWorker::breakerChanged, this,
                                 &DemoDeliveries::onBreaker, Qt::QueuedConnection));
    if (Node::ReplayJobRunner *jobs = m_engine->replayJobs()) {
        m_connections.append(connect(
            jobs, &Node::ReplayJobRunner::finished, this,
            [this](const QJsonObject &job) {
                if (job.value(QStringLiteral("job_id")).toString() != m_replayJob)
                    return;
                qCInfo(lcDemoDeliveries).noquote()
                    << QStringLiteral(
                           "demo: replay job %1 %2: %3 dead letter(s) replayed; they are delivered "
                           "again with the same webhook-id")
                           .arg(m_replayJob, job.value(QStringLiteral("state")).toString())
                           .arg(job.value(QStringLiteral("replayed")).toInt());
                m_replayJob.clear();
                QTimer::singleShot(m_options.settleSecs * 1000, this, [this] {
                    if (m_phase == Phase::Replaying && m_options.repeat)
                        enter(Phase::Healthy);
                });
            },
            Qt::QueuedConnection));
    }
    qCInfo(lcDemoDeliveries).noquote()
        << QStringLiteral(
               "demo: delivering bookings, payments, timeline changes and forms to the demo sink at "
               "%1 (subscription %2)")
               .arg(sub.url, sub.id);
    m_timer.start();
    enter(Phase::Healthy);
    return true;
}

void DemoDeliveries::stop()
{
    if (!m_sink)
        return;
    m_timer.stop();
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    // When the engine has already stopped (its database closed), the next demo run removes the subscription.
    if (m_engine && m_engine->database()) {
        Error e;
        QSqlDatabase db = m_engine->database()->connection(&e);
        if (!db.isOpen() ||
            !Delivery::SubscriptionStore::setActive(db, m_subscription, false, kStoppedReason, &e))
            qCWarning(lcDemoDeliveries).noquote()
                << "demo: cannot disable the demo subscription" << m_subscription << "(the next demo run "
                << "removes it):" << e.code << e.message;
    }
    delete m_sink;
    m_sink = nullptr;
    enter(Phase::Idle);
}

qint64 DemoDeliveries::breakerCooldownMs() const
{
    return m_engine->delivery() ? m_engine->delivery()->options().breakerCooldownMs : 30000;
}

void DemoDeliveries::enter(Phase phase)
{
    m_phase = phase;
    Q_EMIT phaseChanged(phase);
    if (!m_sink)
        return;
    switch (phase) {
    case Phase::Healthy: {
        m_sink->setMode(Sink::Mode{});
        m_deadThisOutage = 0;
        m_opened = false;
        QTimer::singleShot(m_options.healthySecs * 1000, this, [this] {
            if (m_phase != Phase::Healthy)
                return;
            Sink::Mode fail;
            fail.mode = QStringLiteral("fail");
            fail.status = 503;
            m_sink->setMode(fail);
            qCInfo(lcDemoDeliveries).noquote()
                << "demo: the sink answers 503 from now on (a simulated outage): deliveries retry, the "
                   "circuit opens, and deliveries out of attempts become dead letters";
            enter(Phase::Outage);
        });
        break;
    }
    case Phase::Outage: {
        const qint64 cooldown = breakerCooldownMs();
        const qint64 cap =
            m_options.maxOutageSecs > 0 ? qint64(m_options.maxOutageSecs) * 1000 : 3 * cooldown + 10000;
        m_deadline = QDateTime::currentMSecsSinceEpoch() + cap;
        break;
    }
    case Phase::Recovering: {
        // The circuit closes on its next probe; without one (no traffic) move on after two cool-downs.
        const qint64 cooldown = breakerCooldownMs();
        m_deadline = QDateTime::currentMSecsSinceEpoch() + 2 * cooldown + 5000;
        break;
    }
    case Phase::Replaying:
        replay();
        break;
    case Phase::Idle:
        break;
    }
}

void DemoDeliveries::onBreaker(const QString &target, const QString &state)
{
    if (target != m_subscription)
        return;
    if (state == QLatin1String("open"))
        m_opened = true;
    if (state == QLatin1String("closed") && m_phase == Phase::Recovering)
        enter(Phase::Replaying);
}

void DemoDeliveries::replay()
{
    Node::ReplayJobRunner *jobs = m_engine->replayJobs();
    if (!jobs)
        return;
    Delivery::DeliveryFilter filter;
    filter.target = m_subscription;
    filter.state = QStringLiteral("dead");
    Error e;
    const auto job = jobs->startFilter(filter, QStringLiteral("demo"), &e);
    if (!job) {
        qCWarning(lcDemoDeliveries).noquote()
            << "demo: cannot replay the dead letters:" << e.code << e.message;
        if (m_options.repeat)
            enter(Phase::Healthy);
        return;
    }
    m_replayJob = job->id;
    qCInfo(lcDemoDeliveries).noquote()
        << QStringLiteral("demo: replaying the demo sink's dead letters as job %1").arg(job->id);
}

void DemoDeliveries::tick()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_phase == Phase::Outage) {
        Error e;
        QSqlDatabase db = m_engine->database()->connection(&e);
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE target = ? AND state = 'dead'"));
        q.addBindValue(m_subscription);
        if (db.isOpen() && q.exec() && q.next())
            m_deadThisOutage = int(q.value(0).toLongLong());
        // Recover once the circuit has opened and at least one delivery has died, or at the deadline.
        if ((m_opened && m_deadThisOutage > 0) || now >= m_deadline) {
            m_sink->setMode(Sink::Mode{});
            qCInfo(lcDemoDeliveries).noquote()
                << QStringLiteral("demo: the sink answers 200 again (%1 dead letter(s) waiting); the circuit "
                                  "closes after its next probe")
                       .arg(m_deadThisOutage);
            enter(Phase::Recovering);
        }
    } else if (m_phase == Phase::Recovering && now >= m_deadline) {
        enter(Phase::Replaying);
    }
}

} // namespace WedSync::Demo
