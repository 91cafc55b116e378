#include "mainwindow.h"

#include <QLabel>
#include <QStatusBar>
#include <QVBoxLayout>

namespace WedSync::Ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("WedSync Console"));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    auto *title = new QLabel(tr("WedSync Console"), central);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    title->setFont(f);
    layout->addWidget(title);
    layout->addStretch(1);
    setCentralWidget(central);
    m_engineLabel = new QLabel(tr("Starting the embedded engine…"), this);
    statusBar()->addWidget(m_engineLabel, 1);
    resize(1100, 720);
}

MainWindow::~MainWindow() = default;

void MainWindow::setEngineDescription(const QString &description)
{
    m_engineLabel->setText(description);
}

} // namespace WedSync::Ui
