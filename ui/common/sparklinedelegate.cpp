#include "sparklinedelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace WedSync::Ui {

SparklineDelegate::SparklineDelegate(int valuesRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_role(valuesRole)
{}

void SparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear(); // the line replaces the text; the text stays for tooltips and screen readers
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QVector<double> values = index.data(m_role).value<QVector<double>>();
    if (values.size() < 2)
        return;
    double lo = values.first(), hi = values.first();
    for (double v : values) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (hi - lo < 1e-9) {
        hi = lo + 1;
        lo -= 1;
    }
    const QRectF r = QRectF(option.rect).adjusted(3, 4, -3, -4);
    QPainterPath path;
    for (int i = 0; i < values.size(); ++i) {
        const QPointF pt(r.left() + r.width() * i / (values.size() - 1),
                         r.bottom() - r.height() * (values.at(i) - lo) / (hi - lo));
        if (i == 0)
            path.moveTo(pt);
        else
            path.lineTo(pt);
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(
        QPen(selected ? option.palette.highlightedText().color() : option.palette.link().color(), 1.5));
    painter->drawPath(path);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(std::max(s.width(), 120));
    return s;
}

} // namespace WedSync::Ui
