// F1: every keyboard shortcut of the console, listed from the window's own actions so the list cannot
// drift from what the keys do.
#pragma once

#include <QDialog>

class QAction;

namespace WedSync::Ui {

class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);
    int rowCount() const;

private:
    int m_rows = 0;
};

} // namespace WedSync::Ui
