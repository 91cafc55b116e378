// Paints one line of plain text per cell, elided at the right, for tables that repaint many times a second
// (the live event stream). The style still paints the background, selection and focus; only the text
// bypasses QStyle's general text layout (a QTextLayout per cell, built for wrapping and rich options),
// which was most of each repaint's cost while 10,000 events/s arrived. Printable ASCII (ids, numbers, times,
// most values) is drawn as a glyph run from per-font tables, without shaping it at all; other text is
// shaped as one line.
#pragma once

#include <QRawFont>
#include <QStyledItemDelegate>
#include <memory>

namespace WedSync::Ui {

class PlainTextDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit PlainTextDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    struct AsciiGlyphs
    {
        QFont font;
        QRawFont raw;
        quint32 glyph[128] = {};
        qreal advance[128] = {};
        quint32 ellipsis = 0; // glyph of U+2026, 0 when the font has none ("..." then)
        qreal ellipsisAdvance = 0;
    };
    const AsciiGlyphs *glyphsFor(const QFont &font) const;
    // Draws printable ASCII text (and "…") left/right aligned in rect, elided at the right; false for other
    // text.
    bool drawAscii(QPainter *painter, const QFont &font, const QString &text, const QRect &rect,
                   Qt::Alignment alignment, int baseline) const;

    mutable std::unique_ptr<AsciiGlyphs> m_glyphs;
};

} // namespace WedSync::Ui
