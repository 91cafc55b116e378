// Drives the real main window against an embedded engine (node server on loopback, the console's NodeClient
// path): live events, filters, the detail pane's correlation chain, export, follow/pause, roles, shortcuts,
// and screenshots of every dashboard under <build>/screenshots for review.
#include "common/messagebar.h"
#include "deliveries/deliveriespage.h"
#include "delivery/subscriptions.h"
#include "events/eventspage.h"
#include "health/healthpage.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/nodestatuswidget.h"
#include "mainwindow/shortcutsdialog.h"
#include "models/deliverymodels.h"
#include "models/eventstreammodel.h"
#include "models/healthmodel.h"
#include "nodefixture.h"
#include "nodes/nodemanager.h"
#include "nodes/nodesmodel.h"
#include "nodes/nodespage.h"
#include "nodes/tokenstore.h"
#include "settings/consolesettings.h"
#include "simulate/simulator.h"
#include "simulate/webhookfactory.h"
#include "store/database.h"

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
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Ui;

// A delivery target on loopback that answers every request with the status it is set to, and remembers
// each request's delivery id (webhook-id) and the status it got.
class TinyTarget : public QObject
{
public:
    TinyTarget()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                serve(socket);
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    int status = 500;
    QList<QPair<QByteArray, int>> requests; // (webhook-id, status answered)

private:
    void serve(QTcpSocket *socket)
    {
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            QByteArray id;
            qsizetype length = 0;
            for (const QByteArray &line : buffer->left(end).split('\n')) {
                const qsizetype colon = line.indexOf(':');
                const QByteArray name = line.left(colon).trimmed().toLower();
                if (name == "webhook-id")
                    id = line.mid(colon + 1).trimmed();
                else if (name == "content-length")
                    length = line.mid(colon + 1).trimmed().toLongLong();
            }
            if (buffer->size() < end + 4 + length)
                return; // the body is still on its way
            buffer->clear();
            requests.append({id, status});
            socket->write("HTTP/1.1 " + QByteArray::number(status) +
                          (status == 200 ? " OK" : " Internal Server Error") +
                          "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
        });
    }
    QTcpServer m_server;
};

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
    void webhookThroughIngressAppearsLive();
    void deadLetterIsReplayedAndTurnsDelivered();
    void demoTrafficActionAndFirstRunOffer();
    void demoTrafficScreenshot();
    void screenshots();

private:
    int postWebhook(const Simulate::SimulatedRequest &webhook);
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
    // Deliveries may go to the test's own loopback target (the SSRF guard refuses loopback otherwise).
    QVERIFY(m_node.start(QString(),
                         {{QStringLiteral("delivery.allow_cidrs"), QStringLiteral("127.0.0.1/32")}}, true));
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
               QStringLiteral("wed_ana_luis"), QStringLiteral("cor_1"), QStringLiteral("pi_1"))},
        {0, m_rootSeq}); // the receipt joins the payment's chain
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

int tst_MainWindow::postWebhook(const Simulate::SimulatedRequest &webhook)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_node.engine->ingressPort()) +
                                 QString::fromLatin1(webhook.target)));
    for (const auto &[name, value] : webhook.headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = nam.post(request, webhook.body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!done.wait(10000))
        return -1;
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
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
    const int rowsBefore = model->rowCount();

    QCOMPARE(postWebhook(webhook), 200);

    QTRY_COMPARE_WITH_TIMEOUT(customCrmRows(), before + 1, 10000);
    // Appended live at the tail (the events its handlers derive, from source "engine", may follow it).
    int row = model->rowCount() - 1;
    while (row >= 0 && model->data(model->index(row, EventStreamModel::SourceColumn)).toString() !=
                           QLatin1String("custom_crm"))
        --row;
    QVERIFY2(row >= rowsBefore, qPrintable(QStringLiteral("row %1 of %2").arg(row).arg(rowsBefore)));
}

// A webhook through the ingress is delivered to a subscriber that answers 500 with one attempt allowed, so
// it becomes a dead letter; on the Deliveries page the operator selects it and presses Replay selected; the
// subscriber answers 200 now and the row turns Delivered (the same delivery id reached the subscriber).
void tst_MainWindow::deadLetterIsReplayedAndTurnsDelivered()
{
    TinyTarget target;
    QVERIFY(target.listen());
    Error error;
    QSqlDatabase db = m_node.engine->database()->connection(&error);
    QVERIFY2(db.isOpen(), qPrintable(error.message));
    Delivery::Subscription sub;
    sub.url = QStringLiteral("http://127.0.0.1:%1/hooks/wedsync").arg(target.port());
    sub.eventTypes = {QStringLiteral("*")};
    sub.secret = QStringLiteral("whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=");
    sub.policy.maxAttempts = 1;
    QVERIFY2(Delivery::SubscriptionStore::add(db, &sub, &error), qPrintable(error.message));

    const Simulate::SimulatorSecrets secrets = Simulate::SimulatorSecrets::generate();
    QVERIFY2(secrets.install(m_node.engine->credentials(), &error), qPrintable(error.message));
    Simulate::WebhookFactory factory(secrets, 23);
    const qint64 before = m_node.engine->lastSeq();
    QCOMPARE(postWebhook(factory.make(QStringLiteral("custom_crm"), Simulate::Fault::None,
                                      QDateTime::currentDateTimeUtc())),
             200);
    const qint64 seq = m_node.engine->lastSeq();
    QVERIFY(seq > before);

    // The subscriber refused it once: a dead letter, shown on the Deliveries page after a refresh.
    QTRY_VERIFY_WITH_TIMEOUT(!target.requests.isEmpty(), 10000);
    const QByteArray deliveryId = target.requests.first().first;
    QVERIFY(!deliveryId.isEmpty());
    m_window->showPage(MainWindow::DeliveriesPageIndex);
    DeliveriesPage *page = m_window->deliveriesPage();
    DeadLettersModel *dead = page->deadLettersModel();
    const QString id = QString::fromLatin1(deliveryId);
    const auto stateOf = [dead, &id] {
        const int row = dead->rowOfKey(id);
        return row < 0 ? QString() : dead->index(row, 0).data(DeadLettersModel::StateRole).toString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            if (stateOf() != QLatin1String("dead"))
                page->refresh();
            return stateOf() == QLatin1String("dead");
        }(),
        10000);
    QCOMPARE(dead->rowObject(dead->rowOfKey(id)).value(QStringLiteral("status_code")).toInt(), 500);
    QVERIFY(!page->replayButton()->isEnabled()); // nothing selected yet

    // Select it in the view (sorted through a proxy) and use the page's own button.
    QTableView *view = page->deadLettersView();
    QModelIndex proxyIndex;
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        const QModelIndex i = view->model()->index(r, 0);
        if (i.data(KeyedRowsModel::KeyRole).toString() == id)
            proxyIndex = i;
    }
    QVERIFY(proxyIndex.isValid());
    view->setFocus();
    view->selectionModel()->select(proxyIndex,
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QVERIFY(page->replayButton()->isEnabled());
    target.status = 200;
    QSignalSpy replayed(page, &DeliveriesPage::replayFinished);
    QTest::mouseClick(page->replayButton(), Qt::LeftButton);
    QVERIFY(replayed.wait(10000));
    QCOMPARE(replayed.at(0).at(0).toString(), QStringLiteral("completed"));
    QCOMPARE(replayed.at(0).at(1).toInt(), 1);

    // Followed after the replay until the subscriber took it.
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(), QStringLiteral("delivered"), 15000);
    const int row = dead->rowOfKey(id);
    QCOMPARE(dead->index(row, DeadLettersModel::StateColumn).data().toString(), QStringLiteral("Delivered"));
    QCOMPARE(dead->index(row, DeadLettersModel::CodeColumn).data().toString(), QStringLiteral("200"));
    QCOMPARE(page->followedCount(), 0);
    // At-least-once: the subscriber got the same delivery id again, and took it this time.
    QVERIFY(std::any_of(target.requests.cbegin(), target.requests.cend(),
                        [&](const auto &r) { return r.first == deliveryId && r.second == 200; }));
    // A refresh keeps the delivered row (the node no longer lists it as dead).
    page->refresh();
    QTest::qWait(300);
    QCOMPARE(stateOf(), QStringLiteral("delivered"));

    // Later tests send more traffic: this subscriber stops receiving it (its target stays listed).
    QVERIFY2(Delivery::SubscriptionStore::setActive(db, sub.id, false, QStringLiteral("test over"), &error),
             qPrintable(error.message));
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

// Every dashboard after traffic has flowed (the tests above: events, a replayed dead letter, demo traffic),
// written under <build>/screenshots for review. Each page is checked for the content the picture must show.
void tst_MainWindow::screenshots()
{
    QDir().mkpath(QStringLiteral(WEDSYNC_SCREENSHOT_DIR));
    const auto save = [this](const QString &name) {
        QTest::qWait(100); // let queued repaints settle
        const QString path = QStringLiteral(WEDSYNC_SCREENSHOT_DIR "/%1.png").arg(name);
        return m_window->grab().save(path) && QFileInfo(path).size() > 1000;
    };

    // Health: integrations with scores and an hour's sparkline each.
    m_window->showPage(MainWindow::HealthPageIndex);
    HealthPage *health = m_window->healthPage();
    health->refresh();
    HealthModel *integrations = health->healthModel();
    const auto trendsLoaded = [integrations] {
        int withTraffic = 0; // rows whose hour (60 points) shows events
        for (int r = 0; r < integrations->rowCount(); ++r) {
            const auto trend =
                integrations->index(r, 0).data(HealthModel::TrendRole).value<QVector<double>>();
            withTraffic += trend.size() == 60 && *std::max_element(trend.cbegin(), trend.cend()) > 0;
        }
        return withTraffic;
    };
    QTRY_VERIFY_WITH_TIMEOUT(integrations->rowCount() >= 3, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(trendsLoaded() >= 3, 10000);
    QVERIFY(!integrations->index(0, HealthModel::ScoreColumn).data().toString().isEmpty());
    QVERIFY2(!health->messageBar()->isVisible(), qPrintable(health->messageBar()->text()));
    QVERIFY(save(QStringLiteral("health")));

    // Events: the payment and its correlation chain, without a stale message above.
    m_window->showPage(MainWindow::EventsPageIndex);
    EventsPage *events = m_window->eventsPage();
    const int row = events->model()->rowForSeq(m_rootSeq);
    QVERIFY(row >= 0);
    events->view()->setCurrentIndex(events->model()->index(row, 0));
    QTRY_VERIFY(events->chainView()->count() > 0);
    QVERIFY2(!events->messageBar()->isVisible(), qPrintable(events->messageBar()->text()));
    QVERIFY(save(QStringLiteral("events")));

    // Deliveries: the subscriber's target, its attempts and the replayed dead letter (Delivered).
    m_window->showPage(MainWindow::DeliveriesPageIndex);
    DeliveriesPage *deliveries = m_window->deliveriesPage();
    deliveries->refresh();
    QTRY_VERIFY(deliveries->targetsModel()->rowCount() >= 1);
    QTRY_VERIFY(deliveries->deadLettersModel()->rowCount() >= 1);
    QVERIFY(save(QStringLiteral("deliveries")));

    // Nodes: the embedded engine with its version and uptime.
    m_window->showPage(MainWindow::NodesPageIndex);
    QCOMPARE(m_window->nodesPage()->model()->rowCount(), 1);
    QVERIFY(save(QStringLiteral("nodes")));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
