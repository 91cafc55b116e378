#include "configcli.h"

#include <QFileInfo>

namespace WedSync::ConfigCli {

void addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("config"), QStringLiteral("Read configuration from <file>."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("data-dir"), QStringLiteral("Keep data in <dir> (node.data_dir)."),
                      QStringLiteral("dir")});
    parser.addOption(
        {QStringLiteral("database"),
         QStringLiteral("Database URL (store.database): sqlite:///path or postgres://user@host:port/db."),
         QStringLiteral("url")});
    parser.addOption({QStringLiteral("log-level"), QStringLiteral("Log level (node.log_level)."),
                      QStringLiteral("level")});
    parser.addOption({QStringLiteral("set"),
                      QStringLiteral("Set any configuration key, e.g. --set journal.retention=7d."),
                      QStringLiteral("key=value")});
}

std::optional<Config> load(const QCommandLineParser &parser, QString *error)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QString file = parser.value(QStringLiteral("config"));
    if (file.isEmpty())
        file = env.value(QStringLiteral("WEDSYNC_CONFIG"));
    if (file.isEmpty() && QFileInfo::exists(Config::defaultFilePath()))
        file = Config::defaultFilePath();

    QHash<QString, QString> flags;
    const QStringList sets = parser.values(QStringLiteral("set"));
    for (const QString &s : sets) {
        const int eq = s.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            if (error)
                *error = QStringLiteral("command line: --set %1: expected section.key=value").arg(s);
            return std::nullopt;
        }
        flags.insert(s.left(eq).trimmed(), s.mid(eq + 1));
    }
    auto direct = [&](const char *option, const char *key) {
        if (parser.isSet(QString::fromLatin1(option)))
            flags.insert(QString::fromLatin1(key), parser.value(QString::fromLatin1(option)));
    };
    direct("data-dir", "node.data_dir");
    direct("database", "store.database");
    direct("log-level", "node.log_level");
    return Config::load(file, env, flags, error);
}

} // namespace WedSync::ConfigCli
