#include "engine.h"

#include "delivery/deliveryworker.h"
#include "events/journal.h"
#include "health/metrics.h"
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
        if (m_config.boolean(QStringLiteral("delivery.enabled"))) {
            m_delivery = std::make_unique<Delivery::DeliveryWorker>(
                m_database.get(), Delivery::WorkerOptions::fromConfig(m_config));
            if (!m_delivery->start(error)) {
                m_delivery.reset();
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
        if (m_journal)
            m_journal->stop();
        m_journal.reset();
        if (m_database)
            m_database->releaseThreadConnection();
        m_database.reset();
        qCInfo(lcEngine) << "engine stopped";
        Q_EMIT stopped();
    }

} // namespace WedSync::Node
