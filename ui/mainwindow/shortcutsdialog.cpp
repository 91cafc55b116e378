#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace WedSync::Ui {

ShortcutsDialog::ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Keyboard shortcuts"));
    auto *table = new QTableWidget(this);
    table->setColumnCount(2);
    table->setHorizontalHeaderLabels({tr("Keys"), tr("Action")});
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAccessibleName(tr("Keyboard shortcuts"));
    for (const QAction *a : actions) {
        if (a->shortcuts().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence &k : a->shortcuts())
            keys.append(k.toString(QKeySequence::NativeText));
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(keys.join(QStringLiteral(", "))));
        table->setItem(row, 1, new QTableWidgetItem(a->text().remove(QLatin1Char('&'))));
    }
    const int extra = table->rowCount();
    const QList<QPair<QString, QString>> fixed = {
        {tr("Tab, Shift+Tab"), tr("Move between controls")},
        {tr("Arrow keys, Page Up, Page Down"), tr("Move through table rows")},
        {tr("Space, Ctrl+Space, Shift+arrows"), tr("Select several dead letters")},
        {tr("Enter"), tr("Open the selected link of the correlation chain")},
        {tr("Alt + underlined letter"), tr("Press that button or go to that field")},
    };
    table->setRowCount(extra + int(fixed.size()));
    for (int i = 0; i < fixed.size(); ++i) {
        table->setItem(extra + i, 0, new QTableWidgetItem(fixed.at(i).first));
        table->setItem(extra + i, 1, new QTableWidgetItem(fixed.at(i).second));
    }
    m_rows = table->rowCount();
    table->resizeColumnToContents(0);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(buttons);
    resize(560, 420);
}

int ShortcutsDialog::rowCount() const
{
    return m_rows;
}

} // namespace WedSync::Ui
