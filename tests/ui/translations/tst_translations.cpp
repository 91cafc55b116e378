// The Spanish and French catalogues are compiled into the console (qt_add_translations, :/i18n) and load
// for their locale; the models show translated state text once a translator is installed.
#include "common/states.h"
#include "models/healthmodel.h"

#include <QJsonArray>
#include <QTest>
#include <QTranslator>

using namespace WedSync::Ui;

class tst_Translations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void catalogueLoads_data();
    void catalogueLoads();
    void pluralForms_data();
    void pluralForms();
    void modelsFollowTheTranslator();
    void unknownLanguageFallsBackToEnglish();
};

void tst_Translations::catalogueLoads_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::newRow("es page") << "es"
                             << "WedSync::Ui::MainWindow"
                             << "Deliveries"
                             << "Entregas";
    QTest::newRow("es wedding") << "es"
                                << "WedSync::Ui::EventStreamModel"
                                << "Wedding"
                                << "Boda";
    QTest::newRow("es vendor") << "es"
                               << "WedSync::Ui::HealthModel"
                               << "Vendor"
                               << "Proveedor";
    QTest::newRow("fr vendor") << "fr"
                               << "WedSync::Ui::HealthModel"
                               << "Vendor"
                               << "Prestataire";
    QTest::newRow("fr wedding") << "fr"
                                << "WedSync::Ui::EventStreamModel"
                                << "Wedding"
                                << "Mariage";
    QTest::newRow("fr dead letters") << "fr"
                                     << "WedSync::Ui::DeliveriesPage"
                                     << "Dead letters"
                                     << "Envois non livrés";
}

void tst_Translations::catalogueLoads()
{
    QFETCH(QString, language);
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QTranslator translator;
    QVERIFY(translator.load(QLocale(language), QStringLiteral("wedsync"), QStringLiteral("_"),
                            QStringLiteral(":/i18n")));
    QCOMPARE(translator.translate(context.toLatin1(), source.toUtf8()), expected);
}

void tst_Translations::pluralForms_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("n");
    QTest::addColumn<QString>("expected");
    QTest::newRow("en one") << "en" << 1 << "Exported 1 event.";
    QTest::newRow("en many") << "en" << 2 << "Exported 2 events.";
    QTest::newRow("es one") << "es" << 1 << "Se exportó 1 evento.";
    QTest::newRow("es many") << "es" << 3 << "Se exportaron 3 eventos.";
    QTest::newRow("fr zero is singular") << "fr" << 0 << "0 événement exporté.";
    QTest::newRow("fr many") << "fr" << 2 << "2 événements exportés.";
}

void tst_Translations::pluralForms()
{
    QFETCH(QString, language);
    QFETCH(int, n);
    QFETCH(QString, expected);
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/wedsync_%1.qm").arg(language)));
    const QString text = translator.translate("WedSync::Ui::EventsPage", "Exported %n event(s).", nullptr, n);
    QCOMPARE(QString(text).replace(QStringLiteral("%n"), QString::number(n)), expected);
}

void tst_Translations::modelsFollowTheTranslator()
{
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/wedsync_es.qm")));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    HealthModel model;
    model.setRows(QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("tave")},
                                         {QStringLiteral("state"), QStringLiteral("critical")},
                                         {QStringLiteral("circuit"), QStringLiteral("open")}}});
    QCOMPARE(model.data(model.index(0, HealthModel::StateColumn)).toString(), QStringLiteral("Crítico"));
    QCOMPARE(model.data(model.index(0, HealthModel::CircuitColumn)).toString(),
             QStringLiteral("Abierto (en pausa)"));
    QCOMPARE(model.headerData(HealthModel::VendorColumn, Qt::Horizontal).toString(),
             QStringLiteral("Proveedor"));
    QCoreApplication::removeTranslator(&translator);
    QCOMPARE(model.data(model.index(0, HealthModel::StateColumn)).toString(), QStringLiteral("Critical"));
}

void tst_Translations::unknownLanguageFallsBackToEnglish()
{
    QTranslator translator;
    QVERIFY(!translator.load(QLocale(QStringLiteral("de")), QStringLiteral("wedsync"), QStringLiteral("_"),
                             QStringLiteral(":/i18n")));
    QCOMPARE(States::health(QStringLiteral("healthy")).text, QStringLiteral("Healthy"));
}

QTEST_MAIN(tst_Translations)
#include "tst_translations.moc"
