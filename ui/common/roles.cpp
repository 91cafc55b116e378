#include "roles.h"

#include <QAction>
#include <QWidget>

namespace WedSync::Ui {

Role Roles::parse(const QString &role)
{
    if (role == QLatin1String("admin"))
        return Role::Admin;
    if (role == QLatin1String("operator"))
        return Role::Operator;
    if (role == QLatin1String("viewer"))
        return Role::Viewer;
    return Role::None;
}

QString Roles::name(Role role)
{
    switch (role) {
    case Role::Admin:
        return tr("administrator");
    case Role::Operator:
        return tr("operator");
    case Role::Viewer:
        return tr("viewer");
    case Role::None:
        break;
    }
    return tr("not connected");
}

QString Roles::deniedReason(Role have, Role need)
{
    if (have == Role::None)
        return tr("Connect to a node first.");
    return tr("Your access token has the %1 role; this needs the %2 role. Ask an administrator for a token "
              "with "
              "that role.")
        .arg(name(have), name(need));
}

void Roles::apply(QAction *action, Role have, Role need, const QString &tooltip)
{
    const bool ok = allows(have, need);
    action->setEnabled(ok);
    action->setToolTip(ok ? tooltip : deniedReason(have, need));
}

void Roles::apply(QWidget *widget, Role have, Role need, const QString &tooltip)
{
    const bool ok = allows(have, need);
    widget->setEnabled(ok);
    widget->setToolTip(ok ? tooltip : deniedReason(have, need));
}

} // namespace WedSync::Ui
