#include "states.h"

#include "client/nodeclient.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace WedSync::Ui {

namespace {
const QColor kGreen(0x2e, 0x7d, 0x32);
const QColor kAmber(0xc7, 0x7c, 0x02);
const QColor kRed(0xc6, 0x28, 0x28);
const QColor kGrey(0x75, 0x75, 0x75);
const QColor kBlue(0x15, 0x65, 0xc0);
} // namespace

QIcon States::icon(Shape shape, const QColor &color)
{
    static QHash<QString, QIcon> cache;
    const QString key = QString::number(int(shape)) + color.name();
    const auto it = cache.constFind(key);
    if (it != cache.constEnd())
        return it.value();
    QIcon result;
    for (int size : {16, 32}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        const qreal s = size;
        QPen pen(Qt::white, s / 8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        switch (shape) {
        case Shape::Check:
            p.setBrush(color);
            p.setPen(Qt::NoPen);
            p.drawEllipse(QRectF(1, 1, s - 2, s - 2));
            p.setPen(pen);
            p.drawPolyline(QPolygonF(
                {QPointF(s * 0.27, s * 0.52), QPointF(s * 0.44, s * 0.69), QPointF(s * 0.74, s * 0.33)}));
            break;
        case Shape::Triangle: {
            QPainterPath path;
            path.moveTo(s / 2, 1);
            path.lineTo(s - 1, s - 2);
            path.lineTo(1, s - 2);
            path.closeSubpath();
            p.fillPath(path, color);
            p.setPen(pen);
            p.drawLine(QPointF(s / 2, s * 0.38), QPointF(s / 2, s * 0.62));
            p.drawPoint(QPointF(s / 2, s * 0.8));
            break;
        }
        case Shape::Cross:
            p.setBrush(color);
            p.setPen(Qt::NoPen);
            p.drawRect(QRectF(1, 1, s - 2, s - 2));
            p.setPen(pen);
            p.drawLine(QPointF(s * 0.3, s * 0.3), QPointF(s * 0.7, s * 0.7));
            p.drawLine(QPointF(s * 0.7, s * 0.3), QPointF(s * 0.3, s * 0.7));
            break;
        case Shape::Circle:
            p.setPen(QPen(color, s / 8));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(QRectF(s * 0.15, s * 0.15, s * 0.7, s * 0.7));
            break;
        case Shape::Pause:
            p.setBrush(color);
            p.setPen(Qt::NoPen);
            p.drawEllipse(QRectF(1, 1, s - 2, s - 2));
            p.setPen(pen);
            p.drawLine(QPointF(s * 0.4, s * 0.3), QPointF(s * 0.4, s * 0.7));
            p.drawLine(QPointF(s * 0.6, s * 0.3), QPointF(s * 0.6, s * 0.7));
            break;
        case Shape::Dots:
            p.setBrush(color);
            p.setPen(Qt::NoPen);
            for (int i = 0; i < 3; ++i)
                p.drawEllipse(QPointF(s * (0.2 + 0.3 * i), s / 2), s / 9, s / 9);
            break;
        }
        p.end();
        result.addPixmap(pm);
    }
    cache.insert(key, result);
    return result;
}

StateLook States::health(const QString &state)
{
    if (state == QLatin1String("healthy"))
        return {tr("Healthy"), icon(Shape::Check, kGreen), kGreen};
    if (state == QLatin1String("warning"))
        return {tr("Warning"), icon(Shape::Triangle, kAmber), kAmber};
    if (state == QLatin1String("critical"))
        return {tr("Critical"), icon(Shape::Cross, kRed), kRed};
    if (state == QLatin1String("paused"))
        return {tr("Paused"), icon(Shape::Pause, kGrey), kGrey};
    return {tr("No data"), icon(Shape::Circle, kGrey), kGrey};
}

StateLook States::circuit(const QString &state)
{
    if (state == QLatin1String("closed"))
        return {tr("Closed"), icon(Shape::Check, kGreen), kGreen};
    if (state == QLatin1String("half_open"))
        return {tr("Half-open (probing)"), icon(Shape::Triangle, kAmber), kAmber};
    if (state == QLatin1String("open"))
        return {tr("Open (paused)"), icon(Shape::Cross, kRed), kRed};
    return {tr("Unknown"), icon(Shape::Circle, kGrey), kGrey};
}

StateLook States::delivery(const QString &state)
{
    if (state == QLatin1String("delivered"))
        return {tr("Delivered"), icon(Shape::Check, kGreen), kGreen};
    if (state == QLatin1String("pending"))
        return {tr("Pending"), icon(Shape::Dots, kBlue), kBlue};
    if (state == QLatin1String("retrying"))
        return {tr("Retrying"), icon(Shape::Triangle, kAmber), kAmber};
    if (state == QLatin1String("failed"))
        return {tr("Failed"), icon(Shape::Cross, kRed), kRed};
    if (state == QLatin1String("dead"))
        return {tr("Dead letter"), icon(Shape::Cross, kRed), kRed};
    if (state == QLatin1String("replayed"))
        return {tr("Replayed"), icon(Shape::Dots, kBlue), kBlue};
    return {state, icon(Shape::Circle, kGrey), kGrey};
}

StateLook States::connection(int state)
{
    using Client::ConnectionState;
    switch (ConnectionState(state)) {
    case ConnectionState::Connected:
        return {tr("Connected"), icon(Shape::Check, kGreen), kGreen};
    case ConnectionState::Connecting:
        return {tr("Connecting"), icon(Shape::Dots, kBlue), kBlue};
    case ConnectionState::Reconnecting:
        return {tr("Reconnecting"), icon(Shape::Triangle, kAmber), kAmber};
    case ConnectionState::Failed:
        return {tr("Failed"), icon(Shape::Cross, kRed), kRed};
    case ConnectionState::Disconnected:
        break;
    }
    return {tr("Disconnected"), icon(Shape::Circle, kGrey), kGrey};
}

StateLook States::alert(const QString &state)
{
    if (state == QLatin1String("acknowledged"))
        return {tr("Acknowledged"), icon(Shape::Pause, kAmber), kAmber};
    if (state == QLatin1String("resolved"))
        return {tr("Resolved"), icon(Shape::Check, kGreen), kGreen};
    return {tr("Firing"), icon(Shape::Cross, kRed), kRed};
}

} // namespace WedSync::Ui
