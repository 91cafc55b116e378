// Preferences: the console's language (system locale, English, Spanish, French) and the event stream's row
// cap. Writes through ConsoleSettings.
#pragma once

#include <QDialog>

class QComboBox;
class QSpinBox;

namespace WedSync::Ui {

class ConsoleSettings;

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(ConsoleSettings *settings, QWidget *parent = nullptr);
    void accept() override;

    bool languageChanged() const { return m_languageChanged; }

private:
    ConsoleSettings *m_settings; // not owned
    QComboBox *m_language;
    QSpinBox *m_rowCap;
    bool m_languageChanged = false;
};

} // namespace WedSync::Ui
