// A bulk replay of dead letters run by the node as a background job: started with one command, followed
// by polling job.get until it finishes, cancellable with job.cancel. Progress is reported as it goes.
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

private:
    void poll();
    void handleJob(const QJsonObject &job);

    QPointer<Client::NodeClient> m_client;
    QString m_jobId;
    int m_total = 0;
    bool m_done = false;
    QTimer m_poll;
};

} // namespace WedSync::Ui
