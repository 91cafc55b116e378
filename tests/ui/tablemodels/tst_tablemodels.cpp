#include "models/alertsmodel.h"
#include "models/deliverymodels.h"
#include "models/healthmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace WedSync::Ui;

namespace {
QJsonObject integration(const QString &id, const QString &state, double score, double p95)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("vendor"), id.toUpper()},
                       {QStringLiteral("type"), QStringLiteral("source")},
                       {QStringLiteral("state"), state},
                       {QStringLiteral("score"), score},
                       {QStringLiteral("success_rate"), score / 100.0},
                       {QStringLiteral("p95_ms"), p95},
                       {QStringLiteral("circuit"), QStringLiteral("closed")},
                       {QStringLiteral("last_event_at"), 1781362800000.0},
                       {QStringLiteral("trend"), QJsonArray{1, 2, 3}}};
}
} // namespace

class tst_TableModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void healthRowsAndUpdates();
    void healthStateText_data();
    void healthStateText();
    void healthSortAndFilter();
    void healthTrendPointAppends();
    void alertsAcknowledged();
    void alertsCapped();
    void deliveryModels();
    void nodeShapes();
};

void tst_TableModels::healthRowsAndUpdates()
{
    HealthModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(QJsonArray{integration(QStringLiteral("stripe"), QStringLiteral("healthy"), 98, 120),
                             integration(QStringLiteral("tave"), QStringLiteral("critical"), 20, 900),
                             QJsonObject{{QStringLiteral("vendor"), QStringLiteral("no key")}}});
    QCOMPARE(model.rowCount(), 2); // the row without a key is ignored
    QCOMPARE(model.data(model.index(0, HealthModel::VendorColumn)).toString(), QStringLiteral("STRIPE"));
    QCOMPARE(model.data(model.index(0, HealthModel::ScoreColumn)).toString(), QStringLiteral("98"));
    QVERIFY(
        model.data(model.index(0, HealthModel::LatencyColumn)).toString().contains(QStringLiteral("120")));
    QVERIFY(
        !model.data(model.index(0, HealthModel::StateColumn), Qt::DecorationRole).value<QIcon>().isNull());
    // Update by key changes one row, insert adds one.
    model.upsert(QJsonObject{{QStringLiteral("id"), QStringLiteral("stripe")},
                             {QStringLiteral("state"), QStringLiteral("warning")}});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(0, HealthModel::StateColumn), HealthModel::StateRole).toString(),
             QStringLiteral("warning"));
    QCOMPARE(model.data(model.index(0, HealthModel::ScoreColumn)).toString(),
             QStringLiteral("98")); // merged, not replaced
    model.upsert(integration(QStringLiteral("calendly"), QStringLiteral("healthy"), 90, 80));
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(model.remove(QStringLiteral("tave")));
    QVERIFY(!model.remove(QStringLiteral("tave")));
    QCOMPARE(model.rowOfKey(QStringLiteral("calendly")), 1);
}

void tst_TableModels::healthStateText_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("text");
    QTest::newRow("healthy") << "healthy"
                             << "Healthy";
    QTest::newRow("warning") << "warning"
                             << "Warning";
    QTest::newRow("critical") << "critical"
                              << "Critical";
    QTest::newRow("missing") << ""
                             << "No data";
}

void tst_TableModels::healthStateText()
{
    QFETCH(QString, state);
    QFETCH(QString, text);
    HealthModel model;
    model.setRows(QJsonArray{integration(QStringLiteral("x"), state, 50, 50)});
    // State by text and icon, not colour alone.
    QCOMPARE(model.data(model.index(0, HealthModel::StateColumn)).toString(), text);
    QVERIFY(
        !model.data(model.index(0, HealthModel::StateColumn), Qt::DecorationRole).value<QIcon>().isNull());
}

void tst_TableModels::healthSortAndFilter()
{
    HealthModel model;
    model.setRows(QJsonArray{integration(QStringLiteral("a"), QStringLiteral("healthy"), 99, 50),
                             integration(QStringLiteral("b"), QStringLiteral("critical"), 10, 2000),
                             integration(QStringLiteral("c"), QStringLiteral("warning"), 60, 300)});
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(HealthModel::SortRole);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(HealthModel::LatencyColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, HealthModel::VendorColumn).data().toString(), QStringLiteral("B"));
    proxy.sort(HealthModel::StateColumn, Qt::AscendingOrder); // worst first
    QCOMPARE(proxy.index(0, HealthModel::VendorColumn).data().toString(), QStringLiteral("B"));
    QCOMPARE(proxy.index(1, HealthModel::VendorColumn).data().toString(), QStringLiteral("C"));
    proxy.setFilterKeyColumn(-1);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setFilterFixedString(QStringLiteral("warn"));
    QCOMPARE(proxy.rowCount(), 1);
}

void tst_TableModels::healthTrendPointAppends()
{
    HealthModel model;
    model.setRows(QJsonArray{integration(QStringLiteral("a"), QStringLiteral("healthy"), 99, 50)});
    for (int i = 0; i < 70; ++i)
        model.upsert(
            QJsonObject{{QStringLiteral("id"), QStringLiteral("a")}, {QStringLiteral("trend_point"), i}});
    const QVector<double> trend =
        model.data(model.index(0, HealthModel::TrendColumn), HealthModel::TrendRole).value<QVector<double>>();
    QCOMPARE(trend.size(), 60); // one hour
    QCOMPARE(trend.last(), 69.0);
    QCOMPARE(trend.first(), 10.0);
}

void tst_TableModels::alertsAcknowledged()
{
    AlertsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(QJsonArray{QJsonObject{{QStringLiteral("id"), 7},
                                         {QStringLiteral("severity"), QStringLiteral("critical")},
                                         {QStringLiteral("integration"), QStringLiteral("tave")},
                                         {QStringLiteral("message"), QStringLiteral("success rate 40%")},
                                         {QStringLiteral("state"), QStringLiteral("firing")}}});
    QCOMPARE(model.data(model.index(0, AlertsModel::StateColumn)).toString(), QStringLiteral("Firing"));
    QCOMPARE(model.data(model.index(0, 0), AlertsModel::KeyRole).toString(), QStringLiteral("7"));
    model.upsert(QJsonObject{{QStringLiteral("id"), 7},
                             {QStringLiteral("state"), QStringLiteral("acknowledged")},
                             {QStringLiteral("acknowledged_by"), QStringLiteral("maria")}});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.data(model.index(0, AlertsModel::StateColumn)).toString(),
             QStringLiteral("Acknowledged by maria"));
}

void tst_TableModels::alertsCapped()
{
    AlertsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMaxRows(3);
    for (int i = 1; i <= 5; ++i)
        model.upsert(
            QJsonObject{{QStringLiteral("id"), i}, {QStringLiteral("state"), QStringLiteral("firing")}});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowOfKey(QStringLiteral("1")), -1);
    QCOMPARE(model.rowOfKey(QStringLiteral("5")), 2);
}

void tst_TableModels::deliveryModels()
{
    TargetsModel targets;
    AttemptsModel attempts;
    DeadLettersModel dead;
    QAbstractItemModelTester t1(&targets, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&attempts, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(&dead, QAbstractItemModelTester::FailureReportingMode::QtTest);
    targets.setRows(QJsonArray{QJsonObject{{QStringLiteral("id"), 3},
                                           {QStringLiteral("name"), QStringLiteral("photography-crm")},
                                           {QStringLiteral("active"), false},
                                           {QStringLiteral("circuit"), QStringLiteral("open")},
                                           {QStringLiteral("pending"), 12}}});
    QCOMPARE(targets.data(targets.index(0, TargetsModel::ActiveColumn)).toString(),
             QStringLiteral("Disabled"));
    QCOMPARE(targets.data(targets.index(0, TargetsModel::CircuitColumn)).toString(),
             QStringLiteral("Open (paused)"));
    QCOMPARE(targets.data(targets.index(0, TargetsModel::PendingColumn)).toString(), QStringLiteral("12"));

    attempts.setRows(QJsonArray{QJsonObject{{QStringLiteral("id"), 1},
                                            {QStringLiteral("state"), QStringLiteral("failed")},
                                            {QStringLiteral("status_code"), 503},
                                            {QStringLiteral("latency_ms"), 31.6}},
                                QJsonObject{{QStringLiteral("id"), 2},
                                            {QStringLiteral("state"), QStringLiteral("failed")},
                                            {QStringLiteral("error"), QStringLiteral("timeout")}}});
    QCOMPARE(attempts.data(attempts.index(0, AttemptsModel::CodeColumn)).toString(), QStringLiteral("503"));
    QCOMPARE(attempts.data(attempts.index(1, AttemptsModel::CodeColumn)).toString(),
             QStringLiteral("no response"));
    QVERIFY(attempts.data(attempts.index(0, AttemptsModel::LatencyColumn))
                .toString()
                .startsWith(QStringLiteral("32")));

    dead.setRows(QJsonArray{
        QJsonObject{{QStringLiteral("id"), 11}, {QStringLiteral("target"), QStringLiteral("slack")}},
        QJsonObject{{QStringLiteral("id"), 12}, {QStringLiteral("target"), QStringLiteral("crm")}}});
    QCOMPARE(dead.data(dead.index(0, DeadLettersModel::StateColumn)).toString(),
             QStringLiteral("Dead letter"));
    dead.upsert(
        QJsonObject{{QStringLiteral("id"), 11}, {QStringLiteral("state"), QStringLiteral("delivered")}});
    QCOMPARE(dead.data(dead.index(0, DeadLettersModel::StateColumn)).toString(), QStringLiteral("Delivered"));
    QCOMPARE(dead.rowCount(), 2);
}

// What the node really sends: health items keyed by kind and integration, attempts with a status and no
// state, dead letters with updated_at and a "dead" count on targets; a trend of minutes zero-filled to an
// hour.
void tst_TableModels::nodeShapes()
{
    const QJsonObject item{{QStringLiteral("integration"), QStringLiteral("stripe")},
                           {QStringLiteral("kind"), QStringLiteral("source")},
                           {QStringLiteral("breaker"), QStringLiteral("open")},
                           {QStringLiteral("score"), 40},
                           {QStringLiteral("state"), QStringLiteral("critical")},
                           {QStringLiteral("last_success_at"), 1000},
                           {QStringLiteral("last_failure_at"), 5000}};
    HealthModel health;
    QAbstractItemModelTester tester(&health, QAbstractItemModelTester::FailureReportingMode::QtTest);
    health.setRows(QJsonArray{
        HealthModel::fromNode(item),
        HealthModel::fromNode(QJsonObject{{QStringLiteral("integration"), QStringLiteral("stripe")},
                                          {QStringLiteral("kind"), QStringLiteral("target")}})});
    QCOMPARE(health.rowCount(), 2); // the same name as a source and as a target: two rows
    QCOMPARE(health.rowOfKey(QStringLiteral("source/stripe")), 0);
    QCOMPARE(health.data(health.index(0, HealthModel::VendorColumn)).toString(), QStringLiteral("stripe"));
    QCOMPARE(health.data(health.index(0, HealthModel::TypeColumn)).toString(), QStringLiteral("source"));
    QCOMPARE(health.data(health.index(0, HealthModel::CircuitColumn)).toString(),
             QStringLiteral("Open (paused)"));
    QCOMPARE(HealthModel::lastEventMs(health.rowObject(0)), qint64(5000));

    const qint64 now = 1763820000000 + 30000; // half a minute into a minute
    const qint64 minute = now / 60000 * 60000;
    const QJsonArray trend = HealthModel::hourTrend(
        QJsonArray{QJsonObject{{QStringLiteral("minute"), minute},
                               {QStringLiteral("ok"), 7},
                               {QStringLiteral("failed"), 2}},
                   QJsonObject{{QStringLiteral("minute"), minute - 59 * 60000}, {QStringLiteral("ok"), 1}},
                   QJsonObject{{QStringLiteral("minute"), minute - 60 * 60000}, {QStringLiteral("ok"), 100}}},
        now);
    QCOMPARE(trend.size(), 60);
    QCOMPARE(trend.last().toDouble(), 9.0);
    QCOMPARE(trend.first().toDouble(), 1.0); // the minute an hour ago is outside
    QCOMPARE(trend.at(30).toDouble(), 0.0);

    AttemptsModel attempts;
    attempts.setRows(QJsonArray{QJsonObject{{QStringLiteral("id"), 1}, {QStringLiteral("status_code"), 200}},
                                QJsonObject{{QStringLiteral("id"), 2},
                                            {QStringLiteral("status_code"), 500},
                                            {QStringLiteral("error"), QStringLiteral("HTTP 500")}}});
    QCOMPARE(attempts.data(attempts.index(0, AttemptsModel::StateColumn)).toString(),
             QStringLiteral("Delivered"));
    QCOMPARE(attempts.data(attempts.index(1, AttemptsModel::StateColumn)).toString(),
             QStringLiteral("Failed"));

    TargetsModel targets;
    targets.setRows(QJsonArray{
        QJsonObject{{QStringLiteral("id"), QStringLiteral("sub_1")}, {QStringLiteral("dead"), 4}}});
    QCOMPARE(targets.data(targets.index(0, TargetsModel::DeadColumn)).toString(), QStringLiteral("4"));

    DeadLettersModel dead;
    dead.setRows(QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("msg_1")},
                                        {QStringLiteral("created_at"), 1000},
                                        {QStringLiteral("updated_at"), 9000}}});
    QCOMPARE(
        dead.data(dead.index(0, DeadLettersModel::FailedAtColumn), KeyedRowsModel::SortRole).toLongLong(),
        qint64(9000));
    dead.upsert(QJsonObject{{QStringLiteral("id"), QStringLiteral("msg_1")},
                            {QStringLiteral("state"), QStringLiteral("replayed")}});
    QCOMPARE(dead.data(dead.index(0, DeadLettersModel::StateColumn)).toString(), QStringLiteral("Replayed"));
}

QTEST_MAIN(tst_TableModels)
#include "tst_tablemodels.moc"
