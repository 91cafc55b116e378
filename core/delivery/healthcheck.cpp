#include "delivery/healthcheck.h"

#include "common/config.h"
#include "delivery/deliveryworker.h"
#include "health/monitor.h"
#include "routing/notifier.h"
#include "store/database.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

namespace WedSync::Delivery {

static Q_LOGGING_CATEGORY(lcHealthCheck, "wedsync.delivery.health", QtInfoMsg)

ChannelHealthOptions ChannelHealthOptions::fromConfig(const Config &config, const WorkerOptions &worker)
{
    ChannelHealthOptions o;
    o.intervalMs = config.duration(QStringLiteral("delivery.health_interval")).count();
    o.ssrf = worker.ssrf;
    const Routing::NotifySettings n = Routing::NotifySettings::fromConfig(config);
    auto add = [&](const QString &target, const QString &kind, const QString &url) {
        if (!url.isEmpty())
            o.channels.append(Channel{target, kind, QUrl(url)});
    };
    add(Routing::Targets::slack, QStringLiteral("slack"), n.slackWebhookUrl);
    add(Routing::Targets::slackCatering, QStringLiteral("slack"), n.slackCateringWebhookUrl);
    // WhatsApp is configured once there is a messages URL, or a phone id for the API base (which has a
    // default, so the base alone says nothing about whether the channel is in use).
    if (!n.whatsappMessagesUrl.isEmpty())
        add(Routing::Targets::whatsapp, QStringLiteral("whatsapp"), n.whatsappMessagesUrl);
    else if (!n.whatsappPhoneId.isEmpty())
        add(Routing::Targets::whatsapp, QStringLiteral("whatsapp"), n.whatsappUrl);
    add(Routing::Targets::email, QStringLiteral("email"), n.emailUrl);
    for (auto it = worker.connectors.cbegin(); it != worker.connectors.cend(); ++it)
        add(it.key(), QStringLiteral("connector"), it->baseUrl.toString());
    return o;
}

QJsonObject ChannelStatus::toJson() const
{
    return QJsonObject{{QStringLiteral("target"), target},
                       {QStringLiteral("kind"), kind},
                       {QStringLiteral("url"), url},
                       {QStringLiteral("healthy"), healthy()},
                       {QStringLiteral("reachable"), reachable},
                       {QStringLiteral("probe_ms"), probeMs},
                       {QStringLiteral("breaker"), breaker},
                       {QStringLiteral("disabled"), disabled},
                       {QStringLiteral("backlog"), backlog},
                       {QStringLiteral("oldest_due_ms"), oldestDueMs},
                       {QStringLiteral("problem"), problem},
                       {QStringLiteral("detail"), detail}};
}

ChannelHealthCheck::ChannelHealthCheck(Store::Database *database, ChannelHealthOptions options,
                                       Health::Monitor *monitor, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_options(std::move(options))
    , m_monitor(monitor)
    , m_guard(m_options.ssrf)
{}

ChannelHealthCheck::~ChannelHealthCheck()
{
    stop();
}

qint64 ChannelHealthCheck::now() const
{
    return m_options.clock ? m_options.clock() : QDateTime::currentMSecsSinceEpoch();
}

void ChannelHealthCheck::start()
{
    if (m_thread)
        return;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("wedsync-channel-health"));
    m_timer = new QTimer;
    m_timer->setInterval(int(qBound<qint64>(1, m_options.intervalMs, qint64(INT_MAX))));
    m_timer->moveToThread(m_thread);
    connect(m_timer, &QTimer::timeout, m_timer, [this] { checkNow(); });
    m_thread->start();
    QMetaObject::invokeMethod(m_timer, [this] {
        m_timer->start();
        checkNow();
    });
    qCInfo(lcHealthCheck).noquote() << "checking" << m_options.channels.size() << "channel(s) every"
                                    << m_options.intervalMs << "ms";
}

void ChannelHealthCheck::stop()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(
        m_timer,
        [this] {
            m_timer->stop();
            delete m_timer;
            m_database->releaseThreadConnection();
        },
        Qt::BlockingQueuedConnection);
    m_timer = nullptr;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

ChannelStatus ChannelHealthCheck::checkOne(const Channel &c, qint64 now)
{
    ChannelStatus s;
    s.target = c.target;
    s.kind = c.kind;
    s.url = c.url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
    s.breaker = QStringLiteral("closed");

    QSqlDatabase db = m_database->connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT state, disabled_at FROM delivery_targets WHERE target = ?"));
    q.addBindValue(c.target);
    if (q.exec() && q.next()) {
        s.breaker = q.value(0).toString();
        s.disabled = !q.value(1).isNull();
    }
    q.finish();
    q.prepare(QStringLiteral("SELECT COUNT(*), MIN(next_attempt_at) FROM deliveries WHERE target = ? AND "
                             "state IN ('pending', 'retrying') AND next_attempt_at <= ?"));
    q.addBindValue(c.target);
    q.addBindValue(now);
    if (q.exec() && q.next()) {
        s.backlog = q.value(0).toInt();
        s.oldestDueMs = s.backlog > 0 ? qMax<qint64>(0, now - q.value(1).toLongLong()) : 0;
    } else {
        qCWarning(lcHealthCheck) << "backlog of" << c.target << "unreadable:" << q.lastError().text();
    }
    q.finish();

    QHostAddress approved;
    if (const Error e = m_guard.check(c.url, &approved)) {
        s.problem = e.code;
        s.detail = e.message;
    } else {
        const QString host = approved.isNull() ? c.url.host() : approved.toString();
        const int port = c.url.port(c.url.scheme() == QLatin1String("https") ? 443 : 80);
        QTcpSocket socket;
        QElapsedTimer t;
        t.start();
        if (approved.isNull())
            socket.connectToHost(host, quint16(port));
        else
            socket.connectToHost(approved, quint16(port));
        s.reachable = socket.waitForConnected(int(m_options.probeTimeoutMs));
        if (s.reachable) {
            s.probeMs = t.elapsed();
            socket.abort();
        } else {
            s.problem = QStringLiteral("UNREACHABLE");
            s.detail = QStringLiteral("%1:%2 did not accept a connection: %3")
                           .arg(c.url.host())
                           .arg(port)
                           .arg(socket.errorString());
        }
    }
    if (s.problem.isEmpty() && s.disabled) {
        s.problem = QStringLiteral("ENDPOINT_DISABLED");
        s.detail =
            QStringLiteral("disabled after failing continuously; `wedsync-node subscription enable` or "
                           "an operator re-enables it");
    }
    if (s.problem.isEmpty() && s.breaker == QLatin1String("open")) {
        s.problem = QStringLiteral("CIRCUIT_OPEN");
        s.detail = QStringLiteral("deliveries wait for the breaker's half-open probe");
    }
    if (s.problem.isEmpty() && s.backlog > 0 && s.oldestDueMs > m_options.overdueMs) {
        s.problem = QStringLiteral("BACKLOG_OVERDUE");
        s.detail = QStringLiteral("%1 due deliveries, the oldest due for %2 s")
                       .arg(s.backlog)
                       .arg(s.oldestDueMs / 1000);
    }
    return s;
}

QList<ChannelStatus> ChannelHealthCheck::checkNow()
{
    QMutexLocker lock(&m_mutex);
    const qint64 at = now();
    QList<ChannelStatus> out;
    QJsonArray json;
    QList<ChannelStatus> changed;
    for (const Channel &c : std::as_const(m_options.channels)) {
        ChannelStatus s = checkOne(c, at);
        if (m_monitor) {
            const Health::BreakerState b = s.breaker == QLatin1String("open") ? Health::BreakerState::Open
                                           : s.breaker == QLatin1String("half_open")
                                               ? Health::BreakerState::HalfOpen
                                               : Health::BreakerState::Closed;
            m_monitor->recordDelivery(c.target, s.healthy(), s.probeMs > 0 ? double(s.probeMs) : 0.0, b);
        }
        const auto last = m_lastProblem.constFind(c.target);
        const bool first = last == m_lastProblem.cend();
        if ((first && !s.healthy()) || (!first && *last != s.problem))
            changed.append(s);
        m_lastProblem.insert(c.target, s.problem);
        json.append(s.toJson());
        out.append(s);
    }
    if (!changed.isEmpty()) {
        QSqlQuery q(m_database->connection());
        q.prepare(QStringLiteral(
            "INSERT INTO delivery_alerts (target, code, message, created_at) VALUES (?, ?, ?, ?)"));
        for (const ChannelStatus &s : std::as_const(changed)) {
            const QString code = s.healthy() ? QStringLiteral("CHANNEL_RECOVERED") : s.problem;
            const QString message = s.healthy() ? QStringLiteral("%1 is healthy again").arg(s.target)
                                                : QStringLiteral("%1 unhealthy: %2").arg(s.target, s.detail);
            q.addBindValue(s.target);
            q.addBindValue(code);
            q.addBindValue(message);
            q.addBindValue(at);
            if (!q.exec())
                qCWarning(lcHealthCheck) << "cannot record the alert:" << q.lastError().text();
            if (s.healthy())
                qCInfo(lcHealthCheck).noquote() << "channel" << s.target << "recovered";
            else
                qCWarning(lcHealthCheck).noquote() << "channel" << s.target << s.problem << s.detail;
            Q_EMIT channelChanged(s.target, s.problem, s.detail);
        }
    }
    Q_EMIT checked(json);
    return out;
}

} // namespace WedSync::Delivery
