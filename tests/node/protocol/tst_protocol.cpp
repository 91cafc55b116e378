#include "node/protocol.h"

#include <QJsonDocument>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Node;

class tst_Protocol : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decode_data();
    void decode();
    void roles_data();
    void roles();
    void encodeRoundTrip();
};

void tst_Protocol::decode_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error"); // empty = decodes
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("id");
    QTest::addColumn<qint64>("since");
    using T = ClientFrame::Type;
    QTest::newRow("subscribe") << QByteArray(R"({"type":"subscribe","topics":["events","alerts"],"since":5})")
                               << "" << int(T::Subscribe) << "" << qint64(5);
    QTest::newRow("subscribe topic string") << QByteArray(R"({"type":"subscribe","topics":"events"})") << ""
                                            << int(T::Subscribe) << "" << qint64(-1);
    QTest::newRow("subscribe since -1")
        << QByteArray(R"({"type":"subscribe","topics":["events"],"since":-1,"id":7})") << ""
        << int(T::Subscribe) << "7" << qint64(-1);
    QTest::newRow("since fraction") << QByteArray(R"({"type":"subscribe","topics":["events"],"since":1.5})")
                                    << "BAD_FRAME" << 0 << "" << qint64(-1);
    QTest::newRow("since below -1") << QByteArray(R"({"type":"subscribe","topics":["events"],"since":-2})")
                                    << "BAD_FRAME" << 0 << "" << qint64(-1);
    QTest::newRow("topic empty string")
        << QByteArray(R"({"type":"subscribe","topics":""})") << "BAD_FRAME" << 0 << "" << qint64(-1);
    QTest::newRow("topics of numbers")
        << QByteArray(R"({"type":"subscribe","topics":[1]})") << "BAD_FRAME" << 0 << "" << qint64(-1);
    QTest::newRow("batch not bool") << QByteArray(R"({"type":"subscribe","topics":["events"],"batch":1})")
                                    << "BAD_FRAME" << 0 << "" << qint64(-1);
    QTest::newRow("filter not object")
        << QByteArray(R"({"type":"subscribe","topics":["events"],"filter":"x"})") << "BAD_FRAME" << 0 << ""
        << qint64(-1);
    QTest::newRow("unsubscribe") << QByteArray(R"({"type":"unsubscribe","topics":["events"]})") << ""
                                 << int(T::Unsubscribe) << "" << qint64(-1);
    QTest::newRow("query") << QByteArray(R"({"type":"query","id":"a","name":"node.info","args":{}})") << ""
                           << int(T::Query) << "a" << qint64(-1);
    QTest::newRow("command int id") << QByteArray(R"({"type":"command","id":42,"name":"alert.ack"})") << ""
                                    << int(T::Command) << "42" << qint64(-1);
    QTest::newRow("query no id") << QByteArray(R"({"type":"query","name":"node.info"})") << "BAD_FRAME" << 0
                                 << "" << qint64(-1);
    QTest::newRow("query id object") << QByteArray(R"({"type":"query","id":{},"name":"node.info"})")
                                     << "BAD_FRAME" << 0 << "" << qint64(-1);
    QTest::newRow("query empty name")
        << QByteArray(R"({"type":"query","id":"a","name":""})") << "BAD_FRAME" << 0 << "a" << qint64(-1);
    QTest::newRow("not json") << QByteArray("{") << "BAD_FRAME" << 0 << "" << qint64(-1);
    QTest::newRow("scalar") << QByteArray("3") << "BAD_FRAME" << 0 << "" << qint64(-1);
    QTest::newRow("no type") << QByteArray(R"({"id":"a"})") << "BAD_FRAME" << 0 << "a" << qint64(-1);
    QTest::newRow("too large") << QByteArray(2000, ' ') << "FRAME_TOO_LARGE" << 0 << "" << qint64(-1);
}

void tst_Protocol::decode()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    QFETCH(int, type);
    QFETCH(QString, id);
    QFETCH(qint64, since);
    Error e;
    const auto f = decodeClientFrame(text, 1024, &e);
    if (!error.isEmpty()) {
        QVERIFY(!f);
        QCOMPARE(e.code, error);
        QVERIFY(!e.message.isEmpty());
        QCOMPARE(e.details.value(QLatin1String("id")).toString(), id);
        return;
    }
    QVERIFY2(f, qPrintable(e.message));
    QCOMPARE(int(f->type), type);
    QCOMPARE(f->id, id);
    QCOMPARE(f->since, since);
}

void tst_Protocol::roles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("viewer") << "viewer" << true;
    QTest::newRow("operator") << "operator" << true;
    QTest::newRow("admin") << "admin" << true;
    QTest::newRow("root") << "root" << false;
    QTest::newRow("case matters") << "Admin" << false;
}

void tst_Protocol::roles()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    const auto r = parseRole(name);
    QCOMPARE(bool(r), valid);
    if (r)
        QCOMPARE(roleName(*r), name);
    QVERIFY(Role::Viewer < Role::Operator && Role::Operator < Role::Admin);
}

void tst_Protocol::encodeRoundTrip()
{
    Error e;
    const auto s = decodeClientFrame(encodeSubscribe({QStringLiteral("events")},
                                                     {{QStringLiteral("source"), QStringLiteral("stripe")}},
                                                     12, QStringLiteral("x")),
                                     0, &e);
    QVERIFY(s);
    QCOMPARE(s->topics, QStringList{QStringLiteral("events")});
    QCOMPARE(s->since, 12);
    QCOMPARE(s->filter.value(QLatin1String("source")).toString(), QStringLiteral("stripe"));
    QVERIFY(!s->batch);
    const auto b = decodeClientFrame(encodeSubscribe({QStringLiteral("events")}, {}, -1, {}, true), 0, &e);
    QVERIFY(b && b->batch);
    const auto q = decodeClientFrame(
        encodeRequest(true, QStringLiteral("9"), QStringLiteral("alert.ack"), {{QStringLiteral("id"), 3}}), 0,
        &e);
    QVERIFY(q);
    QCOMPARE(int(q->type), int(ClientFrame::Type::Command));
    QCOMPARE(q->args.value(QLatin1String("id")).toInt(), 3);
    const QJsonObject ev =
        QJsonDocument::fromJson(encodeEvent(QStringLiteral("events"), 5, {{QStringLiteral("a"), 1}}))
            .object();
    QCOMPARE(ev.value(QLatin1String("type")).toString(), QStringLiteral("event"));
    QCOMPARE(ev.value(QLatin1String("seq")).toInteger(), 5);
    const QJsonObject err =
        QJsonDocument::fromJson(
            encodeError(QStringLiteral("1"), Error::make(QStringLiteral("FORBIDDEN"), QStringLiteral("no"))))
            .object();
    QCOMPARE(err.value(QLatin1String("ok")).toBool(true), false);
    QCOMPARE(err.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
             QStringLiteral("FORBIDDEN"));
}

QTEST_GUILESS_MAIN(tst_Protocol)
#include "tst_protocol.moc"
