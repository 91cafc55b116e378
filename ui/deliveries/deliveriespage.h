// The Deliveries page: each target's subscription state and circuit breaker, recent attempts with response
// codes, dead letters with multi-select bulk replay as a tracked job and single redelivery (operator), and
// enabling or disabling a subscription (admin). Replayed dead letters stay in the list, marked Replayed, and
// are followed (their delivery attempts) until they are delivered or dead again.
#pragma once

#include "client/nodeclient.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QProgressDialog;
class QPushButton;
class QTableView;
class QTimer;

namespace WedSync::Ui {

class AttemptsModel;
class ConsoleSettings;
class DeadLettersModel;
class MessageBar;
class NodeManager;
class ReplayJob;
class TargetsModel;

class DeliveriesPage : public QWidget
{
    Q_OBJECT
public:
    DeliveriesPage(NodeManager *nodes, ConsoleSettings *settings, QWidget *parent = nullptr);
    ~DeliveriesPage() override;

    void refresh();
    void replaySelected();
    void redeliverSelected();
    void toggleSubscription();

    TargetsModel *targetsModel() const { return m_targets; }
    DeadLettersModel *deadLettersModel() const { return m_dead; }
    QTableView *deadLettersView() const { return m_deadView; }
    MessageBar *messageBar() const { return m_message; }
    QPushButton *replayButton() const { return m_replay; }
    QPushButton *toggleButton() const { return m_toggle; }
    // Dead letters replayed and not yet delivered or dead again.
    int followedCount() const { return int(m_followed.size()); }

Q_SIGNALS:
    void replayFinished(const QString &state, int replayed, int failed);

private:
    void attach(Client::NodeClient *client);
    void onEvents(const QList<Client::TopicEvent> &events);
    void updateActions();
    void loadTargets();
    void loadDeadLetters();
    void loadAttempts();
    void follow(const QJsonArray &deadLetters);
    void checkFollowed();

    NodeManager *m_nodes;        // not owned
    ConsoleSettings *m_settings; // not owned
    QPointer<Client::NodeClient> m_client;
    TargetsModel *m_targets;
    AttemptsModel *m_attempts;
    DeadLettersModel *m_dead;
    MessageBar *m_message;
    QTableView *m_targetsView;
    QTableView *m_attemptsView;
    QTableView *m_deadView;
    QPushButton *m_toggle;
    QPushButton *m_replay;
    QPushButton *m_redeliver;
    QPushButton *m_refresh;
    struct Followed
    {
        QString target;
        qint64 deadSince = 0; // node clock: the dead letter's last change; later attempts are the replay's
    };
    QHash<QString, Followed> m_followed; // dead-letter id -> what to look for
    QTimer *m_followTimer;
    bool m_checking = false;
    QPointer<ReplayJob> m_job;
    QProgressDialog *m_progress = nullptr;
};

} // namespace WedSync::Ui
