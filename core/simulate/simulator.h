// Sends simulated vendor webhooks over HTTP (QNetworkAccessManager) at a chosen rate to a base URL and
// checks every answer against what the ingress must say (status and error code). Lives on the thread
// that creates it; everything is driven by its event loop.
#pragma once

#include "simulate/webhookfactory.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;

namespace WedSync::Simulate {

class Simulator : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl baseUrl{QStringLiteral("http://127.0.0.1:8080")};
        double rate = 50;                          // requests per second
        double badShare = 0.1;                     // 0..1
        std::chrono::milliseconds duration{60000}; // 0 = until stop()
        qint64 maxRequests = 0;                    // 0 = no limit
        int maxInFlight = 64;
        quint32 seed = 1;
    };

    struct Stats
    {
        qint64 sent = 0;
        qint64 answered = 0;
        qint64 asExpected = 0;
        qint64 unexpected = 0;            // an answer other than the expected one
        qint64 rateLimited = 0;           // 429 (counted apart: the limiter is doing its job)
        qint64 transportErrors = 0;       // no HTTP answer at all
        QHash<QString, qint64> byOutcome; // "accepted", "duplicate", or the error code
        QList<qint64> latenciesUs;        // of answered requests
        qint64 percentileUs(double p) const;
    };

    Simulator(Options options, SimulatorSecrets secrets, QObject *parent = nullptr);
    ~Simulator() override;

    void start();
    void stop(); // stops sending; answers still in flight are counted
    bool isRunning() const { return m_running; }
    const Stats &stats() const { return m_stats; }
    QString summary() const;

Q_SIGNALS:
    // One answer; ok = it matched the expectation.
    void answered(const QString &source, const QString &fault, int status, const QString &outcome, bool ok,
                  qint64 latencyUs);
    void finished(); // sending is over and every reply is in

private:
    void tick();
    void send(SimulatedRequest request);
    // An oversized body goes out as headers with Content-Length and Expect: 100-continue on a plain socket:
    // the ingress refuses it (413) before the body, and a client that streamed the body regardless would
    // see the connection reset instead of the answer.
    void sendOversized(SimulatedRequest request);
    void onReply(QNetworkReply *reply, const SimulatedRequest &request, qint64 startedNs);
    void onAnswer(const SimulatedRequest &request, int status, const QByteArray &body,
                  const QString &transportError, qint64 startedNs);
    void maybeFinish();

    Options m_options;
    WebhookFactory m_factory;
    QNetworkAccessManager *m_nam = nullptr; // owned (child)
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_credit = 0;
    qint64 m_lastTickMs = 0;
    int m_inFlight = 0;
    bool m_running = false;
    Stats m_stats;
};

} // namespace WedSync::Simulate
