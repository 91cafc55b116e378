// Dead-letter replay jobs over the node protocol: run off the node's event loop in chunks with progress on
// the job row and the deliveries topic, no size cap, cancellable between chunks (what was done is kept,
// audited), and a node killed or stopped mid-job leaves no job `running` behind.
#include "client/nodeclient.h"
#include "delivery/deadletters.h"
#include "delivery/deliveryrequest.h"
#include "nodefixture.h"
#include "store/database.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QSqlQuery>

using namespace WedSync;
using namespace WedSync::Test;
using Client::ConnectionState;
using Client::NodeClient;
using Node::Role;

namespace {

// `count` dead deliveries to `target` for events from seq `first`, created at createdAt + seq.
QStringList seedDead(QSqlDatabase db, const QString &target, qint64 first, int count,
                     const QString &type = QStringLiteral("payment.received"), qint64 createdAt = 0)
{
    QList<Delivery::DeliveryRequest> requests;
    QStringList ids;
    for (int i = 0; i < count; ++i) {
        Delivery::DeliveryRequest r;
        r.eventSeq = first + i;
        r.eventType = type;
        r.target = target;
        r.payload = QByteArrayLiteral("{}");
        requests << r;
        ids << Delivery::makeDeliveryId(first + i, target);
    }
    Error e;
    if (!db.transaction() || !Delivery::enqueue(db, requests, &e) || !db.commit()) {
        qWarning() << e.code << e.message;
        return {};
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE deliveries SET state = 'dead', attempts = max_attempts, last_error = "
                             "'HTTP 500' WHERE target = ? AND event_seq >= ? AND event_seq < ?"));
    q.addBindValue(target);
    q.addBindValue(first);
    q.addBindValue(first + count);
    if (!q.exec() || q.numRowsAffected() != count) {
        qWarning() << q.lastError().text();
        return {};
    }
    if (createdAt > 0) {
        q.prepare(QStringLiteral("UPDATE deliveries SET created_at = event_seq + ? WHERE target = ? AND "
                                 "event_seq >= ? AND event_seq < ?"));
        q.addBindValue(createdAt);
        q.addBindValue(target);
        q.addBindValue(first);
        q.addBindValue(first + count);
        if (!q.exec()) {
            qWarning() << q.lastError().text();
            return {};
        }
    }
    return ids;
}

int countState(QSqlDatabase db, const QString &state, const QString &target = {})
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = ?") +
              (target.isEmpty() ? QString() : QStringLiteral(" AND target = ?")));
    q.addBindValue(state);
    if (!target.isEmpty())
        q.addBindValue(target);
    return q.exec() && q.next() ? q.value(0).toInt() : -1;
}

QString jobRowState(QSqlDatabase db, const QString &id)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT state FROM replay_jobs WHERE id = ?"));
    q.addBindValue(id);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

struct TestNode
{
    NodeFixture f;
    NodeClient op;
    NodeClient viewer;
    QList<QJsonObject> jobFrames; // deliveries topic {"kind":"job"} payloads, in order
    QSqlDatabase db;

    bool start(const QHash<QString, QString> &extra, const QString &url = {})
    {
        QHash<QString, QString> config = extra;
        config.insert(QStringLiteral("delivery.enabled"), QStringLiteral("false")); // rows stay as replayed
        if (!f.start(url, config))
            return false;
        Error e;
        db = f.engine->database()->connection(&e);
        op.connectToNode(f.url(), f.token(Role::Operator, QStringLiteral("operator")));
        viewer.connectToNode(f.url(), f.token(Role::Viewer, QStringLiteral("viewer")));
        QObject::connect(&op, &NodeClient::eventsReceived, &op,
                         [this](const QList<Client::TopicEvent> &events) {
                             for (const auto &ev : events)
                                 if (ev.topic == QLatin1String("deliveries") &&
                                     ev.data.value(QLatin1String("kind")).toString() == QLatin1String("job"))
                                     jobFrames << ev.data.value(QLatin1String("job")).toObject();
                         });
        if (!QTest::qWaitFor([&] {
                return op.state() == ConnectionState::Connected &&
                       viewer.state() == ConnectionState::Connected;
            }))
            return false;
        op.subscribe(QStringLiteral("deliveries"));
        return true;
    }
    QJsonObject job(const QString &id)
    {
        const auto r = callNode(viewer, false, QStringLiteral("job.get"), {{QStringLiteral("job_id"), id}});
        return r.ok ? r.data.toObject() : QJsonObject{{QStringLiteral("error"), r.errorCode}};
    }
    QList<QJsonObject> framesOf(const QString &id) const
    {
        QList<QJsonObject> out;
        for (const auto &j : jobFrames)
            if (j.value(QLatin1String("job_id")).toString() == id)
                out << j;
        return out;
    }
};

} // namespace

class tst_ReplayJobs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void replayRefused_data();
    void replayRefused();
    void bulkReplayBeyondOldCapInChunks();
    void filterReplay_data();
    void filterReplay();
    void cancelStopsBetweenChunks();
    void cancelRefused_data();
    void cancelRefused();
    void stopMidJobEndsInterrupted();
    void orphanedJobsInterruptedOnStart();

private:
    // One node for the refusal rows (each row changes nothing, which it checks).
    std::unique_ptr<TestNode> m_shared;
    QString m_finishedJob;
};

void tst_ReplayJobs::initTestCase()
{
    WEDSYNC_INIT_BACKEND();
    m_shared = std::make_unique<TestNode>();
    QVERIFY(m_shared->start({}));
    QCOMPARE(seedDead(m_shared->db, QStringLiteral("sub_a"), 1, 3).size(), 3);
}

void tst_ReplayJobs::cleanupTestCase()
{
    m_shared.reset();
    TestBackend::cleanup();
}

void tst_ReplayJobs::replayRefused_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<QJsonObject>("args");
    QTest::addColumn<QString>("code");
    const int op = int(Role::Operator);
    const QJsonObject target{{QStringLiteral("target"), QStringLiteral("sub_a")}};
    QTest::newRow("viewer") << int(Role::Viewer)
                            << QJsonObject{{QStringLiteral("ids"), QJsonArray{QStringLiteral("d")}}}
                            << "FORBIDDEN";
    QTest::newRow("nothing") << op << QJsonObject() << "BAD_REQUEST";
    QTest::newRow("ids-empty") << op << QJsonObject{{QStringLiteral("ids"), QJsonArray()}} << "BAD_REQUEST";
    QTest::newRow("ids-not-array") << op << QJsonObject{{QStringLiteral("ids"), QStringLiteral("d")}}
                                   << "BAD_REQUEST";
    QTest::newRow("ids-numbers") << op << QJsonObject{{QStringLiteral("ids"), QJsonArray{1, 2}}}
                                 << "BAD_REQUEST";
    QTest::newRow("ids-and-filter") << op
                                    << QJsonObject{{QStringLiteral("ids"), QJsonArray{QStringLiteral("d")}},
                                                   {QStringLiteral("filter"), target}}
                                    << "BAD_REQUEST";
    QTest::newRow("filter-not-object")
        << op << QJsonObject{{QStringLiteral("filter"), QStringLiteral("x")}} << "BAD_REQUEST";
    QTest::newRow("filter-empty") << op << QJsonObject{{QStringLiteral("filter"), QJsonObject()}}
                                  << "VALIDATION_FAILED";
    QTest::newRow("filter-unknown-key")
        << op
        << QJsonObject{{QStringLiteral("filter"),
                        QJsonObject{{QStringLiteral("state"), QStringLiteral("dead")}}}}
        << "BAD_REQUEST";
    QTest::newRow("filter-target-number")
        << op << QJsonObject{{QStringLiteral("filter"), QJsonObject{{QStringLiteral("target"), 5}}}}
        << "BAD_REQUEST";
    QTest::newRow("filter-bad-since")
        << op
        << QJsonObject{{QStringLiteral("filter"),
                        QJsonObject{{QStringLiteral("target"), QStringLiteral("sub_a")},
                                    {QStringLiteral("since"), QStringLiteral("yesterday")}}}}
        << "BAD_REQUEST";
    QTest::newRow("filter-until-before-since")
        << op
        << QJsonObject{{QStringLiteral("filter"),
                        QJsonObject{{QStringLiteral("since"), 2000}, {QStringLiteral("until"), 1000}}}}
        << "VALIDATION_FAILED";
}

void tst_ReplayJobs::replayRefused()
{
    QFETCH(int, role);
    QFETCH(QJsonObject, args);
    QFETCH(QString, code);
    TestNode &n = *m_shared;
    NodeClient c;
    c.connectToNode(n.f.url(),
                    n.f.token(Role(role), QStringLiteral("caller-%1").arg(QTest::currentDataTag())));
    QTRY_COMPARE(c.state(), ConnectionState::Connected);
    const auto r = callNode(c, true, QStringLiteral("deliveries.replay"), args);
    QVERIFY(!r.ok);
    QCOMPARE(r.errorCode, code);
    // Nothing was recorded or replayed.
    QCOMPARE(countState(n.db, QStringLiteral("dead")), 3);
    QVERIFY(callNode(n.viewer, false, QStringLiteral("job.list"), {})
                .data.toObject()
                .value(QLatin1String("items"))
                .toArray()
                .isEmpty());
}

void tst_ReplayJobs::bulkReplayBeyondOldCapInChunks()
{
    TestNode n;
    QVERIFY(n.start({{QStringLiteral("node.replay_chunk_size"), QStringLiteral("100")}}));
    const QStringList ids = seedDead(n.db, QStringLiteral("sub_bulk"), 1, 2500);
    QCOMPARE(ids.size(), 2500);
    QVERIFY(!seedDead(n.db, QStringLiteral("sub_other"), 10001, 10).isEmpty());

    // The answer comes at once: the job runs in the background.
    const auto r = callNode(n.op, true, QStringLiteral("deliveries.replay"),
                            {{QStringLiteral("ids"), QJsonArray::fromStringList(ids)}});
    QVERIFY2(r.ok, qPrintable(r.errorCode + r.errorMessage));
    const QJsonObject started = r.data.toObject();
    const QString jobId = started.value(QLatin1String("job_id")).toString();
    QVERIFY(jobId.startsWith(QLatin1String("rpl_")));
    QCOMPARE(started.value(QLatin1String("total")).toInt(), 2500);
    QCOMPARE(started.value(QLatin1String("requested_by")).toString(), QStringLiteral("operator"));
    QCOMPARE(started.value(QLatin1String("runner")).toString(), QStringLiteral("test-node"));
    QVERIFY(started.value(QLatin1String("state")).toString() == QLatin1String("running"));

    QTRY_COMPARE_WITH_TIMEOUT(n.job(jobId).value(QLatin1String("state")).toString(),
                              QStringLiteral("completed"), 30000);
    const QJsonObject done = n.job(jobId);
    QCOMPARE(done.value(QLatin1String("total")).toInt(), 2500);
    QCOMPARE(done.value(QLatin1String("done")).toInt(), 2500);
    QCOMPARE(done.value(QLatin1String("replayed")).toInt(), 2500);
    QCOMPARE(done.value(QLatin1String("failed")).toInt(), 0);
    QVERIFY(done.value(QLatin1String("finished_at")).toDouble() > 0);
    QCOMPARE(countState(n.db, QStringLiteral("pending"), QStringLiteral("sub_bulk")), 2500);
    QCOMPARE(countState(n.db, QStringLiteral("dead"), QStringLiteral("sub_other")), 10);
    QSqlQuery audit(n.db);
    audit.prepare(QStringLiteral("SELECT COUNT(*) FROM replay_audit WHERE job_id = ?"));
    audit.addBindValue(jobId);
    QVERIFY(audit.exec() && audit.next());
    QCOMPARE(audit.value(0).toInt(), 2500);
    audit.finish(); // an open statement would pin this connection's (the node's) view of the database

    // Progress streamed on the deliveries topic: one frame per chunk, never going backwards, ending
    // completed.
    QTRY_VERIFY(!n.framesOf(jobId).isEmpty() &&
                n.framesOf(jobId).last().value(QLatin1String("state")).toString() ==
                    QLatin1String("completed"));
    const auto frames = n.framesOf(jobId);
    QVERIFY2(frames.size() >= 25, qPrintable(QString::number(frames.size())));
    int last = -1;
    for (const auto &f : frames) {
        const int d = f.value(QLatin1String("done")).toInt();
        QVERIFY(d >= last);
        QVERIFY(d % 100 == 0);
        last = d;
    }
    QCOMPARE(last, 2500);

    // Replaying them again finds nothing left to replay: each id is looked at, none reset.
    const auto again =
        callNode(n.op, true, QStringLiteral("deliveries.replay"),
                 {{QStringLiteral("ids"), QJsonArray{ids.first(), QStringLiteral("no-such-delivery")}}});
    QVERIFY2(again.ok, qPrintable(again.errorCode));
    const QString againId = again.data.toObject().value(QLatin1String("job_id")).toString();
    QTRY_COMPARE(n.job(againId).value(QLatin1String("state")).toString(), QStringLiteral("completed"));
    QCOMPARE(n.job(againId).value(QLatin1String("done")).toInt(), 2);
    QCOMPARE(n.job(againId).value(QLatin1String("replayed")).toInt(), 0);
    QCOMPARE(n.job(againId).value(QLatin1String("failed")).toInt(), 2);

    // The job list shows both, newest first.
    const auto list = callNode(n.viewer, false, QStringLiteral("job.list"), {});
    QVERIFY2(list.ok, qPrintable(list.errorCode));
    QCOMPARE(list.data.toObject().value(QLatin1String("items")).toArray().size(), 2);
}

void tst_ReplayJobs::filterReplay_data()
{
    QTest::addColumn<QJsonObject>("filter");
    QTest::addColumn<int>("expected");
    // Seeded: sub_f payment.received x20 (created 1000+seq for seq 1..20), sub_f booking.created x5
    // (seq 101..105), sub_g payment.received x7 (seq 201..207).
    QTest::newRow("target") << QJsonObject{{QStringLiteral("target"), QStringLiteral("sub_f")}} << 25;
    QTest::newRow("event-type") << QJsonObject{{QStringLiteral("event_type"),
                                                QStringLiteral("payment.received")}}
                                << 27;
    QTest::newRow("target-and-type") << QJsonObject{{QStringLiteral("target"), QStringLiteral("sub_f")},
                                                    {QStringLiteral("event_type"),
                                                     QStringLiteral("booking.created")}}
                                     << 5;
    QTest::newRow("time-range") << QJsonObject{{QStringLiteral("since"), 1001},
                                               {QStringLiteral("until"), 1011}}
                                << 10;
    QTest::newRow("iso-time-range")
        << QJsonObject{{QStringLiteral("since"), QStringLiteral("1970-01-01T00:00:01.001Z")},
                       {QStringLiteral("until"), QStringLiteral("1970-01-01T00:00:01.006Z")}}
        << 5;
    QTest::newRow("matches-nothing") << QJsonObject{{QStringLiteral("target"), QStringLiteral("sub_none")}}
                                     << 0;
}

void tst_ReplayJobs::filterReplay()
{
    QFETCH(QJsonObject, filter);
    QFETCH(int, expected);
    TestNode n;
    QVERIFY(n.start({{QStringLiteral("node.replay_chunk_size"), QStringLiteral("3")}}));
    QVERIFY(
        !seedDead(n.db, QStringLiteral("sub_f"), 1, 20, QStringLiteral("payment.received"), 1000).isEmpty());
    QVERIFY(!seedDead(n.db, QStringLiteral("sub_f"), 101, 5, QStringLiteral("booking.created"), 100000)
                 .isEmpty());
    QVERIFY(!seedDead(n.db, QStringLiteral("sub_g"), 201, 7, QStringLiteral("payment.received"), 100000)
                 .isEmpty());
    const auto r =
        callNode(n.op, true, QStringLiteral("deliveries.replay"), {{QStringLiteral("filter"), filter}});
    QVERIFY2(r.ok, qPrintable(r.errorCode + r.errorMessage));
    const QString id = r.data.toObject().value(QLatin1String("job_id")).toString();
    QTRY_COMPARE(n.job(id).value(QLatin1String("state")).toString(), QStringLiteral("completed"));
    const QJsonObject job = n.job(id);
    QCOMPARE(job.value(QLatin1String("total")).toInt(), expected);
    QCOMPARE(job.value(QLatin1String("replayed")).toInt(), expected);
    QCOMPARE(countState(n.db, QStringLiteral("pending")), expected);
    QCOMPARE(countState(n.db, QStringLiteral("dead")), 32 - expected);
    for (auto it = filter.begin(); it != filter.end(); ++it)
        if (it.key() == QLatin1String("target") || it.key() == QLatin1String("event_type"))
            QCOMPARE(job.value(QLatin1String("filter")).toObject().value(it.key()), it.value());
}

void tst_ReplayJobs::cancelStopsBetweenChunks()
{
    TestNode n;
    QVERIFY(n.start({{QStringLiteral("node.replay_chunk_size"), QStringLiteral("5")},
                     {QStringLiteral("node.replay_chunk_pause"), QStringLiteral("100ms")}}));
    QVERIFY(!seedDead(n.db, QStringLiteral("sub_c"), 1, 200).isEmpty());
    const auto r = callNode(
        n.op, true, QStringLiteral("deliveries.replay"),
        {{QStringLiteral("filter"), QJsonObject{{QStringLiteral("target"), QStringLiteral("sub_c")}}}});
    QVERIFY2(r.ok, qPrintable(r.errorCode + r.errorMessage));
    const QString id = r.data.toObject().value(QLatin1String("job_id")).toString();
    QTRY_VERIFY(!n.framesOf(id).isEmpty() &&
                n.framesOf(id).last().value(QLatin1String("done")).toInt() >= 10);

    // The node's event loop is free while the job runs: a query answers at once.
    QElapsedTimer t;
    t.start();
    const auto info = callNode(n.viewer, false, QStringLiteral("node.info"), {});
    QVERIFY2(info.ok, qPrintable(info.errorCode));
    QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed()))); // the job needs >= 4 s
    QCOMPARE(n.job(id).value(QLatin1String("state")).toString(), QStringLiteral("running"));

    const auto c = callNode(n.op, true, QStringLiteral("job.cancel"), {{QStringLiteral("job_id"), id}});
    QVERIFY2(c.ok, qPrintable(c.errorCode + c.errorMessage));
    QCOMPARE(c.data.toObject().value(QLatin1String("cancel_requested_by")).toString(),
             QStringLiteral("operator"));
    QTRY_COMPARE(n.job(id).value(QLatin1String("state")).toString(), QStringLiteral("cancelled"));
    const QJsonObject job = n.job(id);
    const int done = job.value(QLatin1String("done")).toInt();
    QVERIFY2(done >= 10 && done < 200, qPrintable(QString::number(done)));
    QCOMPARE(done % 5, 0);
    QCOMPARE(job.value(QLatin1String("total")).toInt(), 200);
    QCOMPARE(job.value(QLatin1String("replayed")).toInt(), done);
    // What was replayed stays replayed; the rest is still dead.
    QCOMPARE(countState(n.db, QStringLiteral("pending")), done);
    QCOMPARE(countState(n.db, QStringLiteral("dead")), 200 - done);
    QTRY_VERIFY(!n.framesOf(id).isEmpty() &&
                n.framesOf(id).last().value(QLatin1String("state")).toString() == QLatin1String("cancelled"));
    // Cancelling again is harmless and says how it ended.
    const auto again = callNode(n.op, true, QStringLiteral("job.cancel"), {{QStringLiteral("job_id"), id}});
    QVERIFY2(again.ok, qPrintable(again.errorCode));
    QCOMPARE(again.data.toObject().value(QLatin1String("state")).toString(), QStringLiteral("cancelled"));

    // Audited: who cancelled, and how the job ended.
    NodeClient admin;
    admin.connectToNode(n.f.url(), n.f.token(Role::Admin, QStringLiteral("admin")));
    QTRY_COMPARE(admin.state(), ConnectionState::Connected);
    bool cancelAudited = false;
    bool endAudited = false;
    QTRY_VERIFY([&] {
        const auto audit = callNode(admin, false, QStringLiteral("audit.list"), {});
        for (const QJsonValue &v : audit.data.toObject().value(QLatin1String("items")).toArray()) {
            const QJsonObject a = v.toObject();
            if (a.value(QLatin1String("target")).toString() != id)
                continue;
            if (a.value(QLatin1String("action")).toString() == QLatin1String("job.cancel") &&
                a.value(QLatin1String("actor")).toString() == QLatin1String("operator"))
                cancelAudited = true;
            if (a.value(QLatin1String("action")).toString() == QLatin1String("job.finished") &&
                a.value(QLatin1String("details")).toObject().value(QLatin1String("state")).toString() ==
                    QLatin1String("cancelled"))
                endAudited = true;
        }
        return cancelAudited && endAudited;
    }());
}

void tst_ReplayJobs::cancelRefused_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<QString>("which"); // finished | unknown | none
    QTest::addColumn<QString>("code");
    QTest::newRow("viewer") << int(Role::Viewer) << "finished"
                            << "FORBIDDEN";
    QTest::newRow("finished-job") << int(Role::Operator) << "finished"
                                  << "REPLAY_JOB_FINISHED";
    QTest::newRow("unknown-job") << int(Role::Operator) << "unknown"
                                 << "NOT_FOUND";
    QTest::newRow("no-job-id") << int(Role::Operator) << "none"
                               << "BAD_REQUEST";
}

void tst_ReplayJobs::cancelRefused()
{
    QFETCH(int, role);
    QFETCH(QString, which);
    QFETCH(QString, code);
    TestNode &n = *m_shared;
    if (m_finishedJob.isEmpty()) {
        const auto r = callNode(
            n.op, true, QStringLiteral("deliveries.replay"),
            {{QStringLiteral("filter"), QJsonObject{{QStringLiteral("target"), QStringLiteral("sub_a")}}}});
        QVERIFY2(r.ok, qPrintable(r.errorCode));
        m_finishedJob = r.data.toObject().value(QLatin1String("job_id")).toString();
        QTRY_COMPARE(n.job(m_finishedJob).value(QLatin1String("state")).toString(),
                     QStringLiteral("completed"));
    }
    NodeClient c;
    c.connectToNode(n.f.url(),
                    n.f.token(Role(role), QStringLiteral("canceller-%1").arg(QTest::currentDataTag())));
    QTRY_COMPARE(c.state(), ConnectionState::Connected);
    QJsonObject args;
    if (which == QLatin1String("finished"))
        args.insert(QStringLiteral("job_id"), m_finishedJob);
    else if (which == QLatin1String("unknown"))
        args.insert(QStringLiteral("job_id"), QStringLiteral("rpl_doesnotexist"));
    const auto cancel = callNode(c, true, QStringLiteral("job.cancel"), args);
    QCOMPARE(cancel.errorCode, code);
    QCOMPARE(n.job(m_finishedJob).value(QLatin1String("state")).toString(), QStringLiteral("completed"));
}

void tst_ReplayJobs::stopMidJobEndsInterrupted()
{
    TestNode n;
    QVERIFY(n.start({{QStringLiteral("node.replay_chunk_size"), QStringLiteral("5")},
                     {QStringLiteral("node.replay_chunk_pause"), QStringLiteral("200ms")}}));
    QVERIFY(!seedDead(n.db, QStringLiteral("sub_s"), 1, 100).isEmpty());
    const auto r = callNode(
        n.op, true, QStringLiteral("deliveries.replay"),
        {{QStringLiteral("filter"), QJsonObject{{QStringLiteral("target"), QStringLiteral("sub_s")}}}});
    QVERIFY2(r.ok, qPrintable(r.errorCode));
    const QString id = r.data.toObject().value(QLatin1String("job_id")).toString();
    QTRY_VERIFY(!n.framesOf(id).isEmpty() && n.framesOf(id).last().value(QLatin1String("done")).toInt() >= 5);
    QElapsedTimer t;
    t.start();
    n.f.engine->stop(); // wakes the job from its pause; it ends after the chunk it is in
    QVERIFY2(t.elapsed() < 10000, qPrintable(QString::number(t.elapsed())));
    QVERIFY(!n.f.engine->replayJobs());

    Store::Database db(
        *Store::DatabaseSettings::fromUrl(n.f.engine->config().string(QStringLiteral("store.database")),
                                          n.f.engine->config().dataDir(), nullptr));
    QSqlDatabase c = db.connection();
    QCOMPARE(jobRowState(c, id), QStringLiteral("interrupted"));
    Error e;
    const auto job = Delivery::DeadLetters::job(c, id, &e);
    QVERIFY(job);
    QVERIFY(job->processed >= 5 && job->processed < 100);
    QCOMPARE(countState(c, QStringLiteral("pending")), job->replayed);
    QVERIFY(job->finishedAt > 0);
    db.releaseThreadConnection();
}

void tst_ReplayJobs::orphanedJobsInterruptedOnStart()
{
    const QString url = TestBackend::freshUrl();
    QStringList ids;
    {
        NodeFixture first;
        QVERIFY(first.start(url, {{QStringLiteral("delivery.enabled"), QStringLiteral("false")}}));
        Error e;
        QSqlDatabase db = first.engine->database()->connection(&e);
        // What a node killed mid-job leaves: jobs `running` with this node (or its worker) as the runner.
        const auto insert = [&](const QString &runner, const QString &state) {
            Delivery::DeliveryFilter filter;
            filter.target = QStringLiteral("sub_none");
            const QString id =
                Delivery::DeadLetters::createReplayJob(db, filter, QStringLiteral("ops"), &e, runner);
            if (!id.isEmpty() && !state.isEmpty()) {
                QSqlQuery q(db);
                q.prepare(QStringLiteral("UPDATE replay_jobs SET state = ? WHERE id = ?"));
                q.addBindValue(state);
                q.addBindValue(id);
                q.exec();
            }
            ids << id;
        };
        insert(QStringLiteral("test-node"), {});
        insert(QStringLiteral("test-node/4242"), {});
        insert(QStringLiteral("other-node"), {});
        insert(QStringLiteral("test-node"), QStringLiteral("done"));
        QCOMPARE(ids.size(), 4);
        QVERIFY(!ids.contains(QString()));
        QCOMPARE(jobRowState(db, ids[0]), QStringLiteral("running"));
        first.engine->stop();
    }
    QString queued;
    QString cancelled;
    {
        // While no node runs: jobs queued as the CLI queues them; one is cancelled before anyone takes it.
        Error e;
        Store::Database database(*Store::DatabaseSettings::fromUrl(url, QDir::tempPath(), &e));
        QSqlDatabase db = database.connection(&e);
        QVERIFY2(db.isOpen(), qPrintable(e.message));
        QCOMPARE(seedDead(db, QStringLiteral("sub_o"), 1, 3).size(), 3);
        Delivery::DeliveryFilter filter;
        filter.target = QStringLiteral("sub_o");
        queued = Delivery::DeadLetters::createReplayJob(db, filter, QStringLiteral("cli-user"), &e);
        cancelled = Delivery::DeadLetters::createReplayJob(db, filter, QStringLiteral("cli-user"), &e);
        QVERIFY(!queued.isEmpty() && !cancelled.isEmpty());
        const auto c = Delivery::DeadLetters::requestCancel(db, cancelled, QStringLiteral("ops"), &e);
        QVERIFY2(c, qPrintable(e.message));
        QCOMPARE(c->state, QStringLiteral("cancelled"));
        QCOMPARE(c->cancelRequestedBy, QStringLiteral("ops"));
        db = QSqlDatabase();
        database.releaseThreadConnection();
    }
    TestNode n;
    QVERIFY(n.start({}, url));
    QCOMPARE(jobRowState(n.db, ids[0]), QStringLiteral("interrupted"));
    QCOMPARE(jobRowState(n.db, ids[1]), QStringLiteral("interrupted"));
    QCOMPARE(jobRowState(n.db, ids[2]), QStringLiteral("running")); // another node's: not ours to judge
    QCOMPARE(jobRowState(n.db, ids[3]), QStringLiteral("done"));
    const QJsonObject job = n.job(ids[0]);
    QCOMPARE(job.value(QLatin1String("state")).toString(), QStringLiteral("interrupted"));
    QVERIFY(!job.value(QLatin1String("error")).toString().isEmpty());
    QVERIFY(job.value(QLatin1String("finished_at")).toDouble() > 0);
    // The queued job is taken by the node and run; the cancelled one is left alone.
    QTRY_COMPARE_WITH_TIMEOUT(n.job(queued).value(QLatin1String("state")).toString(),
                              QStringLiteral("completed"), 10000);
    QCOMPARE(n.job(queued).value(QLatin1String("runner")).toString(), QStringLiteral("test-node"));
    QCOMPARE(n.job(queued).value(QLatin1String("replayed")).toInt(), 3);
    QCOMPARE(n.job(queued).value(QLatin1String("requested_by")).toString(), QStringLiteral("cli-user"));
    QCOMPARE(countState(n.db, QStringLiteral("pending")), 3);
    QCOMPARE(jobRowState(n.db, cancelled), QStringLiteral("cancelled"));
}

QTEST_GUILESS_MAIN(tst_ReplayJobs)
#include "tst_replayjobs.moc"
