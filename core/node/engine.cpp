#include "engine.h"

#include "delivery/deliveryworker.h"
#include "events/journal.h"
#include "health/metrics.h"
#include "processing/processor.h"
#include "routing/rules.h"
#include "ingress/credentialstore.h"
#include "ingress/ingressserver.h"
#include "ingress/sourceregistry.h"
#include "ingress/webhooklog.h"
#include "store/database.h"
#include "store/migrator.h"

#include <QDir>
#include <QLoggingCategory>

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
    settings->reconnectMax = m_config.duration(QStringLiteral("store.reconnect_max"));
    m_database = std::make_unique<Store::Database>(*settings);

    QSqlDatabase db = m_database->connection(error);
    if (!db.isOpen()) {
        m_database.reset();
        return false;
    }
    Store::Migrator migrator;
    if (migrator.migrate(db, error) < 0) {
        m_database.reset();
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
        m_journal.reset();
        m_database.reset();
        return false;
    }

    // Processing tails the journal on its own thread, from the cursor the last run committed.
    Processing::Processor::Options po;
    po.batchSize = int(m_config.integer(QStringLiteral("processing.batch_size")));
    po.maxAttempts = int(m_config.integer(QStringLiteral("processing.max_attempts")));
    po.retryBase = m_config.duration(QStringLiteral("processing.retry_base"));
    po.notify = Routing::NotifySettings::fromConfig(m_config);
    m_processor =
        std::make_unique<Processing::Processor>(m_database.get(), m_journal.get(), po, m_metrics.get());
    if (!m_processor->start(error)) {
        m_processor.reset();
        m_journal->stop();
        m_journal.reset();
        m_database.reset();
        return false;
    }
    if (m_config.boolean(QStringLiteral("delivery.enabled"))) {
        m_delivery = std::make_unique<Delivery::DeliveryWorker>(
            m_database.get(), Delivery::WorkerOptions::fromConfig(m_config));
        if (!m_delivery->start(error)) {
            m_delivery.reset();
            m_processor->stop();
            m_processor.reset();
            m_journal->stop();
            m_journal.reset();
            m_database.reset();
            return false;
        }
        // Rows a processing batch just committed are picked up at once instead of at the next poll.
        Delivery::DeliveryWorker *worker = m_delivery.get();
        connect(m_processor.get(), &Processing::Processor::processed, worker, [worker] { worker->wake(); },
                Qt::DirectConnection);
    }
    // The ingress comes last: webhooks are only accepted once everything behind the journal runs.
    if (!startIngress(error)) {
        stopIngress();
        if (m_delivery)
            m_delivery->stop();
        m_delivery.reset();
        m_processor->stop();
        m_processor.reset();
        m_journal->stop();
        m_journal.reset();
        m_database->releaseThreadConnection();
        m_database.reset();
        return false;
    }
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_running = true;
    qCInfo(lcEngine).noquote() << "engine started on" << settings->displayName() << "schema version"
                               << m_schemaVersion;
    Q_EMIT started();
    return true;
}

void Engine::stop()
{
    if (!m_running)
        return;
    m_running = false;
    // No new webhooks; the journal then settles every pending append (their answers go nowhere: the
    // connections are closed; the sender retries and the journal dedupes) while the ingress object that
    // their continuations run on still exists. Only then is the ingress destroyed.
    if (m_ingress)
        m_ingress->close();
    if (m_delivery)
        m_delivery->stop(); // nothing new is sent while the rest shuts down
    m_delivery.reset();
    if (m_processor)
        m_processor->stop();
    m_processor.reset();
    if (m_journal)
        m_journal->stop();
    stopIngress();
    m_journal.reset();
    if (m_database)
        m_database->releaseThreadConnection();
    m_database.reset();
    qCInfo(lcEngine) << "engine stopped";
    Q_EMIT stopped();
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
    m_ingress = std::make_unique<Ingress::IngressServer>(Ingress::IngressServer::optionsFromConfig(m_config),
                                                         m_sources.get(), m_credentials.get(), m_journal.get(),
                                                         m_metrics.get(), m_webhookLog.get());
    // Ready: the journal takes writes and the schema is the one this binary knows.
    const int latest = Store::Migrator().latestVersion();
    Events::Journal *journal = m_journal.get();
    const int schema = m_schemaVersion;
    m_ingress->setReadinessCheck([journal, schema, latest]() -> Error {
        if (!journal->isWritable())
            return Error::make(QString::fromLatin1(ErrorCode::StoreUnavailable),
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

} // namespace WedSync::Node
