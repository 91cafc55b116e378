// The console's main window: a navigation rail of dashboards, the dashboard stack and a status bar
// with each node's connection state.
#pragma once

#include <QMainWindow>

class QLabel;

namespace WedSync::Ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Shown in the status bar: which engine the console talks to.
    void setEngineDescription(const QString &description);

private:
    QLabel *m_engineLabel = nullptr; // owned by the status bar
};

} // namespace WedSync::Ui
