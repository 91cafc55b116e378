#include "nodespage.h"

#include "common/messagebar.h"
#include "nodes/nodemanager.h"
#include "nodes/nodesmodel.h"
#include "nodes/tokenstore.h"
#include "settings/consolesettings.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace WedSync::Ui {

NodesPage::NodesPage(NodeManager *nodes, TokenStore *tokens, ConsoleSettings *settings, QWidget *parent)
    : QWidget(parent)
    , m_nodes(nodes)
    , m_tokens(tokens)
    , m_settings(settings)
    , m_model(new NodesModel(nodes, this))
    , m_message(new MessageBar(this))
    , m_url(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_connect(new QPushButton(tr("&Connect"), this))
    , m_disconnect(new QPushButton(tr("&Disconnect"), this))
    , m_show(new QPushButton(tr("Show on &dashboards"), this))
    , m_view(new QTableView(this))
{
    auto *title = new QLabel(tr("Nodes"), this);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    f.setBold(true);
    title->setFont(f);

    m_url->setPlaceholderText(QStringLiteral("wss://node.example:8090"));
    m_url->setAccessibleName(tr("Node address"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("Access token"));
    m_token->setAccessibleName(tr("Access token"));
    m_token->setToolTip(tr("Kept in the system keychain, never in the settings file."));
    m_connect->setToolTip(tr("Connect to this node and remember it"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Address:"), m_url);
    form->addRow(tr("&Token:"), m_token);
    auto *formButtons = new QHBoxLayout;
    formButtons->addStretch(1);
    formButtons->addWidget(m_connect);
    form->addRow(formButtons);

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    // A handful of rows: size every column to its contents so nothing is cut off.
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setAccessibleName(tr("Connected nodes"));
    m_view->setTabKeyNavigation(false);

    m_disconnect->setToolTip(tr("Disconnect from the selected node and forget it"));
    m_show->setToolTip(tr("Show the selected node on the Health, Events and Deliveries pages"));
    auto *rowButtons = new QHBoxLayout;
    rowButtons->addWidget(m_show);
    rowButtons->addWidget(m_disconnect);
    rowButtons->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(m_view, 1);
    layout->addLayout(rowButtons);

    connect(m_connect, &QPushButton::clicked, this, &NodesPage::connectClicked);
    connect(m_url, &QLineEdit::returnPressed, this, &NodesPage::connectClicked);
    connect(m_token, &QLineEdit::returnPressed, this, &NodesPage::connectClicked);
    connect(m_disconnect, &QPushButton::clicked, this, &NodesPage::disconnectSelected);
    connect(m_show, &QPushButton::clicked, this, &NodesPage::showSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &NodesPage::updateButtons);
    connect(m_nodes, &NodeManager::nodeChanged, this, &NodesPage::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &NodesPage::updateButtons);
    setTabOrder(m_url, m_token);
    setTabOrder(m_token, m_connect);
    setTabOrder(m_connect, m_view);
    setTabOrder(m_view, m_show);
    setTabOrder(m_show, m_disconnect);
    updateButtons();
}

int NodesPage::selectedRow() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void NodesPage::updateButtons()
{
    const int row = selectedRow();
    const bool remote = row >= 0 && !m_nodes->node(row).embedded;
    m_disconnect->setEnabled(remote);
    m_disconnect->setToolTip(row >= 0 && !remote
                                 ? tr("The embedded engine runs inside this console and cannot be "
                                      "disconnected")
                                 : tr("Disconnect from the selected node and forget it"));
    m_show->setEnabled(row >= 0 && row != m_nodes->current());
}

void NodesPage::rememberUrls()
{
    QStringList urls;
    for (int i = 0; i < m_nodes->count(); ++i) {
        if (!m_nodes->node(i).embedded)
            urls.append(m_nodes->node(i).url.toString());
    }
    m_settings->setNodeUrls(urls);
}

void NodesPage::connectNode(const QUrl &url, const QByteArray &token, bool remember)
{
    m_nodes->addNode(url, token);
    if (!remember)
        return;
    rememberUrls();
    m_tokens->write(url.toString(), token, [this, url](bool ok, const QString &error) {
        if (!ok)
            m_message->showInfo(
                tr("Connected to %1, but the token could not be saved in the system keychain (%2). "
                   "You will be asked for it again next time.")
                    .arg(url.toDisplayString(), error));
    });
}

void NodesPage::connectClicked()
{
    const QUrl url = QUrl::fromUserInput(m_url->text().trimmed());
    if (!url.isValid() || (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss"))) {
        m_message->showInfo(tr("Enter the node's address as ws://host:port or wss://host:port."));
        m_url->setFocus();
        return;
    }
    if (m_token->text().isEmpty()) {
        m_message->showInfo(tr("Enter the access token the node's administrator gave you "
                               "(wedsync-node token create)."));
        m_token->setFocus();
        return;
    }
    m_message->hide();
    connectNode(url, m_token->text().toUtf8(), true);
    m_token->clear();
    m_url->clear();
}

void NodesPage::disconnectSelected()
{
    const int row = selectedRow();
    if (row < 0 || m_nodes->node(row).embedded)
        return;
    const QString url = m_nodes->node(row).url.toString();
    m_nodes->removeNode(row);
    rememberUrls();
    m_tokens->remove(url, [](bool, const QString &) {});
}

void NodesPage::showSelected()
{
    const int row = selectedRow();
    if (row >= 0)
        m_nodes->setCurrent(row);
    updateButtons();
}

void NodesPage::restoreSavedNodes()
{
    for (const QString &saved : m_settings->nodeUrls()) {
        m_tokens->read(saved, [this, saved](bool ok, const QByteArray &token, const QString &error) {
            if (ok) {
                m_nodes->addNode(QUrl(saved), token);
                return;
            }
            m_message->showInfo(
                tr("No saved token for %1 (%2). Enter it above to reconnect.").arg(saved, error));
            m_url->setText(saved);
        });
    }
}

} // namespace WedSync::Ui
