// A bulk replay of dead letters run by the node as a background job: started with one command, followed
// by polling job.get until it finishes, cancellable with job.cancel. Progress is reported as it goes.
// A cancel asked for before the node named the job is sent as soon as it does; a node that cannot cancel
// (JOB_CANCEL_UNSUPPORTED: its replays run to completion at once) is reported with cancelRefused().
#pragma once

#include "client/nodeclient.h"

#include <QJsonArray>
#include <QPointer>
#include <QTimer>

namespace WedSync::Ui {

class ReplayJob : public QObject
{
    Q_OBJECT
public:
    ReplayJob(Client::NodeClient *client, QObject *parent = nullptr);

    void start(const QJsonArray &deadLetterIds);
    void cancel();
    QString jobId() const { return m_jobId; }
    void setPollInterval(int ms) { m_poll.setInterval(ms); }

Q_SIGNALS:
    void progress(int done, int total);
    // state: completed | cancelled | failed; result carries the error when the node refused.
    void finished(const QString &state, int replayed, int failed, const WedSync::Client::Result &result);
    // The node refused job.cancel; the job goes on and finished() still follows.
    void cancelRefused(const WedSync::Client::Result &result);

private:
    void poll();
    void handleJob(const QJsonObject &job);
    void sendCancel();

    QPointer<Client::NodeClient> m_client;
    QString m_jobId;
    int m_total = 0;
    bool m_done = false;
    bool m_cancelRequested = false;
    QTimer m_poll;
};

} // namespace WedSync::Ui
