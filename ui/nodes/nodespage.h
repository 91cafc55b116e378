// The Nodes page: connect to remote nodes (URL + token; the token goes to the OS keychain, the URL to the
// settings), see each node's state, version, uptime, database and throughput, choose which node the
// dashboards show, disconnect.
#pragma once

#include <QWidget>

class QLineEdit;
class QPushButton;
class QTableView;

namespace WedSync::Ui {

class ConsoleSettings;
class MessageBar;
class NodeManager;
class NodesModel;
class TokenStore;

class NodesPage : public QWidget
{
    Q_OBJECT
public:
    NodesPage(NodeManager *nodes, TokenStore *tokens, ConsoleSettings *settings, QWidget *parent = nullptr);

    // Reconnects to the nodes saved in the settings, reading each token from the keychain.
    void restoreSavedNodes();
    // Connects to a node and remembers it (URL in settings, token in the keychain).
    void connectNode(const QUrl &url, const QByteArray &token, bool remember);

    QTableView *view() const { return m_view; }
    NodesModel *model() const { return m_model; }

private:
    void connectClicked();
    void disconnectSelected();
    void showSelected();
    void updateButtons();
    void rememberUrls();
    int selectedRow() const;

    NodeManager *m_nodes;        // not owned
    TokenStore *m_tokens;        // not owned
    ConsoleSettings *m_settings; // not owned
    NodesModel *m_model;
    MessageBar *m_message;
    QLineEdit *m_url;
    QLineEdit *m_token;
    QPushButton *m_connect;
    QPushButton *m_disconnect;
    QPushButton *m_show;
    QTableView *m_view;
};

} // namespace WedSync::Ui
