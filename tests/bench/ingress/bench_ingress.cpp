// The ingress benchmark's two halves:
//   bench_ingress generate N FILE SECRET   writes N distinct signed Zapier webhooks (one per line:
//                                           "<x-webhook-signature>\t<body>") for wrk's Lua script;
//   bench_ingress serve PORT DIR SECRET [full|normal [THREADS]]   runs the engine (SQLite in DIR, the real
//   HTTP ingress, journal,
//                                           webhook log) with the Zapier secret set and no rate limits,
//                                           until SIGINT/SIGTERM; then prints how many events it journaled.
#include "common/config.h"
#include "common/shutdown.h"
#include "events/journal.h"
#include "ingress/credentialstore.h"
#include "ingress/sources/generichmac.h"
#include "node/engine.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <cstdio>

using namespace WedSync;

// randomIds: ids as vendors send them (Stripe's evt_..., Calendly's UUIDs), each landing somewhere else in
// the journal's (source, event_id) and correlation indexes; otherwise zap_0000000001, ..., which only ever
// append at their right edge, which is cheaper and flatters the journal.
static QString eventId(qint64 i, bool randomIds)
{
    if (!randomIds)
        return QStringLiteral("zap_%1").arg(i, 10, 10, QLatin1Char('0'));
    const QByteArray digest =
        QCryptographicHash::hash("bench-event-" + QByteArray::number(i), QCryptographicHash::Sha256);
    return QStringLiteral("zap_") + QString::fromLatin1(digest.toHex().left(24));
}

static int generate(qint64 n, const QString &path, const QByteArray &secret, bool randomIds)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        return 1;
    }
    static const char *types[] = {"booking.created", "booking.updated", "payment.received", "form.submitted"};
    for (qint64 i = 0; i < n; ++i) {
        // Payloads the handlers accept, so processing does its real work (the chains, the receipts) instead
        // of recording validation errors.
        QJsonObject data{
            {QStringLiteral("booking_id"), QStringLiteral("bk_%1").arg(i % 5000)},
            {QStringLiteral("supplier_id"), QStringLiteral("sup_%1").arg(i % 200)},
            {QStringLiteral("couple_email"), QStringLiteral("couple%1@example.com").arg(i % 5000)},
            {QStringLiteral("start"), QStringLiteral("2027-06-12T14:00:00Z")},
            {QStringLiteral("end"), QStringLiteral("2027-06-12T23:00:00Z")},
            {QStringLiteral("wedding_date"), QStringLiteral("2027-06-12")},
            {QStringLiteral("supplier_type"), QStringLiteral("photographer")},
            {QStringLiteral("amount"), 1250 + int(i % 700)},
            {QStringLiteral("currency"), QStringLiteral("GBP")}};
        if (i % 4 == 3) {
            data.insert(QStringLiteral("form_id"), QStringLiteral("form_guest_details"));
            data.insert(QStringLiteral("answers"), QJsonObject{{QStringLiteral("guest_count"), 120}});
        }
        const QJsonObject o{{QStringLiteral("event_type"), QString::fromLatin1(types[i % 4])},
                            {QStringLiteral("event_id"), eventId(i, randomIds)},
                            {QStringLiteral("timestamp"), QStringLiteral("2026-11-20T10:00:00.000Z")},
                            {QStringLiteral("data"), data}};
        const QByteArray body = QJsonDocument(o).toJson(QJsonDocument::Compact);
        f.write(Ingress::Sources::GenericHmac::sign(secret, body, true) + '\t' + body + '\n');
    }
    return 0;
}

static int serve(quint16 port, const QString &dir, const QByteArray &secret, const QString &sync,
                 const QString &threads)
{
    Config config = Config::defaults();
    QString why;
    const QList<QPair<QString, QString>> settings = {
        {QStringLiteral("node.data_dir"), dir},
        {QStringLiteral("ingress.listen"), QStringLiteral("127.0.0.1:%1").arg(port)},
        {QStringLiteral("ingress.rate_limit_integration"), QStringLiteral("0")},
        {QStringLiteral("ingress.rate_limit_ip"), QStringLiteral("0")},
        {QStringLiteral("ingress.max_connections"), QStringLiteral("10000")},
        {QStringLiteral("journal.retention"), QStringLiteral("0")},
        {QStringLiteral("store.sync"), sync},
        {QStringLiteral("ingress.threads"), threads}, // 0: one per core
    };
    for (const auto &[k, v] : settings) {
        if (!config.set(k, v, &why)) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(k), qPrintable(why));
            return 2;
        }
    }
    Node::Engine engine(config);
    Error e;
    if (!engine.start(&e)) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(e.code), qPrintable(e.message));
        return 1;
    }
    if (!engine.credentials()->setSecret(QStringLiteral("zapier"), QString(), secret, std::chrono::seconds(0),
                                         &e)) {
        std::fprintf(stderr, "%s\n", qPrintable(e.message));
        return 1;
    }
    std::fprintf(stderr, "bench_ingress: serving on 127.0.0.1:%u\n", unsigned(engine.ingressPort()));
    QObject::connect(qApp, &QCoreApplication::aboutToQuit, &engine, [&engine] {
        const qint64 n = engine.journal()->lastSeq();
        engine.stop();
        std::printf("journaled %lld\n", static_cast<long long>(n));
        std::fflush(stdout);
    });
    return QCoreApplication::exec();
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if ((args.size() == 5 || args.size() == 6) && args[1] == QLatin1String("generate")) {
        const QString ids = args.value(5, QStringLiteral("random"));
        if (ids == QLatin1String("random") || ids == QLatin1String("sequential"))
            return generate(args[2].toLongLong(), args[3], args[4].toUtf8(), ids == QLatin1String("random"));
    }
    if (args.size() >= 5 && args.size() <= 7 && args[1] == QLatin1String("serve")) {
        ShutdownNotifier shutdown;
        QObject::connect(&shutdown, &ShutdownNotifier::requested, &app, &QCoreApplication::quit);
        return serve(quint16(args[2].toUInt()), args[3], args[4].toUtf8(),
                     args.size() >= 6 ? args[5] : QStringLiteral("full"),
                     args.size() == 7 ? args[6] : QStringLiteral("0"));
    }
    std::fprintf(stderr, "usage: bench_ingress generate N FILE SECRET [random|sequential] | serve PORT DIR "
                         "SECRET [full|normal [THREADS]]\n");
    return 2;
}
