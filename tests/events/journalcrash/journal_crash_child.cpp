// Appends events as fast as it can, printing "<event_id> <seq>" for each append the journal reported
// committed. Its parent kills it with SIGKILL mid-flight (tst_journalcrash).
#include "events/journal.h"
#include "store/database.h"
#include "store/migrator.h"

#include <QCoreApplication>
#include <cstdio>
#include <deque>

using namespace WedSync;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        fprintf(stderr, "usage: journal_crash_child <database-url>\n");
        return 2;
    }
    Error e;
    auto settings = Store::DatabaseSettings::fromUrl(QString::fromLocal8Bit(argv[1]), QString(), &e);
    if (!settings) {
        fprintf(stderr, "%s\n", qPrintable(e.message));
        return 2;
    }
    Store::Database db(*settings);
    if (Store::Migrator().migrate(db.connection(&e), &e) < 0) {
        fprintf(stderr, "%s\n", qPrintable(e.message));
        return 1;
    }
    Events::Journal::Options o;
    o.maxBatch = 500;
    Events::Journal journal(&db, o);
    if (!journal.start(&e)) {
        fprintf(stderr, "%s\n", qPrintable(e.message));
        return 1;
    }
    printf("ready\n");
    fflush(stdout);
    std::deque<std::pair<QString, QFuture<Events::AppendResult>>> inflight;
    for (qint64 i = 0;; ++i) {
        Events::Event ev;
        ev.type = QStringLiteral("booking.created");
        ev.id = QStringLiteral("crash_%1").arg(i);
        ev.source = QStringLiteral("calendly");
        ev.timestamp = QDateTime::currentDateTimeUtc();
        ev.data = QJsonObject{{QStringLiteral("n"), i}};
        inflight.emplace_back(ev.id, journal.append(ev));
        while (inflight.size() > 2000 || (!inflight.empty() && inflight.front().second.isFinished())) {
            const auto r = inflight.front().second.result();
            if (r.ok())
                printf("%s %lld\n", qPrintable(inflight.front().first), r.seq);
            inflight.pop_front();
        }
        fflush(stdout);
    }
}
