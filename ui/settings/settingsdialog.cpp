#include "settingsdialog.h"

#include "settings/consolesettings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace WedSync::Ui {

SettingsDialog::SettingsDialog(ConsoleSettings *settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_language(new QComboBox(this))
    , m_rowCap(new QSpinBox(this))
{
    setWindowTitle(tr("Settings"));
    m_language->addItem(tr("System language"), QString());
    // Language names in their own language, so anyone can find theirs.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Español"), QStringLiteral("es"));
    m_language->addItem(QStringLiteral("Français"), QStringLiteral("fr"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(settings->language())));
    m_language->setAccessibleName(tr("Language"));

    m_rowCap->setRange(ConsoleSettings::MinRowCap, ConsoleSettings::MaxRowCap);
    m_rowCap->setSingleStep(100000);
    m_rowCap->setGroupSeparatorShown(true);
    m_rowCap->setValue(settings->rowCap());
    m_rowCap->setAccessibleName(tr("Events kept in memory"));
    m_rowCap->setToolTip(tr("Older events are dropped from memory and can be loaded again from the node."));

    auto *note = new QLabel(tr("A new language applies the next time the console starts."), this);
    note->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    form->addRow(QString(), note);
    form->addRow(tr("&Events kept in memory:"), m_rowCap);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

void SettingsDialog::accept()
{
    const QString language = m_language->currentData().toString();
    m_languageChanged = language != m_settings->language();
    m_settings->setLanguage(language);
    m_settings->setRowCap(m_rowCap->value());
    m_settings->sync();
    QDialog::accept();
}

} // namespace WedSync::Ui
