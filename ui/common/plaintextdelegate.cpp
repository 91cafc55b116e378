#include "plaintextdelegate.h"

#include <QApplication>
#include <QGlyphRun>
#include <QPainter>

namespace WedSync::Ui {

PlainTextDelegate::PlainTextDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

const PlainTextDelegate::AsciiGlyphs *PlainTextDelegate::glyphsFor(const QFont &font) const
{
    if (m_glyphs && m_glyphs->font == font)
        return m_glyphs->raw.isValid() ? m_glyphs.get() : nullptr;
    auto g = std::make_unique<AsciiGlyphs>();
    g->font = font;
    g->raw = QRawFont::fromFont(font);
    if (g->raw.isValid()) {
        QString ascii;
        for (char16_t c = 32; c < 127; ++c)
            ascii += QChar(c);
        const QList<quint32> glyphs = g->raw.glyphIndexesForString(ascii);
        const QList<QPointF> advances = g->raw.advancesForGlyphIndexes(glyphs);
        for (int i = 0; i < int(ascii.size()) && i < int(glyphs.size()) && i < int(advances.size()); ++i) {
            g->glyph[32 + i] = glyphs.at(i);
            g->advance[32 + i] = advances.at(i).x();
        }
        const QList<quint32> ellipsis = g->raw.glyphIndexesForString(QString(QChar(0x2026)));
        if (ellipsis.size() == 1 && ellipsis.first() != 0) {
            g->ellipsis = ellipsis.first();
            g->ellipsisAdvance = g->raw.advancesForGlyphIndexes(ellipsis).value(0).x();
        }
    }
    m_glyphs = std::move(g);
    return m_glyphs->raw.isValid() ? m_glyphs.get() : nullptr;
}

bool PlainTextDelegate::drawAscii(QPainter *painter, const QFont &font, const QString &text,
                                  const QRect &rect, Qt::Alignment alignment, int baseline) const
{
    const AsciiGlyphs *g = glyphsFor(font);
    if (!g)
        return false;
    // Printable ASCII, and "…" (summaries show nested values as {…}), which the table has a glyph for.
    auto glyphOf = [g](QChar ch, qreal *advance) -> quint32 {
        const char16_t c = ch.unicode();
        if (c >= 32 && c < 127) {
            *advance = g->advance[c];
            return g->glyph[c];
        }
        *advance = g->ellipsisAdvance;
        return c == 0x2026 ? g->ellipsis : 0;
    };
    qreal width = 0;
    for (const QChar ch : text) {
        qreal a = 0;
        if (glyphOf(ch, &a) == 0)
            return false;
        width += a;
    }
    QList<quint32> glyphs;
    QList<QPointF> positions;
    glyphs.reserve(text.size() + 3);
    positions.reserve(text.size() + 3);
    qreal x = 0;
    auto add = [&](quint32 glyph, qreal advance) {
        glyphs.append(glyph);
        positions.append(QPointF(x, 0));
        x += advance;
    };
    if (width <= rect.width()) {
        for (const QChar ch : text) {
            qreal a = 0;
            const quint32 glyph = glyphOf(ch, &a);
            add(glyph, a);
        }
    } else {
        // Elided at the right like QFontMetrics::elidedText: as many characters as fit before "…".
        const qreal tail = g->ellipsis ? g->ellipsisAdvance : 3 * g->advance[u'.'];
        for (const QChar ch : text) {
            qreal a = 0;
            const quint32 glyph = glyphOf(ch, &a);
            if (x + a + tail > rect.width())
                break;
            add(glyph, a);
        }
        if (g->ellipsis) {
            add(g->ellipsis, g->ellipsisAdvance);
        } else {
            for (int i = 0; i < 3; ++i)
                add(g->glyph[u'.'], g->advance[u'.']);
        }
        width = x;
    }
    qreal left = rect.left();
    if (alignment & Qt::AlignRight)
        left = rect.right() + 1 - width;
    else if (alignment & Qt::AlignHCenter)
        left = rect.left() + (rect.width() - width) / 2;
    QGlyphRun run;
    run.setRawFont(g->raw);
    run.setGlyphIndexes(glyphs);
    run.setPositions(positions);
    painter->drawGlyphRun(QPointF(left, baseline), run);
    return true;
}

void PlainTextDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // The style paints what a plain cell does not have (selection, hover, focus, a background brush,
    // a check box or an icon); a plain cell has nothing under its text but the view's own background.
    constexpr auto decorated = QStyleOptionViewItem::HasCheckIndicator | QStyleOptionViewItem::HasDecoration;
    const bool plain =
        !(opt.state & (QStyle::State_Selected | QStyle::State_MouseOver | QStyle::State_HasFocus)) &&
        opt.backgroundBrush.style() == Qt::NoBrush && !(opt.features & decorated);
    if (!plain) {
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    }
    if (text.isEmpty())
        return;
    // The same text rectangle and colours the style would use (without a check box or icon the style's
    // text rectangle is the cell's).
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect rect =
        (opt.features & decorated ? style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget)
                                  : opt.rect)
            .adjusted(margin, 0, -margin, 0);
    if (rect.width() <= 0)
        return;
    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : (opt.state & QStyle::State_Active) ? QPalette::Normal
                                                                            : QPalette::Inactive;
    const QFontMetrics &fm = opt.fontMetrics;
    const int baseline = rect.top() + (rect.height() - fm.height()) / 2 + fm.ascent();
    const QFont oldFont = painter->font();
    const QPen oldPen = painter->pen();
    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(group, (opt.state & QStyle::State_Selected) ? QPalette::HighlightedText
                                                                                  : QPalette::Text));
    if (!drawAscii(painter, opt.font, text, rect, opt.displayAlignment, baseline)) {
        // One line drawn at its baseline: QPainter's rectangle overload lays the text out with a
        // QTextLayout (line breaking, alignment), several times the cost of shaping one line.
        QString shown = text;
        int width = fm.horizontalAdvance(text);
        if (width > rect.width()) {
            shown = fm.elidedText(text, Qt::ElideRight, rect.width());
            width = fm.horizontalAdvance(shown);
        }
        int x = rect.left();
        if (opt.displayAlignment & Qt::AlignRight)
            x = rect.right() + 1 - width;
        else if (opt.displayAlignment & Qt::AlignHCenter)
            x = rect.left() + (rect.width() - width) / 2;
        painter->drawText(QPoint(x, baseline), shown);
    }
    painter->setPen(oldPen);
    painter->setFont(oldFont);
}

} // namespace WedSync::Ui
