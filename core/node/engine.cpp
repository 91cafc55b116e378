#include "engine.h"

#include "common/allocator.h"
#include "delivery/deliveryworker.h"
#include "delivery/healthcheck.h"
#include "events/journal.h"
#include "health/metrics.h"
#include "health/monitor.h"
#include "ingress/credentialstore.h"
#include "ingress/ingressserver.h"
#include "ingress/sourceregistry.h"
#include "ingress/webhooklog.h"
#include "node/adminhandlers.h"
#include "node/attemptfeed.h"
#include "node/audit.h"
#include "node/corehandlers.h"
#include "node/deliveryhandlers.h"
#include "node/journalwatcher.h"
#include "node/nodeserver.h"
#include "node/replayjobs.h"
#include "node/tokenstore.h"
#include "node/topic.h"
#include "processing/processor.h"
#include "routing/rules.h"
#include "store/database.h"
#include "store/migrator.h"

#include <QDir>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QPointer>

static Q_LOGGING_CATEGORY(lcEngine, "wedsync.engine", QtInfoMsg)

namespace WedSync::Node {

Engine::Engine(Config config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_metrics(std::make_unique<Health::Metrics>())
{}

Engine::~Engine()
{
    stop();
}

bool Engine::start(Error *error)
{
    if (m_running)
        return true;
    const QString dataDir = m_config.dataDir();
    if (!QDir().mkpath(dataDir)) {
        if (error)
            *error = Error::make(
                QString::fromLatin1(ErrorCode::StoreUnavailable),
                QStringLiteral("cannot create the data directory %1; set node.data_dir to a writable "
                               "folder")
                    .arg(dataDir));
        return false;
    }
    auto settings =
        Store::DatabaseSettings::fromUrl(m_config.string(QStringLiteral("store.database")), dataDir, error);
    if (!settings)
        return false;
    settings->syncFull = m_config.string(QStringLiteral("store.sync")) == QLatin1String("full");
    settings->busyTimeout = m_config.duration(QStringLiteral("store.busy_timeout"));
    settings->cacheBytes = m_config.bytes(QStringLiteral("store.cache_size"));
    settings->reconnectMax = m_config.duration(QStringLiteral("store.reconnect_max"));
    m_database = std::make_unique<Store::Database>(*settings);

    QSqlDatabase db = m_database->connection(error);
    if (!db.isOpen()) {
        teardown();
        return false;
    }
    Store::Migrator migrator;
    if (migrator.migrate(db, error) < 0) {
        teardown();
        return false;
    }
    m_schemaVersion = Store::Migrator::currentVersion(db);

    Events::Journal::Options jo;
    jo.maxBatch = int(m_config.integer(QStringLiteral("journal.batch_max")));
    jo.retention = m_config.duration(QStringLiteral("journal.retention"));
    jo.pruneInterval = m_config.duration(QStringLiteral("journal.prune_interval"));
    jo.appendTimeout = m_config.duration(QStringLiteral("journal.append_timeout"));
    jo.reconnectMax = settings->reconnectMax;
    m_journal = std::make_unique<Events::Journal>(m_database.get(), jo);
    if (!m_journal->start(error)) {
        teardown();
        return false;
    }

    // Processing tails the journal on its own thread, from the cursor the last run committed.
    Processing::Processor::Options po;
    po.batchSize = int(m_config.integer(QStringLiteral("processing.batch_size")));
    po.maxAttempts = int(m_config.integer(QStringLiteral("processing.max_attempts")));
    po.retryBase = m_config.duration(QStringLiteral("processing.retry_base"));
    po.notify = Routing::NotifySettings::fromConfig(m_config);
    // Read once: the processor routes only to the connectors the worker can reach.
    const Delivery::WorkerOptions workerOptions = Delivery::WorkerOptions::fromConfig(m_config);
    po.connectorTargets =
        QSet<QString>(workerOptions.connectors.keyBegin(), workerOptions.connectors.keyEnd());
    m_processor =
        std::make_unique<Processing::Processor>(m_database.get(), m_journal.get(), po, m_metrics.get());
    if (!m_processor->start(error)) {
        teardown();
        return false;
    }

    Health::HealthPolicy policy;
    policy.trendRetentionMs = m_config.duration(QStringLiteral("health.trend_retention")).count();
    m_health = std::make_unique<Health::Monitor>(m_database.get(), policy);
    if (!m_health->start(error)) {
        teardown();
        return false;
    }

    if (m_config.boolean(QStringLiteral("delivery.enabled"))) {
        m_delivery = std::make_unique<Delivery::DeliveryWorker>(m_database.get(), workerOptions);
        if (!m_delivery->start(error)) {
            teardown();
            return false;
        }
        // Rows a processing batch just committed are picked up at once instead of at the next poll.
        Delivery::DeliveryWorker *worker = m_delivery.get();
        connect(
            m_processor.get(), &Processing::Processor::processed, worker, [worker] { worker->wake(); },
            Qt::DirectConnection);
        // Every delivery attempt feeds the target's health score.
        Health::Monitor *health = m_health.get();
        connect(worker, &Delivery::DeliveryWorker::attemptFinished, health,
                [health](const QString &target, bool ok, qint64 latencyMs, int, const QString &breaker) {
                    const Health::BreakerState b =
                        breaker == QLatin1String("open")        ? Health::BreakerState::Open
                        : breaker == QLatin1String("half_open") ? Health::BreakerState::HalfOpen
                                                                : Health::BreakerState::Closed;
                    health->recordDelivery(target, ok, double(latencyMs), b);
                });
        // The channels' periodic health check (every delivery.health_interval) feeds the same monitor.
        m_channelCheck = std::make_unique<Delivery::ChannelHealthCheck>(
            m_database.get(), Delivery::ChannelHealthOptions::fromConfig(m_config, workerOptions),
            m_health.get());
        m_channelCheck->start();
    }

    m_startedAt = QDateTime::currentDateTimeUtc();
    m_tokens = std::make_unique<TokenStore>(m_database.get());
    if (!startNode(error)) {
        teardown();
        return false;
    }

    // The ingress comes last: webhooks are only accepted once everything behind the journal runs.
    if (!startIngress(error)) {
        teardown();
        return false;
    }
    if (m_ingress) {
        Health::Monitor *health = m_health.get();
        connect(m_ingress.get(), &Ingress::IngressServer::requestCompleted, health,
                [health](const Ingress::RequestRecord &r) {
                    if (!r.source.isEmpty())
                        health->recordIngress(r.source, r.status < 400, double(r.latencyMs));
                });
    }
    m_running = true;
    qCInfo(lcEngine).noquote() << "engine started on" << settings->displayName() << "schema version"
                               << m_schemaVersion << "allocator" << allocatorName();
    Q_EMIT started();
    return true;
}

void Engine::stop()
{
    if (!m_running)
        return;
    m_running = false;
    teardown();
    qCInfo(lcEngine) << "engine stopped";
    Q_EMIT stopped();
}

void Engine::teardown()
{
    // Reverse order of start(): consoles and webhooks first, the database last. Replay jobs stop between
    // chunks and end `interrupted`.
    if (m_replayJobs)
        m_replayJobs->stop();
    m_attemptFeed.reset();
    if (m_throughputTimer) {
        delete m_throughputTimer;
        m_throughputTimer = nullptr;
    }
    if (m_healthTimer) {
        delete m_healthTimer;
        m_healthTimer = nullptr;
    }
    if (m_watcher)
        m_watcher->stop();
    m_watcher.reset();
    if (m_nodeServer)
        m_nodeServer->close();
    m_nodeServer.reset();
    m_replayJobs.reset();
    m_audit = nullptr;
    m_embeddedToken.clear();
    m_tokens.reset();
    // No new webhooks; the journal then settles every pending append (their answers go nowhere: the
    // connections are closed; the sender retries and the journal dedupes) while the ingress object that
    // their continuations run on still exists. Only then is the ingress destroyed.
    if (m_ingress)
        m_ingress->close();
    if (m_channelCheck)
        m_channelCheck->stop();
    m_channelCheck.reset();
    if (m_delivery)
        m_delivery->stop(); // nothing new is sent while the rest shuts down
    if (m_processor)
        m_processor->stop();
    m_processor.reset();
    // Only now: until the processor's thread has ended, its `processed` signal may still call wake().
    m_delivery.reset();
    if (m_journal)
        m_journal->stop();
    stopIngress();
    m_health.reset();
    m_journal.reset();
    if (m_database)
        m_database->releaseThreadConnection();
    m_database.reset();
}

static Error notRunning()
{
    return Error::make(QStringLiteral("ENGINE_NOT_RUNNING"),
                       QStringLiteral("the engine is not running; start it first"));
}

QList<Processing::HandlerErrorRecord> Engine::handlerErrors(int limit, qint64 beforeId, Error *error) const
{
    if (!m_processor) {
        if (error)
            *error = notRunning();
        return {};
    }
    return m_processor->handlerErrors(limit, beforeId, error);
}

QList<Routing::Rule> Engine::routingRules(Error *error) const
{
    if (!m_processor) {
        if (error)
            *error = notRunning();
        return {};
    }
    return m_processor->rules(error);
}

qint64 Engine::addRoutingRule(const Routing::Rule &rule, Error *error)
{
    if (!m_processor) {
        if (error)
            *error = notRunning();
        return 0;
    }
    return m_processor->addRule(rule, error);
}

bool Engine::setRoutingRuleEnabled(const QString &name, bool enabled, Error *error)
{
    if (!m_processor) {
        if (error)
            *error = notRunning();
        return false;
    }
    return m_processor->setRuleEnabled(name, enabled, error);
}

bool Engine::removeRoutingRule(const QString &name, Error *error)
{
    if (!m_processor) {
        if (error)
            *error = notRunning();
        return false;
    }
    return m_processor->removeRule(name, error);
}

bool Engine::startIngress(Error *error)
{
    m_sources = std::make_unique<Ingress::SourceRegistry>();
    m_credentials = std::make_unique<Ingress::CredentialStore>(m_database.get());
    if (!m_sources->addCustomSources(m_config.string(QStringLiteral("ingress.custom_sources")), error))
        return false;
    m_credentials->setRefreshInterval(m_config.duration(QStringLiteral("ingress.credentials_refresh")));
    if (m_config.string(QStringLiteral("ingress.listen")).isEmpty()) {
        qCInfo(lcEngine) << "webhook ingress off (ingress.listen is empty)";
        return true;
    }
    QHostAddress address;
    quint16 port = 0;
    if (!Ingress::IngressServer::listenFromConfig(m_config, &address, &port, error))
        return false;
    Ingress::WebhookLog::Options lo;
    lo.retention = m_config.duration(QStringLiteral("ingress.log_retention"));
    m_webhookLog = std::make_unique<Ingress::WebhookLog>(m_database.get(), lo);
    m_webhookLog->start();
    m_ingress = std::make_unique<Ingress::IngressServer>(
        Ingress::IngressServer::optionsFromConfig(m_config), m_sources.get(), m_credentials.get(),
        m_journal.get(), m_metrics.get(), m_webhookLog.get());
    // Ready: the journal takes writes and the schema is the one this binary knows.
    const int latest = Store::Migrator().latestVersion();
    Events::Journal *journal = m_journal.get();
    const int schema = m_schemaVersion;
    m_ingress->setReadinessCheck([journal, schema, latest]() -> Error {
        if (!journal->isWritable())
            return Error::make(
                QString::fromLatin1(ErrorCode::StoreUnavailable),
                QStringLiteral("the journal does not accept writes (database unavailable or full)"));
        if (schema != latest)
            return Error::make(QString::fromLatin1(ErrorCode::StoreMigrationFailed),
                               QStringLiteral("schema version %1, expected %2: run 'wedsync-node migrate'")
                                   .arg(schema)
                                   .arg(latest));
        return {};
    });
    return m_ingress->listen(address, port, error);
}

void Engine::stopIngress()
{
    if (m_ingress)
        m_ingress->close();
    m_ingress.reset();
    if (m_webhookLog)
        m_webhookLog->stop();
    m_webhookLog.reset();
    m_credentials.reset();
    m_sources.reset();
}

quint16 Engine::ingressPort() const
{
    return m_ingress ? m_ingress->port() : 0;
}

bool Engine::startNode(Error *error)
{
    NodeServerOptions o;
    QString listen = m_config.string(QStringLiteral("node.listen"));
    if (m_embedded)
        listen = QStringLiteral("127.0.0.1:0");
    o.nodeName = nodeName();
    o.tlsCert = m_config.string(QStringLiteral("node.tls_cert"));
    o.tlsKey = m_config.string(QStringLiteral("node.tls_key"));
    o.maxFrameBytes = m_config.bytes(QStringLiteral("node.max_frame_bytes"));
    o.sendQueueBytes = m_config.bytes(QStringLiteral("node.send_queue_max"));
    o.requestRate = double(m_config.integer(QStringLiteral("node.command_rate")));
    o.allowedOrigins =
        m_config.string(QStringLiteral("node.allowed_origins")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &s : o.allowedOrigins)
        s = s.trimmed();
    o.pingInterval = m_config.duration(QStringLiteral("node.ping_interval"));
    o.fanoutItems = int(m_config.integer(QStringLiteral("node.fanout_window")));
    const int colon = listen.lastIndexOf(QLatin1Char(':'));
    QString host = listen.left(colon);
    if (host.startsWith(QLatin1Char('[')))
        host = host.mid(1, host.size() - 2);
    o.address = host == u"*"           ? QHostAddress(QHostAddress::Any)
                : host == u"localhost" ? QHostAddress(QHostAddress::LocalHost)
                                       : QHostAddress(host);
    o.port = quint16(listen.mid(colon + 1).toUInt());

    m_audit = new Audit(m_database.get()); // owned by the server once added as a topic
    m_nodeServer = std::make_unique<NodeServer>(o, m_tokens.get(), m_audit, m_metrics.get());
    m_nodeServer->addTopic(m_audit);
    m_nodeServer->addTopic(new JournalTopic(m_journal.get()));
    m_nodeServer->addTopic(new MemoryTopic(QStringLiteral("deliveries"), 10000));
    for (const QString &name : {QStringLiteral("health"), QStringLiteral("alerts")}) {
        auto *topic =
            new TableTopic(name, m_database.get(),
                           QStringLiteral("SELECT id, payload FROM health_log WHERE topic = '%1' AND id > ? "
                                          "ORDER BY id LIMIT ?")
                               .arg(name),
                           QStringLiteral("SELECT MAX(id) FROM health_log"), {QStringLiteral("payload")},
                           QStringLiteral("payload"));
        m_nodeServer->addTopic(topic);
        if (name == u"health")
            connect(m_health.get(), &Health::Monitor::healthChanged, topic, &TableTopic::notifyAdvanced);
        else
            connect(m_health.get(), &Health::Monitor::alertChanged, topic, &TableTopic::notifyAdvanced);
    }
    // Replay jobs: those this node left running when it last died are interrupted, not resumed (a
    // resumed bulk replay could surprise the operator hours later; they start a new one for the rest).
    ReplayJobRunner::Options ro;
    ro.node = nodeName();
    ro.chunkSize = int(m_config.integer(QStringLiteral("node.replay_chunk_size")));
    ro.chunkPause = m_config.duration(QStringLiteral("node.replay_chunk_pause"));
    m_replayJobs = std::make_unique<ReplayJobRunner>(m_database.get(), ro);
    if (m_replayJobs->recoverOrphans(error) < 0)
        return false;
    m_replayJobs->startPolling();
    registerCoreHandlers(this, m_nodeServer.get());
    registerDeliveryHandlers(this, m_nodeServer.get());
    registerAdminHandlers(this, m_nodeServer.get());
    {
        // Job progress streams on the deliveries topic as {"kind": "job", "job": {...}}; the end of a job
        // is audited (who asked, how it ended) and wakes the outbox for what it reset.
        QPointer<MemoryTopic> deliveries =
            static_cast<MemoryTopic *>(m_nodeServer->topic(QStringLiteral("deliveries")));
        connect(
            m_replayJobs.get(), &ReplayJobRunner::progress, this,
            [this, deliveries](const QJsonObject &job) {
                if (deliveries)
                    deliveries->publish(QJsonObject{{QStringLiteral("kind"), QStringLiteral("job")},
                                                    {QStringLiteral("job"), job}});
                if (m_delivery)
                    m_delivery->wake();
            },
            Qt::QueuedConnection);
        connect(
            m_replayJobs.get(), &ReplayJobRunner::finished, this,
            [this](const QJsonObject &job) {
                if (!m_audit)
                    return;
                const QString state = job.value(QStringLiteral("state")).toString();
                const QString cancelledBy = job.value(QStringLiteral("cancel_requested_by")).toString();
                m_audit->record(
                    state == u"cancelled" && !cancelledBy.isEmpty()
                        ? cancelledBy
                        : job.value(QStringLiteral("requested_by")).toString(),
                    Role::Operator, QStringLiteral("job.finished"),
                    job.value(QStringLiteral("job_id")).toString(),
                    state == u"failed" ? QStringLiteral("failed") : QStringLiteral("ok"),
                    QJsonObject{{QStringLiteral("state"), state},
                                {QStringLiteral("total"), job.value(QStringLiteral("total"))},
                                {QStringLiteral("done"), job.value(QStringLiteral("done"))},
                                {QStringLiteral("replayed"), job.value(QStringLiteral("replayed"))}});
            },
            Qt::QueuedConnection);
    }
    if (m_delivery) {
        // Delivery outcomes stream to consoles on the deliveries topic. The worker emits from its own thread;
        // the queued connection publishes on this (the server's) thread.
        QPointer<MemoryTopic> deliveries =
            static_cast<MemoryTopic *>(m_nodeServer->topic(QStringLiteral("deliveries")));
        m_attemptFeed = std::make_unique<AttemptFeed>(m_database.get(), deliveries.data());
        m_attemptFeed->start();
        connect(
            m_delivery.get(), &Delivery::DeliveryWorker::attemptFinished, this,
            [deliveries, feed = QPointer<AttemptFeed>(m_attemptFeed.get())](
                const QString &target, bool, qint64, int httpStatus, const QString &breaker) {
                if (!deliveries || !feed) // the node server stops before the worker does
                    return;
                // The attempt itself (with its delivery, event and error) is read back from what the
                // worker recorded; the breaker state only travels with the signal.
                feed->poke();
                deliveries->publish(QJsonObject{
                    {QStringLiteral("kind"), QStringLiteral("target")},
                    {QStringLiteral("target"), QJsonObject{{QStringLiteral("id"), target},
                                                           {QStringLiteral("target"), target},
                                                           {QStringLiteral("breaker"), breaker},
                                                           {QStringLiteral("circuit"), breaker},
                                                           {QStringLiteral("status_code"), httpStatus}}}});
            },
            Qt::QueuedConnection);
    }
    m_nodeServer->setHelloProvider([this] {
        return QJsonObject{{QStringLiteral("database"), m_database->settings().displayName()},
                           {QStringLiteral("started_at"), m_startedAt.toMSecsSinceEpoch()},
                           {QStringLiteral("last_seq"), lastSeq()},
                           {QStringLiteral("events_per_second"), eventsPerSecond()}};
    });
    if (m_embedded) {
        m_embeddedToken = TokenStore::generate();
        m_nodeServer->addStaticToken(m_embeddedToken, QStringLiteral("embedded"), Role::Admin);
    }
    m_watcher = std::make_unique<JournalWatcher>(m_database.get());
    if (!m_watcher->start(error))
        return false;
    if (Topic *events = m_nodeServer->topic(QStringLiteral("events")))
        connect(m_watcher.get(), &JournalWatcher::notified, events, &Topic::advanced);
    if (!m_nodeServer->listen(error))
        return false;

    Health::Gauge *seqGauge = &m_metrics->gauge(QStringLiteral("wedsync_journal_last_seq"), {},
                                                QStringLiteral("Highest committed journal sequence number"));
    m_throughputTimer = new QTimer(this);
    m_throughputTimer->setInterval(5000);
    connect(m_throughputTimer, &QTimer::timeout, this, [this, seqGauge] {
        sampleThroughput();
        seqGauge->set(double(m_throughput.last().second));
    });
    m_throughputTimer->start();
    m_healthTimer = new QTimer(this);
    m_healthTimer->setInterval(m_config.duration(QStringLiteral("health.evaluate_interval")));
    connect(m_healthTimer, &QTimer::timeout, this, [this] {
        m_health->evaluate();
        for (const auto &h : m_health->integrations())
            m_metrics
                ->gauge(QStringLiteral("wedsync_integration_health_score"),
                        {{QStringLiteral("integration"), h.integration}, {QStringLiteral("kind"), h.kind}},
                        QStringLiteral("Integration health score, 0-100"))
                .set(h.score);
    });
    m_healthTimer->start();
    sampleThroughput();
    seqGauge->set(double(m_journal->lastSeq()));
    return true;
}

qint64 Engine::lastSeq() const
{
    if (!m_journal)
        return 0;
    qint64 seq = m_journal->lastSeq();
    // Other nodes sharing the database append too: the events topic knows the shared head.
    if (m_nodeServer) {
        if (Topic *events = m_nodeServer->topic(QStringLiteral("events"))) {
            Error e;
            seq = std::max(seq, events->head(&e));
        }
    }
    return seq;
}

void Engine::sampleThroughput()
{
    m_throughput.append(qMakePair(QDateTime::currentMSecsSinceEpoch(), lastSeq()));
    while (m_throughput.size() > 13) // one minute of 5 s samples
        m_throughput.removeFirst();
}

double Engine::eventsPerSecond() const
{
    if (!m_journal || m_throughput.isEmpty())
        return 0;
    const auto &first = m_throughput.first();
    const qint64 dt = m_throughput.last().first - first.first;
    if (dt < 1000 || m_throughput.size() < 2)
        return 0;
    return double(m_throughput.last().second - first.second) * 1000.0 / double(dt);
}

QString Engine::nodeName() const
{
    const QString name = m_config.string(QStringLiteral("node.name"));
    return name.isEmpty() ? QHostInfo::localHostName() : name;
}

QUrl Engine::nodeUrl() const
{
    return m_nodeServer ? m_nodeServer->url() : QUrl();
}

Audit *Engine::audit() const
{
    return m_audit;
}

} // namespace WedSync::Node
