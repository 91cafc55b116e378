#include "events/event.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <limits>

using namespace WedSync::Events;

static QJsonObject validJson()
{
    return QJsonObject{{QStringLiteral("event_type"), QStringLiteral("booking.created")},
                       {QStringLiteral("event_id"), QStringLiteral("evt_123")},
                       {QStringLiteral("timestamp"), QStringLiteral("2026-06-13T15:00:00.000Z")},
                       {QStringLiteral("source"), QStringLiteral("calendly")},
                       {QStringLiteral("data"),
                        QJsonObject{{QStringLiteral("attendee_email"), QStringLiteral("a@b.example")}}},
                       {QStringLiteral("delivery_attempt"), 1},
                       {QStringLiteral("received_at"), QStringLiteral("2026-06-13T15:00:01.250Z")},
                       {QStringLiteral("request_id"), QStringLiteral("req_1")},
                       {QStringLiteral("correlation_id"), QStringLiteral("cor_1")},
                       {QStringLiteral("wedding_id"), QStringLiteral("wed_42")}};
}

class tst_Envelope : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void valid();
    void badField_data();
    void badField();
    void roundTrip_data();
    void roundTrip();
    void sameBytesAsQJsonDocument_data();
    void sameBytesAsQJsonDocument();
    void timeFormats_data();
    void timeFormats();
};

void tst_Envelope::valid()
{
    QList<FieldError> errors;
    const Event e = Event::fromJson(validJson(), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).message));
    QCOMPARE(e.type, QStringLiteral("booking.created"));
    QCOMPARE(e.timestamp, QDateTime(QDate(2026, 6, 13), QTime(15, 0), Qt::UTC));
    QCOMPARE(e.weddingId, QStringLiteral("wed_42"));
}

void tst_Envelope::badField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value"); // Undefined removes the field
    QTest::addColumn<QString>("code");

    const QJsonValue missing(QJsonValue::Undefined);
    QTest::newRow("event_type missing") << "event_type" << missing << "required";
    QTest::newRow("event_type unknown")
        << "event_type" << QJsonValue(QStringLiteral("payment.guessed")) << "unknown_type";
    QTest::newRow("event_type not a string") << "event_type" << QJsonValue(5) << "invalid";
    QTest::newRow("event_id missing") << "event_id" << missing << "required";
    QTest::newRow("event_id too long")
        << "event_id" << QJsonValue(QString(201, QLatin1Char('x'))) << "too_long";
    QTest::newRow("event_id with space") << "event_id" << QJsonValue(QStringLiteral("evt 1")) << "invalid";
    QTest::newRow("event_id object") << "event_id" << QJsonValue(QJsonObject()) << "invalid";
    QTest::newRow("timestamp missing") << "timestamp" << missing << "required";
    QTest::newRow("timestamp garbage") << "timestamp" << QJsonValue(QStringLiteral("yesterday")) << "invalid";
    QTest::newRow("timestamp without offset")
        << "timestamp" << QJsonValue(QStringLiteral("2026-06-13T15:00:00")) << "invalid";
    QTest::newRow("timestamp number") << "timestamp" << QJsonValue(1718290800) << "invalid";
    QTest::newRow("source missing") << "source" << missing << "required";
    QTest::newRow("source upper case") << "source" << QJsonValue(QStringLiteral("Stripe")) << "invalid";
    QTest::newRow("source too long") << "source" << QJsonValue(QString(65, QLatin1Char('a'))) << "invalid";
    QTest::newRow("data missing") << "data" << missing << "required";
    QTest::newRow("data array") << "data" << QJsonValue(QJsonArray{1, 2}) << "invalid";
    QTest::newRow("data string") << "data" << QJsonValue(QStringLiteral("{}")) << "invalid";
    QTest::newRow("delivery_attempt zero") << "delivery_attempt" << QJsonValue(0) << "out_of_range";
    QTest::newRow("delivery_attempt eleven") << "delivery_attempt" << QJsonValue(11) << "out_of_range";
    QTest::newRow("delivery_attempt fraction") << "delivery_attempt" << QJsonValue(1.5) << "invalid";
    QTest::newRow("delivery_attempt string")
        << "delivery_attempt" << QJsonValue(QStringLiteral("1")) << "invalid";
    QTest::newRow("received_at garbage") << "received_at" << QJsonValue(QStringLiteral("now")) << "invalid";
    QTest::newRow("correlation_id control char")
        << "correlation_id" << QJsonValue(QStringLiteral("a\nb")) << "invalid";
    QTest::newRow("wedding_id too long")
        << "wedding_id" << QJsonValue(QString(300, QLatin1Char('w'))) << "too_long";
    QTest::newRow("organization_id number") << "organization_id" << QJsonValue(7) << "invalid";
}

void tst_Envelope::badField()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(QString, code);
    QJsonObject o = validJson();
    if (value.isUndefined())
        o.remove(field);
    else
        o.insert(field, value);
    QList<FieldError> errors;
    Event::fromJson(o, &errors);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().field, field);
    QCOMPARE(errors.first().code, code);
    QVERIFY(!errors.first().message.isEmpty());
}

void tst_Envelope::roundTrip_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::newRow("full") << validJson();
    QJsonObject minimal = validJson();
    for (const char *k : {"received_at", "request_id", "correlation_id", "wedding_id"})
        minimal.remove(QLatin1String(k));
    QTest::newRow("minimal") << minimal;
    QJsonObject nested = validJson();
    nested.insert(
        QStringLiteral("data"),
        QJsonObject{{QStringLiteral("amount"), 125000},
                    {QStringLiteral("metadata"),
                     QJsonObject{{QStringLiteral("venue"), QStringLiteral("Château d'Ô")}}},
                    {QStringLiteral("items"), QJsonArray{QStringLiteral("a"), 2, true, QJsonValue::Null}}});
    nested.insert(QStringLiteral("causation_id"), QStringLiteral("evt_parent"));
    nested.insert(QStringLiteral("organization_id"), QStringLiteral("org_9"));
    nested.insert(QStringLiteral("delivery_attempt"), 10);
    QTest::newRow("nested data, unicode, all ids") << nested;
    QJsonObject escapes = validJson();
    escapes.insert(QStringLiteral("request_id"), QStringLiteral("req\"quoted\\slash"));
    escapes.insert(QStringLiteral("wedding_id"), QStringLiteral("mariage-été-💍"));
    escapes.insert(QStringLiteral("data"),
                   QJsonObject{{QStringLiteral("note"), QStringLiteral("line1\nline2\t\u0001")}});
    QTest::newRow("characters that need escaping") << escapes;
    QJsonObject numbers = validJson();
    numbers.insert(QStringLiteral("data"),
                   QJsonObject{{QStringLiteral("fraction"), 0.1},
                               {QStringLiteral("tiny"), 5e-324},
                               {QStringLiteral("huge"), 1.7976931348623157e308},
                               {QStringLiteral("negative"), -1250.75},
                               {QStringLiteral("beyond 2^53"), qint64(9007199254740993)},
                               {QStringLiteral("int64 min"), std::numeric_limits<qint64>::min()},
                               {QStringLiteral("zero"), 0},
                               {QStringLiteral("empty object"), QJsonObject{}},
                               {QStringLiteral("empty array"), QJsonArray{}},
                               {QStringLiteral("mixed"),
                                QJsonArray{true, false, QJsonValue::Null, 1, 2.5, QStringLiteral("x"),
                                           QJsonArray{QJsonArray{}}, QJsonObject{{QStringLiteral("k"), 1}}}},
                               {QStringLiteral("k\u00e9y \"quoted\""), QStringLiteral("v")}});
    QTest::newRow("numbers, nesting and every JSON type in data") << numbers;
}

void tst_Envelope::sameBytesAsQJsonDocument_data()
{
    QTest::addColumn<QJsonObject>("data");
    QTest::newRow("empty") << QJsonObject{};
    QTest::newRow("numbers") << QJsonObject{
        {QStringLiteral("int"), 42},
        {QStringLiteral("negative"), -7},
        {QStringLiteral("fraction"), 0.1},
        {QStringLiteral("integral double"), 1e17},
        {QStringLiteral("2^53 + 1"), qint64(9007199254740993)},
        {QStringLiteral("int64 min"), std::numeric_limits<qint64>::min()},
        {QStringLiteral("tiny"), 5e-324},
        {QStringLiteral("huge"), 1.7976931348623157e308},
        {QStringLiteral("infinity"), std::numeric_limits<double>::infinity()}};
    QTest::newRow("strings") << QJsonObject{
        {QStringLiteral("ascii"), QStringLiteral("plain")},
        {QStringLiteral("escapes"), QStringLiteral("\"q\" \\ \n\r\t\u0001")},
        {QStringLiteral("unicode"), QStringLiteral("mariage-\u00e9t\u00e9-\U0001F48D")},
        {QStringLiteral("k\u00e9y \"quoted\""), QString()}};
    QTest::newRow("nesting") << QJsonObject{
        {QStringLiteral("a"),
         QJsonArray{
             true, false, QJsonValue::Null, 1, 2.5, QJsonArray{QJsonArray{}},
             QJsonObject{{QStringLiteral("k"), QJsonObject{{QStringLiteral("deep"), QJsonArray{1}}}}}}},
        {QStringLiteral("o"), QJsonObject{}}};
}

void tst_Envelope::sameBytesAsQJsonDocument()
{
    // The journal's payloads are written by hand on the ingest path; they must be the very document
    // QJsonDocument would write, or stored events would read back different.
    QFETCH(QJsonObject, data);
    QByteArray out;
    appendJsonObject(out, data);
    QCOMPARE(out, QJsonDocument(data).toJson(QJsonDocument::Compact));
}

void tst_Envelope::roundTrip()
{
    QFETCH(QJsonObject, json);
    QList<FieldError> errors;
    const Event e = Event::fromJson(json, &errors);
    QVERIFY(errors.isEmpty());
    const QByteArray bytes = e.toCompactJson();
    const Event back = Event::fromJson(QJsonDocument::fromJson(bytes).object(), &errors);
    QVERIFY(errors.isEmpty());
    QCOMPARE(back, e);
    QCOMPARE(back.toJson(), json);
    // The hand-written serializer and QJsonDocument agree on the document.
    QCOMPARE(QJsonDocument::fromJson(bytes).object(), e.toJson());
    QJsonParseError parseError;
    QJsonDocument::fromJson(bytes, &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
}

void tst_Envelope::timeFormats_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("utc");
    const QDateTime t(QDate(2026, 9, 5), QTime(14, 30), Qt::UTC);
    QTest::newRow("Z") << "2026-09-05T14:30:00Z" << t;
    QTest::newRow("Z with ms") << "2026-09-05T14:30:00.000Z" << t;
    QTest::newRow("offset") << "2026-09-05T16:30:00+02:00" << t;
    QTest::newRow("negative offset") << "2026-09-05T09:30:00-05:00" << t;
    QTest::newRow("offset with ms") << "2026-09-05T20:00:00.250+05:30" << t.addMSecs(250);
    QTest::newRow("offset crossing midnight") << "2026-09-06T00:30:00+10:00" << t;
    QTest::newRow("leap day") << "2028-02-29T23:59:59.999Z"
                              << QDateTime(QDate(2028, 2, 29), QTime(23, 59, 59, 999), Qt::UTC);
    QTest::newRow("one fraction digit") << "2026-09-05T14:30:00.5Z" << t.addMSecs(500);
    QTest::newRow("midnight as 24:00")
        << "2026-09-04T24:00:00Z" << QDateTime(QDate(2026, 9, 5), QTime(0, 0), Qt::UTC);
    QTest::newRow("not a leap year") << "2026-02-29T10:00:00Z" << QDateTime();
    QTest::newRow("month 13") << "2026-13-01T10:00:00Z" << QDateTime();
    QTest::newRow("minute 60") << "2026-09-05T14:60:00Z" << QDateTime();
    QTest::newRow("letter in year") << "20x6-09-05T14:30:00Z" << QDateTime();
    QTest::newRow("space separator (as Qt accepts)") << "2026-09-05 14:30:00Z" << t;
    QTest::newRow("no offset") << "2026-09-05T14:30:00" << QDateTime();
    QTest::newRow("date only") << "2026-09-05" << QDateTime();
    QTest::newRow("empty") << "" << QDateTime();
}

void tst_Envelope::timeFormats()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, utc);
    const QDateTime parsed = Event::parseTime(text);
    QCOMPARE(parsed.isValid(), utc.isValid());
    if (utc.isValid()) {
        QCOMPARE(parsed, utc);
        // The quick path for common shapes and Qt's general ISO parser agree.
        QDateTime general = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!general.isValid())
            general = QDateTime::fromString(text, Qt::ISODate);
        QCOMPARE(parsed, general.toUTC());
        QCOMPARE(Event::formatTime(parsed), utc.toString(Qt::ISODateWithMs));
    }
}

QTEST_GUILESS_MAIN(tst_Envelope)
#include "tst_envelope.moc"
