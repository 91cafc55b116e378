// Drives the real main window against an embedded engine (node server on loopback, the console's NodeClient
// path): live events, filters, the detail pane's correlation chain, export, follow/pause, roles, shortcuts,
// and screenshots of every dashboard under <build>/screenshots for review.
#include "common/messagebar.h"
#include "deliveries/deliveriespage.h"
#include "events/eventspage.h"
#include "health/healthpage.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/nodestatuswidget.h"
#include "mainwindow/shortcutsdialog.h"
#include "models/eventstreammodel.h"
#include "nodefixture.h"
#include "nodes/nodemanager.h"
#include "nodes/nodesmodel.h"
#include "nodes/nodespage.h"
#include "nodes/tokenstore.h"
#include "settings/consolesettings.h"
#include "simulate/simulator.h"
#include "simulate/webhookfactory.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QJsonDocument>
#include <QListWidget>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Ui;

class tst_MainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void connectsToEmbeddedEngine();
    void eventsAppearLive();
    void filterNarrowsHistoryAndLive();
    void detailShowsNavigableChain();
    void followPausesAndJumpsToLive();
    void exportWritesFilteredRows();
    void shortcutsSwitchPages();
    void viewerRoleDisablesActionsAndDenialIsPlain();
    void screenshots();
    void webhookThroughIngressAppearsLive();
    void demoTrafficActionAndFirstRunOffer();
    void demoTrafficScreenshot();

private:
    Events::Event event(const QString &id, const QString &source, const QString &type, const QString &wedding,
                        const QString &correlation, const QString &causation = QString());
    Test::NodeFixture m_node;
    QTemporaryDir m_dir;
    std::unique_ptr<ConsoleSettings> m_settings;
    std::unique_ptr<MemoryTokenStore> m_tokens;
    std::unique_ptr<NodeManager> m_nodes;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_rootSeq = 0;
};

Events::Event tst_MainWindow::event(const QString &id, const QString &source, const QString &type,
                                    const QString &wedding, const QString &correlation,
                                    const QString &causation)
{
    Events::Event e = Test::makeNodeEvent(id, source, type, wedding);
    e.correlationId = correlation;
    e.causationId = causation;
    return e;
}

void tst_MainWindow::initTestCase()
{
    WEDSYNC_INIT_BACKEND();
    QVERIFY(m_node.start(QString(), {}, true));
    m_settings = std::make_unique<ConsoleSettings>(m_dir.filePath(QStringLiteral("console.ini")));
    m_tokens = std::make_unique<MemoryTokenStore>();
    m_nodes = std::make_unique<NodeManager>();
    m_window = std::make_unique<MainWindow>(m_nodes.get(), m_tokens.get(), m_settings.get());
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->eventsPage()->model()->setFlushInterval(10);
}

void tst_MainWindow::cleanupTestCase()
{
    m_window.reset();
    m_nodes.reset();
    m_node.engine.reset();
    Test::TestBackend::cleanup();
}

void tst_MainWindow::connectsToEmbeddedEngine()
{
    QAbstractItemModelTester tester(m_window->nodesPage()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_nodes->addNode(m_node.url(), m_node.engine->embeddedToken(), true);
    QTRY_COMPARE(m_nodes->node(0).state, Client::ConnectionState::Connected);
    QTRY_COMPARE(m_nodes->currentRole(), Role::Admin);
    QCOMPARE(m_window->nodesPage()->model()->rowCount(), 1);
    QTRY_VERIFY2(m_window->nodeStatus()->summaryText().contains(QStringLiteral("Connected")) &&
                     m_window->nodeStatus()->summaryText().contains(QStringLiteral(" ms")),
                 qPrintable(m_window->nodeStatus()->summaryText()));
    const QModelIndex version = m_window->nodesPage()->model()->index(0, 4);
    QTRY_VERIFY(!version.data().toString().isEmpty());
}

void tst_MainWindow::eventsAppearLive()
{
    EventStreamModel *model = m_window->eventsPage()->model();
    QTRY_VERIFY(m_nodes->currentClient()->lastSeq(QStringLiteral("events")) >= 0);
    m_rootSeq = m_node.append(
        {event(QStringLiteral("pi_1"), QStringLiteral("stripe"), QStringLiteral("payment.received"),
               QStringLiteral("wed_ana_luis"), QStringLiteral("cor_1"))});
    m_node.append(
        {event(QStringLiteral("inv_1"), QStringLiteral("calendly"), QStringLiteral("booking.created"),
               QStringLiteral("wed_sofia_marc"), QStringLiteral("cor_2")),
         event(QStringLiteral("rcpt_1"), QStringLiteral("engine"), QStringLiteral("email.send"),
               QStringLiteral("wed_ana_luis"), QStringLiteral("cor_1"), QStringLiteral("pi_1"))});
    QTRY_COMPARE(model->rowCount(), 3);
    QCOMPARE(model->data(model->index(0, EventStreamModel::SourceColumn)).toString(),
             QStringLiteral("stripe"));
    QCOMPARE(model->data(model->index(1, EventStreamModel::TypeColumn)).toString(),
             QStringLiteral("booking.created"));
    QCOMPARE(model->data(model->index(0, 0), EventStreamModel::SeqRole).toLongLong(), m_rootSeq);
}

void tst_MainWindow::filterNarrowsHistoryAndLive()
{
    EventsPage *page = m_window->eventsPage();
    EventStreamModel *model = page->model();
    page->setFilter(EventFilter{QStringLiteral("calendly"), {}, {}, {}, {}});
    QCOMPARE(model->rowCount(), 1); // held rows filtered at once
    // New events: only the matching one arrives (server-side filter), and the client keeps it.
    m_node.append(
        {event(QStringLiteral("pi_2"), QStringLiteral("stripe"), QStringLiteral("payment.received"),
               QStringLiteral("wed_ana_luis"), QStringLiteral("cor_3")),
         event(QStringLiteral("inv_2"), QStringLiteral("calendly"), QStringLiteral("booking.cancelled"),
               QStringLiteral("wed_sofia_marc"), QStringLiteral("cor_4"))});
    QTRY_COMPARE(model->rowCount(), 2);
    QCOMPARE(model->data(model->index(1, EventStreamModel::TypeColumn)).toString(),
             QStringLiteral("booking.cancelled"));
    // Free text narrows further.
    page->setFilter(EventFilter{QStringLiteral("calendly"), {}, {}, {}, QStringLiteral("CANCELLED")});
    QCOMPARE(model->rowCount(), 1);
    // Widening again: the rows filtered out are fetched back from the node with Load older.
    page->setFilter(EventFilter{});
    QTRY_VERIFY(model->rowCount() >= 1);
    page->loadOlder();
    QTRY_COMPARE(model->rowCount(), 5);
    QCOMPARE(model->oldestSeq(), m_rootSeq);
}

void tst_MainWindow::detailShowsNavigableChain()
{
    EventsPage *page = m_window->eventsPage();
    const int row = page->model()->rowForSeq(m_rootSeq);
    QVERIFY(row >= 0);
    page->view()->setCurrentIndex(page->model()->index(row, 0));
    QTRY_VERIFY(page->detailView()->toPlainText().contains(QStringLiteral("payment.received")));
    QVERIFY(page->detailView()->toPlainText().contains(QStringLiteral("wed_ana_luis")));
    QTRY_COMPARE(page->chainView()->count(), 2); // the payment and the receipt it caused
    QListWidgetItem *receipt = nullptr;
    for (int i = 0; i < page->chainView()->count(); ++i) {
        if (page->chainView()->item(i)->text().contains(QStringLiteral("email.send")))
            receipt = page->chainView()->item(i);
    }
    QVERIFY(receipt);
    QSignalSpy shown(page, &EventsPage::detailShown);
    // Keyboard: focus the chain, select the receipt, Enter opens it.
    page->chainView()->setFocus();
    page->chainView()->setCurrentItem(receipt);
    QTest::keyClick(page->chainView(), Qt::Key_Return);
    QTRY_VERIFY(page->detailView()->toPlainText().contains(QStringLiteral("email.send")));
    QVERIFY(!shown.isEmpty());
}

void tst_MainWindow::followPausesAndJumpsToLive()
{
    m_window->showPage(MainWindow::EventsPageIndex);
    EventsPage *page = m_window->eventsPage();
    QList<Events::Event> many;
    for (int i = 0; i < 300; ++i)
        many.append(event(QStringLiteral("bulk_%1").arg(i), QStringLiteral("zapier"),
                          QStringLiteral("form.submitted"), QStringLiteral("wed_%1").arg(i % 7),
                          QStringLiteral("cor_b%1").arg(i)));
    m_node.append(many);
    QTRY_COMPARE(page->model()->rowCount(), 305);
    page->jumpToLive();
    QVERIFY(page->isFollowing());
    QScrollBar *bar = page->view()->verticalScrollBar();
    QTRY_COMPARE(bar->value(), bar->maximum());
    bar->setValue(0); // the user scrolls up
    QVERIFY(!page->isFollowing());
    m_node.append({event(QStringLiteral("late_1"), QStringLiteral("zapier"), QStringLiteral("form.submitted"),
                         QStringLiteral("wed_1"), QStringLiteral("cor_late"))});
    QTRY_COMPARE(page->model()->rowCount(), 306);
    QCOMPARE(bar->value(), 0); // stays where the user is
    QTest::keyClick(m_window.get(), Qt::Key_End);
    QVERIFY(page->isFollowing());
    QTRY_COMPARE(bar->value(), bar->maximum());
}

void tst_MainWindow::exportWritesFilteredRows()
{
    EventsPage *page = m_window->eventsPage();
    page->setFilter(EventFilter{{}, {}, {}, QStringLiteral("wed_3"), {}});
    const int rows = page->model()->rowCount();
    QVERIFY(rows > 10);
    for (const QString &name : {QStringLiteral("out.jsonl"), QStringLiteral("out.csv")}) {
        const QString path = m_dir.filePath(name);
        QSignalSpy done(page, &EventsPage::exportFinished);
        QString error;
        QVERIFY2(page->exportTo(path, &error), qPrintable(error));
        QVERIFY(done.wait(10000));
        QCOMPARE(done.at(0).at(0).toBool(), true);
        QCOMPARE(done.at(0).at(1).toLongLong(), qint64(rows));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        const bool csv = name.endsWith(QLatin1String(".csv"));
        QCOMPARE(lines.size(), rows + (csv ? 1 : 0));
        QVERIFY(lines.last().contains("wed_3"));
        if (!csv)
            QVERIFY(
                !QJsonDocument::fromJson(lines.first()).object().value(QStringLiteral("seq")).isUndefined());
    }
    page->setFilter(EventFilter{});
}

void tst_MainWindow::shortcutsSwitchPages()
{
    m_window->activateWindow();
    const QList<QPair<Qt::Key, int>> keys = {{Qt::Key_1, MainWindow::HealthPageIndex},
                                             {Qt::Key_2, MainWindow::EventsPageIndex},
                                             {Qt::Key_3, MainWindow::DeliveriesPageIndex},
                                             {Qt::Key_4, MainWindow::NodesPageIndex}};
    for (const auto &[key, page] : keys) {
        QTest::keyClick(m_window.get(), key, Qt::ControlModifier);
        QCOMPARE(m_window->currentPage(), page);
    }
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(m_window->currentPage(), int(MainWindow::EventsPageIndex));
    ShortcutsDialog dialog(m_window->shortcutActions());
    QVERIFY(dialog.rowCount() >= 12);
    for (QAction *a : m_window->shortcutActions())
        QVERIFY2(!a->shortcut().isEmpty(), qPrintable(a->text()));
}

void tst_MainWindow::viewerRoleDisablesActionsAndDenialIsPlain()
{
    const QByteArray viewerToken = m_node.token(Node::Role::Viewer, QStringLiteral("coordinator"));
    QVERIFY(!viewerToken.isEmpty());
    NodeManager viewerNodes;
    MemoryTokenStore tokens;
    ConsoleSettings settings(m_dir.filePath(QStringLiteral("viewer.ini")));
    MainWindow viewerWindow(&viewerNodes, &tokens, &settings);
    viewerNodes.addNode(m_node.url(), viewerToken);
    QTRY_COMPARE(viewerNodes.currentRole(), Role::Viewer);
    QPushButton *replay = viewerWindow.deliveriesPage()->replayButton();
    QTRY_VERIFY(!replay->isEnabled());
    QVERIFY2(replay->toolTip().contains(QStringLiteral("viewer")), qPrintable(replay->toolTip()));
    QVERIFY(replay->toolTip().contains(QStringLiteral("operator")));
    QVERIFY(
        viewerWindow.deliveriesPage()->toggleButton()->toolTip().contains(QStringLiteral("administrator")));
    // The server decides; its denial is shown in words with the code.
    Client::Result denied;
    bool answered = false;
    viewerNodes.currentClient()->command(QStringLiteral("token.create"),
                                         QJsonObject{{QStringLiteral("role"), QStringLiteral("admin")},
                                                     {QStringLiteral("name"), QStringLiteral("x")}},
                                         [&](const Client::Result &r) {
                                             denied = r;
                                             answered = true;
                                         });
    QTRY_VERIFY(answered);
    QCOMPARE(denied.errorCode, QStringLiteral("FORBIDDEN"));
    const QString text = MessageBar::describe(QStringLiteral("Creating a token"), denied);
    QVERIFY2(text.contains(QStringLiteral("FORBIDDEN")) && text.contains(QStringLiteral("role")),
             qPrintable(text));
}

void tst_MainWindow::screenshots()
{
    QDir().mkpath(QStringLiteral(WEDSYNC_SCREENSHOT_DIR));
    const QStringList names = {QStringLiteral("health"), QStringLiteral("events"),
                               QStringLiteral("deliveries"), QStringLiteral("nodes")};
    EventsPage *events = m_window->eventsPage();
    for (int page = 0; page < names.size(); ++page) {
        m_window->showPage(page);
        if (page == MainWindow::EventsPageIndex) {
            events->view()->setCurrentIndex(events->model()->index(events->model()->rowForSeq(m_rootSeq), 0));
            QTRY_VERIFY(events->chainView()->count() > 0);
        }
        QTest::qWait(50);
        const QString path = QStringLiteral(WEDSYNC_SCREENSHOT_DIR "/%1.png").arg(names.at(page));
        QVERIFY(m_window->grab().save(path));
        QVERIFY(QFileInfo(path).size() > 1000);
    }
}

// The whole path: a correctly signed webhook POSTed over HTTP to the engine's ingress is verified, journaled
// and pushed through the node server to the console's live stream.
void tst_MainWindow::webhookThroughIngressAppearsLive()
{
    EventsPage *page = m_window->eventsPage();
    EventStreamModel *model = page->model();
    page->setFilter(EventFilter{});
    page->jumpToLive();
    const Simulate::SimulatorSecrets secrets = Simulate::SimulatorSecrets::generate();
    Error error;
    QVERIFY2(secrets.install(m_node.engine->credentials(), &error), qPrintable(error.message));
    Simulate::WebhookFactory factory(secrets, 7);
    const Simulate::SimulatedRequest webhook =
        factory.make(QStringLiteral("custom_crm"), Simulate::Fault::None, QDateTime::currentDateTimeUtc());
    const quint16 port = m_node.engine->ingressPort();
    QVERIFY(port != 0);
    const auto customCrmRows = [model] {
        int n = 0;
        for (int row = 0; row < model->rowCount(); ++row)
            n += model->data(model->index(row, EventStreamModel::SourceColumn)).toString() ==
                 QLatin1String("custom_crm");
        return n;
    };
    const int before = customCrmRows();

    QNetworkAccessManager nam;
    QNetworkRequest request(
        QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port) + QString::fromLatin1(webhook.target)));
    for (const auto &[name, value] : webhook.headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = nam.post(request, webhook.body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();

    QTRY_COMPARE_WITH_TIMEOUT(customCrmRows(), before + 1, 10000);
    const int last = model->rowCount() - 1;
    QCOMPARE(model->data(model->index(last, EventStreamModel::SourceColumn)).toString(),
             QStringLiteral("custom_crm"));
}

void tst_MainWindow::demoTrafficActionAndFirstRunOffer()
{
    QAction *action = m_window->demoTrafficAction();
    QVERIFY(m_window->shortcutActions().contains(action));
    QVERIFY(!action->shortcut().isEmpty());
    QVERIFY(!action->isEnabled()); // until the embedded engine's ingress is up
    m_window->setDemoTrafficAvailable(true);
    QVERIFY(action->isEnabled());
    QSignalSpy requested(m_window.get(), &MainWindow::demoTrafficRequested);
    action->trigger();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toBool(), true);
    QVERIFY(!action->isChecked()); // shown when the application says it runs
    m_window->setDemoTrafficRunning(true, 8080, QString());
    QVERIFY(action->isChecked());
    QVERIFY(m_window->isDemoTrafficRunning());
    m_window->setDemoTrafficRunning(false, 8080, QString());
    QVERIFY(!m_window->isDemoTrafficRunning());

    m_window->offerDemoTraffic();
    auto *offer = qobject_cast<QMessageBox *>(m_window->demoOffer());
    QVERIFY(offer);
    QVERIFY(offer->isVisible());
    QCOMPARE(offer->windowModality(), Qt::NonModal);
    QAbstractButton *accept = nullptr;
    for (QAbstractButton *b : offer->buttons())
        if (offer->buttonRole(b) == QMessageBox::AcceptRole)
            accept = b;
    QVERIFY(accept);
    accept->click();
    QCOMPARE(requested.size(), 2);
    QCOMPARE(requested.at(1).at(0).toBool(), true);
    QTRY_VERIFY(!m_window->demoOffer());
    m_window->setDemoTrafficAvailable(false);
}

// Demo traffic (the simulator at the console's rate) into the embedded engine; the Events page for review.
void tst_MainWindow::demoTrafficScreenshot()
{
    EventsPage *events = m_window->eventsPage();
    EventStreamModel *model = events->model();
    events->setFilter(EventFilter{});
    events->jumpToLive();
    m_window->showPage(MainWindow::EventsPageIndex);
    const int before = model->rowCount();
    const Simulate::SimulatorSecrets secrets = Simulate::SimulatorSecrets::generate();
    Error error;
    QVERIFY2(secrets.install(m_node.engine->credentials(), &error), qPrintable(error.message));
    Simulate::Simulator::Options o;
    o.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_node.engine->ingressPort()));
    o.rate = 20;
    o.badShare = 0.1;
    o.duration = std::chrono::milliseconds(0);
    o.seed = 11;
    Simulate::Simulator simulator(o, secrets);
    QSignalSpy finished(&simulator, &Simulate::Simulator::finished);
    simulator.start();
    m_window->setDemoTrafficRunning(true, m_node.engine->ingressPort(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= before + 25, 20000);
    events->view()->setCurrentIndex(model->index(model->rowCount() - 1, 0));
    QTest::qWait(100);
    QDir().mkpath(QStringLiteral(WEDSYNC_SCREENSHOT_DIR));
    const QString path = QStringLiteral(WEDSYNC_SCREENSHOT_DIR "/events-demo.png");
    QVERIFY(m_window->grab().save(path));
    QVERIFY(QFileInfo(path).size() > 1000);
    simulator.stop();
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() > 0, 10000); // at once when nothing is in flight
    m_window->setDemoTrafficRunning(false, 0, QString());
    QCOMPARE(simulator.stats().unexpected, 0);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
