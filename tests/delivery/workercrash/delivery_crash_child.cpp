// Runs a delivery worker until killed:
//   delivery_crash_child <database url> <node id> <claim lease ms> [hold-commits]
// hold-commits (SQLite): once the worker has started, every write to a write-ahead log blocks for good, so
// no transaction commits from then on, the worker's first claim included; the process is meant to be
// killed in that state (a node that dies before its claim reached the disk).
#include "delivery/deliveryworker.h"
#include "store/database.h"
#include "walfaults.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace WedSync;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool hold = args.size() == 5 && args.at(4) == QLatin1String("hold-commits");
    if (args.size() != 4 && !hold) {
        QTextStream(stderr)
            << "usage: delivery_crash_child <url> <node id> <claim lease ms> [hold-commits]\n";
        return 2;
    }
    if (hold)
        Test::WalFaults::install(); // before the first connection opens
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
    if (hold)
        Test::WalFaults::setMode(Test::WalFaults::Mode::Hold);
    QTextStream(stdout) << "started" << Qt::endl;
    return app.exec();
}
