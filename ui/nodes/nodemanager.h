// The nodes this console watches: one NodeClient per node (the embedded engine and any remote ones), their
// latest info (polled every few seconds for throughput and lag), connection history, and which node the
// dashboards currently show. Lives on the GUI thread; owns the clients.
#pragma once

#include "client/nodeclient.h"
#include "common/roles.h"

#include <QList>
#include <QObject>
#include <QTimer>

namespace WedSync::Ui {

class NodeManager : public QObject
{
    Q_OBJECT
public:
    struct Node
    {
        Client::NodeClient *client = nullptr; // owned
        QUrl url;
        bool embedded = false;
        Client::NodeInfo info;
        Client::ConnectionState state = Client::ConnectionState::Disconnected;
        QString reason;     // why the last state change happened
        int reconnects = 0; // how many times the connection dropped and came back
        int lagMs = -1;     // round trip of the last node.info poll; -1 until measured
        bool everConnected = false;
    };

    explicit NodeManager(QObject *parent = nullptr);
    ~NodeManager() override;

    // Connects and returns the node's index. An URL already present is reconnected with the new token.
    int addNode(const QUrl &url, const QByteArray &token, bool embedded = false);
    void removeNode(int index);
    int count() const { return int(m_nodes.size()); }
    const Node &node(int index) const { return m_nodes.at(index); }
    int indexOf(const QUrl &url) const;
    int indexOf(const Client::NodeClient *client) const;

    int current() const { return m_current; }
    void setCurrent(int index);
    Client::NodeClient *currentClient() const;
    Role currentRole() const;

    // How far behind the node this console is: the round trip of the last info poll in ms (-1 = unknown).
    int lagMs(int index) const;
    void setPollInterval(int ms) { m_poll.setInterval(ms); }

Q_SIGNALS:
    void nodeAdded(int index);
    void nodeRemoved(int index);
    void nodeChanged(int index);
    void currentChanged(WedSync::Client::NodeClient *client);
    // Every event batch of the current node (dashboards subscribe through the client, and listen here).
    void eventsReceived(const QList<WedSync::Client::TopicEvent> &events);

private:
    void poll();
    static Client::NodeInfo parseInfo(const QJsonObject &o, const Client::NodeInfo &fallback);
    QList<Node> m_nodes;
    int m_current = -1;
    QTimer m_poll;
};

} // namespace WedSync::Ui
