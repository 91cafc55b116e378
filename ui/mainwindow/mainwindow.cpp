#include "mainwindow.h"

#include "deliveries/deliveriespage.h"
#include "events/eventspage.h"
#include "health/healthpage.h"
#include "mainwindow/nodestatuswidget.h"
#include "mainwindow/shortcutsdialog.h"
#include "models/eventstreammodel.h"
#include "nodes/nodemanager.h"
#include "nodes/nodespage.h"
#include "settings/consolesettings.h"
#include "settings/settingsdialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>

namespace WedSync::Ui {

MainWindow::MainWindow(NodeManager *nodes, TokenStore *tokens, ConsoleSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_nodes(nodes)
    , m_settings(settings)
    , m_rail(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_health(new HealthPage(nodes, settings, m_stack))
    , m_events(new EventsPage(nodes, settings, m_stack))
    , m_deliveries(new DeliveriesPage(nodes, settings, m_stack))
    , m_nodesPage(new NodesPage(nodes, tokens, settings, m_stack))
    , m_nodeStatus(new NodeStatusWidget(nodes, this))
    , m_engineLabel(new QLabel(this))
    , m_demoLabel(new QLabel(this))
{
    setWindowTitle(tr("WedSync Console"));
    m_stack->addWidget(m_health);
    m_stack->addWidget(m_events);
    m_stack->addWidget(m_deliveries);
    m_stack->addWidget(m_nodesPage);

    m_rail->setAccessibleName(tr("Dashboards"));
    m_rail->setFrameShape(QFrame::NoFrame);
    m_rail->setIconSize(QSize(20, 20));
    m_rail->setSpacing(2);
    m_rail->setFixedWidth(150);
    const QStringList names = {tr("Health"), tr("Events"), tr("Deliveries"), tr("Nodes")};
    const QStringList tips = {tr("Integration health and alerts (Ctrl+1)"), tr("Live event stream (Ctrl+2)"),
                              tr("Deliveries, attempts and dead letters (Ctrl+3)"),
                              tr("Connected nodes (Ctrl+4)")};
    for (int i = 0; i < names.size(); ++i) {
        auto *item = new QListWidgetItem(names.at(i), m_rail);
        item->setToolTip(tips.at(i));
        item->setSizeHint(QSize(140, 34));
    }
    connect(m_rail, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0) {
            m_stack->setCurrentIndex(row);
            m_settings->setLastPage(row);
        }
    });

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_rail);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
    setTabOrder(m_rail, m_stack);

    m_engineLabel->setAccessibleName(tr("Engine"));
    // Permanent widgets, so that passing messages (left) never hide the nodes' connection state.
    m_demoLabel->setAccessibleName(tr("Demo traffic"));
    m_demoLabel->hide();
    statusBar()->addPermanentWidget(m_nodeStatus);
    statusBar()->addPermanentWidget(m_demoLabel);
    statusBar()->addPermanentWidget(m_engineLabel);

    createActions();
    resize(1200, 760);
    if (!settings->windowGeometry().isEmpty())
        restoreGeometry(settings->windowGeometry());
    if (!settings->windowState().isEmpty())
        restoreState(settings->windowState());
    showPage(std::clamp(settings->lastPage(), 0, PageCount - 1));
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    auto *exportAction = file->addAction(tr("&Export events…"), m_events, &EventsPage::exportInteractive);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    auto *settingsAction = file->addAction(tr("&Settings…"), this, &MainWindow::showSettings);
    settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_demoAction = file->addAction(tr("&Demo traffic"));
    m_demoAction->setCheckable(true);
    m_demoAction->setEnabled(false);
    m_demoAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_demoAction->setToolTip(tr("Send simulated vendor webhooks to the embedded engine"));
    connect(m_demoAction, &QAction::triggered, this, [this](bool on) {
        // The state shown follows what the application reports, not the click.
        m_demoAction->setChecked(!on);
        Q_EMIT demoTrafficRequested(on);
    });
    file->addSeparator();
    auto *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const QStringList names = {tr("&Health"), tr("&Events"), tr("&Deliveries"), tr("&Nodes")};
    QList<QAction *> pageActions;
    for (int i = 0; i < names.size(); ++i) {
        auto *a = view->addAction(names.at(i), this, [this, i] { showPage(i); });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        pageActions.append(a);
    }
    view->addSeparator();
    auto *filter = view->addAction(tr("&Filter"), this, &MainWindow::focusFilter);
    filter->setShortcut(QKeySequence::Find);
    auto *live = view->addAction(tr("Jump to &live"), this, [this] {
        showPage(EventsPageIndex);
        m_events->jumpToLive();
    });
    live->setShortcut(QKeySequence(Qt::Key_End));
    live->setShortcutContext(Qt::WindowShortcut);
    auto *older = view->addAction(tr("Load &older events"), m_events, &EventsPage::loadOlder);
    older->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Home));
    auto *refresh = view->addAction(tr("&Refresh"), this, [this] {
        m_health->refresh();
        m_deliveries->refresh();
    });
    refresh->setShortcut(QKeySequence::Refresh);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    auto *shortcuts = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About WedSync Console"), this, [this] {
        QMessageBox::about(
            this, tr("About WedSync Console"),
            tr("WedSync Console %1\nIntegration health, live events and deliveries for wedding "
               "vendor integrations.")
                .arg(QApplication::applicationVersion()));
    });

    m_shortcutActions = pageActions;
    m_shortcutActions << filter << live << older << refresh << exportAction << settingsAction << m_demoAction
                      << shortcuts << quit;
}

void MainWindow::focusFilter()
{
    if (currentPage() == HealthPageIndex) {
        m_health->focusFilter();
        return;
    }
    showPage(EventsPageIndex);
    m_events->focusFilter();
}

void MainWindow::setEngineDescription(const QString &description)
{
    m_engineLabel->setText(description);
}

void MainWindow::embeddedEngineStarting()
{
    setEngineDescription(tr("Starting the embedded engine…"));
}

void MainWindow::embeddedEngineStarted(int schemaVersion)
{
    setEngineDescription(tr("Embedded engine (schema %1)").arg(schemaVersion));
}

void MainWindow::embeddedEngineFailed(const QString &code, const QString &message)
{
    setEngineDescription(tr("Embedded engine stopped: %1").arg(code));
    QMessageBox::critical(this, tr("WedSync Console"),
                          tr("The embedded engine could not start.\n\n%1: %2").arg(code, message));
}

void MainWindow::watchingRemoteNodes(int count)
{
    setEngineDescription(tr("Watching %n remote node(s)", nullptr, count));
}

void MainWindow::ingressListening(quint16 port, bool fallback)
{
    const QString text =
        fallback ? tr("The configured webhook port was taken; the ingress listens on 127.0.0.1:%1").arg(port)
                 : tr("The webhook ingress listens on port %1").arg(port);
    statusBar()->showMessage(text, 15000);
}

void MainWindow::setDemoTrafficAvailable(bool available)
{
    m_demoAction->setEnabled(available);
    if (!available)
        m_demoAction->setToolTip(tr("Demo traffic needs the embedded engine and its webhook ingress"));
}

void MainWindow::setDemoTrafficRunning(bool running, quint16 port, const QString &error)
{
    QString description;
    if (!error.isEmpty())
        description = tr("Demo traffic could not start: %1").arg(error);
    else if (running)
        description = tr("Demo traffic running: simulated webhooks to port %1").arg(port);
    m_demoAction->setChecked(running);
    m_demoLabel->setText(description);
    m_demoLabel->setVisible(!description.isEmpty());
    // The label says it while it holds; only the end, which leaves no label, is a passing message.
    if (description.isEmpty())
        statusBar()->showMessage(tr("Demo traffic stopped"), 10000);
    else
        statusBar()->clearMessage();
}

bool MainWindow::isDemoTrafficRunning() const
{
    return m_demoAction->isChecked();
}

void MainWindow::offerDemoTraffic()
{
    if (m_demoOffer)
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Demo traffic"),
                                tr("Welcome to WedSync Console. Send simulated webhooks from wedding vendors "
                                   "(payments, bookings, enquiries) to the embedded engine, so that every "
                                   "dashboard has something to show? You can stop it at any time with "
                                   "File > Demo traffic."),
                                QMessageBox::NoButton, this);
    box->addButton(tr("Start demo traffic"), QMessageBox::AcceptRole);
    box->addButton(tr("Not now"), QMessageBox::RejectRole);
    box->setWindowModality(Qt::NonModal);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box](QAbstractButton *button) {
        if (box->buttonRole(button) == QMessageBox::AcceptRole)
            Q_EMIT demoTrafficRequested(true);
    });
    m_demoOffer = box;
    box->show();
}

void MainWindow::showPage(int page)
{
    if (page < 0 || page >= PageCount)
        return;
    m_rail->setCurrentRow(page);
    m_stack->setCurrentIndex(page);
}

int MainWindow::currentPage() const
{
    return m_stack->currentIndex();
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog dialog(m_shortcutActions, this);
    dialog.exec();
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(m_settings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_events->model()->setRowCap(m_settings->rowCap());
    if (dialog.languageChanged())
        statusBar()->showMessage(tr("The new language applies the next time the console starts."), 10000);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->sync();
    event->accept();
}

} // namespace WedSync::Ui
