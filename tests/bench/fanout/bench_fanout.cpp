// Fan-out benchmark: an engine journals events and its node server streams them to N WebSocket clients
// (wedsync.v1) running in a second process. Reports events/s fanned out to every client and the
// ingest-to-client latency (append call to frame parsed by the client), p50/p99.
//   bench_fanout run --clients 100 --rate 1000 --duration 10   (rate 0 = as fast as the journal takes them)
// `clients` is the child mode the run mode starts. See tests/bench/fanout/run.sh for the socket.io peer.
#include "common/config.h"
#include "events/journal.h"
#include "node/engine.h"
#include "node/nodeserver.h"
#include "node/tokenstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkRequest>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <vector>

using namespace WedSync;

static qint64 nowUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

static Events::Event makeEvent(qint64 n)
{
    Events::Event e;
    e.type = QStringLiteral("booking.updated");
    e.id = QStringLiteral("bench-%1").arg(n);
    e.source = QStringLiteral("booking_system");
    e.timestamp = QDateTime::currentDateTimeUtc();
    e.weddingId = QStringLiteral("wed_%1").arg(n % 500);
    e.correlationId = e.id;
    e.data = QJsonObject{{QStringLiteral("sent_us"), nowUs()},
                         {QStringLiteral("booking_id"), QStringLiteral("bk_%1").arg(n)},
                         {QStringLiteral("venue"), QStringLiteral("Old Rectory Barn")},
                         {QStringLiteral("ceremony_time"), QStringLiteral("2026-06-13T15:00:00Z")},
                         {QStringLiteral("guest_count"), 120},
                         {QStringLiteral("channels"), QJsonArray{QStringLiteral("supplier:dashboard:42")}}};
    return e;
}

// --- child: N clients ---
static int runClients(const QUrl &url, const QByteArray &token, int clients, qint64 expected, int timeoutS,
                      bool batching, bool parseJson)
{
    struct Client
    {
        std::unique_ptr<QWebSocket> ws;
        qint64 received = 0;
    };
    std::vector<Client> all(static_cast<size_t>(clients));
    std::vector<qint64> latencies; // us
    latencies.reserve(size_t(std::min<qint64>(expected * clients, 20000000)));
    qint64 firstSent = 0, lastReceived = 0, done = 0, lagged = 0, subscribed = 0;
    for (Client &c : all) {
        c.ws = std::make_unique<QWebSocket>();
        QWebSocket *ws = c.ws.get();
        Client *cp = &c;
        QObject::connect(ws, &QWebSocket::textMessageReceived, [&, ws, cp](const QString &text) {
            const qint64 at = nowUs();
            auto onEvent = [&](qint64 sent) {
                if (!firstSent || sent < firstSent)
                    firstSent = sent;
                lastReceived = at;
                latencies.push_back(at - sent);
                if (++cp->received == expected && ++done == clients)
                    QCoreApplication::quit();
            };
            if (!parseJson && (text.startsWith(QLatin1String("{\"type\":\"event\"")) ||
                               text.startsWith(QLatin1String("{\"type\":\"batch\"")))) {
                // Scan mode: measure the node, not this process's JSON parser: take each event's sent_us.
                static const QString key = QStringLiteral("\"sent_us\":");
                for (qsizetype i = text.indexOf(key); i >= 0; i = text.indexOf(key, i + 1)) {
                    qint64 v = 0;
                    for (qsizetype j = i + key.size(); j < text.size() && text.at(j).isDigit(); ++j)
                        v = v * 10 + text.at(j).digitValue();
                    onEvent(v);
                }
                return;
            }
            const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
            const QString type = frame.value(QLatin1String("type")).toString();
            if (type == u"hello") {
                ws->sendTextMessage(
                    batching
                        ? QStringLiteral(R"({"type":"subscribe","id":"s","topics":["events"],"batch":true})")
                        : QStringLiteral(R"({"type":"subscribe","id":"s","topics":["events"]})"));
            } else if (type == u"result") {
                if (++subscribed == clients)
                    std::printf("READY\n"), std::fflush(stdout);
            } else if (type == u"event" || type == u"batch") {
                const QJsonArray frames =
                    type == u"batch" ? frame.value(QLatin1String("frames")).toArray() : QJsonArray{frame};
                for (const QJsonValue &fv : frames)
                    onEvent(fv.toObject()
                                .value(QLatin1String("data"))
                                .toObject()
                                .value(QLatin1String("data"))
                                .toObject()
                                .value(QLatin1String("sent_us"))
                                .toInteger());
            } else if (type == u"lagged") {
                ++lagged;
            }
        });
        QNetworkRequest req(url);
        req.setRawHeader("Authorization", "Bearer " + token);
        QWebSocketHandshakeOptions o;
        o.setSubprotocols({QStringLiteral("wedsync.v1")});
        ws->open(req, o);
    }
    QTimer::singleShot(timeoutS * 1000, [] { QCoreApplication::quit(); });
    QCoreApplication::exec();
    qint64 total = 0;
    for (const Client &c : all)
        total += c.received;
    std::sort(latencies.begin(), latencies.end());
    auto pct = [&](double q) {
        return latencies.empty() ? 0.0 : latencies[size_t(q * double(latencies.size() - 1))] / 1000.0;
    };
    const double seconds = double(lastReceived - firstSent) / 1e6;
    std::printf(
        "RESULT {\"clients\":%d,\"expected_per_client\":%lld,\"delivered\":%lld,\"complete_clients\":%lld,"
        "\"lagged\":%lld,\"seconds\":%.3f,\"events_per_s\":%.1f,\"deliveries_per_s\":%.1f,\"p50_ms\":%.2f,"
        "\"p99_ms\":%.2f,\"max_ms\":%.2f}\n",
        clients, (long long)expected, (long long)total, (long long)done, (long long)lagged, seconds,
        seconds > 0 ? double(total) / clients / seconds : 0.0, seconds > 0 ? double(total) / seconds : 0.0,
        pct(0.5), pct(0.99), pct(1.0));
    return done == clients ? 0 : 1;
}

// --- parent: engine + producer ---
static int runBench(int clients, int rate, int durationS, qint64 total, bool batching, bool parseJson)
{
    QTemporaryDir dir;
    Config config = Config::defaults();
    QString why;
    config.set(QStringLiteral("node.data_dir"), dir.path(), &why);
    config.set(QStringLiteral("store.sync"), QStringLiteral("normal"), &why);
    config.set(QStringLiteral("node.listen"), QStringLiteral("127.0.0.1:0"), &why);
    config.set(QStringLiteral("node.log_level"), QStringLiteral("warning"), &why);
    config.set(QStringLiteral("node.send_queue_max"), QStringLiteral("64MiB"), &why);
    config.set(QStringLiteral("node.fanout_window"), QStringLiteral("200000"), &why);
    QLoggingCategory::setFilterRules(QStringLiteral("wedsync.*.info=false"));
    Node::Engine engine(config);
    Error error;
    if (!engine.start(&error)) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(error.code), qPrintable(error.message));
        return 1;
    }
    const auto token = engine.tokens()->create(QStringLiteral("bench"), Node::Role::Viewer, &error);
    const qint64 expected = rate > 0 ? qint64(rate) * durationS : total;

    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList childArgs{QStringLiteral("clients"),    QStringLiteral("--url"),
                          engine.nodeUrl().toString(),  QStringLiteral("--token-env"),
                          QStringLiteral("--clients"),  QString::number(clients),
                          QStringLiteral("--expected"), QString::number(expected)};
    if (batching)
        childArgs.append(QStringLiteral("--batch"));
    if (parseJson)
        childArgs.append(QStringLiteral("--parse-json"));
    child.start(QCoreApplication::applicationFilePath(), childArgs);
    child.write(token->toLatin1() + "\n");
    QByteArray childOut;
    qint64 produced = 0;
    QElapsedTimer clock;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    int inflight = 0;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        qint64 due;
        if (rate > 0) {
            due = std::min<qint64>(expected, clock.elapsed() * rate / 1000) - produced;
        } else {
            due = inflight < 4 ? std::min<qint64>(1000, expected - produced) : 0;
        }
        if (due <= 0) {
            if (produced >= expected)
                tick.stop();
            return;
        }
        QList<Events::Event> batch;
        for (qint64 i = 0; i < due; ++i)
            batch.append(makeEvent(produced + i));
        produced += due;
        ++inflight;
        engine.journal()->append(batch).then(&engine,
                                             [&](const QList<Events::AppendResult> &) { --inflight; });
    });
    QObject::connect(&child, &QProcess::readyReadStandardOutput, [&] {
        childOut += child.readAllStandardOutput();
        if (childOut.contains("READY\n") && !tick.isActive() && produced == 0) {
            clock.start();
            tick.start(rate > 0 ? 2 : 0);
        }
    });
    QObject::connect(&child, &QProcess::finished, [&] { QCoreApplication::quit(); });
    QCoreApplication::exec();
    childOut += child.readAllStandardOutput();
    const int at = childOut.indexOf("RESULT ");
    const QByteArray result = at >= 0 ? childOut.mid(at + 7).trimmed() : QByteArray("{}");
    std::printf(
        "{\"system\":\"wedsync%s%s\",\"rate\":%d,\"produced\":%lld,\"frames_sent\":%lld,\"result\":%s}\n",
        batching ? " batch" : "", parseJson ? " json-clients" : " scan-clients", rate, (long long)produced,
        (long long)engine.nodeServer()->framesSent(), result.constData());
    engine.stop();
    return child.exitCode();
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("mode"), QStringLiteral("run | clients"));
    p.addOption({QStringLiteral("clients"), QStringLiteral("WebSocket clients"), QStringLiteral("n"),
                 QStringLiteral("100")});
    p.addOption({QStringLiteral("rate"), QStringLiteral("events per second, 0 = as fast as possible"),
                 QStringLiteral("n"), QStringLiteral("1000")});
    p.addOption({QStringLiteral("duration"), QStringLiteral("seconds (with --rate)"), QStringLiteral("s"),
                 QStringLiteral("10")});
    p.addOption({QStringLiteral("total"), QStringLiteral("events (with --rate 0)"), QStringLiteral("n"),
                 QStringLiteral("20000")});
    p.addOption({QStringLiteral("url"), QStringLiteral("node URL (clients mode)"), QStringLiteral("url")});
    p.addOption({QStringLiteral("token-env"), QStringLiteral("read the token from stdin (clients mode)")});
    p.addOption({QStringLiteral("parse-json"),
                 QStringLiteral("clients parse every frame fully (default: scan for sent_us)")});
    p.addOption({QStringLiteral("batch"),
                 QStringLiteral("clients subscribe with \"batch\": true (NodeClient does)")});
    p.addOption({QStringLiteral("expected"), QStringLiteral("events per client (clients mode)"),
                 QStringLiteral("n")});
    p.process(app);
    const QString mode = p.positionalArguments().value(0, QStringLiteral("run"));
    if (mode == u"clients") {
        char line[256] = {};
        if (!std::fgets(line, sizeof line, stdin))
            return 2;
        return runClients(QUrl(p.value(QStringLiteral("url"))), QByteArray(line).trimmed(),
                          p.value(QStringLiteral("clients")).toInt(),
                          p.value(QStringLiteral("expected")).toLongLong(), 120,
                          p.isSet(QStringLiteral("batch")), p.isSet(QStringLiteral("parse-json")));
    }
    return runBench(p.value(QStringLiteral("clients")).toInt(), p.value(QStringLiteral("rate")).toInt(),
                    p.value(QStringLiteral("duration")).toInt(),
                    p.value(QStringLiteral("total")).toLongLong(), p.isSet(QStringLiteral("batch")),
                    p.isSet(QStringLiteral("parse-json")));
}
