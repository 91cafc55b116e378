#include "nodestatuswidget.h"

#include "common/states.h"
#include "nodes/nodemanager.h"

#include <QHBoxLayout>
#include <QLabel>

namespace WedSync::Ui {

NodeStatusWidget::NodeStatusWidget(NodeManager *nodes, QWidget *parent)
    : QWidget(parent)
    , m_nodes(nodes)
    , m_layout(new QHBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    setAccessibleName(tr("Node connections"));
    connect(nodes, &NodeManager::nodeAdded, this, &NodeStatusWidget::rebuild);
    connect(nodes, &NodeManager::nodeRemoved, this, &NodeStatusWidget::rebuild);
    connect(nodes, &NodeManager::nodeChanged, this, &NodeStatusWidget::update);
    rebuild();
}

void NodeStatusWidget::rebuild()
{
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_icons.clear();
    m_texts.clear();
    for (int i = 0; i < m_nodes->count(); ++i) {
        auto *icon = new QLabel(this);
        auto *text = new QLabel(this);
        m_layout->addWidget(icon);
        m_layout->addWidget(text);
        m_icons.append(icon);
        m_texts.append(text);
        update(i);
    }
    if (m_nodes->count() == 0) {
        auto *text = new QLabel(tr("No node connected"), this);
        m_layout->addWidget(text);
        m_texts.append(text);
    }
    m_layout->addStretch(1);
}

void NodeStatusWidget::update(int index)
{
    if (index < 0 || index >= m_icons.size() || index >= m_nodes->count())
        return;
    const NodeManager::Node &n = m_nodes->node(index);
    const StateLook look = States::connection(int(n.state));
    const QString name = n.embedded ? tr("embedded") : (n.info.node.isEmpty() ? n.url.host() : n.info.node);
    QString text = tr("%1: %2").arg(name, look.text);
    if (n.state == Client::ConnectionState::Connected && m_nodes->lagMs(index) >= 0)
        text += QStringLiteral(" · ") + tr("lag %1 ms").arg(m_nodes->lagMs(index));
    if (n.reconnects > 0)
        text += QStringLiteral(" · ") + tr("reconnected %n time(s)", nullptr, n.reconnects);
    m_icons[index]->setPixmap(look.icon.pixmap(16, 16));
    m_texts[index]->setText(text);
    const QString tip = n.reason.isEmpty() ? n.url.toDisplayString()
                                           : n.url.toDisplayString() + QLatin1String("\n") + n.reason;
    m_texts[index]->setToolTip(tip);
    m_icons[index]->setToolTip(tip);
    m_texts[index]->setAccessibleName(text);
}

QString NodeStatusWidget::summaryText() const
{
    QStringList parts;
    for (const QLabel *l : m_texts)
        parts.append(l->text());
    return parts.join(QLatin1String(" | "));
}

} // namespace WedSync::Ui
