// Console benchmarks (never run by ctest; see run.sh):
//   --mode coldstart  process start to the main window's first painted frame, embedded engine starting
//   --mode memory     RSS with N events (default 1,000,000) held by the live stream model
//   --mode stall      longest event-loop stall while events arrive at --rate per second for --seconds,
//                     with the Events page following the tail (measured with a 2 ms precise timer); the
//                     events come over a loopback WebSocket from a feed node on its own thread, through the
//                     console's real NodeClient (parser thread) and NodeManager, as from a remote node;
//                     --trace also prints the slowest event dispatches (event type, receiver) to show where
//                     a stall comes from
#include "common/config.h"
#include "events/eventspage.h"
#include "mainwindow/mainwindow.h"
#include "models/eventstreammodel.h"
#include "node/engine.h"
#include "node/protocol.h"
#include "nodes/nodemanager.h"
#include "nodes/tokenstore.h"
#include "settings/consolesettings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <unistd.h>

using namespace WedSync;

namespace {

// Times every top-level event dispatch on the GUI thread when tracing: the slowest ones name the part of
// the console (timer of the model, paint of the view, ...) that held the event loop.
class TracingApplication : public QApplication
{
public:
    using QApplication::QApplication;
    struct Slow
    {
        qint64 ns;
        qint64 cpuNs; // this thread's CPU time in it: the rest of ns is waiting for a core
        int type;
        QByteArray receiver;
    };
    bool tracing = false;
    QVector<Slow> slowest; // the 12 longest dispatches, longest first

    bool notify(QObject *receiver, QEvent *event) override
    {
        // The GUI thread only (notify runs on every thread that delivers events, the client's parser too).
        if (!tracing || m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        ++m_depth;
        // The event and the receiver may be gone after dispatch (deferred delete).
        const int type = event->type();
        const char *className = receiver->metaObject()->className();
        const QString name = receiver->objectName();
        QElapsedTimer t;
        t.start();
        const qint64 cpuStart = threadCpuNs();
        const bool result = QApplication::notify(receiver, event);
        const qint64 ns = t.nsecsElapsed();
        const qint64 cpuNs = threadCpuNs() - cpuStart;
        --m_depth;
        if (slowest.size() < 12 || ns > slowest.last().ns) {
            QByteArray who = className;
            if (!name.isEmpty())
                who += '(' + name.toLatin1() + ')';
            slowest.append({ns, cpuNs, type, who});
            std::sort(slowest.begin(), slowest.end(),
                      [](const Slow &a, const Slow &b) { return a.ns > b.ns; });
            if (slowest.size() > 12)
                slowest.removeLast();
        }
        return result;
    }

private:
    static qint64 threadCpuNs()
    {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    }
    int m_depth = 0;
};

double rssMiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

// Milliseconds since this process started (from /proc/self/stat), so the cold start includes exec and
// library loading, not only main().
double msSinceProcessStart()
{
    QFile f(QStringLiteral("/proc/self/stat"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    const double startTicks = fields.value(19).toDouble(); // field 22 overall
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    const double nowMs = now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
    return nowMs - startTicks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

// A realistic standardized event as it arrives from a node (a Stripe payment for a wedding).
QByteArray eventJson(qint64 seq)
{
    static const char *sources[] = {"stripe", "calendly", "paypal", "tave", "honeybook", "zapier"};
    static const char *types[] = {"payment.received", "booking.created", "form.submitted",
                                  "booking.updated",  "message.sent",    "availability.changed"};
    const int k = int(seq % 6);
    return QByteArray("{\"event_type\":\"") + types[k] + "\",\"event_id\":\"evt_" +
           QByteArray::number(seq * 7919) + "\",\"source\":\"" + sources[k] +
           "\",\"timestamp\":\"2026-06-13T15:04:05.123Z\",\"received_at\":\"2026-06-13T15:04:05.200Z\","
           "\"request_id\":\"req_" +
           QByteArray::number(seq * 31) + "\",\"correlation_id\":\"cor_" + QByteArray::number(seq / 3) +
           "\",\"causation_id\":\"\",\"wedding_id\":\"wed_" + QByteArray::number(seq % 5000) +
           "\",\"organization_id\":\"org_42\",\"delivery_attempt\":1,\"data\":{\"amount\":" +
           QByteArray::number(100000 + seq % 90000) + ",\"currency\":\"gbp\",\"customer\":\"cus_" +
           QByteArray::number(seq % 20000) + "\",\"metadata\":{\"booking\":\"bk_" +
           QByteArray::number(seq % 12000) + "\"}}}";
}

// Frames as they come off the socket, made before the measurement so that producing them is not counted
// as the console's work (the client only parses them). 20,000 distinct events, reused in turn.
const QVector<QByteArray> &framePool()
{
    static const QVector<QByteArray> pool = [] {
        QVector<QByteArray> p;
        p.reserve(20000);
        for (qint64 seq = 1; seq <= 20000; ++seq)
            p.append(eventJson(seq));
        return p;
    }();
    return pool;
}

QList<Client::TopicEvent> batch(qint64 from, int count)
{
    const QVector<QByteArray> &pool = framePool();
    QList<Client::TopicEvent> out;
    out.reserve(count);
    for (int i = 0; i < count; ++i) {
        const qint64 seq = from + i;
        // Parse from bytes like the client does with a received frame.
        out.append({QStringLiteral("events"), seq,
                    QJsonDocument::fromJson(pool.at(int((seq - 1) % pool.size()))).object()});
    }
    return out;
}

int coldStart()
{
    QTemporaryDir dir;
    Ui::ConsoleSettings settings(dir.filePath(QStringLiteral("console.ini")));
    Ui::NodeManager nodes;
    Ui::MemoryTokenStore tokens;
    Ui::MainWindow window(&nodes, &tokens, &settings);
    Config config = Config::defaults();
    config.set(QStringLiteral("node.data_dir"), dir.path());
    QThread engineThread;
    auto *engine = new Node::Engine(config);
    engine->setEmbedded(true);
    engine->moveToThread(&engineThread);
    engineThread.start();
    double firstPaint = -1;
    struct PaintWatcher : QObject
    {
        double *at;
        explicit PaintWatcher(double *a)
            : at(a)
        {}
        bool eventFilter(QObject *o, QEvent *e) override
        {
            if (e->type() == QEvent::Paint && *at < 0) {
                *at = msSinceProcessStart();
                QTimer::singleShot(0, qApp, &QCoreApplication::quit);
            }
            return QObject::eventFilter(o, e);
        }
    } watcher(&firstPaint);
    window.installEventFilter(&watcher);
    window.show();
    QMetaObject::invokeMethod(engine, [engine] {
        Error e;
        engine->start(&e);
    });
    QTimer::singleShot(10000, qApp, &QCoreApplication::quit);
    qApp->exec();
    std::printf("coldstart: first painted frame %.0f ms after process start (target < 1000 ms)\n",
                firstPaint);
    QMetaObject::invokeMethod(
        engine,
        [engine] {
            engine->stop();
            delete engine;
        },
        Qt::BlockingQueuedConnection);
    engineThread.quit();
    engineThread.wait();
    return firstPaint > 0 ? 0 : 1;
}

int memory(int events)
{
    Ui::EventStreamModel model;
    model.setRowCap(events);
    const double before = rssMiB();
    QElapsedTimer t;
    t.start();
    constexpr int Batch = 10000;
    for (qint64 seq = 1; seq <= events; seq += Batch) {
        model.appendEvents(batch(seq, int(std::min<qint64>(Batch, events - seq + 1))));
        model.flush();
    }
    const double after = rssMiB();
    // Touch the display path for a screenful at the oldest and newest ends (decompresses blocks).
    for (int r = 0; r < 40; ++r) {
        model.data(model.index(r, Ui::EventStreamModel::SummaryColumn));
        model.data(model.index(model.rowCount() - 1 - r, Ui::EventStreamModel::SummaryColumn));
    }
    std::printf("memory: %d events held, RSS %.0f MiB (%.0f MiB before filling, %.0f MiB model estimate), "
                "filled in %.1f s (target < 400 MiB)\n",
                model.rowCount(), after, before, double(model.memoryBytes()) / 1048576.0,
                t.elapsed() / 1000.0);
    std::printf("memory: raw event size %d bytes; RSS after display %.0f MiB\n",
                int(eventJson(123456).size()), rssMiB());
    return after < 400 ? 0 : 1;
}

// A node as the console sees it over the wire, reduced to what the stall needs: it says hello, answers
// every request with an empty success, and once started sends the events due by its clock (so a late tick
// catches up and the offered rate stays exact) as "batch" frames of up to 256 events, like NodeServer.
// Lives on its own thread.
class FeedNode : public QObject
{
public:
    explicit FeedNode(int rate)
        : m_rate(rate)
        , m_tick(this) // moves to the feed thread with its parent
    {}
    quint16 listen()
    {
        m_server = new QWebSocketServer(QStringLiteral("bench-feed"), QWebSocketServer::NonSecureMode, this);
        m_server->setSupportedSubprotocols({QString::fromLatin1(Node::Subprotocol)});
        if (!m_server->listen(QHostAddress::LocalHost, 0))
            return 0;
        connect(m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *ws = m_server->nextPendingConnection()) {
                ws->setParent(this);
                m_sockets.append(ws);
                ws->sendTextMessage(QString::fromUtf8(
                    Node::encodeHello({{QStringLiteral("node"), QStringLiteral("bench-feed")},
                                       {QStringLiteral("version"), QStringLiteral("bench")},
                                       {QStringLiteral("role"), QStringLiteral("viewer")},
                                       {QStringLiteral("database"), QStringLiteral("none")},
                                       {QStringLiteral("started_at"), QDateTime::currentMSecsSinceEpoch()},
                                       {QStringLiteral("last_seq"), 0}})));
                connect(ws, &QWebSocket::textMessageReceived, this, [ws](const QString &text) {
                    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
                    const QString id = o.value(QLatin1String("id")).toString();
                    if (id.isEmpty())
                        return;
                    const QJsonObject data = o.value(QLatin1String("type")).toString() == u"subscribe"
                                                 ? QJsonObject{{QStringLiteral("heads"),
                                                                QJsonObject{{QStringLiteral("events"), 0}}}}
                                                 : QJsonObject{};
                    ws->sendTextMessage(QString::fromUtf8(Node::encodeResult(id, data)));
                });
            }
        });
        m_tick.setTimerType(Qt::PreciseTimer);
        m_tick.setInterval(10);
        connect(&m_tick, &QTimer::timeout, this, &FeedNode::send);
        return m_server->serverPort();
    }
    void startFeed()
    {
        m_clock.start();
        m_tick.start();
    }
    void stopFeed() { m_tick.stop(); }
    qint64 sent() const { return m_next - 1; }

private:
    void send()
    {
        const QVector<QByteArray> &pool = framePool();
        const qint64 due = m_clock.elapsed() * m_rate / 1000 - (m_next - 1);
        for (qint64 done = 0; done < due;) {
            const qint64 n = std::min<qint64>(256, due - done);
            QByteArray frame = "{\"type\":\"batch\",\"frames\":[";
            for (qint64 i = 0; i < n; ++i, ++m_next) {
                if (i)
                    frame += ',';
                frame += "{\"type\":\"event\",\"topic\":\"events\",\"seq\":";
                frame += QByteArray::number(m_next);
                frame += ",\"data\":";
                frame += pool.at(int((m_next - 1) % pool.size()));
                frame += '}';
            }
            frame += "]}";
            const QString text = QString::fromUtf8(frame);
            for (QWebSocket *ws : std::as_const(m_sockets))
                ws->sendTextMessage(text);
            done += n;
        }
    }

    int m_rate;
    QWebSocketServer *m_server = nullptr;
    QList<QWebSocket *> m_sockets;
    QTimer m_tick;
    QElapsedTimer m_clock;
    std::atomic<qint64> m_next{1};
};

int stall(int rate, int seconds, bool trace)
{
    QTemporaryDir dir;
    Ui::ConsoleSettings settings(dir.filePath(QStringLiteral("console.ini")));
    Ui::NodeManager nodes;
    Ui::MemoryTokenStore tokens;
    Ui::MainWindow window(&nodes, &tokens, &settings);
    window.resize(1280, 800);
    window.showPage(Ui::MainWindow::EventsPageIndex);
    window.show();
    Ui::EventStreamModel *model = window.eventsPage()->model();
    framePool();

    QThread feedThread;
    feedThread.setObjectName(QStringLiteral("bench-feed"));
    auto *feed = new FeedNode(rate);
    feed->moveToThread(&feedThread);
    feedThread.start();
    quint16 port = 0;
    QMetaObject::invokeMethod(
        feed, [&] { port = feed->listen(); }, Qt::BlockingQueuedConnection);
    if (!port) {
        std::fprintf(stderr, "stall: the feed node could not listen on 127.0.0.1\n");
        return 1;
    }
    nodes.addNode(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port)), QByteArrayLiteral("bench"));

    // Warm-up: the window's first paint (fonts, style, backing store) belongs to the cold start (measured by
    // --mode coldstart), and connecting (hello, subscriptions) happens once; the probe starts on a window
    // that is up, connected and idle.
    QElapsedTimer warm;
    warm.start();
    while (warm.elapsed() < 500 || nodes.currentClient()->state() != Client::ConnectionState::Connected) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        if (warm.elapsed() > 10000) {
            std::fprintf(stderr, "stall: the console did not connect to the feed node\n");
            return 1;
        }
    }
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 200)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);

    // Probe: a 2 ms timer; the longest gap beyond its interval is the longest stall the user could feel.
    QElapsedTimer clock;
    clock.start();
    qint64 last = -1, worst = 0;
    QVector<qint64> gaps;
    QTimer probe;
    probe.setObjectName(QStringLiteral("probe"));
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(2);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (last >= 0) {
            const qint64 gap = now - last;
            worst = std::max(worst, gap);
            gaps.append(gap);
        }
        last = now;
    });
    auto *app = static_cast<TracingApplication *>(qApp);
    // The measurement ends before quitting: closing the window is not a stall while events arrive.
    QTimer::singleShot(seconds * 1000, qApp, [&] {
        probe.stop();
        app->tracing = false;
        QCoreApplication::quit();
    });
    app->tracing = trace;
    QMetaObject::invokeMethod(feed, [feed] { feed->startFeed(); });
    probe.start();
    qApp->exec();
    app->tracing = false;
    QMetaObject::invokeMethod(
        feed, [feed] { feed->stopFeed(); }, Qt::BlockingQueuedConnection);
    const qint64 sent = feed->sent();
    const int received = model->rowCount() + model->pendingCount();
    for (const TracingApplication::Slow &s : std::as_const(app->slowest))
        std::printf("trace: %6.1f ms (%5.1f ms on the CPU)  event %d  %s\n", s.ns / 1e6, s.cpuNs / 1e6,
                    s.type, s.receiver.constData());
    std::sort(gaps.begin(), gaps.end());
    const double p99 = gaps.isEmpty() ? 0 : gaps.at(int(gaps.size() * 0.99)) / 1e6;
    const double worstMs = worst / 1e6;
    std::printf("stall: %lld events sent in %d s (%.0f/s), %d in the model, with the view following; longest "
                "event-loop gap %.1f ms (p99 %.1f ms, probe interval 2 ms; target < 50 ms); RSS %.0f MiB\n",
                sent, seconds, sent / double(seconds), received, worstMs, p99, rssMiB());
    nodes.removeNode(0);
    QMetaObject::invokeMethod(
        feed, [feed] { delete feed; }, Qt::BlockingQueuedConnection);
    feedThread.quit();
    feedThread.wait();
    return worstMs < 50 ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    const double startMs = msSinceProcessStart();
    Q_UNUSED(startMs)
    TracingApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    const QCommandLineOption mode(QStringLiteral("mode"), QStringLiteral("coldstart | memory | stall"),
                                  QStringLiteral("mode"), QStringLiteral("stall"));
    const QCommandLineOption events(QStringLiteral("events"), QStringLiteral("events for --mode memory"),
                                    QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption rate(QStringLiteral("rate"),
                                  QStringLiteral("events per second for --mode stall"), QStringLiteral("n"),
                                  QStringLiteral("10000"));
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("duration of --mode stall"),
                                     QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption trace(QStringLiteral("trace"),
                                   QStringLiteral("--mode stall: print the slowest event dispatches"));
    p.addOptions({mode, events, rate, seconds, trace});
    p.process(app);
    const QString m = p.value(mode);
    if (m == QLatin1String("coldstart"))
        return coldStart();
    if (m == QLatin1String("memory"))
        return memory(p.value(events).toInt());
    return stall(p.value(rate).toInt(), p.value(seconds).toInt(), p.isSet(trace));
}
