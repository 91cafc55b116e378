#include "client/nodeclient.h"
#include "delivery/deliveryrequest.h"
#include "delivery/subscriptions.h"
#include "nodefixture.h"
#include "store/database.h"

#include <QJsonArray>
#include <QSqlQuery>

using namespace WedSync;
using namespace WedSync::Test;
using Client::ConnectionState;
using Client::NodeClient;
using Node::Role;

class tst_DeliveryQueries : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WEDSYNC_INIT_BACKEND(); }
    void cleanupTestCase() { TestBackend::cleanup(); }
    void targetsDeadLettersReplayAndSubscriptions();
};

void tst_DeliveryQueries::targetsDeadLettersReplayAndSubscriptions()
{
    NodeFixture f;
    // No worker: the seeded delivery stays where the test puts it.
    QVERIFY(f.start(QString(), {{QStringLiteral("delivery.enabled"), QStringLiteral("false")}}));
    Error e;
    QSqlDatabase db = f.engine->database()->connection(&e);
    QVERIFY2(db.isOpen(), qPrintable(e.message));

    Delivery::Subscription sub;
    sub.url = QStringLiteral("https://hooks.example.com/wedsync");
    sub.eventTypes = {QStringLiteral("payment.received")};
    sub.secret = QStringLiteral("whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=");
    QVERIFY2(Delivery::SubscriptionStore::add(db, &sub, &e), qPrintable(e.message));

    Delivery::DeliveryRequest request;
    request.eventSeq = 1;
    request.eventType = QStringLiteral("payment.received");
    request.target = sub.id;
    request.payload = QByteArrayLiteral("{}");
    QVERIFY(db.transaction());
    QVERIFY2(Delivery::enqueue(db, {request}, &e), qPrintable(e.message));
    QVERIFY(db.commit());
    const QString deliveryId = Delivery::makeDeliveryId(1, sub.id);
    // Exhausted attempts: what the worker leaves behind after the last failure.
    QSqlQuery dead(db);
    dead.prepare(QStringLiteral("UPDATE deliveries SET state = 'dead', attempts = max_attempts, "
                                "response_code = 500, last_error = 'HTTP 500' WHERE id = ?"));
    dead.addBindValue(deliveryId);
    QVERIFY(dead.exec());
    QCOMPARE(dead.numRowsAffected(), 1);

    NodeClient viewer;
    NodeClient op;
    NodeClient admin;
    viewer.connectToNode(f.url(), f.token(Role::Viewer, QStringLiteral("viewer")));
    op.connectToNode(f.url(), f.token(Role::Operator, QStringLiteral("operator")));
    admin.connectToNode(f.url(), f.token(Role::Admin, QStringLiteral("admin")));
    QTRY_COMPARE(viewer.state(), ConnectionState::Connected);
    QTRY_COMPARE(op.state(), ConnectionState::Connected);
    QTRY_COMPARE(admin.state(), ConnectionState::Connected);

    Client::Result r = callNode(viewer, false, QStringLiteral("deliveries.targets"), {});
    QVERIFY2(r.ok, qPrintable(r.errorCode + r.errorMessage));
    const QJsonArray targets = r.data.toObject().value(QLatin1String("items")).toArray();
    QCOMPARE(targets.size(), 1);
    const QJsonObject t = targets.first().toObject();
    QCOMPARE(t.value(QLatin1String("target")).toString(), sub.id);
    QCOMPARE(t.value(QLatin1String("dead")).toInt(), 1);
    QCOMPARE(t.value(QLatin1String("breaker")).toString(), QStringLiteral("closed"));
    QCOMPARE(t.value(QLatin1String("subscription_id")).toString(), sub.id);
    QCOMPARE(t.value(QLatin1String("active")).toBool(), true);

    r = callNode(viewer, false, QStringLiteral("deliveries.dead_letters"), {{QStringLiteral("limit"), 10}});
    QVERIFY2(r.ok, qPrintable(r.errorCode + r.errorMessage));
    const QJsonArray deadLetters = r.data.toObject().value(QLatin1String("items")).toArray();
    QCOMPARE(deadLetters.size(), 1);
    QCOMPARE(deadLetters.first().toObject().value(QLatin1String("id")).toString(), deliveryId);
    QCOMPARE(deadLetters.first().toObject().value(QLatin1String("status_code")).toInt(), 500);

    r = callNode(viewer, false, QStringLiteral("deliveries.attempts"), {{QStringLiteral("target"), sub.id}});
    QVERIFY2(r.ok, qPrintable(r.errorCode + r.errorMessage));

    const QJsonObject replayArgs{{QStringLiteral("ids"), QJsonArray{deliveryId}}};
    r = callNode(viewer, true, QStringLiteral("deliveries.replay"), replayArgs);
    QCOMPARE(r.errorCode, QStringLiteral("FORBIDDEN"));
    r = callNode(op, true, QStringLiteral("deliveries.replay"), replayArgs);
    QVERIFY2(r.ok, qPrintable(r.errorCode + r.errorMessage));
    const QJsonObject job = r.data.toObject();
    QCOMPARE(job.value(QLatin1String("total")).toInt(), 1);
    // The job runs in the background; job.get follows it to its end.
    const QJsonObject jobArgs{{QStringLiteral("id"), job.value(QLatin1String("job_id"))}};
    QTRY_COMPARE(callNode(viewer, false, QStringLiteral("job.get"), jobArgs)
                     .data.toObject()
                     .value(QLatin1String("state"))
                     .toString(),
                 QStringLiteral("completed"));
    r = callNode(viewer, false, QStringLiteral("job.get"), jobArgs);
    QVERIFY2(r.ok, qPrintable(r.errorCode + r.errorMessage));
    QCOMPARE(r.data.toObject().value(QLatin1String("done")).toInt(), 1);
    QCOMPARE(r.data.toObject().value(QLatin1String("replayed")).toInt(), 1);
    QCOMPARE(r.data.toObject().value(QLatin1String("failed")).toInt(), 0);
    r = callNode(viewer, false, QStringLiteral("job.get"),
                 {{QStringLiteral("job_id"), QStringLiteral("nope")}});
    QCOMPARE(r.errorCode, QStringLiteral("NOT_FOUND"));
    // A finished job cannot be cancelled any more.
    r = callNode(op, true, QStringLiteral("job.cancel"), jobArgs);
    QCOMPARE(r.errorCode, QStringLiteral("REPLAY_JOB_FINISHED"));

    r = callNode(viewer, false, QStringLiteral("deliveries.dead_letters"), {});
    QVERIFY2(r.ok, qPrintable(r.errorCode + r.errorMessage));
    QVERIFY(r.data.toObject().value(QLatin1String("items")).toArray().isEmpty());

    const QJsonObject subArgs{{QStringLiteral("id"), sub.id}};
    r = callNode(op, true, QStringLiteral("subscription.disable"), subArgs);
    QCOMPARE(r.errorCode, QStringLiteral("FORBIDDEN"));
    r = callNode(admin, true, QStringLiteral("subscription.disable"), subArgs);
    QVERIFY2(r.ok, qPrintable(r.errorCode + r.errorMessage));
    auto stored = Delivery::SubscriptionStore::get(db, sub.id, &e);
    QVERIFY(stored);
    QVERIFY(!stored->active);
    r = callNode(admin, true, QStringLiteral("subscription.enable"), subArgs);
    QVERIFY2(r.ok, qPrintable(r.errorCode + r.errorMessage));
    stored = Delivery::SubscriptionStore::get(db, sub.id, &e);
    QVERIFY(stored);
    QVERIFY(stored->active);
    r = callNode(admin, true, QStringLiteral("subscription.enable"),
                 {{QStringLiteral("id"), QStringLiteral("sub_x")}});
    QCOMPARE(r.errorCode, QStringLiteral("SUBSCRIPTION_NOT_FOUND"));
}

QTEST_GUILESS_MAIN(tst_DeliveryQueries)
#include "tst_deliveryqueries.moc"
