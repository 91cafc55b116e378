#include "simulator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <algorithm>
#include <memory>

static Q_LOGGING_CATEGORY(lcSimulate, "wedsync.simulate", QtInfoMsg)

namespace WedSync::Simulate {

qint64 Simulator::Stats::percentileUs(double p) const
{
    if (latenciesUs.isEmpty())
        return 0;
    QList<qint64> sorted = latenciesUs;
    std::sort(sorted.begin(), sorted.end());
    const qsizetype i = std::min<qsizetype>(sorted.size() - 1, qsizetype(p * double(sorted.size())));
    return sorted.at(i);
}

Simulator::Simulator(Options options, SimulatorSecrets secrets, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_factory(std::move(secrets), m_options.seed)
    , m_nam(new QNetworkAccessManager(this))
{
    m_timer.setInterval(10);
    connect(&m_timer, &QTimer::timeout, this, &Simulator::tick);
}

Simulator::~Simulator() = default;

void Simulator::start()
{
    m_running = true;
    m_clock.start();
    m_lastTickMs = 0;
    m_credit = 1; // the first request goes out at once
    m_timer.start();
    qCInfo(lcSimulate).noquote() << QStringLiteral("sending to %1 at %2/s, %3% bad, for %4")
                                        .arg(m_options.baseUrl.toString())
                                        .arg(m_options.rate)
                                        .arg(m_options.badShare * 100)
                                        .arg(m_options.duration.count()
                                                 ? QStringLiteral("%1 s").arg(m_options.duration.count() /
                                                                              1000.0)
                                                 : QStringLiteral("ever"));
    tick();
}

void Simulator::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_timer.stop();
    maybeFinish();
}

void Simulator::tick()
{
    if (!m_running)
        return;
    const qint64 nowMs = m_clock.elapsed();
    if (m_options.duration.count() > 0 && nowMs >= m_options.duration.count()) {
        stop();
        return;
    }
    m_credit += double(nowMs - m_lastTickMs) * m_options.rate / 1000.0;
    m_credit = std::min(m_credit, std::max(1.0, m_options.rate)); // at most a second's burst after a stall
    m_lastTickMs = nowMs;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    while (m_credit >= 1.0 && m_inFlight < m_options.maxInFlight) {
        if (m_options.maxRequests > 0 && m_stats.sent >= m_options.maxRequests) {
            stop();
            return;
        }
        m_credit -= 1.0;
        send(m_factory.next(now, m_options.badShare));
    }
}

void Simulator::send(SimulatedRequest request)
{
    if (request.fault == Fault::Oversized && m_options.baseUrl.scheme() == QLatin1String("http")) {
        sendOversized(std::move(request));
        return;
    }
    QUrl url = m_options.baseUrl;
    const qsizetype q = request.target.indexOf('?');
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) +
                QString::fromLatin1(q < 0 ? request.target : request.target.left(q)));
    if (q >= 0)
        url.setQuery(QString::fromLatin1(request.target.mid(q + 1)), QUrl::StrictMode);
    QNetworkRequest nr(url);
    nr.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    nr.setTransferTimeout(30000);
    for (const auto &h : request.headers)
        nr.setRawHeader(h.first, h.second);
    ++m_inFlight;
    ++m_stats.sent;
    const qint64 started = m_clock.nsecsElapsed();
    QNetworkReply *reply = m_nam->post(nr, request.body);
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, request = std::move(request), started]() { onReply(reply, request, started); });
}

void Simulator::sendOversized(SimulatedRequest request)
{
    auto *socket = new QTcpSocket(this);
    ++m_inFlight;
    ++m_stats.sent;
    const qint64 started = m_clock.nsecsElapsed();
    auto buffer = std::make_shared<QByteArray>();
    auto done = std::make_shared<bool>(false);
    const QString host = m_options.baseUrl.host();
    QString base = m_options.baseUrl.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    QByteArray head = "POST " + base.toLatin1() + request.target + " HTTP/1.1\r\nHost: " + host.toLatin1() +
                      ':' + QByteArray::number(m_options.baseUrl.port(80)) +
                      "\r\nContent-Length: " + QByteArray::number(request.body.size()) +
                      "\r\nExpect: 100-continue\r\nConnection: close\r\n";
    for (const auto &h : request.headers)
        head += h.first + ": " + h.second + "\r\n";
    head += "\r\n";
    // Finishes once: on a full answer (headers plus Content-Length bytes) or when the connection ends.
    auto finish = [this, socket, buffer, done, request, started](const QString &transportError) {
        if (*done)
            return;
        *done = true;
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
        const qsizetype end = buffer->indexOf("\r\n\r\n");
        int status = 0;
        QByteArray body;
        if (end > 0) {
            const QByteArrayList statusLine = buffer->left(buffer->indexOf("\r\n")).split(' ');
            status = statusLine.size() > 1 ? statusLine.at(1).toInt() : 0;
            body = buffer->mid(end + 4);
        }
        onAnswer(request, status, body, status ? QString() : transportError, started);
    };
    auto parse = [socket, buffer, request, finish] {
        buffer->append(socket->readAll());
        if (buffer->startsWith("HTTP/1.1 100")) { // the ingress wants the body after all
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            buffer->remove(0, end + 4);
            socket->write(request.body);
            return;
        }
        const qsizetype end = buffer->indexOf("\r\n\r\n");
        if (end < 0)
            return;
        qint64 length = -1;
        for (const QByteArray &line : buffer->left(end).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (length >= 0 && buffer->size() >= end + 4 + length)
            finish(QString());
    };
    connect(socket, &QTcpSocket::connected, this, [socket, head] { socket->write(head); });
    connect(socket, &QTcpSocket::readyRead, this, parse);
    // The answer and the close can arrive together: take what is readable before judging.
    connect(socket, &QTcpSocket::disconnected, this, [parse, finish] {
        parse();
        finish(QStringLiteral("connection closed without an answer"));
    });
    connect(socket, &QTcpSocket::errorOccurred, this, [socket, parse, finish](QAbstractSocket::SocketError) {
        const QString why = socket->errorString();
        parse();
        finish(why);
    });
    socket->connectToHost(host, quint16(m_options.baseUrl.port(80)));
}

void Simulator::onReply(QNetworkReply *reply, const SimulatedRequest &request, qint64 startedNs)
{
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    onAnswer(request, status, reply->readAll(), status ? QString() : reply->errorString(), startedNs);
}

void Simulator::onAnswer(const SimulatedRequest &request, int status, const QByteArray &replyBody,
                         const QString &transportError, qint64 startedNs)
{
    --m_inFlight;
    const qint64 latencyUs = (m_clock.nsecsElapsed() - startedNs) / 1000;
    if (status == 0) {
        ++m_stats.transportErrors;
        qCWarning(lcSimulate).noquote()
            << request.source << faultName(request.fault) << "no answer:" << transportError;
        Q_EMIT answered(request.source, faultName(request.fault), 0, QStringLiteral("TRANSPORT_ERROR"), false,
                        latencyUs);
        maybeFinish();
        return;
    }
    ++m_stats.answered;
    m_stats.latenciesUs.append(latencyUs);
    const QJsonObject body = QJsonDocument::fromJson(replyBody).object();
    QString outcome;
    if (body.value(QStringLiteral("success")).toBool())
        outcome = body.value(QStringLiteral("data")).toObject().value(QStringLiteral("duplicate")).toBool()
                      ? QStringLiteral("duplicate")
                      : QStringLiteral("accepted");
    else
        outcome = body.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
    if (outcome.isEmpty())
        outcome = QStringLiteral("HTTP_%1").arg(status);
    ++m_stats.byOutcome[outcome];

    bool ok = false;
    if (status == 429) {
        ++m_stats.rateLimited;
        ok = true; // the limiter may refuse anything; that is not a wrong answer
    } else if (request.fault == Fault::Duplicate) {
        // A redelivery is a duplicate unless its original never made it in (then it is accepted now).
        ok = status == 200 && (outcome == QLatin1String("duplicate") || outcome == QLatin1String("accepted"));
    } else if (request.expectedCode.isEmpty()) {
        // Valid requests are accepted; a random id can (rarely) repeat, which is a duplicate.
        ok = status == 200 && (outcome == QLatin1String("accepted") || outcome == QLatin1String("duplicate"));
    } else {
        ok = status == request.expectedStatus && outcome == request.expectedCode;
    }
    if (ok)
        ++m_stats.asExpected;
    else {
        ++m_stats.unexpected;
        qCWarning(lcSimulate).noquote()
            << QStringLiteral("%1 %2: expected %3 %4, got %5 %6")
                   .arg(request.source, faultName(request.fault))
                   .arg(request.expectedStatus)
                   .arg(request.expectedCode.isEmpty() ? QStringLiteral("accepted") : request.expectedCode)
                   .arg(status)
                   .arg(outcome);
    }
    Q_EMIT answered(request.source, faultName(request.fault), status, outcome, ok, latencyUs);
    maybeFinish();
}

void Simulator::maybeFinish()
{
    if (!m_running && m_inFlight == 0)
        Q_EMIT finished();
}

QString Simulator::summary() const
{
    QStringList outcomes;
    QStringList keys = m_stats.byOutcome.keys();
    keys.sort();
    for (const QString &k : keys)
        outcomes << QStringLiteral("%1=%2").arg(k).arg(m_stats.byOutcome.value(k));
    return QStringLiteral("sent %1, answered %2, as expected %3, unexpected %4, rate limited %5, "
                          "transport errors %6; "
                          "latency p50 %7 ms, p99 %8 ms; %9")
        .arg(m_stats.sent)
        .arg(m_stats.answered)
        .arg(m_stats.asExpected)
        .arg(m_stats.unexpected)
        .arg(m_stats.rateLimited)
        .arg(m_stats.transportErrors)
        .arg(double(m_stats.percentileUs(0.5)) / 1000.0, 0, 'f', 2)
        .arg(double(m_stats.percentileUs(0.99)) / 1000.0, 0, 'f', 2)
        .arg(outcomes.join(QStringLiteral(", ")));
}

} // namespace WedSync::Simulate
