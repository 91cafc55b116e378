// The live event stream: follows the tail and pauses when the user scrolls up ("Jump to live" resumes);
// filters by source, type, channel, wedding and free text, sent to the node on subscribe and applied to the
// rows held; a detail pane with the pretty-printed event and its correlation chain (each link navigable);
// export of the filtered rows with progress and cancel; older rows fetched again from the node on demand.
#pragma once

#include "client/nodeclient.h"
#include "models/eventfilter.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;
class QProgressDialog;
class QPushButton;
class QTableView;
class QTimer;

namespace WedSync::Ui {

class ConsoleSettings;
class EventExporter;
class EventStreamModel;
class MessageBar;
class NodeManager;

class EventsPage : public QWidget
{
    Q_OBJECT
public:
    EventsPage(NodeManager *nodes, ConsoleSettings *settings, QWidget *parent = nullptr);
    ~EventsPage() override;

    EventStreamModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    bool isFollowing() const { return m_following; }

    void focusFilter();
    void jumpToLive();
    // Fetches older matching events from the node (Load older); says so when there are none.
    void loadOlder();
    // Shows the event with this seq: selects its row when held, otherwise fetches it from the node.
    void showEvent(qint64 seq);
    void setFilter(const EventFilter &filter);
    EventFilter currentFilter() const;
    // Starts an export to `path` (format from the extension: .csv or JSON Lines); false when it cannot start.
    bool exportTo(const QString &path, QString *error);
    void exportInteractive();

    QPlainTextEdit *detailView() const { return m_detail; }
    QListWidget *chainView() const { return m_chain; }
    MessageBar *messageBar() const { return m_message; }

Q_SIGNALS:
    void followingChanged(bool following);
    void detailShown(qint64 seq);
    void exportFinished(bool ok, qint64 written);

private:
    void attach(Client::NodeClient *client);
    void subscribeEvents(qint64 since);
    // quiet: fetched by the page itself (a narrower filter), so finding nothing is not worth a message.
    void fetchOlder(bool quiet);
    void applyFilterFromWidgets();
    void onFlushed();
    void onScrolled(int value);
    void setFollowing(bool following);
    void currentRowChanged();
    void showDetail(const QJsonObject &event);
    void showChain(qint64 seq, const QJsonArray &chain);
    void chainActivated(QListWidgetItem *item);
    void updateStatus();

    NodeManager *m_nodes;        // not owned
    ConsoleSettings *m_settings; // not owned
    QPointer<Client::NodeClient> m_client;
    EventStreamModel *m_model;
    EventExporter *m_exporter;
    MessageBar *m_message;
    QComboBox *m_source;
    QComboBox *m_type;
    QLineEdit *m_channel;
    QLineEdit *m_wedding;
    QLineEdit *m_text;
    QTableView *m_view;
    QPushButton *m_live;
    QPushButton *m_older;
    QPushButton *m_export;
    QLabel *m_status;
    QPlainTextEdit *m_detail;
    QListWidget *m_chain;
    QTimer *m_filterDebounce;
    QProgressDialog *m_progress = nullptr;
    bool m_following = true;
    bool m_autoScrolling = false;
    qint64 m_detailSeq = 0;
    qint64 m_olderCursor = 0; // lowest journal seq searched by Load older (0 = start from the oldest row)
};

} // namespace WedSync::Ui
