// The status bar's node indicators: one entry per node with its connection state (icon and text), the
// link's lag (round trip of the last info poll), reconnections, and why it last changed state in the tooltip.
#pragma once

#include <QWidget>

class QHBoxLayout;
class QLabel;

namespace WedSync::Ui {

class NodeManager;

class NodeStatusWidget : public QWidget
{
    Q_OBJECT
public:
    explicit NodeStatusWidget(NodeManager *nodes, QWidget *parent = nullptr);
    QString summaryText() const; // all entries' text, for tests and screen readers

private:
    void rebuild();
    void update(int index);

    NodeManager *m_nodes; // not owned
    QHBoxLayout *m_layout;
    QList<QLabel *> m_icons;
    QList<QLabel *> m_texts;
};

} // namespace WedSync::Ui
