// wedsync-sink: a webhook receiver for tests, demos and benchmarks (see sinkserver.h).
//   wedsync-sink --listen 127.0.0.1:9090 [--secret-file F] [--threads N]
#include "sinkserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("wedsync-sink"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Receives WedSync webhooks, verifies both signature schemes, counts them (GET /stats) and injects "
        "failures on command (POST /control {\"mode\": \"fail\", \"status\": 503, \"count\": 5}; modes: ok, "
        "fail, "
        "latency (delay_ms), timeout, ratelimit (retry_after), gone; \"headers\": {...} adds response "
        "headers, e.g. x-ratelimit-remaining)."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("listen"), QStringLiteral("Address and port to listen on."),
                      QStringLiteral("host:port"), QStringLiteral("127.0.0.1:9090")});
    parser.addOption({QStringLiteral("secret-file"),
                      QStringLiteral("File holding the signing secret (whsec_... or raw)."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("threads"),
                      QStringLiteral("Serve connections on this many threads (0: the main thread)."),
                      QStringLiteral("n"), QStringLiteral("0")});
    parser.process(app);
    QTextStream err(stderr);

    const QString listen = parser.value(QStringLiteral("listen"));
    const qsizetype colon = listen.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const int port = colon > 0 ? listen.mid(colon + 1).toInt(&ok) : 0;
    QHostAddress address;
    if (!ok || port < 0 || port > 65535 || !address.setAddress(listen.left(colon))) {
        err << "wedsync-sink: --listen must be address:port, e.g. 127.0.0.1:9090\n";
        return 2;
    }
    WedSync::Sink::SinkServer sink;
    if (parser.isSet(QStringLiteral("secret-file"))) {
        QFile f(parser.value(QStringLiteral("secret-file")));
        if (!f.open(QIODevice::ReadOnly)) {
            err << "wedsync-sink: cannot read the secret file " << f.fileName() << "\n";
            return 2;
        }
        sink.setSecret(QString::fromUtf8(f.readAll()).trimmed());
    }
    const int threads = parser.value(QStringLiteral("threads")).toInt(&ok);
    if (!ok || threads < 0 || threads > 64) {
        err << "wedsync-sink: --threads must be 0-64\n";
        return 2;
    }
    sink.setThreads(threads);
    QString why;
    if (!sink.listen(address, quint16(port), &why)) {
        err << "wedsync-sink: cannot listen on " << listen << ": " << why << "\n";
        return 1;
    }
    QTextStream(stdout) << "wedsync-sink listening on " << address.toString() << ":" << sink.port()
                        << Qt::endl;
    return app.exec();
}
