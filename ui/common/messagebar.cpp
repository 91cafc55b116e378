#include "messagebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace WedSync::Ui {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Message"));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_close->setText(tr("Dismiss"));
    m_close->setToolTip(tr("Hide this message"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_close);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

QString MessageBar::describe(const QString &what, const Client::Result &result)
{
    if (result.errorCode == QLatin1String("FORBIDDEN"))
        return tr("%1: the node refused because your access token's role does not allow it (FORBIDDEN). %2")
            .arg(what, result.errorMessage);
    if (result.errorCode == QLatin1String("DISCONNECTED"))
        return tr("%1: the node is not connected. The console reconnects by itself; try again when it shows "
                  "Connected.")
            .arg(what);
    if (result.errorCode == QLatin1String("TIMEOUT"))
        return tr("%1: the node did not answer in time. Try again.").arg(what);
    return tr("%1 failed (%2): %3").arg(what, result.errorCode, result.errorMessage);
}

void MessageBar::showError(const QString &what, const Client::Result &result)
{
    setStyleSheet(QStringLiteral("MessageBar { background: #fdecea; } QLabel { color: #611a15; }"));
    m_label->setText(describe(what, result));
    show();
}

void MessageBar::showInfo(const QString &text)
{
    setStyleSheet(QStringLiteral("MessageBar { background: #e8f4fd; } QLabel { color: #0d3c61; }"));
    m_label->setText(text);
    show();
}

QString MessageBar::text() const
{
    return m_label->text();
}

} // namespace WedSync::Ui
