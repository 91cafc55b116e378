#include "engine.h"

#include "delivery/deliveryworker.h"
#include "events/journal.h"
#include "health/metrics.h"
#include "processing/processor.h"
#include "routing/rules.h"
#include "store/database.h"
#include "store/migrator.h"

#include <QDir>
#include <QLoggingCategory>

static Q_LOGGING_CATEGORY(lcEngine, "wedsync.engine", QtInfoMsg)

    namespace WedSync::Node
{

    Engine::Engine(Config config, QObject * parent)
        : QObject(parent)
        , m_config(std::move(config))
        , m_metrics(std::make_unique<Health::Metrics>())
    {}

    Engine::~Engine()
    {
        stop();
    }

    bool Engine::start(Error * error)
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
        auto settings = Store::DatabaseSettings::fromUrl(m_config.string(QStringLiteral("store.database")),
                                                         dataDir, error);
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
        m_processor = std::make_unique<Processing::Processor>(m_database.get(), m_journal.get(), po,
                                                              m_metrics.get());
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
        if (m_delivery)
            m_delivery->stop(); // first: nothing new is sent while the rest shuts down
        m_delivery.reset();
        if (m_processor)
            m_processor->stop(); // before the journal it reads
        m_processor.reset();
        if (m_journal)
            m_journal->stop();
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

} // namespace WedSync::Node
