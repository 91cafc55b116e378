#include "routing/fieldmapping.h"
#include "routing/sanitizer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace WedSync;
using namespace WedSync::Routing;

static QJsonObject obj(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

static const QJsonObject kEvent =
    obj(R"({"event_type":"timeline.changed","event_id":"e1","wedding_id":"wed_9",
    "data":{"venue":"Barn & Co","timeline":[{"time":"16:00","item":"ceremony"}],"a/b":1,"m~n":2,
            "guests":{"count":120},"notes":"line1\u0007bell"}})");

class tst_FieldMapping : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pointer_data();
    void pointer();
    void apply_data();
    void apply();
    void badSpec_data();
    void badSpec();
    void sanitizer_data();
    void sanitizer();
    void escaping();
    void schema_data();
    void schema();
};

void tst_FieldMapping::pointer_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("whole") << "" << QJsonValue(kEvent);
    QTest::newRow("top") << "/wedding_id" << QJsonValue("wed_9");
    QTest::newRow("nested") << "/data/guests/count" << QJsonValue(120);
    QTest::newRow("array-index") << "/data/timeline/0/time" << QJsonValue("16:00");
    QTest::newRow("escaped-slash") << "/data/a~1b" << QJsonValue(1);
    QTest::newRow("escaped-tilde") << "/data/m~0n" << QJsonValue(2);
    QTest::newRow("missing") << "/data/nope" << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("index-out-of-range") << "/data/timeline/5" << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("index-leading-zero") << "/data/timeline/00" << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("into-scalar") << "/wedding_id/x" << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("no-leading-slash") << "data/venue" << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("bad-escape") << "/data/m~2n" << QJsonValue(QJsonValue::Undefined);
}

void tst_FieldMapping::pointer()
{
    QFETCH(QString, pointer);
    QFETCH(QJsonValue, expected);
    QCOMPARE(resolvePointer(kEvent, pointer), expected);
}

void tst_FieldMapping::apply_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("expected"); // JSON, or an error code
    QTest::newRow("flat") << R"({"job_id":"/wedding_id","venue":"/data/venue"})"
                          << R"({"job_id":"wed_9","venue":"Barn & Co"})";
    QTest::newRow("nested-target") << R"({"job.id":"/wedding_id","job.location.name":"/data/venue"})"
                                   << R"({"job":{"id":"wed_9","location":{"name":"Barn & Co"}}})";
    QTest::newRow("array-value") << R"({"schedule":"/data/timeline"})"
                                 << R"({"schedule":[{"time":"16:00","item":"ceremony"}]})";
    QTest::newRow("optional-missing-omitted") << R"({"x":"/data/nope","id":"/event_id"})"
                                              << R"({"id":"e1"})";
    QTest::newRow("default") << R"({"x":{"pointer":"/data/nope","default":"n/a"}})"
                             << R"({"x":"n/a"})";
    QTest::newRow("const") << R"({"source_system":{"const":"wedsync"}})"
                           << R"({"source_system":"wedsync"})";
    QTest::newRow("required-present") << R"({"v":{"pointer":"/data/venue","required":true,"type":"string"}})"
                                      << R"({"v":"Barn & Co"})";
    QTest::newRow("max-length") << R"({"v":{"pointer":"/data/venue","max_length":4}})"
                                << R"({"v":"Barn"})";
    QTest::newRow("control-chars-stripped") << R"({"n":"/data/notes"})"
                                            << R"({"n":"line1bell"})";
    QTest::newRow("required-missing") << R"({"v":{"pointer":"/data/nope","required":true}})"
                                      << "ROUTING_MAPPING_FAILED";
    QTest::newRow("wrong-type") << R"({"v":{"pointer":"/data/guests/count","type":"string"}})"
                                << "ROUTING_MAPPING_FAILED";
    QTest::newRow("empty-spec") << ""
                                << "{}";
}

void tst_FieldMapping::apply()
{
    QFETCH(QString, spec);
    QFETCH(QString, expected);
    Error e;
    const auto m = FieldMapping::parse(spec, &e);
    QVERIFY2(m.has_value(), qPrintable(e.message));
    const auto out = m->apply(kEvent, &e);
    if (expected.startsWith(QLatin1Char('{'))) {
        QVERIFY2(out.has_value(), qPrintable(e.message));
        QCOMPARE(*out, obj(expected.toUtf8().constData()));
    } else {
        QVERIFY(!out.has_value());
        QCOMPARE(e.code, expected);
        QVERIFY(!e.details.value(QStringLiteral("field")).toString().isEmpty());
    }
}

void tst_FieldMapping::badSpec_data()
{
    QTest::addColumn<QString>("spec");
    QTest::newRow("not-json") << "{nope";
    QTest::newRow("array") << "[]";
    QTest::newRow("pointer-without-slash") << R"({"a":"data/x"})";
    QTest::newRow("bad-escape") << R"({"a":"/x~9"})";
    QTest::newRow("number-value") << R"({"a":5})";
    QTest::newRow("object-without-pointer") << R"({"a":{"required":true}})";
    QTest::newRow("unknown-option") << R"({"a":{"pointer":"/x","fallback":1}})";
    QTest::newRow("bad-type") << R"({"a":{"pointer":"/x","type":"date"}})";
    QTest::newRow("bad-field-name") << R"({"a b":"/x"})";
    QTest::newRow("empty-path-segment") << R"({"a..b":"/x"})";
}

void tst_FieldMapping::badSpec()
{
    QFETCH(QString, spec);
    Error e;
    QVERIFY(!FieldMapping::parse(spec, &e).has_value());
    QCOMPARE(e.code, QStringLiteral("ROUTING_BAD_MAPPING"));
}

void tst_FieldMapping::sanitizer_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("max");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << "Ceremony at 4pm" << 100 << "Ceremony at 4pm";
    QTest::newRow("c0-stripped") << QStringLiteral("a\u0000b\u001bc") << 100 << "abc";
    QTest::newRow("newline-kept") << "a\nb\tc" << 100 << "a\nb\tc";
    QTest::newRow("c1-and-del-stripped") << QStringLiteral("a\u007fb\u0085c") << 100 << "abc";
    QTest::newRow("line-separator-stripped") << QStringLiteral("a\u2028b") << 100 << "ab";
    QTest::newRow("capped") << "abcdef" << 3 << "abc";
    QTest::newRow("surrogate-pair-not-split") << QStringLiteral("ab\U0001F492") << 3 << "ab";
    QTest::newRow("lone-surrogate-replaced")
        << QString(QChar(0xd800)) + QStringLiteral("x") << 10 << QString(QChar(0xfffd)) + QStringLiteral("x");
}

void tst_FieldMapping::sanitizer()
{
    QFETCH(QString, input);
    QFETCH(int, max);
    QFETCH(QString, expected);
    QCOMPARE(Sanitizer::text(input, max), expected);
}

void tst_FieldMapping::escaping()
{
    QCOMPARE(Sanitizer::html(QStringLiteral("<script>alert('x') & \"y\"</script>")),
             QStringLiteral("&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"));
    QCOMPARE(Sanitizer::slack(QStringLiteral("<!channel> a & b")),
             QStringLiteral("&lt;!channel&gt; a &amp; b"));
    QCOMPARE(Sanitizer::line(QStringLiteral("  a\nb\tc  ")), QStringLiteral("a b c"));
    // Depth and item caps on nested data.
    QJsonValue deep = QJsonValue("leaf");
    for (int i = 0; i < 20; ++i)
        deep = QJsonObject{{"k", deep}};
    QJsonValue cur = Sanitizer::clean(deep);
    int depth = 0;
    while (cur.isObject()) {
        cur = cur.toObject().value("k");
        ++depth;
    }
    QCOMPARE(depth, Sanitizer::kMaxDepth);
    QVERIFY(cur.isNull());
    QJsonArray many;
    for (int i = 0; i < 500; ++i)
        many.append(i);
    QCOMPARE(Sanitizer::clean(many).toArray().size(), Sanitizer::kMaxItems);
}

void tst_FieldMapping::schema_data()
{
    QTest::addColumn<QString>("data");
    QTest::addColumn<QString>("problemField"); // empty: valid
    QTest::newRow("valid") << R"({"venue":"Barn","guest_count":100,"couple_email":"a@b.co"})"
                           << "";
    QTest::newRow("missing-required") << R"({"guest_count":100,"couple_email":"a@b.co"})"
                                      << "data.venue";
    QTest::newRow("empty-string-is-missing") << R"({"venue":"","guest_count":100,"couple_email":"a@b.co"})"
                                             << "data.venue";
    QTest::newRow("wrong-type") << R"({"venue":"Barn","guest_count":"many","couple_email":"a@b.co"})"
                                << "data.guest_count";
    QTest::newRow("bad-email") << R"({"venue":"Barn","guest_count":1,"couple_email":"not an email"})"
                               << "data.couple_email";
    QTest::newRow("too-long") << QStringLiteral(R"({"venue":"%1","guest_count":1,"couple_email":"a@b.co"})")
                                     .arg(QString(201, QLatin1Char('v')))
                              << "data.venue";
}

void tst_FieldMapping::schema()
{
    QFETCH(QString, data);
    QFETCH(QString, problemField);
    const QList<FieldSpec> spec{{"venue", FieldSpec::Type::String, true, 200},
                                {"guest_count", FieldSpec::Type::Number, true, 0},
                                {"couple_email", FieldSpec::Type::Email, true, 254},
                                {"notes", FieldSpec::Type::String, false, 10}};
    const Error e = validateSchema(obj(data.toUtf8().constData()), spec, QStringLiteral("test"));
    if (problemField.isEmpty()) {
        QVERIFY2(e.isNull(), qPrintable(e.message));
        return;
    }
    QCOMPARE(e.code, QStringLiteral("VALIDATION_FAILED"));
    QCOMPARE(e.details.value("fields").toArray().first().toObject().value("field").toString(), problemField);
}

QTEST_GUILESS_MAIN(tst_FieldMapping)
#include "tst_fieldmapping.moc"
