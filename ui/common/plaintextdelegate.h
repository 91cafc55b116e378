// Paints one line of plain text per cell, elided at the right, for tables that repaint many times a second
// (the live event stream). The style still paints the background, selection and focus; only the text
// bypasses QStyle's general text layout (a QTextLayout per cell, built for wrapping and rich options),
// which was most of each repaint's cost while 10,000 events/s arrived.
#pragma once

#include <QStyledItemDelegate>

namespace WedSync::Ui {

class PlainTextDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit PlainTextDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace WedSync::Ui
