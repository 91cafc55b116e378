// How states look everywhere in the console: each health, circuit and delivery state has a text, an icon
// whose shape differs per state (check, triangle, cross, pause...) and a colour, so it never depends on
// colour alone.
#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QString>

namespace WedSync::Ui {

struct StateLook
{
    QString text;
    QIcon icon;
    QColor color;
};

class States
{
    Q_DECLARE_TR_FUNCTIONS(States)
public:
    // healthy | warning | critical | unknown
    static StateLook health(const QString &state);
    // closed | open | half_open
    static StateLook circuit(const QString &state);
    // pending | delivered | failed | retrying | dead | replayed (a dead letter sent again, outcome not in)
    static StateLook delivery(const QString &state);
    // Connection state of a node, shown in the status bar and on the Nodes page.
    static StateLook connection(int state);
    // firing | acknowledged | resolved
    static StateLook alert(const QString &state);

    enum class Shape { Check, Triangle, Cross, Circle, Pause, Dots };
    static QIcon icon(Shape shape, const QColor &color);
};

} // namespace WedSync::Ui
