// The console's main window: a navigation rail of dashboards (Health, Events, Deliveries, Nodes), the
// dashboard stack, the window's actions and shortcuts, and a status bar with each node's connection state
// and lag. The dashboards are classes of their own under ui/<dashboard>/.
#pragma once

#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace WedSync::Ui {

class ConsoleSettings;
class DeliveriesPage;
class EventsPage;
class HealthPage;
class NodeManager;
class NodesPage;
class NodeStatusWidget;
class TokenStore;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page { HealthPageIndex, EventsPageIndex, DeliveriesPageIndex, NodesPageIndex, PageCount };

    MainWindow(NodeManager *nodes, TokenStore *tokens, ConsoleSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Shown in the status bar: which engine the console talks to.
    void setEngineDescription(const QString &description);
    // The embedded engine's life, in the status bar (and a dialog when it cannot start).
    void embeddedEngineStarting();
    void embeddedEngineStarted(int schemaVersion);
    void embeddedEngineFailed(const QString &code, const QString &message);
    void watchingRemoteNodes(int count);
    // Where the embedded engine's webhook ingress listens; fallback = the configured port was taken.
    void ingressListening(quint16 port, bool fallback);

    // Demo traffic (the simulator sending signed webhooks to the embedded engine's ingress). The window only
    // asks for it (demoTrafficRequested) and shows the state it is told; the application runs the simulator.
    void setDemoTrafficAvailable(bool available);
    // running: webhooks are being sent to the ingress on port; error: why demo traffic could not start.
    void setDemoTrafficRunning(bool running, quint16 port, const QString &error);
    bool isDemoTrafficRunning() const;
    // The first-run offer: a small non-modal prompt; accepting asks for demo traffic.
    void offerDemoTraffic();
    QAction *demoTrafficAction() const { return m_demoAction; }
    QWidget *demoOffer() const { return m_demoOffer; }

    void showPage(int page);
    int currentPage() const;

    HealthPage *healthPage() const { return m_health; }
    EventsPage *eventsPage() const { return m_events; }
    DeliveriesPage *deliveriesPage() const { return m_deliveries; }
    NodesPage *nodesPage() const { return m_nodesPage; }
    NodeStatusWidget *nodeStatus() const { return m_nodeStatus; }
    QList<QAction *> shortcutActions() const { return m_shortcutActions; }

    void showShortcuts();
    void showSettings();

Q_SIGNALS:
    void demoTrafficRequested(bool on);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void focusFilter();

    NodeManager *m_nodes;        // not owned
    ConsoleSettings *m_settings; // not owned
    QListWidget *m_rail;
    QStackedWidget *m_stack;
    HealthPage *m_health;
    EventsPage *m_events;
    DeliveriesPage *m_deliveries;
    NodesPage *m_nodesPage;
    NodeStatusWidget *m_nodeStatus;
    QLabel *m_engineLabel;
    QLabel *m_demoLabel;
    QAction *m_demoAction = nullptr;
    QPointer<QWidget> m_demoOffer;
    QList<QAction *> m_shortcutActions;
};

} // namespace WedSync::Ui
