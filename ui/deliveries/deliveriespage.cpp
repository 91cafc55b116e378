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
#include <QSet>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <memory>

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

qint64 msOf(const QJsonValue &v)
{
    return v.isDouble() ? qint64(v.toDouble()) : v.toString().toLongLong();
}

QString idText(const QJsonValue &v)
{
    return v.isDouble() ? QString::number(qint64(v.toDouble())) : v.toString();
}

// States of a replayed dead letter that the node no longer lists as dead.
bool isFollowUpState(const QString &state)
{
    return state == QLatin1String("replayed") || state == QLatin1String("retrying") ||
           state == QLatin1String("delivered");
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
    , m_followTimer(new QTimer(this))
{
    m_followTimer->setSingleShot(true);
    connect(m_followTimer, &QTimer::timeout, this, &DeliveriesPage::checkFollowed);
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
        m_followed.clear();
        m_followTimer->stop();
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

// The rows of a query answer: {"items": [...]} (older nodes: the array itself).
static QJsonArray rowsOf(const QJsonValue &data)
{
    return data.isObject() ? data.toObject().value(QStringLiteral("items")).toArray() : data.toArray();
}

void DeliveriesPage::refresh()
{
    loadTargets();
    loadDeadLetters();
    loadAttempts();
}

void DeliveriesPage::loadTargets()
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
            self->m_targets->setRows(rowsOf(r.data));
        self->updateActions();
    });
}

void DeliveriesPage::loadDeadLetters()
{
    if (!m_client)
        return;
    QPointer<DeliveriesPage> self(this);
    m_client->query(NodeApi::queryDeadLetters(), QJsonObject{{QStringLiteral("limit"), 500}},
                    [self](const Client::Result &r) {
                        if (!self)
                            return;
                        if (!r.ok) {
                            self->m_message->showError(tr("Loading dead letters"), r);
                            return;
                        }
                        QJsonArray rows = rowsOf(r.data);
                        QSet<QString> dead;
                        for (const QJsonValue &v : std::as_const(rows))
                            dead.insert(self->m_dead->keyOf(v.toObject()));
                        // A followed replay that is dead again is the node's row now; the others stay listed
                        // with the state they reached (Replayed, Retrying, Delivered).
                        for (auto it = self->m_followed.begin(); it != self->m_followed.end();)
                            it = dead.contains(it.key()) ? self->m_followed.erase(it) : std::next(it);
                        for (int row = 0; row < self->m_dead->rowCount(); ++row) {
                            const QJsonObject o = self->m_dead->rowObject(row);
                            if (isFollowUpState(o.value(QStringLiteral("state")).toString()) &&
                                !dead.contains(self->m_dead->keyOf(o)))
                                rows.append(o);
                        }
                        self->m_dead->setRows(rows);
                        self->updateActions();
                    });
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
            self->m_attempts->setRows(rowsOf(r.data));
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
        else if (e.data.contains(QStringLiteral("attempt"))) {
            const QJsonObject attempt = e.data.value(QStringLiteral("attempt")).toObject();
            m_attempts->upsert(attempt);
            // An attempt to a target with a followed replay: look at its outcome soon.
            const QString target = attempt.value(QStringLiteral("target")).toString();
            for (const Followed &f : std::as_const(m_followed)) {
                if (f.target == target &&
                    (!m_followTimer->isActive() || m_followTimer->remainingTime() > 100)) {
                    m_followTimer->start(100);
                    break;
                }
            }
        }
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
    connect(job, &ReplayJob::cancelRefused, this, [this](const Client::Result &result) {
        m_message->showError(tr("Cancelling the replay"), result);
    });
    connect(job, &ReplayJob::finished, this,
            [this, job, requested = dead](const QString &state, int replayed, int failed,
                                          const Client::Result &result) {
                if (m_progress) {
                    m_progress->deleteLater();
                    m_progress = nullptr;
                }
                if (!result.ok)
                    m_message->showError(tr("Replaying dead letters"), result);
                else if (state == QLatin1String("cancelled"))
                    m_message->showInfo(tr("Replay cancelled after %n delivery(ies).", nullptr, replayed));
                else if (state == QLatin1String("interrupted"))
                    m_message->showInfo(tr("Replay interrupted after %n delivery(ies): the node running it "
                                           "stopped. Replay the remaining dead letters again.",
                                           nullptr, replayed));
                else
                    m_message->showInfo(
                        tr("Replay %1: %2 delivered again, %3 failed.")
                            .arg(state == QLatin1String("completed") ? tr("finished") : tr("failed"))
                            .arg(replayed)
                            .arg(failed));
                job->deleteLater();
                m_job = nullptr;
                if (result.ok && replayed > 0)
                    follow(requested);
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
                      [self, dead](const Client::Result &r) {
                          if (!self)
                              return;
                          if (!r.ok) {
                              self->m_message->showError(tr("Redelivering"), r);
                              return;
                          }
                          self->m_message->showInfo(tr("Redelivery queued."));
                          self->follow(dead);
                          self->refresh();
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

void DeliveriesPage::follow(const QJsonArray &deadLetters)
{
    for (const QJsonValue &v : deadLetters) {
        const QJsonObject o = v.toObject();
        const QString id = m_dead->keyOf(o);
        if (id.isEmpty())
            continue;
        const QJsonValue since = o.value(QStringLiteral("updated_at")).isUndefined()
                                     ? o.value(QStringLiteral("created_at"))
                                     : o.value(QStringLiteral("updated_at"));
        m_followed.insert(id, Followed{o.value(QStringLiteral("target")).toString(), msOf(since)});
        m_dead->upsert(QJsonObject{{QStringLiteral("id"), o.value(QStringLiteral("id"))},
                                   {QStringLiteral("state"), QStringLiteral("replayed")}});
    }
    if (!m_followed.isEmpty())
        m_followTimer->start(200);
}

// The attempts made since each followed dead letter was replayed: a success turns it Delivered; a failure
// shows Retrying, and the dead-letter list is read again (it may be dead again after its last attempt).
void DeliveriesPage::checkFollowed()
{
    if (!m_client || m_followed.isEmpty() || m_checking)
        return;
    QSet<QString> targets;
    for (const Followed &f : std::as_const(m_followed))
        targets.insert(f.target);
    m_checking = true;
    auto remaining = std::make_shared<int>(int(targets.size()));
    auto sawFailure = std::make_shared<bool>(false);
    QPointer<DeliveriesPage> self(this);
    for (const QString &target : std::as_const(targets)) {
        m_client->query(NodeApi::queryAttempts(),
                        QJsonObject{{QStringLiteral("target"), target}, {QStringLiteral("limit"), 200}},
                        [self, remaining, sawFailure](const Client::Result &r) {
                            if (!self)
                                return;
                            if (r.ok) {
                                // Oldest first, so the newest attempt of a delivery decides its state.
                                const QJsonArray items = rowsOf(r.data);
                                for (qsizetype i = items.size() - 1; i >= 0; --i) {
                                    const QJsonObject a = items.at(i).toObject();
                                    const QString id = idText(a.value(QStringLiteral("delivery_id")));
                                    const auto it = self->m_followed.find(id);
                                    const qint64 at = msOf(a.value(QStringLiteral("at")));
                                    if (it == self->m_followed.end() || at < it->deadSince)
                                        continue;
                                    const int code = a.value(QStringLiteral("status_code")).toInt();
                                    const bool ok = code >= 200 && code < 300 &&
                                                    a.value(QStringLiteral("error")).toString().isEmpty();
                                    self->m_dead->upsert(QJsonObject{
                                        {QStringLiteral("id"), id},
                                        {QStringLiteral("state"),
                                         ok ? QStringLiteral("delivered") : QStringLiteral("retrying")},
                                        {QStringLiteral("status_code"), code},
                                        {QStringLiteral("error"), a.value(QStringLiteral("error"))},
                                        {QStringLiteral("updated_at"), a.value(QStringLiteral("at"))}});
                                    if (ok) {
                                        self->m_followed.erase(it);
                                    } else {
                                        it->deadSince = at + 1; // this failure is counted once
                                        *sawFailure = true;
                                    }
                                }
                            }
                            if (--*remaining > 0)
                                return;
                            self->m_checking = false;
                            if (*sawFailure)
                                self->loadDeadLetters();
                            // Until each is settled: the live attempt events call sooner, this is the
                            // fallback.
                            if (!self->m_followed.isEmpty() && !self->m_followTimer->isActive())
                                self->m_followTimer->start(2000);
                        });
    }
}

} // namespace WedSync::Ui
