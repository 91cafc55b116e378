// The console mirrors the server's roles (viewer < operator < admin): an action the token's role cannot
// perform is disabled with a tooltip saying why. The server still decides; its FORBIDDEN is shown plainly.
#pragma once

#include <QCoreApplication>
#include <QString>

class QAction;
class QWidget;

namespace WedSync::Ui {

enum class Role { None, Viewer, Operator, Admin };

class Roles
{
    Q_DECLARE_TR_FUNCTIONS(Roles)
public:
    static Role parse(const QString &role);
    static QString name(Role role);
    static bool allows(Role have, Role need) { return int(have) >= int(need); }
    // Enables the action or widget when `have` suffices; otherwise disables it and sets a tooltip saying
    // which role is needed. `tooltip` is the normal tooltip.
    static void apply(QAction *action, Role have, Role need, const QString &tooltip);
    static void apply(QWidget *widget, Role have, Role need, const QString &tooltip);
    static QString deniedReason(Role have, Role need);
};

} // namespace WedSync::Ui
