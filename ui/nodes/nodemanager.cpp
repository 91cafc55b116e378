#include "nodemanager.h"

#include "common/nodeapi.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLoggingCategory>

static Q_LOGGING_CATEGORY(lcNodes, "wedsync.ui.nodes", QtInfoMsg)

namespace WedSync::Ui {

using Client::ConnectionState;
using Client::NodeClient;

NodeManager::NodeManager(QObject *parent)
    : QObject(parent)
{
    m_poll.setInterval(5000);
    connect(&m_poll, &QTimer::timeout, this, &NodeManager::poll);
    m_poll.start();
}

NodeManager::~NodeManager()
{
    for (Node &n : m_nodes) {
        n.client->disconnect(this);
        delete n.client;
    }
}

int NodeManager::indexOf(const QUrl &url) const
{
    for (int i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes.at(i).url == url)
            return i;
    }
    return -1;
}

int NodeManager::indexOf(const NodeClient *client) const
{
    for (int i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes.at(i).client == client)
            return i;
    }
    return -1;
}

int NodeManager::addNode(const QUrl &url, const QByteArray &token, bool embedded)
{
    const int existing = indexOf(url);
    if (existing >= 0) {
        m_nodes[existing].client->connectToNode(url, token);
        return existing;
    }
    Node n;
    n.client = new NodeClient;
    n.url = url;
    n.embedded = embedded;
    NodeClient *client = n.client;
    connect(client, &NodeClient::stateChanged, this,
            [this, client](ConnectionState state, const QString &reason) {
                const int i = indexOf(client);
                if (i < 0)
                    return;
                Node &node = m_nodes[i];
                if (state == ConnectionState::Connected) {
                    if (node.everConnected)
                        ++node.reconnects;
                    node.everConnected = true;
                    QTimer::singleShot(0, this, &NodeManager::poll);
                } else {
                    node.lagMs = -1;
                }
                node.state = state;
                node.reason = reason;
                qCInfo(lcNodes).noquote()
                    << "node" << node.url.toDisplayString() << "state" << int(state) << reason;
                Q_EMIT nodeChanged(i);
                if (i == m_current)
                    Q_EMIT currentChanged(client);
            });
    connect(client, &NodeClient::helloReceived, this, [this, client](const Client::NodeInfo &info) {
        const int i = indexOf(client);
        if (i < 0)
            return;
        m_nodes[i].info = info;
        Q_EMIT nodeChanged(i);
        if (i == m_current)
            Q_EMIT currentChanged(client);
    });
    connect(client, &NodeClient::eventsReceived, this,
            [this, client](const QList<Client::TopicEvent> &events) {
                const int i = indexOf(client);
                if (i < 0)
                    return;
                if (i == m_current)
                    Q_EMIT eventsReceived(events);
            });
    m_nodes.append(n);
    const int index = int(m_nodes.size()) - 1;
    Q_EMIT nodeAdded(index);
    client->connectToNode(url, token);
    if (m_current < 0)
        setCurrent(index);
    return index;
}

void NodeManager::removeNode(int index)
{
    if (index < 0 || index >= m_nodes.size())
        return;
    Node n = m_nodes.takeAt(index);
    n.client->disconnect(this);
    n.client->disconnectFromNode();
    n.client->deleteLater();
    Q_EMIT nodeRemoved(index);
    if (m_current == index) {
        m_current = -1;
        setCurrent(m_nodes.isEmpty() ? -1 : 0);
        if (m_nodes.isEmpty())
            Q_EMIT currentChanged(nullptr);
    } else if (m_current > index) {
        --m_current;
    }
}

void NodeManager::setCurrent(int index)
{
    if (index == m_current || index >= m_nodes.size())
        return;
    m_current = index;
    Q_EMIT currentChanged(currentClient());
}

NodeClient *NodeManager::currentClient() const
{
    return m_current >= 0 && m_current < m_nodes.size() ? m_nodes.at(m_current).client : nullptr;
}

Role NodeManager::currentRole() const
{
    const NodeClient *c = currentClient();
    if (!c || c->state() != ConnectionState::Connected)
        return Role::None;
    return Roles::parse(m_nodes.at(m_current).info.role);
}

int NodeManager::lagMs(int index) const
{
    return index >= 0 && index < m_nodes.size() ? m_nodes.at(index).lagMs : -1;
}

Client::NodeInfo NodeManager::parseInfo(const QJsonObject &o, const Client::NodeInfo &fallback)
{
    Client::NodeInfo info = fallback;
    if (o.contains(QStringLiteral("node")))
        info.node = o.value(QStringLiteral("node")).toString();
    if (o.contains(QStringLiteral("version")))
        info.version = o.value(QStringLiteral("version")).toString();
    if (o.contains(QStringLiteral("role")))
        info.role = o.value(QStringLiteral("role")).toString();
    if (o.contains(QStringLiteral("database")))
        info.database = o.value(QStringLiteral("database")).toString();
    if (o.contains(QStringLiteral("started_at")))
        info.startedAtMs = qint64(o.value(QStringLiteral("started_at")).toDouble());
    if (o.contains(QStringLiteral("last_seq")))
        info.lastSeq = qint64(o.value(QStringLiteral("last_seq")).toDouble());
    if (o.contains(QStringLiteral("events_per_second")))
        info.eventsPerSecond = o.value(QStringLiteral("events_per_second")).toDouble();
    return info;
}

void NodeManager::poll()
{
    for (const Node &n : std::as_const(m_nodes)) {
        if (n.state != ConnectionState::Connected)
            continue;
        NodeClient *client = n.client;
        QElapsedTimer sent;
        sent.start();
        client->query(NodeApi::queryNodeInfo(), {}, [this, client, sent](const Client::Result &r) {
            const int i = indexOf(client);
            if (i < 0 || !r.ok)
                return;
            m_nodes[i].lagMs = int(sent.elapsed());
            m_nodes[i].info = parseInfo(r.data.toObject(), m_nodes[i].info);
            Q_EMIT nodeChanged(i);
        });
    }
}

} // namespace WedSync::Ui
