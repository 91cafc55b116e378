#include "eventspage.h"

#include "common/messagebar.h"
#include "common/nodeapi.h"
#include "common/plaintextdelegate.h"
#include "events/eventexporter.h"
#include "models/eventstreammodel.h"
#include "nodes/nodemanager.h"
#include "settings/consolesettings.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace WedSync::Ui {

namespace {
constexpr int kHistoryWindow = 2000; // journal entries replayed when attaching
constexpr int kOlderPage = 1000;
constexpr qint64 kOlderWindow = 5000; // journal entries scanned per Load older

QStringList knownSources()
{
    return {QStringLiteral("stripe"),         QStringLiteral("paypal"),         QStringLiteral("mailchimp"),
            QStringLiteral("calendly"),       QStringLiteral("zapier"),         QStringLiteral("custom_crm"),
            QStringLiteral("booking_system"), QStringLiteral("tave"),           QStringLiteral("honeybook"),
            QStringLiteral("studio_ninja"),   QStringLiteral("google_calendar")};
}

QStringList knownTypes()
{
    return {QStringLiteral("booking.created"),     QStringLiteral("booking.updated"),
            QStringLiteral("booking.cancelled"),   QStringLiteral("payment.received"),
            QStringLiteral("payment.failed"),      QStringLiteral("form.submitted"),
            QStringLiteral("form.updated"),        QStringLiteral("vendor.connected"),
            QStringLiteral("vendor.disconnected"), QStringLiteral("availability.changed"),
            QStringLiteral("review.received"),     QStringLiteral("message.sent"),
            QStringLiteral("email.send"),          QStringLiteral("notification.send"),
            QStringLiteral("calendar.block"),      QStringLiteral("calendar.unblock"),
            QStringLiteral("payment.refund"),      QStringLiteral("integration.sync")};
}

QComboBox *filterCombo(const QStringList &items, const QString &anyText, const QString &accessibleName,
                       QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->addItem(QString());
    combo->addItems(items);
    combo->lineEdit()->setPlaceholderText(anyText);
    combo->lineEdit()->setClearButtonEnabled(true);
    combo->setAccessibleName(accessibleName);
    combo->setMinimumContentsLength(12);
    return combo;
}
} // namespace

EventsPage::EventsPage(NodeManager *nodes, ConsoleSettings *settings, QWidget *parent)
    : QWidget(parent)
    , m_nodes(nodes)
    , m_settings(settings)
    , m_model(new EventStreamModel(this))
    , m_exporter(new EventExporter(m_model, this))
    , m_message(new MessageBar(this))
    , m_source(filterCombo(knownSources(), tr("any source"), tr("Source filter"), this))
    , m_type(filterCombo(knownTypes(), tr("any type"), tr("Event type filter"), this))
    , m_channel(new QLineEdit(this))
    , m_wedding(new QLineEdit(this))
    , m_text(new QLineEdit(this))
    , m_view(new QTableView(this))
    , m_live(new QPushButton(tr("Jump to &live"), this))
    , m_older(new QPushButton(tr("Load &older"), this))
    , m_export(new QPushButton(tr("E&xport…"), this))
    , m_status(new QLabel(this))
    , m_detail(new QPlainTextEdit(this))
    , m_chain(new QListWidget(this))
    , m_filterDebounce(new QTimer(this))
{
    m_model->setRowCap(settings->rowCap());

    m_channel->setPlaceholderText(tr("any channel"));
    m_channel->setAccessibleName(tr("Channel filter"));
    m_channel->setClearButtonEnabled(true);
    m_wedding->setPlaceholderText(tr("any wedding"));
    m_wedding->setAccessibleName(tr("Wedding filter"));
    m_wedding->setClearButtonEnabled(true);
    m_text->setPlaceholderText(tr("search text in events"));
    m_text->setAccessibleName(tr("Free text filter"));
    m_text->setClearButtonEnabled(true);

    auto *filters = new QHBoxLayout;
    auto addFilter = [this, filters](const QString &label, QWidget *w) {
        auto *l = new QLabel(label, this);
        l->setBuddy(w);
        filters->addWidget(l);
        filters->addWidget(w, 1);
    };
    addFilter(tr("&Source:"), m_source);
    addFilter(tr("T&ype:"), m_type);
    addFilter(tr("C&hannel:"), m_channel);
    addFilter(tr("&Wedding:"), m_wedding);
    addFilter(tr("&Text:"), m_text);

    m_view->setModel(m_model);
    m_view->setItemDelegate(new PlainTextDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->verticalHeader()->hide();
    // Fixed row height: the view never measures a million rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setAccessibleName(tr("Live events"));
    m_view->setTabKeyNavigation(false);
    m_view->setColumnWidth(EventStreamModel::SeqColumn, 80);
    m_view->setColumnWidth(EventStreamModel::TimeColumn, 100);
    m_view->setColumnWidth(EventStreamModel::SourceColumn, 120);
    m_view->setColumnWidth(EventStreamModel::TypeColumn, 150);
    m_view->setColumnWidth(EventStreamModel::WeddingColumn, 120);
    const QByteArray columns = settings->columnState(QStringLiteral("events"));
    if (!columns.isEmpty())
        m_view->horizontalHeader()->restoreState(columns);

    m_live->setToolTip(tr("Follow new events again (End)"));
    m_older->setToolTip(tr("Fetch older matching events from the node"));
    m_export->setToolTip(tr("Save the rows shown (with the current filter) as JSON Lines or CSV"));
    m_status->setAccessibleName(tr("Stream status"));
    // Its text changes with every batch of events; a size fixed by the layout, not by the text, keeps those
    // changes from re-laying out (and repainting) the page around it.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_detail->setReadOnly(true);
    m_detail->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_detail->setAccessibleName(tr("Event detail"));
    m_detail->setPlaceholderText(tr("Select an event to see it in full."));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_detail->setFont(mono);
    m_chain->setAccessibleName(tr("Correlation chain"));
    m_chain->setToolTip(tr("Events caused by the same original event; press Enter on one to open it"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_older);
    buttons->addWidget(m_export);
    buttons->addWidget(m_live);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_view, 1);
    leftLayout->addLayout(buttons);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *detailLabel = new QLabel(tr("&Event"), right);
    detailLabel->setBuddy(m_detail);
    auto *chainLabel = new QLabel(tr("Correlation &chain"), right);
    chainLabel->setBuddy(m_chain);
    rightLayout->addWidget(detailLabel);
    rightLayout->addWidget(m_detail, 3);
    rightLayout->addWidget(chainLabel);
    rightLayout->addWidget(m_chain, 1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(filters);
    layout->addWidget(split, 1);

    m_filterDebounce->setSingleShot(true);
    m_filterDebounce->setInterval(300);
    connect(m_filterDebounce, &QTimer::timeout, this, &EventsPage::applyFilterFromWidgets);
    auto debounce = [this] { m_filterDebounce->start(); };
    connect(m_source, &QComboBox::currentTextChanged, this, debounce);
    connect(m_type, &QComboBox::currentTextChanged, this, debounce);
    connect(m_channel, &QLineEdit::textChanged, this, debounce);
    connect(m_wedding, &QLineEdit::textChanged, this, debounce);
    connect(m_text, &QLineEdit::textChanged, this, debounce);

    connect(m_model, &EventStreamModel::flushed, this, &EventsPage::onFlushed);
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, &EventsPage::onScrolled);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EventsPage::currentRowChanged);
    connect(m_live, &QPushButton::clicked, this, &EventsPage::jumpToLive);
    connect(m_older, &QPushButton::clicked, this, &EventsPage::loadOlder);
    connect(m_export, &QPushButton::clicked, this, &EventsPage::exportInteractive);
    connect(m_chain, &QListWidget::itemActivated, this, &EventsPage::chainActivated);
    connect(m_nodes, &NodeManager::currentChanged, this, &EventsPage::attach);
    connect(m_nodes, &NodeManager::eventsReceived, m_model, &EventStreamModel::appendEvents);
    connect(m_view->horizontalHeader(), &QHeaderView::sectionResized, this, [this] {
        m_settings->setColumnState(QStringLiteral("events"), m_view->horizontalHeader()->saveState());
    });
    connect(m_exporter, &EventExporter::progress, this, [this](qint64 written, qint64 total) {
        if (m_progress) {
            m_progress->setMaximum(int(std::min<qint64>(total, INT_MAX)));
            m_progress->setValue(int(std::min<qint64>(written, INT_MAX)));
        }
    });
    connect(m_exporter, &EventExporter::finished, this,
            [this](bool ok, qint64 written, const QString &error) {
                if (m_progress) {
                    m_progress->deleteLater();
                    m_progress = nullptr;
                }
                if (ok)
                    m_message->showInfo(tr("Exported %n event(s).", nullptr, int(written)));
                else
                    m_message->showInfo(error);
                Q_EMIT exportFinished(ok, written);
            });

    setTabOrder(m_source, m_type);
    setTabOrder(m_type, m_channel);
    setTabOrder(m_channel, m_wedding);
    setTabOrder(m_wedding, m_text);
    setTabOrder(m_text, m_view);
    setTabOrder(m_view, m_older);
    setTabOrder(m_older, m_export);
    setTabOrder(m_export, m_live);
    setTabOrder(m_live, m_detail);
    setTabOrder(m_detail, m_chain);

    // The saved filter comes back without waiting for the debounce.
    const EventFilterSettings saved = settings->eventFilter();
    const QSignalBlocker b1(m_source), b2(m_type), b3(m_channel), b4(m_wedding), b5(m_text);
    m_source->setCurrentText(saved.source);
    m_type->setCurrentText(saved.type);
    m_channel->setText(saved.channel);
    m_wedding->setText(saved.wedding);
    m_text->setText(saved.text);
    m_model->setFilter(EventFilter{saved.source, saved.type, saved.channel, saved.wedding, saved.text});

    setFollowing(true);
    attach(m_nodes->currentClient());
}

EventsPage::~EventsPage() = default;

void EventsPage::focusFilter()
{
    m_text->setFocus(Qt::ShortcutFocusReason);
    m_text->selectAll();
}

EventFilter EventsPage::currentFilter() const
{
    return m_model->filter();
}

void EventsPage::attach(Client::NodeClient *client)
{
    if (client != m_client) {
        if (m_client)
            m_client->unsubscribe(NodeApi::topicEvents());
        m_client = client;
        m_model->clear();
        m_olderCursor = 0;
        m_detail->clear();
        m_chain->clear();
    }
    if (!m_client || m_client->state() != Client::ConnectionState::Connected) {
        updateStatus();
        return;
    }
    // Replay the recent journal (filtered by the node), then live. After a reconnect the client resumes by
    // itself; subscribing again continues after the newest row held, so nothing repeats.
    const qint64 head = m_client->info().lastSeq;
    subscribeEvents(m_model->newestSeq() > 0 ? m_model->newestSeq()
                                             : std::max<qint64>(0, head - kHistoryWindow));
    updateStatus();
}

void EventsPage::subscribeEvents(qint64 since)
{
    if (!m_client)
        return;
    m_client->unsubscribe(NodeApi::topicEvents());
    m_client->subscribe(NodeApi::topicEvents(), m_model->filter().toJson(), since);
}

void EventsPage::applyFilterFromWidgets()
{
    setFilter(EventFilter{m_source->currentText().trimmed(), m_type->currentText().trimmed(),
                          m_channel->text().trimmed(), m_wedding->text().trimmed(),
                          m_text->text().trimmed()});
}

void EventsPage::setFilter(const EventFilter &filter)
{
    if (filter == m_model->filter())
        return;
    {
        const QSignalBlocker b1(m_source), b2(m_type), b3(m_channel), b4(m_wedding), b5(m_text);
        if (m_source->currentText().trimmed() != filter.source)
            m_source->setCurrentText(filter.source);
        if (m_type->currentText().trimmed() != filter.type)
            m_type->setCurrentText(filter.type);
        if (m_channel->text().trimmed() != filter.channel)
            m_channel->setText(filter.channel);
        if (m_wedding->text().trimmed() != filter.wedding)
            m_wedding->setText(filter.wedding);
        if (m_text->text().trimmed() != filter.text)
            m_text->setText(filter.text);
    }
    m_settings->setEventFilter({filter.source, filter.type, filter.channel, filter.wedding, filter.text});
    // What the bar said (nothing older, a failed search) was about the previous filter.
    m_message->hide();
    const bool narrower = filter.narrows(m_model->filter());
    const qint64 newest = m_model->newestSeq();
    m_olderCursor = 0;
    if (narrower || !m_client || m_client->state() != Client::ConnectionState::Connected) {
        // Everything the new filter shows is among the rows held: filter them here, continue live after them.
        m_model->setFilter(filter);
        if (m_client && m_client->state() == Client::ConnectionState::Connected) {
            subscribeEvents(newest > 0 ? newest
                                       : std::max<qint64>(0, m_client->info().lastSeq - kHistoryWindow));
            if (m_model->rowCount() < kOlderPage)
                fetchOlder(true); // history for the new filter, beyond what was held
        }
    } else {
        // Wider or different: rows it shows were never held; replay the recent journal with the new filter.
        const qint64 head = std::max(newest, m_client->info().lastSeq);
        m_model->clear();
        m_model->setFilter(filter);
        subscribeEvents(std::max<qint64>(0, head - kHistoryWindow));
    }
    if (m_following)
        m_view->scrollToBottom();
    updateStatus();
}

void EventsPage::onFlushed()
{
    if (m_following) {
        m_autoScrolling = true;
        m_view->scrollToBottom();
        m_autoScrolling = false;
    }
    updateStatus();
}

void EventsPage::onScrolled(int value)
{
    if (m_autoScrolling)
        return;
    const bool atBottom = value >= m_view->verticalScrollBar()->maximum();
    if (atBottom != m_following)
        setFollowing(atBottom);
}

void EventsPage::setFollowing(bool following)
{
    m_following = following;
    m_live->setEnabled(!following);
    updateStatus();
    Q_EMIT followingChanged(following);
}

void EventsPage::jumpToLive()
{
    setFollowing(true);
    m_autoScrolling = true;
    m_view->scrollToBottom();
    m_autoScrolling = false;
}

void EventsPage::updateStatus()
{
    QString text;
    if (!m_client)
        text = tr("No node selected.");
    else if (m_client->state() != Client::ConnectionState::Connected)
        text = tr("Waiting for the node connection…");
    else if (m_following)
        text = tr("Following live · %n event(s) held", nullptr, m_model->rowCount());
    else
        text = tr("Paused · %n event(s) held · scroll to the end or press End to follow again", nullptr,
                  m_model->rowCount());
    if (m_model->droppedCount() > 0)
        text +=
            QLatin1Char(' ') + tr("(%n older event(s) dropped from memory; Load older fetches them again)",
                                  nullptr, int(std::min<qint64>(m_model->droppedCount(), INT_MAX)));
    m_status->setText(text);
}

void EventsPage::loadOlder()
{
    fetchOlder(false);
}

void EventsPage::fetchOlder(bool quiet)
{
    if (!m_client)
        return;
    // events.search reads forward from "after"; older pages walk back one window of the journal at a time.
    const qint64 before = m_olderCursor > 0          ? m_olderCursor
                          : m_model->oldestSeq() > 0 ? m_model->oldestSeq()
                                                     : m_client->info().lastSeq + 1;
    if (before <= 1) {
        if (!quiet)
            m_message->showInfo(tr("No older events match the filter."));
        return;
    }
    const qint64 after = std::max<qint64>(0, before - 1 - kOlderWindow);
    const QJsonObject args{{QStringLiteral("filter"), m_model->filter().toJson()},
                           {QStringLiteral("after"), after},
                           {QStringLiteral("to"), before - 1},
                           {QStringLiteral("limit"), kOlderPage}};
    QPointer<EventsPage> self(this);
    m_older->setEnabled(false);
    const EventFilter asked = m_model->filter();
    m_client->query(NodeApi::queryEvents(), args, [self, after, quiet, asked](const Client::Result &r) {
        if (!self)
            return;
        self->m_older->setEnabled(true);
        if (self->m_model->filter() != asked)
            return; // the filter changed meanwhile: these rows and words were for the previous one
        if (!r.ok) {
            self->m_message->showError(tr("Loading older events"), r);
            return;
        }
        QList<QJsonObject> events;
        for (const QJsonValue &v : r.data.toObject().value(QStringLiteral("items")).toArray()) {
            const QJsonObject item = v.toObject();
            QJsonObject e = item.value(QStringLiteral("data")).toObject();
            e.insert(QStringLiteral("seq"), item.value(QStringLiteral("seq")));
            events.append(e);
        }
        std::sort(events.begin(), events.end(), [](const QJsonObject &a, const QJsonObject &b) {
            return a.value(QStringLiteral("seq")).toDouble() < b.value(QStringLiteral("seq")).toDouble();
        });
        const int added = self->m_model->prependEvents(events);
        self->m_olderCursor = after + 1;
        if (added > 0)
            self->m_message->hide();
        if (events.isEmpty() && !quiet)
            self->m_message->showInfo(after == 0
                                          ? tr("No older events match the filter.")
                                          : tr("No matching events in journal entries %1 to %2; Load older "
                                               "looks further back.")
                                                .arg(after + 1)
                                                .arg(after + kOlderWindow));
        else if (added == 0 && !events.isEmpty())
            self->m_message->showInfo(
                tr("The stream holds as many events as its row cap allows; raise the cap in "
                   "Settings to keep more."));
        self->updateStatus();
    });
}

void EventsPage::currentRowChanged()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid())
        return;
    const qint64 seq = current.data(EventStreamModel::SeqRole).toLongLong();
    if (seq == m_detailSeq)
        return;
    m_detailSeq = seq;
    showDetail(QJsonDocument::fromJson(m_model->rawJson(current.row())).object());
    m_chain->clear();
    if (!m_client)
        return;
    QPointer<EventsPage> self(this);
    m_client->query(NodeApi::queryEvent(), QJsonObject{{QStringLiteral("seq"), seq}},
                    [self, seq](const Client::Result &r) {
                        if (!self || self->m_detailSeq != seq)
                            return;
                        if (!r.ok) {
                            self->m_message->showError(tr("Loading the correlation chain"), r);
                            return;
                        }
                        self->showChain(seq, r.data.toObject().value(QStringLiteral("chain")).toArray());
                    });
}

void EventsPage::showDetail(const QJsonObject &event)
{
    m_detail->setPlainText(QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Indented)));
    Q_EMIT detailShown(qint64(event.value(QStringLiteral("seq")).toDouble()));
}

void EventsPage::showChain(qint64 seq, const QJsonArray &chain)
{
    m_chain->clear();
    for (const QJsonValue &v : chain) {
        const QJsonObject entry = v.toObject();
        const QJsonObject link =
            entry.contains(QStringLiteral("event")) ? entry.value(QStringLiteral("event")).toObject() : entry;
        const qint64 linkSeq = qint64(entry.value(QStringLiteral("seq")).toDouble());
        const QString text = tr("#%1  %2  from %3")
                                 .arg(linkSeq)
                                 .arg(link.value(QStringLiteral("event_type")).toString(),
                                      link.value(QStringLiteral("source")).toString());
        auto *item = new QListWidgetItem(text, m_chain);
        item->setData(Qt::UserRole, linkSeq);
        if (linkSeq == seq) {
            QFont f = item->font();
            f.setBold(true);
            item->setFont(f);
            item->setToolTip(tr("This event"));
            m_chain->setCurrentItem(item);
        }
    }
    if (chain.isEmpty())
        new QListWidgetItem(tr("No related events."), m_chain);
}

void EventsPage::chainActivated(QListWidgetItem *item)
{
    const qint64 seq = item->data(Qt::UserRole).toLongLong();
    if (seq > 0)
        showEvent(seq);
}

void EventsPage::showEvent(qint64 seq)
{
    const int row = m_model->rowForSeq(seq);
    if (row >= 0) {
        setFollowing(false);
        m_view->selectRow(row);
        m_view->scrollTo(m_model->index(row, 0), QAbstractItemView::PositionAtCenter);
        return;
    }
    if (!m_client)
        return;
    // Not held (filtered out or dropped): fetch it and show it in the detail pane.
    QPointer<EventsPage> self(this);
    m_detailSeq = seq;
    m_client->query(NodeApi::queryEvent(), QJsonObject{{QStringLiteral("seq"), seq}},
                    [self, seq](const Client::Result &r) {
                        if (!self || self->m_detailSeq != seq)
                            return;
                        if (!r.ok) {
                            self->m_message->showError(tr("Loading event #%1").arg(seq), r);
                            return;
                        }
                        const QJsonObject o = r.data.toObject();
                        QJsonObject event = o.value(QStringLiteral("event")).toObject();
                        event.insert(QStringLiteral("seq"), o.value(QStringLiteral("seq")));
                        self->showDetail(event);
                        self->showChain(seq, o.value(QStringLiteral("chain")).toArray());
                    });
}

bool EventsPage::exportTo(const QString &path, QString *error)
{
    const auto format = path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)
                            ? EventExporter::Format::Csv
                            : EventExporter::Format::JsonLines;
    if (!m_exporter->start(path, format, error))
        return false;
    m_progress = new QProgressDialog(tr("Exporting events…"), tr("Cancel"), 0, m_model->rowCount(), this);
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, m_exporter, &EventExporter::cancel);
    return true;
}

void EventsPage::exportInteractive()
{
    QString selectedFilter;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export events"), QStringLiteral("events.jsonl"),
                                     tr("JSON Lines (*.jsonl);;CSV (*.csv)"), &selectedFilter);
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, &error))
        m_message->showInfo(error);
}

} // namespace WedSync::Ui
