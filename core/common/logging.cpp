#include "logging.h"

#include <QLoggingCategory>
#include <QStringList>

namespace WedSync::Logging {

static QStringList rulesForLevel(const QString &category, const QString &level, bool *ok)
{
    static const QStringList order = {QStringLiteral("debug"), QStringLiteral("info"),
                                      QStringLiteral("warning"), QStringLiteral("critical")};
    const int idx = order.indexOf(level.trimmed().toLower());
    *ok = idx >= 0;
    QStringList rules;
    if (!*ok)
        return rules;
    for (int i = 0; i < order.size(); ++i)
        rules << QStringLiteral("%1.%2=%3").arg(category, order[i], i >= idx ? u"true" : u"false");
    return rules;
}

bool configure(const QString &level, bool timestamps, QString *error)
{
    const QStringList parts = level.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    QStringList rules;
    bool ok = true;
    rules << rulesForLevel(QStringLiteral("wedsync.*"),
                           parts.isEmpty() ? QStringLiteral("info") : parts.first(), &ok);
    if (!ok) {
        if (error)
            *error = QStringLiteral("unknown log level '%1': use debug, info, warning or critical")
                         .arg(parts.first());
        return false;
    }
    for (int i = 1; i < parts.size(); ++i) {
        const QStringList kv = parts[i].split(QLatin1Char('='));
        if (kv.size() != 2 || !kv[0].trimmed().startsWith(QLatin1String("wedsync"))) {
            if (error)
                *error = QStringLiteral("log rule '%1' must look like wedsync.module=level").arg(parts[i]);
            return false;
        }
        rules << rulesForLevel(kv[0].trimmed(), kv[1], &ok);
        if (!ok) {
            if (error)
                *error = QStringLiteral("unknown log level in rule '%1'").arg(parts[i]);
            return false;
        }
    }
    QLoggingCategory::setFilterRules(rules.join(QLatin1Char('\n')));
    if (timestamps) {
        qSetMessagePattern(QStringLiteral(
            "%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-debug}DEBUG%{endif}%{if-info}INFO "
            "%{endif}%{if-warning}WARN "
            "%{endif}%{if-critical}ERROR%{endif}%{if-fatal}FATAL%{endif} %{category}: %{message}"));
    }
    return true;
}

} // namespace WedSync::Logging
