// The console's one typed wrapper over QSettings: window state, column layouts, event filters, the remote
// nodes (URLs only; tokens live in the OS keychain), language and the event stream's row cap.
// Widgets receive a ConsoleSettings and never create QSettings themselves.
#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <memory>

namespace WedSync::Ui {

struct EventFilterSettings
{
    QString source;
    QString type;
    QString channel;
    QString wedding;
    QString text;

    bool operator==(const EventFilterSettings &) const = default;
};

class ConsoleSettings
{
public:
    static constexpr int DefaultRowCap = 1000000;
    static constexpr int MinRowCap = 1000;
    static constexpr int MaxRowCap = 5000000;

    // The user's console settings: <config dir>/WedSync/console.ini (never the engine's wedsync.conf).
    ConsoleSettings();
    // A settings file of its own (tests, portable installs).
    explicit ConsoleSettings(const QString &iniFile);
    ~ConsoleSettings();

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    // Header state (QHeaderView::saveState) per view, keyed by a stable view name.
    QByteArray columnState(const QString &view) const;
    void setColumnState(const QString &view, const QByteArray &state);

    EventFilterSettings eventFilter() const;
    void setEventFilter(const EventFilterSettings &filter);

    // Remote node URLs, in the order the user added them. Never tokens.
    QStringList nodeUrls() const;
    void setNodeUrls(const QStringList &urls);

    // Empty means "follow the system locale".
    QString language() const;
    void setLanguage(const QString &language);

    // Most events the live stream keeps in memory; clamped to [MinRowCap, MaxRowCap].
    int rowCap() const;
    void setRowCap(int cap);

    // Whether the first-run offer (demo traffic on the embedded engine) has been answered.
    bool firstRunDone() const;
    void setFirstRunDone(bool done);

    int lastPage() const;
    void setLastPage(int page);

    void sync();
    QString fileName() const;

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace WedSync::Ui
