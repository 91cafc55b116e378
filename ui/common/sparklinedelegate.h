// Paints a per-row sparkline (the last hour, one point per minute) from a QVector<double> the model returns
// for a given role; the tooltip and accessible text come from the model's display role.
#pragma once

#include <QStyledItemDelegate>

namespace WedSync::Ui {

class SparklineDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit SparklineDelegate(int valuesRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_role;
};

} // namespace WedSync::Ui
