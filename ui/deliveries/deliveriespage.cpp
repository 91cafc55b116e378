#include "deliveriespage.h"

#include "common/messagebar.h"
#include "common/nodeapi.h"
#include "common/roles.h"
#include "deliveries/replayjob.h"
#include "models/deliverymodels.h"
#include "nodes/nodemanager.h"
#include "settings/consolesettings.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressDialog>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace WedSync::Ui {

namespace {
QTableView *makeTable(QWidget *parent, const QString &name, QAbstractItemModel *model, bool multi)
{
    auto *view = new QTableView(parent);
    auto *proxy = new QSortFilterProxyModel(view);
    proxy->setSourceModel(model);
    proxy->setSortRole(KeyedRowsModel::SortRole);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(multi ? QAbstractItemView::ExtendedSelection : QAbstractItemView::SingleSelection);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setAccessibleName(name);
    view->setTabKeyNavigation(false);
    view->setAlternatingRowColors(true);
    return view;
}

QWidget *section(const QString &title, QTableView *view, QLayout *buttons, QWidget *parent)
{
    auto *w = new QWidget(parent);
    auto *layout = new QVBoxLayout(w);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(title, w);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    label->setBuddy(view);
    layout->addWidget(label);
    layout->addWidget(view, 1);
    if (buttons)
        layout->addLayout(buttons);
    return w;
}

QJsonArray selectedObjects(QTableView *view)
{
    QJsonArray out;
    for (const QModelIndex &i : view->selectionModel()->selectedRows())
        out.append(i.data(KeyedRowsModel::ObjectRole).toJsonObject());
    return out;
}
} // namespace

DeliveriesPage::DeliveriesPage(NodeManager *nodes, ConsoleSettings *settings, QWidget *parent)
    : QWidget(parent)
    , m_nodes(nodes)
    , m_settings(settings)
    , m_targets(new TargetsModel(this))
    , m_attempts(new AttemptsModel(this))
    , m_dead(new DeadLettersModel(this))
    , m_message(new MessageBar(this))
    , m_targetsView(makeTable(this, tr("Delivery targets"), m_targets, false))
    , m_attemptsView(makeTable(this, tr("Recent attempts"), m_attempts, false))
    , m_deadView(makeTable(this, tr("Dead letters"), m_dead, true))
    , m_toggle(new QPushButton(tr("&Disable subscription"), this))
    , m_replay(new QPushButton(tr("&Replay selected"), this))
    , m_redeliver(new QPushButton(tr("Re&deliver"), this))
    , m_refresh(new QPushButton(tr("Re&fresh"), this))
{
    m_refresh->setToolTip(tr("Load targets, attempts and dead letters again"));
    auto *targetButtons = new QHBoxLayout;
    targetButtons->addWidget(m_toggle);
    targetButtons->addStretch(1);
    targetButtons->addWidget(m_refresh);
    auto *deadButtons = new QHBoxLayout;
    deadButtons->addWidget(m_replay);
    deadButtons->addWidget(m_redeliver);
    deadButtons->addStretch(1);

    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(section(tr("Recent attempts"), m_attemptsView, nullptr, this));
    bottom->addWidget(section(tr("Dead letters"), m_deadView, deadButtons, this));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(section(tr("Targets"), m_targetsView, targetButtons, this));
    split->addWidget(bottom);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);

    connect(m_refresh, &QPushButton::clicked, this, &DeliveriesPage::refresh);
    connect(m_replay, &QPushButton::clicked, this, &DeliveriesPage::replaySelected);
    connect(m_redeliver, &QPushButton::clicked, this, &DeliveriesPage::redeliverSelected);
    connect(m_toggle, &QPushButton::clicked, this, &DeliveriesPage::toggleSubscription);
    connect(m_targetsView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        loadAttempts();
    });
    connect(m_deadView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DeliveriesPage::updateActions);
    connect(m_nodes, &NodeManager::currentChanged, this, &DeliveriesPage::attach);
    connect(m_nodes, &NodeManager::eventsReceived, this, &DeliveriesPage::onEvents);
    setTabOrder(m_targetsView, m_toggle);
    setTabOrder(m_toggle, m_refresh);
    setTabOrder(m_refresh, m_attemptsView);
    setTabOrder(m_attemptsView, m_deadView);
    setTabOrder(m_deadView, m_replay);
    setTabOrder(m_replay, m_redeliver);
    attach(m_nodes->currentClient());
}

DeliveriesPage::~DeliveriesPage() = default;

void DeliveriesPage::attach(Client::NodeClient *client)
{
    if (client != m_client) {
        m_client = client;
        m_targets->setRows({});
        m_attempts->setRows({});
        m_dead->setRows({});
    }
    updateActions();
    if (!m_client || m_client->state() != Client::ConnectionState::Connected)
        return;
    m_client->subscribe(NodeApi::topicDeliveries());
    refresh();
}

static QJsonArray rowsOf(const QJsonValue &data, const char *key)
{
    return data.isObject() ? data.toObject().value(QLatin1String(key)).toArray() : data.toArray();
}

void DeliveriesPage::refresh()
{
    if (!m_client)
        return;
    QPointer<DeliveriesPage> self(this);
    m_client->query(NodeApi::queryTargets(), {}, [self](const Client::Result &r) {
        if (!self)
            return;
        if (!r.ok)
            self->m_message->showError(tr("Loading delivery targets"), r);
        else
            self->m_targets->setRows(rowsOf(r.data, "targets"));
        self->updateActions();
    });
    m_client->query(NodeApi::queryDeadLetters(), QJsonObject{{QStringLiteral("limit"), 500}},
                    [self](const Client::Result &r) {
                        if (!self)
                            return;
                        if (!r.ok)
                            self->m_message->showError(tr("Loading dead letters"), r);
                        else
                            self->m_dead->setRows(rowsOf(r.data, "dead_letters"));
                        self->updateActions();
                    });
    loadAttempts();
}

void DeliveriesPage::loadAttempts()
{
    if (!m_client)
        return;
    QJsonObject args{{QStringLiteral("limit"), 200}};
    const QJsonArray target = selectedObjects(m_targetsView);
    if (!target.isEmpty())
        args.insert(QStringLiteral("target"), target.first().toObject().value(QStringLiteral("id")));
    QPointer<DeliveriesPage> self(this);
    m_client->query(NodeApi::queryAttempts(), args, [self](const Client::Result &r) {
        if (!self)
            return;
        if (!r.ok)
            self->m_message->showError(tr("Loading delivery attempts"), r);
        else
            self->m_attempts->setRows(rowsOf(r.data, "attempts"));
    });
}

void DeliveriesPage::onEvents(const QList<Client::TopicEvent> &events)
{
    for (const Client::TopicEvent &e : events) {
        if (e.topic != NodeApi::topicDeliveries())
            continue;
        // A delivery event updates its attempt row and, when it concerns a dead letter, that row too.
        const QString kind = e.data.value(QStringLiteral("kind")).toString();
        if (kind == QLatin1String("target"))
            m_targets->upsert(e.data.value(QStringLiteral("target")).toObject());
        else if (kind == QLatin1String("dead_letter"))
            m_dead->upsert(e.data.value(QStringLiteral("dead_letter")).toObject());
        else if (e.data.contains(QStringLiteral("attempt")))
            m_attempts->upsert(e.data.value(QStringLiteral("attempt")).toObject());
        const QJsonValue deadId = e.data.value(QStringLiteral("dead_letter_id"));
        if (!deadId.isUndefined() &&
            m_dead->rowOfKey(deadId.isDouble() ? QString::number(qint64(deadId.toDouble()))
                                               : deadId.toString()) >= 0)
            m_dead->upsert(QJsonObject{{QStringLiteral("id"), deadId},
                                       {QStringLiteral("state"), e.data.value(QStringLiteral("state"))}});
    }
}

void DeliveriesPage::updateActions()
{
    const Role role = m_nodes->currentRole();
    const QJsonArray dead = selectedObjects(m_deadView);
    const QJsonArray target = selectedObjects(m_targetsView);
    const bool jobRunning = !m_job.isNull();
    Roles::apply(m_replay, role, Role::Operator, tr("Replay the selected dead letters as one tracked job"));
    if (m_replay->isEnabled() && (dead.isEmpty() || jobRunning)) {
        m_replay->setEnabled(false);
        m_replay->setToolTip(jobRunning ? tr("A replay job is running")
                                        : tr("Select one or more dead letters"));
    }
    Roles::apply(m_redeliver, role, Role::Operator, tr("Deliver the selected dead letter again now"));
    if (m_redeliver->isEnabled() && dead.size() != 1) {
        m_redeliver->setEnabled(false);
        m_redeliver->setToolTip(tr("Select exactly one dead letter"));
    }
    const bool active =
        target.isEmpty() || target.first().toObject().value(QStringLiteral("active")).toBool(true);
    m_toggle->setText(active ? tr("&Disable subscription") : tr("&Enable subscription"));
    Roles::apply(m_toggle, role, Role::Admin,
                 active ? tr("Stop delivering to the selected target")
                        : tr("Resume delivering to the selected target"));
    if (m_toggle->isEnabled() && target.isEmpty()) {
        m_toggle->setEnabled(false);
        m_toggle->setToolTip(tr("Select a target"));
    }
}

void DeliveriesPage::replaySelected()
{
    const QJsonArray dead = selectedObjects(m_deadView);
    if (dead.isEmpty() || !m_client || m_job)
        return;
    QJsonArray ids;
    for (const QJsonValue &v : dead)
        ids.append(v.toObject().value(QStringLiteral("id")));
    auto *job = new ReplayJob(m_client, this);
    m_job = job;
    m_progress = new QProgressDialog(tr("Replaying %n dead letter(s)…", nullptr, int(ids.size())),
                                     tr("Cancel"), 0, int(ids.size()), this);
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, job, &ReplayJob::cancel);
    connect(job, &ReplayJob::progress, this, [this](int done, int total) {
        if (m_progress) {
            m_progress->setMaximum(total);
            m_progress->setValue(done);
        }
    });
    connect(job, &ReplayJob::finished, this,
            [this, job](const QString &state, int replayed, int failed, const Client::Result &result) {
                if (m_progress) {
                    m_progress->deleteLater();
                    m_progress = nullptr;
                }
                if (!result.ok)
                    m_message->showError(tr("Replaying dead letters"), result);
                else if (state == QLatin1String("cancelled"))
                    m_message->showInfo(tr("Replay cancelled after %n delivery(ies).", nullptr, replayed));
                else
                    m_message->showInfo(
                        tr("Replay %1: %2 delivered again, %3 failed.")
                            .arg(state == QLatin1String("completed") ? tr("finished") : tr("failed"))
                            .arg(replayed)
                            .arg(failed));
                job->deleteLater();
                m_job = nullptr;
                updateActions();
                refresh();
                Q_EMIT replayFinished(state, replayed, failed);
            });
    updateActions();
    job->start(ids);
}

void DeliveriesPage::redeliverSelected()
{
    const QJsonArray dead = selectedObjects(m_deadView);
    if (dead.size() != 1 || !m_client)
        return;
    const QJsonValue id = dead.first().toObject().value(QStringLiteral("id"));
    QPointer<DeliveriesPage> self(this);
    m_client->command(NodeApi::commandRedeliver(), QJsonObject{{QStringLiteral("id"), id}},
                      [self](const Client::Result &r) {
                          if (!self)
                              return;
                          if (!r.ok) {
                              self->m_message->showError(tr("Redelivering"), r);
                              return;
                          }
                          self->m_message->showInfo(tr("Redelivery queued."));
                          if (r.data.isObject() && r.data.toObject().contains(QStringLiteral("id")))
                              self->m_dead->upsert(r.data.toObject());
                      });
}

void DeliveriesPage::toggleSubscription()
{
    const QJsonArray target = selectedObjects(m_targetsView);
    if (target.isEmpty() || !m_client)
        return;
    const QJsonObject t = target.first().toObject();
    const bool active = t.value(QStringLiteral("active")).toBool(true);
    QPointer<DeliveriesPage> self(this);
    const QJsonValue id = t.value(QStringLiteral("subscription_id")).isUndefined()
                              ? t.value(QStringLiteral("id"))
                              : t.value(QStringLiteral("subscription_id"));
    m_client->command(active ? NodeApi::commandDisableSubscription() : NodeApi::commandEnableSubscription(),
                      QJsonObject{{QStringLiteral("id"), id}}, [self, t, active](const Client::Result &r) {
                          if (!self)
                              return;
                          if (!r.ok) {
                              self->m_message->showError(active ? tr("Disabling the subscription")
                                                                : tr("Enabling the subscription"),
                                                         r);
                              return;
                          }
                          QJsonObject updated = t;
                          updated.insert(QStringLiteral("active"), !active);
                          self->m_targets->upsert(updated);
                          self->updateActions();
                      });
}

} // namespace WedSync::Ui
