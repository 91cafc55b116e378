#include "commands.h"

#include "deliverycommands.h"
#include "node/engine.h"
#include "sourcecommands.h"
#include "store/database.h"
#include "store/migrator.h"
#include "tokencommands.h"

#include <QCoreApplication>
#include <QTextStream>

namespace WedSync::NodeApp {

static QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

static QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

// wedsync-node migrate: applies pending schema migrations and reports the version.
static int runMigrate(const Config &config, const QStringList &args)
{
    if (!args.isEmpty()) {
        err() << "usage: wedsync-node migrate\n";
        return Usage;
    }
    Error error;
    auto settings = Store::DatabaseSettings::fromUrl(config.string(QStringLiteral("store.database")),
                                                     config.dataDir(), &error);
    if (!settings) {
        err() << error.code << ": " << error.message << "\n";
        return Failure;
    }
    Store::Database database(*settings);
    QSqlDatabase db = database.connection(&error);
    if (!db.isOpen()) {
        err() << error.code << ": " << error.message << "\n";
        return Failure;
    }
    Store::Migrator migrator;
    const int applied = migrator.migrate(db, &error);
    if (applied < 0) {
        err() << error.code << ": " << error.message << "\n";
        return Failure;
    }
    out() << "database " << settings->displayName() << " is at schema version "
          << Store::Migrator::currentVersion(db) << " (" << applied << " migration(s) applied)\n";
    return Ok;
}

// wedsync-node config: prints the effective configuration and where each value came from.
static int runConfig(const Config &config, const QStringList &args)
{
    if (!args.isEmpty()) {
        err() << "usage: wedsync-node config\n";
        return Usage;
    }
    static const char *origins[] = {"default", "file", "env", "flag"};
    for (const ConfigKey &k : Config::keys()) {
        const QString value =
            k.secret && !config.string(k.name).isEmpty() ? QStringLiteral("<hidden>") : config.string(k.name);
        out() << k.name << " = " << value << "    # " << origins[int(config.origin(k.name))] << "\n";
    }
    return Ok;
}

const QList<Command> &commands()
{
    static const QList<Command> list = {
        {QStringLiteral("migrate"), QStringLiteral("Create or upgrade the database schema, then exit."),
         runMigrate},
        {QStringLiteral("config"),
         QStringLiteral("Print the effective configuration and where each value came from."), runConfig},
        {QStringLiteral("subscription"),
         QStringLiteral("Outbound webhook subscriptions: add, list, disable, enable, remove."),
         runSubscription},
        {QStringLiteral("deliveries"),
         QStringLiteral("The delivery outbox: list, replay dead letters (tracked jobs), jobs, alerts."),
         runDeliveries},
        {QStringLiteral("source"),
         QStringLiteral(
             "Webhook secrets per source: source set <name> --secret-file F [--integration ID] [--grace "
             "24h], "
             "source set paypal --certificate-file F --webhook-id ID, source list, source remove <name>."),
         runSource},
        {QStringLiteral("token"),
         QStringLiteral("Access tokens: token create --role viewer|operator|admin --name N, token list, "
                        "token revoke N."),
         runToken},
    };
    return list;
}

} // namespace WedSync::NodeApp
