#include "replayjob.h"

#include "common/nodeapi.h"

namespace WedSync::Ui {

ReplayJob::ReplayJob(Client::NodeClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_poll.setInterval(500);
    connect(&m_poll, &QTimer::timeout, this, &ReplayJob::poll);
}

static QString jobIdOf(const QJsonObject &o)
{
    const QJsonValue v = o.value(QStringLiteral("job_id")).isUndefined() ? o.value(QStringLiteral("id"))
                                                                         : o.value(QStringLiteral("job_id"));
    return v.isDouble() ? QString::number(qint64(v.toDouble())) : v.toString();
}

void ReplayJob::start(const QJsonArray &deadLetterIds)
{
    m_total = int(deadLetterIds.size());
    if (!m_client) {
        Q_EMIT finished(QStringLiteral("failed"), 0, m_total,
                        Client::Result{false, {}, QStringLiteral("DISCONNECTED"), QString()});
        return;
    }
    QPointer<ReplayJob> self(this);
    m_client->command(NodeApi::commandReplay(), QJsonObject{{QStringLiteral("ids"), deadLetterIds}},
                      [self](const Client::Result &r) {
                          if (!self)
                              return;
                          if (!r.ok) {
                              self->m_done = true;
                              Q_EMIT self->finished(QStringLiteral("failed"), 0, self->m_total, r);
                              return;
                          }
                          const QJsonObject job = r.data.toObject();
                          self->m_jobId = jobIdOf(job);
                          self->handleJob(job);
                          if (self->m_done)
                              return;
                          self->m_poll.start();
                          if (self->m_cancelRequested)
                              self->sendCancel();
                      });
}

void ReplayJob::handleJob(const QJsonObject &job)
{
    const int total = job.value(QStringLiteral("total")).toInt(m_total);
    const int done = job.value(QStringLiteral("done")).toInt();
    const int failed = job.value(QStringLiteral("failed")).toInt();
    Q_EMIT progress(done, total);
    const QString state = job.value(QStringLiteral("state")).toString();
    // Final states; `interrupted` means the node running the job stopped mid-way.
    if (state == QLatin1String("completed") || state == QLatin1String("cancelled") ||
        state == QLatin1String("failed") || state == QLatin1String("interrupted")) {
        m_done = true;
        m_poll.stop();
        const int replayed = job.contains(QStringLiteral("replayed"))
                                 ? job.value(QStringLiteral("replayed")).toInt()
                                 : done - failed;
        Q_EMIT finished(state, replayed, failed, Client::Result{true, job, {}, {}});
    }
}

void ReplayJob::poll()
{
    if (!m_client || m_jobId.isEmpty() || m_done)
        return;
    QPointer<ReplayJob> self(this);
    m_client->query(NodeApi::queryJob(), QJsonObject{{QStringLiteral("id"), m_jobId}},
                    [self](const Client::Result &r) {
                        if (!self || self->m_done)
                            return;
                        if (r.ok)
                            self->handleJob(r.data.toObject());
                    });
}

void ReplayJob::cancel()
{
    if (!m_client || m_done || m_cancelRequested)
        return;
    m_cancelRequested = true;
    if (!m_jobId.isEmpty())
        sendCancel();
}

void ReplayJob::sendCancel()
{
    QPointer<ReplayJob> self(this);
    m_client->command(NodeApi::commandCancelJob(), QJsonObject{{QStringLiteral("id"), m_jobId}},
                      [self](const Client::Result &r) {
                          if (!self || self->m_done)
                              return;
                          if (!r.ok) {
                              Q_EMIT self->cancelRefused(r);
                              return;
                          }
                          if (r.data.isObject())
                              self->handleJob(r.data.toObject());
                      });
}

} // namespace WedSync::Ui
