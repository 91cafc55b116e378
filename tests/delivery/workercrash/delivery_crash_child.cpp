// Runs a delivery worker until killed: delivery_crash_child <database url> <node id> <claim lease ms>
#include "delivery/deliveryworker.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace WedSync;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        QTextStream(stderr) << "usage: delivery_crash_child <url> <node id> <claim lease ms>\n";
        return 2;
    }
    Error e;
    auto settings = Store::DatabaseSettings::fromUrl(args.at(1), QString(), &e);
    if (!settings)
        return 2;
    Store::Database db(*settings);
    Delivery::WorkerOptions o;
    o.nodeId = args.at(2);
    o.claimLeaseMs = args.at(3).toLongLong();
    o.pollIntervalMs = 10;
    o.concurrency = 20;
    o.ssrf.allowCidrs = {QStringLiteral("127.0.0.1/32")};
    Delivery::DeliveryWorker worker(&db, o);
    if (!worker.start(&e)) {
        QTextStream(stderr) << e.code << ": " << e.message << "\n";
        return 1;
    }
    QTextStream(stdout) << "started" << Qt::endl;
    return app.exec();
}
