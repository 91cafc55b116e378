// Typed configuration for the engine and its executables. One INI-style file format; every key can be
// overridden by an environment variable (WEDSYNC_<SECTION>_<KEY>) and by a command-line flag
// (--set section.key=value or a dedicated flag). Precedence: flag > env > file > default.
#pragma once

#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <chrono>
#include <optional>

namespace WedSync {

struct ConfigKey
{
    enum class Type { String, Int, Bool, Duration, Size, HostPort, Choice, Path };
    QString name; // "section.key"
    Type type = Type::String;
    QString defaultValue;
    QString help;
    qint64 min = 0;      // Int, Duration (ms), Size (bytes)
    qint64 max = 0;      // 0 = no upper bound
    QStringList choices; // Choice
    bool secret = false; // never echoed in errors or dumps

    QString envName() const; // WEDSYNC_SECTION_KEY
};

class Config
{
public:
    enum class Origin { Default, File, Env, Flag };

    // Every key the engine knows, documented in README.md ("Configuration").
    static const QList<ConfigKey> &keys();
    static const ConfigKey *findKey(const QString &name);

    // Parses and validates. On failure returns nullopt and sets *error to a message naming the key and
    // the problem (the executables print it and exit with status 2).
    static std::optional<Config> load(const QString &filePath, const QProcessEnvironment &env,
                                      const QHash<QString, QString> &flags, QString *error);
    // Defaults only (tests, tools).
    static Config defaults();

    // The conventional config file when none is named: <config dir>/wedsync.conf (may not exist).
    static QString defaultFilePath();

    QString string(const QString &key) const;
    qint64 integer(const QString &key) const;
    bool boolean(const QString &key) const;
    std::chrono::milliseconds duration(const QString &key) const;
    qint64 bytes(const QString &key) const;
    Origin origin(const QString &key) const;

    // Overrides one value after loading (tests, embedded mode). Validates like load().
    bool set(const QString &key, const QString &value, QString *error = nullptr);

    // <node.data_dir> or the platform's application data location; created on demand by callers.
    QString dataDir() const;
    // <node.name> or the host name.
    QString nodeName() const;
    QString filePath() const { return m_filePath; }

    // Parses a value of the given type; nullopt with *why on failure. Public for tests.
    static std::optional<QVariant> parseValue(const ConfigKey &key, const QString &raw, QString *why);

private:
    QHash<QString, QVariant> m_values; // parsed, by "section.key"
    QHash<QString, Origin> m_origins;
    QString m_filePath;
};

} // namespace WedSync
