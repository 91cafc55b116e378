#include "consolesettings.h"

#include <algorithm>

namespace WedSync::Ui {

namespace {
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kColumns = QStringLiteral("columns/");
const QString kFilter = QStringLiteral("events/filter/");
const QString kNodes = QStringLiteral("nodes/urls");
const QString kLanguage = QStringLiteral("ui/language");
const QString kRowCap = QStringLiteral("events/rowCap");
const QString kFirstRun = QStringLiteral("ui/firstRunDone");
const QString kLastPage = QStringLiteral("window/page");
} // namespace

// Not the application's default QSettings file: that would be <config dir>/WedSync/wedsync.conf, which is the
// engine's own configuration file, read strictly by Config.
ConsoleSettings::ConsoleSettings()
    : m_settings(std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope,
                                             QStringLiteral("WedSync"), QStringLiteral("console")))
{}

ConsoleSettings::ConsoleSettings(const QString &iniFile)
    : m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{}

ConsoleSettings::~ConsoleSettings() = default;

QByteArray ConsoleSettings::windowGeometry() const
{
    return m_settings->value(kGeometry).toByteArray();
}

void ConsoleSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings->setValue(kGeometry, geometry);
}

QByteArray ConsoleSettings::windowState() const
{
    return m_settings->value(kState).toByteArray();
}

void ConsoleSettings::setWindowState(const QByteArray &state)
{
    m_settings->setValue(kState, state);
}

QByteArray ConsoleSettings::columnState(const QString &view) const
{
    return m_settings->value(kColumns + view).toByteArray();
}

void ConsoleSettings::setColumnState(const QString &view, const QByteArray &state)
{
    m_settings->setValue(kColumns + view, state);
}

EventFilterSettings ConsoleSettings::eventFilter() const
{
    EventFilterSettings f;
    f.source = m_settings->value(kFilter + QStringLiteral("source")).toString();
    f.type = m_settings->value(kFilter + QStringLiteral("type")).toString();
    f.channel = m_settings->value(kFilter + QStringLiteral("channel")).toString();
    f.wedding = m_settings->value(kFilter + QStringLiteral("wedding")).toString();
    f.text = m_settings->value(kFilter + QStringLiteral("text")).toString();
    return f;
}

void ConsoleSettings::setEventFilter(const EventFilterSettings &filter)
{
    m_settings->setValue(kFilter + QStringLiteral("source"), filter.source);
    m_settings->setValue(kFilter + QStringLiteral("type"), filter.type);
    m_settings->setValue(kFilter + QStringLiteral("channel"), filter.channel);
    m_settings->setValue(kFilter + QStringLiteral("wedding"), filter.wedding);
    m_settings->setValue(kFilter + QStringLiteral("text"), filter.text);
}

QStringList ConsoleSettings::nodeUrls() const
{
    return m_settings->value(kNodes).toStringList();
}

void ConsoleSettings::setNodeUrls(const QStringList &urls)
{
    QStringList unique;
    for (const QString &url : urls) {
        if (!url.isEmpty() && !unique.contains(url))
            unique.append(url);
    }
    m_settings->setValue(kNodes, unique);
}

QString ConsoleSettings::language() const
{
    return m_settings->value(kLanguage).toString();
}

void ConsoleSettings::setLanguage(const QString &language)
{
    m_settings->setValue(kLanguage, language);
}

int ConsoleSettings::rowCap() const
{
    bool ok = false;
    const int cap = m_settings->value(kRowCap, DefaultRowCap).toInt(&ok);
    return ok ? std::clamp(cap, MinRowCap, MaxRowCap) : DefaultRowCap;
}

void ConsoleSettings::setRowCap(int cap)
{
    m_settings->setValue(kRowCap, std::clamp(cap, MinRowCap, MaxRowCap));
}

bool ConsoleSettings::firstRunDone() const
{
    return m_settings->value(kFirstRun, false).toBool();
}

void ConsoleSettings::setFirstRunDone(bool done)
{
    m_settings->setValue(kFirstRun, done);
}

int ConsoleSettings::lastPage() const
{
    return m_settings->value(kLastPage, 0).toInt();
}

void ConsoleSettings::setLastPage(int page)
{
    m_settings->setValue(kLastPage, page);
}

void ConsoleSettings::sync()
{
    m_settings->sync();
}

QString ConsoleSettings::fileName() const
{
    return m_settings->fileName();
}

} // namespace WedSync::Ui
