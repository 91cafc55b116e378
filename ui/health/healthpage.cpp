#include "healthpage.h"

#include "common/messagebar.h"
#include "common/nodeapi.h"
#include "common/roles.h"
#include "common/sparklinedelegate.h"
#include "models/alertsmodel.h"
#include "models/deliverymodels.h"
#include "models/healthmodel.h"
#include "nodes/nodemanager.h"
#include "settings/consolesettings.h"

#include <QDateTime>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace WedSync::Ui {

namespace {
QTableView *makeTable(QWidget *parent, const QString &accessibleName)
{
    auto *view = new QTableView(parent);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setAccessibleName(accessibleName);
    view->setTabKeyNavigation(false);
    view->setAlternatingRowColors(true);
    return view;
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}
} // namespace

HealthPage::HealthPage(NodeManager *nodes, ConsoleSettings *settings, QWidget *parent)
    : QWidget(parent)
    , m_nodes(nodes)
    , m_settings(settings)
    , m_health(new HealthModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_alerts(new AlertsModel(this))
    , m_failures(new AttemptsModel(this))
    , m_message(new MessageBar(this))
    , m_filter(new QLineEdit(this))
    , m_integrations(makeTable(this, tr("Integrations")))
    , m_alertsView(makeTable(this, tr("Alerts")))
    , m_failuresView(makeTable(this, tr("Recent failures")))
    , m_ack(new QPushButton(tr("&Acknowledge"), this))
    , m_trendTimer(new QTimer(this))
{
    // The sparklines move on by a minute at a time.
    m_trendTimer->setInterval(60000);
    connect(m_trendTimer, &QTimer::timeout, this, &HealthPage::loadTrends);
    m_proxy->setSourceModel(m_health);
    m_proxy->setSortRole(HealthModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_integrations->setModel(m_proxy);
    m_integrations->setSortingEnabled(true);
    m_integrations->sortByColumn(HealthModel::StateColumn, Qt::AscendingOrder);
    m_integrations->setItemDelegateForColumn(HealthModel::TrendColumn,
                                             new SparklineDelegate(HealthModel::TrendRole, m_integrations));
    const QByteArray columns = settings->columnState(QStringLiteral("health"));
    if (!columns.isEmpty())
        m_integrations->horizontalHeader()->restoreState(columns);

    m_alertsView->setModel(m_alerts);
    m_failuresView->setModel(m_failures);

    m_filter->setPlaceholderText(tr("Filter integrations (vendor, type, state…)"));
    m_filter->setAccessibleName(tr("Filter integrations"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(heading(tr("Integrations"), top));
    topLayout->addWidget(m_filter);
    topLayout->addWidget(m_integrations, 1);

    auto *alerts = new QWidget(this);
    auto *alertsLayout = new QVBoxLayout(alerts);
    alertsLayout->setContentsMargins(0, 0, 0, 0);
    alertsLayout->addWidget(heading(tr("Alerts"), alerts));
    alertsLayout->addWidget(m_alertsView, 1);
    auto *ackRow = new QHBoxLayout;
    ackRow->addWidget(m_ack);
    ackRow->addStretch(1);
    alertsLayout->addLayout(ackRow);

    auto *failures = new QWidget(this);
    auto *failuresLayout = new QVBoxLayout(failures);
    failuresLayout->setContentsMargins(0, 0, 0, 0);
    failuresLayout->addWidget(heading(tr("Recent failures of the selected integration"), failures));
    failuresLayout->addWidget(m_failuresView, 1);

    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(alerts);
    bottom->addWidget(failures);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);

    connect(m_integrations->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HealthPage::integrationSelected);
    connect(m_alertsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HealthPage::updateActions);
    connect(m_ack, &QPushButton::clicked, this, &HealthPage::acknowledgeSelected);
    connect(m_nodes, &NodeManager::currentChanged, this, &HealthPage::attach);
    connect(m_nodes, &NodeManager::eventsReceived, this, &HealthPage::onEvents);
    connect(m_integrations->horizontalHeader(), &QHeaderView::sectionResized, this, [this] {
        m_settings->setColumnState(QStringLiteral("health"), m_integrations->horizontalHeader()->saveState());
    });
    setTabOrder(m_filter, m_integrations);
    setTabOrder(m_integrations, m_alertsView);
    setTabOrder(m_alertsView, m_ack);
    setTabOrder(m_ack, m_failuresView);
    attach(m_nodes->currentClient());
}

HealthPage::~HealthPage() = default;

void HealthPage::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void HealthPage::attach(Client::NodeClient *client)
{
    if (client != m_client) {
        m_client = client;
        m_health->setRows({});
        m_alerts->setRows({});
        m_failures->setRows({});
    }
    updateActions();
    if (!m_client || m_client->state() != Client::ConnectionState::Connected)
        return;
    m_client->subscribe(NodeApi::topicHealth());
    m_client->subscribe(NodeApi::topicAlerts());
    refresh();
    m_trendTimer->start();
}

void HealthPage::refresh()
{
    if (!m_client)
        return;
    QPointer<HealthPage> self(this);
    m_client->query(NodeApi::queryIntegrations(), {}, [self](const Client::Result &r) {
        if (!self)
            return;
        if (!r.ok) {
            self->m_message->showError(tr("Loading integrations"), r);
            return;
        }
        const QJsonArray items =
            r.data.isObject() ? r.data.toObject().value(QStringLiteral("items")).toArray() : r.data.toArray();
        // Keep the sparklines already loaded while the trends are read again.
        QJsonArray rows;
        for (const QJsonValue &v : items) {
            QJsonObject o = HealthModel::fromNode(v.toObject());
            const int existing = self->m_health->rowOfKey(self->m_health->keyOf(o));
            if (existing >= 0 && !o.contains(QStringLiteral("trend")))
                o.insert(QStringLiteral("trend"),
                         self->m_health->rowObject(existing).value(QStringLiteral("trend")));
            rows.append(o);
        }
        self->m_health->setRows(rows);
        self->loadTrends();
    });
    m_client->query(NodeApi::queryAlerts(), {}, [self](const Client::Result &r) {
        if (!self)
            return;
        if (!r.ok) {
            self->m_message->showError(tr("Loading alerts"), r);
            return;
        }
        const QJsonValue rows = r.data.isObject() ? r.data.toObject().value(QStringLiteral("items")) : r.data;
        self->m_alerts->setRows(rows.toArray());
    });
}

void HealthPage::onEvents(const QList<Client::TopicEvent> &events)
{
    for (const Client::TopicEvent &e : events) {
        if (e.topic == NodeApi::topicHealth())
            m_health->upsert(HealthModel::fromNode(e.data));
        else if (e.topic == NodeApi::topicAlerts())
            m_alerts->upsert(e.data);
    }
}

void HealthPage::integrationSelected()
{
    const QModelIndexList rows = m_integrations->selectionModel()->selectedRows();
    m_failures->setRows({});
    if (rows.isEmpty() || !m_client)
        return;
    const QJsonObject row = rows.first().data(HealthModel::ObjectRole).toJsonObject();
    const QString id =
        row.value(QStringLiteral("integration")).toString(rows.first().data(HealthModel::KeyRole).toString());
    QPointer<HealthPage> self(this);
    m_client->query(NodeApi::queryFailures(),
                    QJsonObject{{QStringLiteral("integration"), id}, {QStringLiteral("limit"), 50}},
                    [self, id](const Client::Result &r) {
                        if (!self)
                            return;
                        if (!r.ok) {
                            self->m_message->showError(tr("Loading the failures of %1").arg(id), r);
                            return;
                        }
                        const QJsonValue rows =
                            r.data.isObject() ? r.data.toObject().value(QStringLiteral("failures")) : r.data;
                        self->m_failures->setRows(rows.toArray());
                    });
}

void HealthPage::loadTrends()
{
    if (!m_client || m_client->state() != Client::ConnectionState::Connected)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QPointer<HealthPage> self(this);
    for (int r = 0; r < m_health->rowCount(); ++r) {
        const QJsonObject row = m_health->rowObject(r);
        const QString integration = row.value(QStringLiteral("integration")).toString();
        const QString kind = row.value(QStringLiteral("kind")).toString();
        if (integration.isEmpty() || kind.isEmpty())
            continue;
        const QJsonValue key = row.value(QStringLiteral("id"));
        m_client->query(NodeApi::queryTrend(),
                        QJsonObject{{QStringLiteral("integration"), integration},
                                    {QStringLiteral("kind"), kind},
                                    {QStringLiteral("from"), now - 3600000},
                                    {QStringLiteral("to"), now}},
                        [self, key, now](const Client::Result &r) {
                            if (!self || !r.ok)
                                return; // the sparkline keeps what it had
                            const QJsonArray items =
                                r.data.toObject().value(QStringLiteral("items")).toArray();
                            self->m_health->upsert(
                                QJsonObject{{QStringLiteral("id"), key},
                                            {QStringLiteral("trend"), HealthModel::hourTrend(items, now)}});
                        });
    }
}

void HealthPage::updateActions()
{
    const Role role = m_nodes->currentRole();
    const QModelIndexList rows = m_alertsView->selectionModel()->selectedRows();
    const bool firing =
        !rows.isEmpty() && rows.first().data(AlertsModel::StateRole).toString() == QLatin1String("firing");
    Roles::apply(m_ack, role, Role::Operator, tr("Acknowledge the selected alert: you are looking into it"));
    if (m_ack->isEnabled() && !firing) {
        m_ack->setEnabled(false);
        m_ack->setToolTip(tr("Select a firing alert to acknowledge it"));
    }
}

void HealthPage::acknowledgeSelected()
{
    const QModelIndexList rows = m_alertsView->selectionModel()->selectedRows();
    if (rows.isEmpty() || !m_client)
        return;
    // The alert's id as the node sent it (number or string).
    const QJsonValue id =
        rows.first().data(AlertsModel::ObjectRole).toJsonObject().value(QStringLiteral("id"));
    QPointer<HealthPage> self(this);
    m_ack->setEnabled(false);
    m_client->command(NodeApi::commandAckAlert(), QJsonObject{{QStringLiteral("id"), id}},
                      [self](const Client::Result &r) {
                          if (!self)
                              return;
                          if (!r.ok) {
                              self->m_message->showError(tr("Acknowledging the alert"), r);
                          } else {
                              self->m_message->hide();
                              if (r.data.isObject())
                                  self->m_alerts->upsert(r.data.toObject());
                          }
                          self->updateActions();
                      });
}

} // namespace WedSync::Ui
