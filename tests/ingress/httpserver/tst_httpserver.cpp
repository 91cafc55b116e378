// The ingress HTTP/1.1 server on its own: keep-alive, pipelining order, chunked bodies, 100-continue,
// limits (408, 413 before the body, 431), garbage, clients that leave mid-body or mid-processing, the
// connection cap -- and after each, the server still answers. The same across worker threads: many
// keep-alive clients spread over the workers, answers from another thread, the cap across workers, TLS.
#include "../rawhttpclient.h"
#include "ingress/httpserver.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace WedSync;
using namespace WedSync::Ingress;
using WedSync::Test::Client;
using WedSync::Test::Reply;

namespace {

class TestHandler : public HttpHandler
{
public:
    QList<HttpResponder> deferred;
    QList<HttpRequest> seen;
    QList<int> refusals;

    void handleRequest(const HttpRequest &r, const HttpResponder &responder) override
    {
        seen << r;
        if (r.path == "/defer") {
            deferred << responder;
            return;
        }
        HttpResponse out;
        out.contentType = "text/plain";
        out.body =
            r.method + ' ' + r.path + (r.query.isEmpty() ? QByteArray() : '?' + r.query) + ' ' + r.body;
        responder.respond(out);
    }
    HttpResponse refusal(const HttpRequest &, int status, const QString &message) override
    {
        refusals << status;
        HttpResponse out;
        out.status = status;
        out.contentType = "text/plain";
        out.body = message.toUtf8();
        return out;
    }
};

// A handler for servers with several worker threads: it is called on those threads.
class ThreadedHandler : public HttpHandler
{
public:
    void handleRequest(const HttpRequest &r, const HttpResponder &responder) override
    {
        QMutexLocker lock(&m_mutex);
        m_threads.insert(QThread::currentThread());
        if (r.path.startsWith("/defer")) {
            m_deferred.append({r.path + ' ' + r.body, responder});
            return;
        }
        lock.unlock();
        HttpResponse out;
        out.contentType = "text/plain";
        out.body = r.path + ' ' + r.body;
        responder.respond(out);
    }
    HttpResponse refusal(const HttpRequest &, int status, const QString &message) override
    {
        HttpResponse out;
        out.status = status;
        out.contentType = "text/plain";
        out.body = message.toUtf8();
        return out;
    }
    QSet<QThread *> threads() const
    {
        QMutexLocker lock(&m_mutex);
        return m_threads;
    }
    QList<QPair<QByteArray, HttpResponder>> deferred() const
    {
        QMutexLocker lock(&m_mutex);
        return m_deferred;
    }

private:
    mutable QMutex m_mutex;
    QSet<QThread *> m_threads;
    QList<QPair<QByteArray, HttpResponder>> m_deferred;
};

QByteArray post(const QByteArray &path, const QByteArray &body, const QByteArray &extra = {})
{
    return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n" + extra + "\r\n" + body;
}

} // namespace

class tst_HttpServer : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<HttpServer> server;
    TestHandler handler;

    void start(HttpServer::Options o = {})
    {
        handler = TestHandler();
        server = std::make_unique<HttpServer>(o, &handler);
        Error e;
        QVERIFY2(server->listen(QHostAddress::LocalHost, 0, &e), qPrintable(e.message));
    }
    // The server still answers a plain request on a fresh connection.
    void stillServing()
    {
        Client c(server->port());
        QVERIFY(c.connected);
        c.send(post("/ping", "ok"));
        Reply r;
        QVERIFY(c.next(&r));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("POST /ping ok"));
    }

private Q_SLOTS:
    void keepAliveAndRequestIds();
    void pipelinedAnsweredInOrder();
    void chunkedBody_data();
    void chunkedBody();
    void expectContinue();
    void expectContinueRefusedBeforeBody();
    void timeouts_data();
    void timeouts();
    void idleKeepAliveClosesQuietly();
    void limits_data();
    void limits();
    void garbage_data();
    void garbage();
    void disconnectMidBody();
    void disconnectWhileProcessing();
    void maxConnections();
    void connectionCloseAndHttp10();
    void headOmitsBody();
    void parseListen_data();
    void parseListen();
    void threadedKeepAliveClients_data();
    void threadedKeepAliveClients();
    void maxConnectionsAcrossThreads();
    void threadedDisconnectWhileProcessing();
    void tls_data();
    void tls();
    void tlsHandshakeTimeout_data();
    void tlsHandshakeTimeout();
    void tlsOverCap();
    void tlsBadFiles();
};

void tst_HttpServer::keepAliveAndRequestIds()
{
    start();
    Client c(server->port());
    QVERIFY(c.connected);
    QSet<QByteArray> ids;
    for (int i = 0; i < 5; ++i) {
        c.send(post("/a?x=" + QByteArray::number(i), "body" + QByteArray::number(i)));
        Reply r;
        QVERIFY(c.next(&r));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, "POST /a?x=" + QByteArray::number(i) + " body" + QByteArray::number(i));
        QVERIFY(!r.header("x-request-id").isEmpty());
        ids.insert(r.header("x-request-id"));
        QVERIFY(r.header("connection").isEmpty());
    }
    QCOMPARE(ids.size(), 5);
    QCOMPARE(server->connectionCount(), 1);
    // A sane client id is echoed back; a hostile one is replaced.
    c.send(post("/a", "", "X-Request-Id: client-42\r\n"));
    Reply r;
    QVERIFY(c.next(&r));
    QCOMPARE(r.header("x-request-id"), QByteArray("client-42"));
    c.send(post("/a", "", "X-Request-Id: bad id <script>\r\n"));
    QVERIFY(c.next(&r));
    QVERIFY(r.header("x-request-id").startsWith("req_"));
}

void tst_HttpServer::pipelinedAnsweredInOrder()
{
    start();
    Client c(server->port());
    QVERIFY(c.connected);
    // The first request is answered last by the handler; the responses still leave in request order.
    c.send(post("/defer", "first") + post("/b", "second") + post("/c", "third"));
    QTRY_COMPARE(handler.seen.size(), 3);
    Reply r;
    QVERIFY(!c.next(&r, 300)); // nothing may overtake the first answer
    HttpResponse first;
    first.status = 202;
    first.body = "deferred";
    handler.deferred.first().respond(first);
    QVERIFY(c.next(&r));
    QCOMPARE(r.status, 202);
    QCOMPARE(r.body, QByteArray("deferred"));
    QVERIFY(c.next(&r));
    QCOMPARE(r.body, QByteArray("POST /b second"));
    QVERIFY(c.next(&r));
    QCOMPARE(r.body, QByteArray("POST /c third"));
    // Answering twice is ignored.
    handler.deferred.first().respond(first);
    QVERIFY(!c.next(&r, 200));
    stillServing();
}

void tst_HttpServer::chunkedBody_data()
{
    QTest::addColumn<QList<QByteArray>>("pieces");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("one-write") << QList<QByteArray>{"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"}
                               << QByteArray("hello world");
    QTest::newRow("split-everywhere")
        << QList<QByteArray>{"5\r", "\nhel", "lo\r\n", "0", "\r\n\r\n"} << QByteArray("hello");
    QTest::newRow("extensions-and-trailer")
        << QList<QByteArray>{"3;ext=1\r\nabc\r\n0\r\nX-Trailer: t\r\n\r\n"} << QByteArray("abc");
}

void tst_HttpServer::chunkedBody()
{
    QFETCH(QList<QByteArray>, pieces);
    QFETCH(QByteArray, body);
    start();
    Client c(server->port());
    QVERIFY(c.connected);
    c.send("POST /chunk HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (const auto &p : pieces) {
        c.send(p);
        QTest::qWait(5);
    }
    Reply r;
    QVERIFY(c.next(&r));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, "POST /chunk " + body);
    QVERIFY(handler.seen.last().chunked);
    stillServing();
}

void tst_HttpServer::expectContinue()
{
    start();
    Client c(server->port());
    QVERIFY(c.connected);
    c.send("POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
    Reply r;
    QVERIFY(c.next(&r));
    QCOMPARE(r.status, 100);
    QVERIFY(handler.seen.isEmpty());
    c.send("data");
    QVERIFY(c.next(&r));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("POST /e data"));
}

void tst_HttpServer::expectContinueRefusedBeforeBody()
{
    HttpServer::Options o;
    o.limits.maxBodyBytes = 100;
    start(o);
    Client c(server->port());
    QVERIFY(c.connected);
    c.send("POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 1000\r\n\r\n");
    Reply r;
    QVERIFY(c.next(&r));
    QCOMPARE(r.status, 413); // no 100 Continue first: the client never sends the body
    QCOMPARE(r.header("connection"), QByteArray("close"));
    QVERIFY(c.waitClosed());
    stillServing();
}

void tst_HttpServer::timeouts_data()
{
    QTest::addColumn<QByteArray>("partial");
    QTest::addColumn<bool>("inBody");
    QTest::newRow("slow-request-line") << QByteArray("POST /sl") << false;
    QTest::newRow("slow-headers") << QByteArray("POST /s HTTP/1.1\r\nHost: x\r\nX-Slow: ") << false;
    QTest::newRow("slow-body") << QByteArray("POST /s HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc") << true;
    QTest::newRow("slow-chunks") << QByteArray(
                                        "POST /s HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab")
                                 << true;
}

void tst_HttpServer::timeouts()
{
    QFETCH(QByteArray, partial);
    QFETCH(bool, inBody);
    HttpServer::Options o;
    o.headerTimeout = std::chrono::milliseconds(inBody ? 5000 : 300);
    o.bodyTimeout = std::chrono::milliseconds(inBody ? 300 : 5000);
    start(o);
    Client c(server->port());
    QVERIFY(c.connected);
    QElapsedTimer t;
    t.start();
    c.send(partial);
    Reply r;
    QVERIFY(c.next(&r, 3000));
    QCOMPARE(r.status, 408);
    QVERIFY(t.elapsed() >= 250);
    QVERIFY(t.elapsed() < 3000);
    QCOMPARE(r.header("connection"), QByteArray("close"));
    QVERIFY(!r.header("x-request-id").isEmpty());
    QVERIFY(c.waitClosed());
    QCOMPARE(handler.refusals, QList<int>{408});
    QVERIFY(handler.seen.isEmpty());
    stillServing();
}

void tst_HttpServer::idleKeepAliveClosesQuietly()
{
    HttpServer::Options o;
    o.headerTimeout = std::chrono::milliseconds(300);
    start(o);
    Client c(server->port());
    QVERIFY(c.connected);
    c.send(post("/x", "1"));
    Reply r;
    QVERIFY(c.next(&r));
    QVERIFY(c.waitClosed(3000));
    QVERIFY(c.buffer.isEmpty()); // no 408 for a connection that sent nothing
    QVERIFY(handler.refusals.isEmpty());
    // A request waiting on the handler is not cut off by the idle timeout.
    Client d(server->port());
    d.send(post("/defer", "slow"));
    QTRY_COMPARE(handler.deferred.size(), 1);
    QTest::qWait(700);
    QCOMPARE(d.socket.state(), QAbstractSocket::ConnectedState);
    handler.deferred.first().respond(HttpResponse{});
    QVERIFY(d.next(&r));
    QCOMPARE(r.status, 200);
}

void tst_HttpServer::limits_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    const QByteArray big(20000, 'a');
    QTest::newRow("header-too-large") << ("POST / HTTP/1.1\r\nX-Big: " + big + "\r\n\r\n") << 431;
    QTest::newRow("url-too-large") << ("GET /" + big + " HTTP/1.1\r\n\r\n") << 431;
    QTest::newRow("many-headers") << ("POST / HTTP/1.1\r\n" + QByteArray("X-A: b\r\n").repeated(3000) +
                                      "\r\n")
                                  << 431;
    // Content-Length over the limit: refused from the headers alone; no body is ever sent here.
    QTest::newRow("content-length-over")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n") << 413;
    QTest::newRow("chunked-over") << ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n100001\r\n" +
                                      QByteArray(1048577, 'x') + "\r\n0\r\n\r\n")
                                  << 413;
}

void tst_HttpServer::limits()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    start();
    Client c(server->port());
    QVERIFY(c.connected);
    c.send(request);
    Reply r;
    QVERIFY(c.next(&r));
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("connection"), QByteArray("close"));
    QVERIFY(c.waitClosed());
    QVERIFY(handler.seen.isEmpty());
    stillServing();
}

void tst_HttpServer::garbage_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff\xfe garbage\r\n\r\n", 18);
    QTest::newRow("bad-method") << QByteArray("FROB / HTTP/1.1\r\n\r\n");
    QTest::newRow("bad-version") << QByteArray("GET / HTTP/9\r\n\r\n");
    QTest::newRow("bad-header") << QByteArray("GET / HTTP/1.1\r\nNo colon here\r\n\r\n");
    QTest::newRow("bad-content-length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n");
    QTest::newRow("cl-and-chunked") << QByteArray(
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    QTest::newRow("bad-chunk-size") << QByteArray(
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
    QTest::newRow("valid-then-garbage") << (post("/ok", "1") + QByteArray("\x01\x02\r\n\r\n"));
}

void tst_HttpServer::garbage()
{
    QFETCH(QByteArray, bytes);
    start();
    Client c(server->port());
    QVERIFY(c.connected);
    c.send(bytes);
    Reply r;
    QVERIFY(c.next(&r));
    if (QByteArray(QTest::currentDataTag()) == "valid-then-garbage") {
        QCOMPARE(r.status, 200); // the good request before the garbage is still answered, in order
        QVERIFY(c.next(&r));
    }
    QCOMPARE(r.status, 400);
    QCOMPARE(r.header("connection"), QByteArray("close"));
    QVERIFY(!r.body.isEmpty());
    QVERIFY(c.waitClosed());
    stillServing();
}

void tst_HttpServer::disconnectMidBody()
{
    start();
    {
        Client c(server->port());
        QVERIFY(c.connected);
        c.send("POST /x HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly part");
        QTRY_COMPARE(server->connectionCount(), 1);
        c.socket.abort();
    }
    QTRY_COMPARE(server->connectionCount(), 0);
    QVERIFY(handler.seen.isEmpty());
    stillServing();
}

void tst_HttpServer::disconnectWhileProcessing()
{
    start();
    {
        Client c(server->port());
        QVERIFY(c.connected);
        c.send(post("/defer", "a") + post("/defer", "b"));
        QTRY_COMPARE(handler.deferred.size(), 2);
        c.socket.abort();
    }
    QTRY_COMPARE(server->connectionCount(), 0);
    // The answers arrive after the client left: dropped, no crash, no effect on other clients.
    QVERIFY(!handler.deferred[0].isConnected());
    handler.deferred[1].respond(HttpResponse{});
    handler.deferred[0].respond(HttpResponse{});
    stillServing();
    // And an answer arriving after the whole server went away is dropped too.
    HttpResponder orphan = handler.deferred[0];
    server.reset();
    orphan.respond(HttpResponse{});
}

void tst_HttpServer::maxConnections()
{
    HttpServer::Options o;
    o.maxConnections = 2;
    start(o);
    Client a(server->port()), b(server->port());
    QTRY_COMPARE(server->connectionCount(), 2);
    Client over(server->port());
    Reply r;
    QVERIFY(over.next(&r));
    QCOMPARE(r.status, 503);
    QCOMPARE(r.header("connection"), QByteArray("close"));
    QVERIFY(over.waitClosed());
    QCOMPARE(server->connectionCount(), 2);
    // The held connections still work; once one closes, a new client gets in.
    a.send(post("/a", "1"));
    QVERIFY(a.next(&r));
    QCOMPARE(r.status, 200);
    b.socket.abort();
    QTRY_COMPARE(server->connectionCount(), 1);
    stillServing();
}

void tst_HttpServer::threadedKeepAliveClients_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("clients");
    QTest::addColumn<int>("requests");
    QTest::addColumn<bool>("answerFromTestThread");
    QTest::newRow("2 workers, 8 clients x 25 pipelined") << 2 << 8 << 25 << false;
    QTest::newRow("4 workers, 16 clients x 10 pipelined") << 4 << 16 << 10 << false;
    QTest::newRow("3 workers, 2 clients (a worker stays idle)") << 3 << 2 << 20 << false;
    QTest::newRow("3 workers, answers from the test thread in reverse") << 3 << 6 << 5 << true;
}

// Keep-alive clients are spread over the workers, each connection's answers come back in request order
// (also when the answers are given in reverse from another thread), and request ids never repeat.
void tst_HttpServer::threadedKeepAliveClients()
{
    QFETCH(int, threads);
    QFETCH(int, clients);
    QFETCH(int, requests);
    QFETCH(bool, answerFromTestThread);
    ThreadedHandler h;
    HttpServer::Options o;
    o.threads = threads;
    HttpServer srv(o, &h);
    Error e;
    QVERIFY2(srv.listen(QHostAddress::LocalHost, 0, &e), qPrintable(e.message));
    QCOMPARE(srv.threadCount(), threads);
    std::vector<std::unique_ptr<Client>> cs;
    for (int i = 0; i < clients; ++i) {
        cs.push_back(std::make_unique<Client>(srv.port()));
        QVERIFY(cs.back()->connected);
    }
    QTRY_COMPARE(srv.connectionCount(), clients);
    const QByteArray prefix = answerFromTestThread ? "/defer/" : "/c/";
    auto path = [&](int client, int request) {
        return prefix + QByteArray::number(client) + '/' + QByteArray::number(request);
    };
    for (int i = 0; i < clients; ++i) {
        QByteArray all;
        for (int j = 0; j < requests; ++j)
            all += post(path(i, j), "b" + QByteArray::number(j));
        cs[size_t(i)]->send(all);
    }
    if (answerFromTestThread) {
        QTRY_COMPARE_WITH_TIMEOUT(h.deferred().size(), clients * requests, 20000);
        const auto deferred = h.deferred();
        for (qsizetype k = deferred.size() - 1; k >= 0; --k) {
            HttpResponse out;
            out.contentType = "text/plain";
            out.body = deferred[k].first;
            deferred[k].second.respond(out);
        }
    }
    QSet<QByteArray> ids;
    for (int i = 0; i < clients; ++i) {
        for (int j = 0; j < requests; ++j) {
            Reply r;
            QVERIFY2(cs[size_t(i)]->next(&r),
                     qPrintable(QStringLiteral("client %1 answer %2").arg(i).arg(j)));
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body, path(i, j) + " b" + QByteArray::number(j));
            const QByteArray id = r.header("x-request-id");
            QVERIFY(!id.isEmpty());
            QVERIFY2(!ids.contains(id), id.constData());
            ids.insert(id);
        }
    }
    const QSet<QThread *> served = h.threads();
    QCOMPARE(int(served.size()), std::min(threads, clients));
    QVERIFY(!served.contains(QThread::currentThread()));
    cs.clear();
    QTRY_COMPARE(srv.connectionCount(), 0);
}

// The cap counts connections on every worker together.
void tst_HttpServer::maxConnectionsAcrossThreads()
{
    ThreadedHandler h;
    HttpServer::Options o;
    o.threads = 3;
    o.maxConnections = 4;
    HttpServer srv(o, &h);
    Error e;
    QVERIFY2(srv.listen(QHostAddress::LocalHost, 0, &e), qPrintable(e.message));
    std::vector<std::unique_ptr<Client>> held;
    for (int i = 0; i < 4; ++i)
        held.push_back(std::make_unique<Client>(srv.port()));
    QTRY_COMPARE(srv.connectionCount(), 4);
    auto refused = [&] {
        Client over(srv.port());
        Reply r;
        return over.next(&r) && r.status == 503 && r.header("connection") == "close" && over.waitClosed();
    };
    QVERIFY(refused());
    QCOMPARE(srv.connectionCount(), 4);
    Reply r;
    for (auto &c : held) {
        c->send(post("/held", "x"));
        QVERIFY(c->next(&r));
        QCOMPARE(r.status, 200);
    }
    QCOMPARE(int(h.threads().size()), 3);
    // Two leave; two new clients get in, and the next one is refused again.
    held[0]->socket.abort();
    held[3]->socket.abort();
    QTRY_COMPARE(srv.connectionCount(), 2);
    Client c1(srv.port()), c2(srv.port());
    for (Client *c : {&c1, &c2}) {
        c->send(post("/new", "y"));
        QVERIFY(c->next(&r));
        QCOMPARE(r.status, 200);
    }
    QCOMPARE(srv.connectionCount(), 4);
    QVERIFY(refused());
}

// Clients that leave while their answers are pending on worker threads; answers given afterwards from the
// test thread, and after the whole server is gone, are dropped without harm.
void tst_HttpServer::threadedDisconnectWhileProcessing()
{
    ThreadedHandler h;
    HttpServer::Options o;
    o.threads = 2;
    auto srv = std::make_unique<HttpServer>(o, &h);
    Error e;
    QVERIFY2(srv->listen(QHostAddress::LocalHost, 0, &e), qPrintable(e.message));
    {
        Client a(srv->port()), b(srv->port());
        a.send(post("/defer/a", "1") + post("/defer/a", "2"));
        b.send(post("/defer/b", "1"));
        QTRY_COMPARE(h.deferred().size(), 3);
        a.socket.abort();
        b.socket.abort();
    }
    QTRY_COMPARE(srv->connectionCount(), 0);
    for (const auto &d : h.deferred()) {
        d.second.respond(HttpResponse{});
    }
    Client c(srv->port());
    c.send(post("/after", "ok"));
    Reply r;
    QVERIFY(c.next(&r));
    QCOMPARE(r.body, QByteArray("/after ok"));
    // post() runs work on the connection's worker thread (not the caller's, not inside the call), even
    // for a connection that has gone: the worker outlives its connections.
    const auto orphans = h.deferred();
    const QSet<QThread *> workerThreads = h.threads();
    std::atomic<int> ran{0};
    std::atomic<bool> onWorker{true};
    for (const auto &d : orphans) {
        QVERIFY(d.second.serverAlive());
        QVERIFY(d.second.post([&] {
            if (!workerThreads.contains(QThread::currentThread()))
                onWorker.store(false);
            ran.fetch_add(1);
        }));
    }
    QTRY_COMPARE(ran.load(), int(orphans.size()));
    QVERIFY(onWorker.load());
    // Work queued just before the server closes is dropped with its worker, never run on a dead one;
    // afterwards post() refuses at once, and respond() does nothing.
    for (const auto &d : orphans)
        d.second.post([&] { ran.fetch_add(1); });
    srv.reset();
    const int afterClose = ran.load();
    QVERIFY(afterClose <= 2 * int(orphans.size()));
    for (const auto &d : orphans) {
        QVERIFY(!d.second.serverAlive());
        QVERIFY(!d.second.post([&] { ran.fetch_add(1); }));
        d.second.respond(HttpResponse{});
    }
    QTest::qWait(50);
    QCOMPARE(ran.load(), afterClose);
}

void tst_HttpServer::connectionCloseAndHttp10()
{
    start();
    Client c(server->port());
    c.send(post("/a", "1", "Connection: close\r\n") + post("/never", "2"));
    Reply r;
    QVERIFY(c.next(&r));
    QCOMPARE(r.status, 200);
    QVERIFY(c.waitClosed());
    QCOMPARE(handler.seen.size(), 1); // nothing after Connection: close is read
    Client d(server->port());
    d.send("GET /old HTTP/1.0\r\n\r\n");
    QVERIFY(d.next(&r));
    QCOMPARE(r.body, QByteArray("GET /old "));
    QVERIFY(d.waitClosed());
}

void tst_HttpServer::headOmitsBody()
{
    start();
    Client c(server->port());
    c.send("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n" + post("/after", "x"));
    QTRY_COMPARE(handler.seen.size(), 2);
    // The HEAD answer announces the length of the GET body but carries none: the next response follows at
    // once.
    QTRY_VERIFY(c.socket.bytesAvailable() > 0 || !c.buffer.isEmpty());
    QTest::qWait(100);
    c.buffer += c.socket.readAll();
    QVERIFY(c.buffer.startsWith("HTTP/1.1 200 OK\r\n"));
    const int second = c.buffer.indexOf("HTTP/1.1 200", 5);
    QVERIFY(second > 0);
    QVERIFY(c.buffer.left(second).endsWith("\r\n\r\n"));
    QVERIFY(c.buffer.mid(second).endsWith("POST /after x"));
}

void tst_HttpServer::parseListen_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::newRow("v4") << "127.0.0.1:8080" << true << "127.0.0.1" << 8080;
    QTest::newRow("any-port") << "127.0.0.1:0" << true << "127.0.0.1" << 0;
    QTest::newRow("v6") << "[::1]:9000" << true << "::1" << 9000;
    QTest::newRow("localhost") << "localhost:1" << true << "127.0.0.1" << 1;
    QTest::newRow("no-port") << "127.0.0.1" << false << "" << 0;
    QTest::newRow("big-port") << "127.0.0.1:70000" << false << "" << 0;
    QTest::newRow("hostname") << "example.com:80" << false << "" << 0;
}

void tst_HttpServer::parseListen()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, address);
    QFETCH(int, port);
    QHostAddress a;
    quint16 p = 0;
    QString why;
    QCOMPARE(HttpServer::parseListen(text, &a, &p, &why), ok);
    if (ok) {
        QCOMPARE(a, QHostAddress(address));
        QCOMPARE(int(p), port);
    } else {
        QVERIFY(!why.isEmpty());
    }
}

// Writes a throwaway self-signed certificate and key into dir; false when the openssl command is missing.
static bool makeCertificate(const QTemporaryDir &dir, QString *cert, QString *key)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        return false;
    *cert = dir.filePath(QStringLiteral("cert.pem"));
    *key = dir.filePath(QStringLiteral("key.pem"));
    QProcess p;
    p.start(openssl,
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
             QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
             QStringLiteral("-keyout"), *key, QStringLiteral("-out"), *cert, QStringLiteral("-days"),
             QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")});
    return p.waitForFinished(30000) && p.exitCode() == 0;
}

void tst_HttpServer::tls_data()
{
    QTest::addColumn<int>("threads");
    QTest::newRow("one thread") << 1;
    QTest::newRow("two workers") << 2;
}

void tst_HttpServer::tls()
{
    QFETCH(int, threads);
    QTemporaryDir dir;
    QString cert, key;
    if (!makeCertificate(dir, &cert, &key))
        QSKIP("the openssl command is needed to make a throwaway certificate");
    HttpServer::Options o;
    o.threads = threads;
    o.tlsCertificate = cert;
    o.tlsKey = key;
    start(o);
    QVERIFY(server->isTls());
    QSslSocket s;
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setCaCertificates(QSslCertificate::fromPath(cert));
    s.setSslConfiguration(conf);
    s.setPeerVerifyName(QStringLiteral("127.0.0.1"));
    connect(&s, &QSslSocket::sslErrors, &s, [&s](const QList<QSslError> &errors) {
        // A self-signed certificate without a subjectAltName: only the host name check may complain.
        for (const auto &e : errors) {
            if (e.error() != QSslError::HostNameMismatch)
                return;
        }
        s.ignoreSslErrors(errors);
    });
    s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server->port());
    QTRY_VERIFY_WITH_TIMEOUT(s.isEncrypted(), 10000);
    s.write(post("/tls", "secure"));
    QByteArray got;
    QTRY_VERIFY_WITH_TIMEOUT((got += s.readAll()).contains("POST /tls secure"), 10000);
    QVERIFY(got.startsWith("HTTP/1.1 200 OK\r\n"));
    // Plain HTTP on the TLS port is not served.
    Client plain(server->port());
    plain.send(post("/tls", "plain"));
    Reply r;
    QVERIFY(!plain.next(&r, 1000));
    QCOMPARE(handler.seen.size(), 1);
}

// A client that connects to the TLS port and never completes the handshake (here: sends nothing, then half a
// ClientHello) is disconnected after the header timeout; real clients are still served afterwards.
void tst_HttpServer::tlsHandshakeTimeout_data()
{
    QTest::addColumn<QByteArray>("sent");
    QTest::addColumn<int>("threads");
    QTest::newRow("silent") << QByteArray() << 1;
    QTest::newRow("partial client hello") << QByteArray::fromHex("160301020001000200030366") << 1;
    QTest::newRow("silent, two workers") << QByteArray() << 2;
    QTest::newRow("partial client hello, two workers")
        << QByteArray::fromHex("160301020001000200030366") << 2;
}

void tst_HttpServer::tlsHandshakeTimeout()
{
    QFETCH(QByteArray, sent);
    QFETCH(int, threads);
    QTemporaryDir dir;
    QString cert, key;
    if (!makeCertificate(dir, &cert, &key))
        QSKIP("the openssl command is needed to make a throwaway certificate");
    HttpServer::Options o;
    o.threads = threads;
    o.tlsCertificate = cert;
    o.tlsKey = key;
    o.headerTimeout = std::chrono::milliseconds(400);
    start(o);
    QTcpSocket stalled;
    stalled.connectToHost(QHostAddress::LocalHost, server->port());
    QVERIFY(stalled.waitForConnected(5000));
    if (!sent.isEmpty())
        stalled.write(sent);
    QElapsedTimer t;
    t.start();
    // Well before Qt's own 5 s default: the configured timeout applies.
    QTRY_COMPARE_WITH_TIMEOUT(stalled.state(), QAbstractSocket::UnconnectedState, 3000);
    QVERIFY2(t.elapsed() >= 300, qPrintable(QString::number(t.elapsed())));

    QSslSocket s;
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setCaCertificates(QSslCertificate::fromPath(cert));
    s.setSslConfiguration(conf);
    connect(&s, &QSslSocket::sslErrors, &s, [&s](const QList<QSslError> &errors) {
        for (const auto &e : errors) {
            if (e.error() != QSslError::HostNameMismatch)
                return;
        }
        s.ignoreSslErrors(errors);
    });
    s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server->port());
    QTRY_VERIFY_WITH_TIMEOUT(s.isEncrypted(), 10000);
    s.write(post("/after", "ok"));
    QByteArray got;
    QTRY_VERIFY_WITH_TIMEOUT((got += s.readAll()).contains("POST /after ok"), 10000);
}

// Over the connection cap, a TLS client still completes its handshake and then reads the 503.
void tst_HttpServer::tlsOverCap()
{
    QTemporaryDir dir;
    QString cert, key;
    if (!makeCertificate(dir, &cert, &key))
        QSKIP("the openssl command is needed to make a throwaway certificate");
    ThreadedHandler h;
    HttpServer::Options o;
    o.threads = 2;
    o.maxConnections = 1;
    o.tlsCertificate = cert;
    o.tlsKey = key;
    HttpServer srv(o, &h);
    Error e;
    QVERIFY2(srv.listen(QHostAddress::LocalHost, 0, &e), qPrintable(e.message));
    auto connectTls = [&](QSslSocket &s) {
        s.setPeerVerifyMode(QSslSocket::VerifyNone);
        s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), srv.port());
    };
    QSslSocket held;
    connectTls(held);
    QTRY_VERIFY_WITH_TIMEOUT(held.isEncrypted(), 10000);
    QTRY_COMPARE(srv.connectionCount(), 1);
    QSslSocket over;
    connectTls(over);
    QByteArray got;
    QTRY_VERIFY_WITH_TIMEOUT((got += over.readAll()).contains("\r\n\r\n"), 10000);
    QVERIFY2(got.startsWith("HTTP/1.1 503 "), got.constData());
    QVERIFY(got.contains("Connection: close\r\n"));
    QTRY_COMPARE_WITH_TIMEOUT(over.state(), QAbstractSocket::UnconnectedState, 10000);
    QCOMPARE(srv.connectionCount(), 1);
    held.write(post("/held", "tls"));
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += held.readAll()).contains("/held tls"), 10000);
}

void tst_HttpServer::tlsBadFiles()
{
    HttpServer::Options o;
    o.tlsCertificate = QStringLiteral("/nonexistent/cert.pem");
    o.tlsKey = QStringLiteral("/nonexistent/key.pem");
    HttpServer s(o, &handler);
    Error e;
    QVERIFY(!s.listen(QHostAddress::LocalHost, 0, &e));
    QCOMPARE(e.code, QStringLiteral("INGRESS_LISTEN_FAILED"));
    QVERIFY(e.message.contains(QStringLiteral("ingress.tls_cert")));
}

QTEST_GUILESS_MAIN(tst_HttpServer)
#include "tst_httpserver.moc"
