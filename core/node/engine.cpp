#include "engine.h"

#include "events/journal.h"
#include "health/metrics.h"
#include "node/audit.h"
#include "node/corehandlers.h"
#include "node/journalwatcher.h"
#include "node/nodeserver.h"
#include "node/tokenstore.h"
#include "node/topic.h"
#include "store/database.h"
#include "store/migrator.h"

#include <QDir>
#include <QHostInfo>
#include <QLoggingCategory>

static Q_LOGGING_CATEGORY(lcEngine, "wedsync.engine", QtInfoMsg)

namespace WedSync::Node {

Engine::Engine(Config config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_metrics(std::make_unique<Health::Metrics>())
{
}

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
            *error = Error::make(QString::fromLatin1(ErrorCode::StoreUnavailable),
                                 QStringLiteral("cannot create the data directory %1; set node.data_dir to a writable "
                                                "folder")
                                     .arg(dataDir));
        return false;
    }
    auto settings = Store::DatabaseSettings::fromUrl(m_config.string(QStringLiteral("store.database")), dataDir, error);
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
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_tokens = std::make_unique<TokenStore>(m_database.get());
    if (!startNode(error)) {
        m_nodeServer.reset();
        m_watcher.reset();
        m_journal->stop();
        m_journal.reset();
        m_database->releaseThreadConnection();
        m_database.reset();
        return false;
    }
    m_running = true;
    qCInfo(lcEngine).noquote() << "engine started on" << settings->displayName() << "schema version" << m_schemaVersion;
    Q_EMIT started();
    return true;
}

void Engine::stop()
{
    if (!m_running)
        return;
    m_running = false;
    if (m_throughputTimer) {
        delete m_throughputTimer;
        m_throughputTimer = nullptr;
    }
    if (m_watcher)
        m_watcher->stop();
    m_watcher.reset();
    if (m_nodeServer)
        m_nodeServer->close();
    m_nodeServer.reset();
    m_audit = nullptr;
    m_embeddedToken.clear();
    m_tokens.reset();
    if (m_journal)
        m_journal->stop();
    m_journal.reset();
    if (m_database)
        m_database->releaseThreadConnection();
    m_database.reset();
    qCInfo(lcEngine) << "engine stopped";
    Q_EMIT stopped();
}

bool Engine::startNode(Error *error)
{
    NodeServerOptions o;
    QString listen = m_config.string(QStringLiteral("node.listen"));
    if (m_embedded)
        listen = QStringLiteral("127.0.0.1:0");
    o.nodeName = m_config.string(QStringLiteral("node.name"));
    if (o.nodeName.isEmpty())
        o.nodeName = QHostInfo::localHostName();
    o.tlsCert = m_config.string(QStringLiteral("node.tls_cert"));
    o.tlsKey = m_config.string(QStringLiteral("node.tls_key"));
    o.maxFrameBytes = m_config.bytes(QStringLiteral("node.max_frame_bytes"));
    o.sendQueueBytes = m_config.bytes(QStringLiteral("node.send_queue_max"));
    o.requestRate = double(m_config.integer(QStringLiteral("node.command_rate")));
    o.allowedOrigins = m_config.string(QStringLiteral("node.allowed_origins")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &s : o.allowedOrigins)
        s = s.trimmed();
    o.pingInterval = m_config.duration(QStringLiteral("node.ping_interval"));
    o.fanoutItems = int(m_config.integer(QStringLiteral("node.fanout_window")));
    const int colon = listen.lastIndexOf(QLatin1Char(':'));
    QString host = listen.left(colon);
    if (host.startsWith(QLatin1Char('[')))
        host = host.mid(1, host.size() - 2);
    o.address = host == u"*" ? QHostAddress(QHostAddress::Any)
                : host == u"localhost" ? QHostAddress(QHostAddress::LocalHost)
                                       : QHostAddress(host);
    o.port = quint16(listen.mid(colon + 1).toUInt());

    m_audit = new Audit(m_database.get()); // owned by the server once added as a topic
    m_nodeServer = std::make_unique<NodeServer>(o, m_tokens.get(), m_audit, m_metrics.get());
    m_nodeServer->addTopic(m_audit);
    m_nodeServer->addTopic(new JournalTopic(m_journal.get()));
    m_nodeServer->addTopic(new MemoryTopic(QStringLiteral("deliveries"), 10000));
    registerCoreHandlers(this, m_nodeServer.get());
    m_nodeServer->setHelloProvider([this] {
        return QJsonObject{{QStringLiteral("database"), m_database->settings().displayName()},
                           {QStringLiteral("started_at"), m_startedAt.toMSecsSinceEpoch()},
                           {QStringLiteral("last_seq"), m_journal->lastSeq()},
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
        seqGauge->set(double(m_journal->lastSeq()));
    });
    m_throughputTimer->start();
    sampleThroughput();
    seqGauge->set(double(m_journal->lastSeq()));
    return true;
}

void Engine::sampleThroughput()
{
    m_throughput.append(qMakePair(QDateTime::currentMSecsSinceEpoch(), m_journal->lastSeq()));
    while (m_throughput.size() > 13) // one minute of 5 s samples
        m_throughput.removeFirst();
}

double Engine::eventsPerSecond() const
{
    if (!m_journal || m_throughput.isEmpty())
        return 0;
    const auto &first = m_throughput.first();
    const qint64 dt = QDateTime::currentMSecsSinceEpoch() - first.first;
    if (dt < 1000)
        return 0;
    return double(m_journal->lastSeq() - first.second) * 1000.0 / double(dt);
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
