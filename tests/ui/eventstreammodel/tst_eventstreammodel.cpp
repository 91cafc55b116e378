#include "models/eventstreammodel.h"
#include "models/rawarena.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Ui;

namespace {
QJsonObject makeEvent(qint64 seq, const QString &source, const QString &type, const QString &wedding,
                      const QString &channel = QString(), const QString &note = QString())
{
    QJsonObject data{{QStringLiteral("amount"), 1200}, {QStringLiteral("note"), note}};
    QJsonObject e{{QStringLiteral("seq"), seq},
                  {QStringLiteral("event_id"), QStringLiteral("evt_%1").arg(seq)},
                  {QStringLiteral("event_type"), type},
                  {QStringLiteral("source"), source},
                  {QStringLiteral("timestamp"), QStringLiteral("2026-06-13T15:00:00.000Z")},
                  {QStringLiteral("data"), data}};
    if (!wedding.isEmpty())
        e.insert(QStringLiteral("wedding_id"), wedding);
    if (!channel.isEmpty())
        e.insert(QStringLiteral("channels"), QJsonArray{channel});
    return e;
}

QList<Client::TopicEvent> batch(qint64 from, int count)
{
    QList<Client::TopicEvent> out;
    for (int i = 0; i < count; ++i) {
        const qint64 seq = from + i;
        out.append({QStringLiteral("events"), seq,
                    makeEvent(seq, i % 2 ? QStringLiteral("stripe") : QStringLiteral("calendly"),
                              i % 2 ? QStringLiteral("payment.received") : QStringLiteral("booking.created"),
                              QStringLiteral("wedding-%1").arg(i % 3))});
    }
    return out;
}
} // namespace

class tst_EventStreamModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void batchedInsertOnePerFlush();
    void flushTimerInserts();
    void backlogSpreadOverTicks();
    void capDropsOldest();
    void duplicatesAndOtherTopicsIgnored();
    void filterAppliesToHeldAndNewRows_data();
    void filterAppliesToHeldAndNewRows();
    void displayBuiltOnDemand();
    void filterNarrows_data();
    void filterNarrows();
    void prependOlderWithinCap();
    void rawJsonRoundTrip();
    void rawFromClientStoredAsIs();
    void arenaRoundTripAcrossSealedBlocks();
    void arenaReleasesBlocks();
    void arenaCompressesOffThread();
};

void tst_EventStreamModel::batchedInsertOnePerFlush()
{
    EventStreamModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.appendEvents(batch(1, 300));
    model.appendEvents(batch(301, 200));
    QCOMPARE(model.rowCount(), 0); // nothing until the flush
    QCOMPARE(model.pendingCount(), 500);
    model.flush();
    QCOMPARE(model.rowCount(), 500);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 499);
    QCOMPARE(model.newestSeq(), 500);
    QCOMPARE(model.oldestSeq(), 1);
}

void tst_EventStreamModel::flushTimerInserts()
{
    EventStreamModel model;
    model.setFlushInterval(20);
    QSignalSpy flushed(&model, &EventStreamModel::flushed);
    model.appendEvents(batch(1, 10));
    QVERIFY(flushed.wait(2000));
    QCOMPARE(flushed.at(0).at(0).toInt(), 10);
    QCOMPARE(model.rowCount(), 10);
}

// A burst larger than one tick's share arrives over several ticks, in order, each its own insert.
void tst_EventStreamModel::backlogSpreadOverTicks()
{
    EventStreamModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFlushInterval(10);
    QSignalSpy flushed(&model, &EventStreamModel::flushed);
    const int burst = EventStreamModel::kMaxRowsPerTick * 2 + 500;
    model.appendEvents(batch(1, burst));
    QTRY_COMPARE(model.rowCount(), burst);
    QCOMPARE(flushed.size(), 3);
    QCOMPARE(flushed.at(0).at(0).toInt(), EventStreamModel::kMaxRowsPerTick);
    QCOMPARE(flushed.at(1).at(0).toInt(), EventStreamModel::kMaxRowsPerTick);
    QCOMPARE(flushed.at(2).at(0).toInt(), 500);
    for (int row : {0, EventStreamModel::kMaxRowsPerTick, burst - 1})
        QCOMPARE(model.data(model.index(row, 0), EventStreamModel::SeqRole).toLongLong(), qint64(row + 1));
    QCOMPARE(model.pendingCount(), 0);
}

void tst_EventStreamModel::capDropsOldest()
{
    EventStreamModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRowCap(1000);
    model.appendEvents(batch(1, 800));
    model.flush();
    model.appendEvents(batch(801, 700));
    model.flush();
    QCOMPARE(model.rowCount(), 1000);
    QCOMPARE(model.oldestSeq(), 501);
    QCOMPARE(model.newestSeq(), 1500);
    QCOMPARE(model.droppedCount(), 500);
    QCOMPARE(model.data(model.index(0, EventStreamModel::SeqColumn)).toString(), QStringLiteral("501"));
    // A single arrival bigger than the cap keeps only the newest.
    model.appendEvents(batch(1501, 2500));
    model.flush();
    QCOMPARE(model.rowCount(), 1000);
    QCOMPARE(model.oldestSeq(), 3001);
    // Lowering the cap drops at once.
    model.setRowCap(10);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.oldestSeq(), 3991);
    QCOMPARE(model.rowForSeq(4000), 9);
    QCOMPARE(model.rowForSeq(3000), -1);
}

void tst_EventStreamModel::duplicatesAndOtherTopicsIgnored()
{
    EventStreamModel model;
    model.appendEvents(batch(1, 5));
    model.appendEvents(batch(3, 5)); // 3..7: 3,4,5 already seen
    QList<Client::TopicEvent> other = batch(100, 1);
    other[0].topic = QStringLiteral("deliveries");
    model.appendEvents(other);
    model.flush();
    QCOMPARE(model.rowCount(), 7);
    QCOMPARE(model.newestSeq(), 7);
}

void tst_EventStreamModel::filterAppliesToHeldAndNewRows_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("wedding");
    QTest::addColumn<QString>("channel");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expectedHeld");
    QTest::addColumn<int>("expectedAfterMore");
    // 30 held rows (seq 1..30): even index calendly/booking.created, odd stripe/payment.received, wedding
    // i%3.
    QTest::newRow("no filter") << ""
                               << ""
                               << ""
                               << ""
                               << "" << 30 << 60;
    QTest::newRow("by source") << "stripe"
                               << ""
                               << ""
                               << ""
                               << "" << 15 << 30;
    QTest::newRow("by type") << ""
                             << "booking.created"
                             << ""
                             << ""
                             << "" << 15 << 30;
    QTest::newRow("by wedding") << ""
                                << ""
                                << "wedding-0"
                                << ""
                                << "" << 10 << 20;
    QTest::newRow("source and wedding") << "stripe"
                                        << ""
                                        << "wedding-1"
                                        << ""
                                        << "" << 5 << 10;
    QTest::newRow("free text, any case") << ""
                                         << ""
                                         << ""
                                         << ""
                                         << "EVT_1" << 11 << 11; // evt_1, evt_10..19
    QTest::newRow("channel none match") << ""
                                        << ""
                                        << ""
                                        << "supplier:dashboard:9"
                                        << "" << 0 << 0;
    QTest::newRow("unknown source") << "paypal"
                                    << ""
                                    << ""
                                    << ""
                                    << "" << 0 << 0;
}

void tst_EventStreamModel::filterAppliesToHeldAndNewRows()
{
    QFETCH(QString, source);
    QFETCH(QString, type);
    QFETCH(QString, wedding);
    QFETCH(QString, channel);
    QFETCH(QString, text);
    QFETCH(int, expectedHeld);
    QFETCH(int, expectedAfterMore);
    EventStreamModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEvents(batch(1, 30));
    model.flush();
    EventFilter f{source, type, channel, wedding, text};
    model.setFilter(f);
    QCOMPARE(model.rowCount(), expectedHeld);
    model.appendEvents(batch(31, 30));
    model.flush();
    QCOMPARE(model.rowCount(), expectedAfterMore);
    for (int r = 0; r < model.rowCount(); ++r) {
        if (!source.isEmpty())
            QCOMPARE(model.data(model.index(r, EventStreamModel::SourceColumn)).toString(), source);
        if (!wedding.isEmpty())
            QCOMPARE(model.data(model.index(r, EventStreamModel::WeddingColumn)).toString(), wedding);
    }
    // The server side gets the same filter.
    QCOMPARE(f.toJson().value(QStringLiteral("source")).toString(), source);
    QCOMPARE(f.toJson().contains(QStringLiteral("type")), !type.isEmpty());
}

void tst_EventStreamModel::filterNarrows_data()
{
    QTest::addColumn<QString>("oldSource");
    QTest::addColumn<QString>("oldText");
    QTest::addColumn<QString>("newSource");
    QTest::addColumn<QString>("newText");
    QTest::addColumn<bool>("narrows");
    QTest::newRow("from nothing") << ""
                                  << ""
                                  << "stripe"
                                  << "" << true;
    QTest::newRow("same") << "stripe"
                          << ""
                          << "stripe"
                          << "" << true;
    QTest::newRow("text extended") << ""
                                   << "pay"
                                   << ""
                                   << "PAYMENT" << true;
    QTest::newRow("to nothing widens") << "stripe"
                                       << ""
                                       << ""
                                       << "" << false;
    QTest::newRow("other source") << "stripe"
                                  << ""
                                  << "calendly"
                                  << "" << false;
    QTest::newRow("text shortened") << ""
                                    << "payment"
                                    << ""
                                    << "pay" << false;
}

void tst_EventStreamModel::filterNarrows()
{
    QFETCH(QString, oldSource);
    QFETCH(QString, oldText);
    QFETCH(QString, newSource);
    QFETCH(QString, newText);
    QFETCH(bool, narrows);
    const EventFilter before{oldSource, {}, {}, {}, oldText};
    const EventFilter after{newSource, {}, {}, {}, newText};
    QCOMPARE(after.narrows(before), narrows);
}

void tst_EventStreamModel::displayBuiltOnDemand()
{
    EventStreamModel model;
    QList<Client::TopicEvent> events;
    QJsonObject e =
        makeEvent(42, QStringLiteral("stripe"), QStringLiteral("payment.received"), QStringLiteral("w-9"),
                  QStringLiteral("supplier:dashboard:7"), QStringLiteral("deposit"));
    events.append({QStringLiteral("events"), 42, e});
    model.appendEvents(events);
    model.flush();
    QCOMPARE(model.data(model.index(0, EventStreamModel::TypeColumn)).toString(),
             QStringLiteral("payment.received"));
    QCOMPARE(model.data(model.index(0, EventStreamModel::WeddingColumn)).toString(), QStringLiteral("w-9"));
    const QString summary = model.data(model.index(0, EventStreamModel::SummaryColumn)).toString();
    QVERIFY2(summary.contains(QStringLiteral("amount=1200")), qPrintable(summary));
    QVERIFY(summary.contains(QStringLiteral("note=deposit")));
    QCOMPARE(model.data(model.index(0, 0), EventStreamModel::SeqRole).toLongLong(), 42);
    const QJsonObject back = QJsonDocument::fromJson(model.rawJson(0)).object();
    QCOMPARE(back, e);
    QVERIFY(!model.data(model.index(0, EventStreamModel::TimeColumn)).toString().isEmpty());
    QVERIFY(model.rawJson(5).isEmpty());
}

void tst_EventStreamModel::prependOlderWithinCap()
{
    EventStreamModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRowCap(1000);
    model.appendEvents(batch(500, 995)); // 500..1494
    model.flush();
    QList<QJsonObject> older;
    for (qint64 seq = 480; seq <= 505; ++seq) // 500..505 overlap and must be ignored
        older.append(makeEvent(seq, QStringLiteral("stripe"), QStringLiteral("payment.received"), QString()));
    QCOMPARE(model.prependEvents(older), 5); // room for 5 only: the newest of the older ones
    QCOMPARE(model.rowCount(), 1000);
    QCOMPARE(model.oldestSeq(), 495);
    QCOMPARE(model.prependEvents(older), 0); // full
}

void tst_EventStreamModel::rawJsonRoundTrip()
{
    // The row's JSON is written by the model's own serializer: escapes, unicode, nesting and numbers must
    // survive, and the journal seq (sent beside the event) is added.
    const QJsonObject data{
        {QStringLiteral("note"), QStringLiteral("Ceremony \"3pm\" → 4pm\nback\\slash\ttab\u0001")},
        {QStringLiteral("guests"), 120},
        {QStringLiteral("deposit"), 1250.75},
        {QStringLiteral("big"), 9007199254740993.0},
        {QStringLiteral("paid"), false},
        {QStringLiteral("none"), QJsonValue()},
        {QStringLiteral("vendors"), QJsonArray{QStringLiteral("Café Lumière"), 2, QJsonArray{}}},
        {QStringLiteral("nested"), QJsonObject{{QStringLiteral("empty"), QJsonObject{}}}}};
    const QJsonObject e{{QStringLiteral("event_type"), QStringLiteral("booking.updated")},
                        {QStringLiteral("source"), QStringLiteral("tave")},
                        {QStringLiteral("data"), data}};
    EventStreamModel model;
    model.appendEvents({{QStringLiteral("events"), 77, e}});
    model.flush();
    QJsonParseError error;
    const QJsonObject back = QJsonDocument::fromJson(model.rawJson(0), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QJsonObject expected = e;
    expected.insert(QStringLiteral("seq"), 77);
    QCOMPARE(back, expected);
}

void tst_EventStreamModel::rawFromClientStoredAsIs()
{
    // The node client hands over the compact JSON it wrote on its parser thread: the model stores those
    // bytes (no second serialization), filters on them, and shows the fields parsed beside them.
    EventStreamModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFilter(EventFilter{{}, {}, {}, {}, QStringLiteral("needle")});
    QList<Client::TopicEvent> events;
    for (qint64 seq = 1; seq <= 4; ++seq) {
        const QJsonObject e = makeEvent(seq, QStringLiteral("stripe"), QStringLiteral("payment.received"),
                                        QStringLiteral("wed_9"), {},
                                        seq % 2 ? QStringLiteral("needle %1").arg(seq) : QString());
        events.append({QStringLiteral("events"), seq, e, Client::compactEventJson(seq, e)});
    }
    // Raw bytes as a node sends them (key order and spacing of their own): kept exactly.
    events[2].raw = QByteArray(" {\"seq\": 3, \"note\": \"needle 3\"} ");
    model.appendEvents(events);
    model.flush();
    QCOMPARE(model.rowCount(), 2); // 1 and 3 carry the needle
    QCOMPARE(model.rawJson(0), events.at(0).raw);
    QCOMPARE(model.rawJson(1), events.at(2).raw);
    QCOMPARE(model.index(1, EventStreamModel::SourceColumn).data().toString(), QStringLiteral("stripe"));
    QCOMPARE(model.index(1, EventStreamModel::SeqColumn).data().toString(), QStringLiteral("3"));
}

void tst_EventStreamModel::arenaRoundTripAcrossSealedBlocks()
{
    RawArena arena(1024);
    QList<RawArena::Handle> handles;
    QList<QByteArray> values;
    for (int i = 0; i < 500; ++i) {
        const QByteArray v = QByteArray("{\"seq\":") + QByteArray::number(i) + QByteArray(",\"pad\":\"") +
                             QByteArray(i % 50, 'x') + "\"}";
        values.append(v);
        handles.append(arena.append(v));
    }
    QVERIFY(arena.blockCount() > 5);
    for (int i = 499; i >= 0; i -= 7) // random-ish access order across blocks
        QCOMPARE(arena.get(handles.at(i)), values.at(i));
    QCOMPARE(arena.get(handles.at(0)), values.at(0));
}

void tst_EventStreamModel::arenaReleasesBlocks()
{
    RawArena arena(1024);
    QList<RawArena::Handle> handles;
    for (int i = 0; i < 400; ++i)
        handles.append(arena.append(QByteArray(100, char('a' + i % 26))));
    const int before = arena.blockCount();
    for (int i = 0; i < 200; ++i)
        arena.release(handles.at(i));
    QVERIFY(arena.blockCount() < before);
    QCOMPARE(arena.get(handles.at(399)), QByteArray(100, char('a' + 399 % 26)));
    QVERIFY(arena.get(handles.at(0)).isEmpty()); // freed
}

void tst_EventStreamModel::arenaCompressesOffThread()
{
    // Sealed blocks are readable while their compression runs on the pool, and small once it is done.
    RawArena arena(4096);
    QList<RawArena::Handle> handles;
    QList<QByteArray> values;
    for (int i = 0; i < 2000; ++i) {
        values.append(QByteArray("{\"seq\":") + QByteArray::number(i) +
                      ",\"source\":\"stripe\",\"event_type\":\"payment.received\",\"currency\":\"gbp\"}");
        handles.append(arena.append(values.last()));
        if (i % 50 == 0)
            QCOMPARE(arena.get(handles.at(i / 2)), values.at(i / 2)); // plain or compressed, same bytes
    }
    qint64 raw = 0;
    for (const QByteArray &v : values)
        raw += v.size();
    arena.settle();
    QVERIFY2(arena.memoryBytes() < raw / 2,
             qPrintable(QStringLiteral("%1 bytes held for %2 raw").arg(arena.memoryBytes()).arg(raw)));
    for (int i = 0; i < 2000; i += 13)
        QCOMPARE(arena.get(handles.at(i)), values.at(i));
    QCOMPARE(arena.get(handles.at(1999)), values.at(1999));
}

QTEST_MAIN(tst_EventStreamModel)
#include "tst_eventstreammodel.moc"
