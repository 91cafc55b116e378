// The Health dashboard: integrations with their state, score, success rate, latency, circuit and an hour's
// sparkline (sortable, filterable); alerts with acknowledge (operator); the selected integration's recent
// failures. Data from the health.* queries and the "health" and "alerts" topics of the current node.
#pragma once

#include "client/nodeclient.h"

#include <QPointer>
#include <QWidget>

class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace WedSync::Ui {

class AlertsModel;
class AttemptsModel;
class ConsoleSettings;
class HealthModel;
class MessageBar;
class NodeManager;

class HealthPage : public QWidget
{
    Q_OBJECT
public:
    HealthPage(NodeManager *nodes, ConsoleSettings *settings, QWidget *parent = nullptr);
    ~HealthPage() override;

    void focusFilter();
    void refresh();

    HealthModel *healthModel() const { return m_health; }
    AlertsModel *alertsModel() const { return m_alerts; }
    QTableView *integrationsView() const { return m_integrations; }
    MessageBar *messageBar() const { return m_message; }

private:
    void attach(Client::NodeClient *client);
    void onEvents(const QList<Client::TopicEvent> &events);
    void integrationSelected();
    void acknowledgeSelected();
    void updateActions();
    // Each integration's last hour (health.trend) for its sparkline.
    void loadTrends();

    NodeManager *m_nodes;        // not owned
    ConsoleSettings *m_settings; // not owned
    QPointer<Client::NodeClient> m_client;
    HealthModel *m_health;
    QSortFilterProxyModel *m_proxy;
    AlertsModel *m_alerts;
    AttemptsModel *m_failures;
    MessageBar *m_message;
    QLineEdit *m_filter;
    QTableView *m_integrations;
    QTableView *m_alertsView;
    QTableView *m_failuresView;
    QPushButton *m_ack;
    QTimer *m_trendTimer;
};

} // namespace WedSync::Ui
