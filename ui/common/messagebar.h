// A plain, non-modal message line at the top of a page: what failed (a server denial such as FORBIDDEN, a
// node that is unreachable) in words, with the error code, until the user closes it or the next success.
#pragma once

#include "client/nodeclient.h"

#include <QFrame>

class QLabel;
class QToolButton;

namespace WedSync::Ui {

class MessageBar : public QFrame
{
    Q_OBJECT
public:
    explicit MessageBar(QWidget *parent = nullptr);

    void showError(const QString &what, const WedSync::Client::Result &result);
    void showInfo(const QString &text);
    QString text() const;

    // The words shown for a failed result: a denial says plainly that the role does not allow it.
    static QString describe(const QString &what, const WedSync::Client::Result &result);

private:
    QLabel *m_label;
    QToolButton *m_close;
};

} // namespace WedSync::Ui
