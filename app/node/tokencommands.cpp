#include "tokencommands.h"

#include "commands.h"
#include "node/audit.h"
#include "node/tokenstore.h"
#include "store/database.h"
#include "store/migrator.h"

#include <QDateTime>
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

static int usage()
{
    err() << "usage: wedsync-node token create --role viewer|operator|admin --name NAME\n"
             "       wedsync-node token list\n"
             "       wedsync-node token revoke NAME\n";
    return Usage;
}

static QString formatTime(qint64 ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate) : QStringLiteral("-");
}

int runToken(const Config &config, const QStringList &args)
{
    if (args.isEmpty())
        return usage();
    const QString sub = args.first();
    QString name;
    QString roleText;
    QStringList rest = args.mid(1);
    if (sub == u"create") {
        for (int i = 0; i < rest.size(); ++i) {
            const QString &a = rest.at(i);
            if ((a == u"--role" || a == u"--name") && i + 1 < rest.size()) {
                (a == u"--role" ? roleText : name) = rest.at(++i);
            } else if (a.startsWith(QLatin1String("--role="))) {
                roleText = a.mid(7);
            } else if (a.startsWith(QLatin1String("--name="))) {
                name = a.mid(7);
            } else {
                return usage();
            }
        }
        if (name.isEmpty() || roleText.isEmpty())
            return usage();
    } else if (sub == u"revoke") {
        if (rest.size() != 1)
            return usage();
        name = rest.first();
    } else if (sub != u"list" || !rest.isEmpty()) {
        return usage();
    }
    const auto role = roleText.isEmpty() ? std::optional<Node::Role>(Node::Role::Viewer) : Node::parseRole(roleText);
    if (!role) {
        err() << "VALIDATION_FAILED: --role must be viewer, operator or admin\n";
        return Usage;
    }

    Error error;
    auto settings = Store::DatabaseSettings::fromUrl(config.string(QStringLiteral("store.database")), config.dataDir(), &error);
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
    if (migrator.migrate(db, &error) < 0) {
        err() << error.code << ": " << error.message << "\n";
        return Failure;
    }
    Node::TokenStore tokens(&database);
    Node::Audit audit(&database);
    int rc = Ok;
    if (sub == u"create") {
        const auto token = tokens.create(name, *role, &error);
        if (!token) {
            err() << error.code << ": " << error.message << "\n";
            rc = Failure;
        } else {
            audit.record(QStringLiteral("cli"), Node::Role::Admin, QStringLiteral("token.create"), name,
                         QStringLiteral("ok"), {{QStringLiteral("role"), Node::roleName(*role)}});
            // The token itself goes to stdout alone so that scripts can capture it; it is shown only now.
            out() << *token << "\n";
            out().flush();
            err() << "token \"" << name << "\" (" << Node::roleName(*role)
                  << ") created; it is shown only this once, store it safely\n";
        }
    } else if (sub == u"list") {
        const auto list = tokens.list(&error);
        if (error) {
            err() << error.code << ": " << error.message << "\n";
            rc = Failure;
        } else {
            out() << QStringLiteral("%1  %2  %3  %4  %5\n")
                         .arg(QStringLiteral("NAME"), -20)
                         .arg(QStringLiteral("ROLE"), -8)
                         .arg(QStringLiteral("CREATED"), -20)
                         .arg(QStringLiteral("LAST USED"), -20)
                         .arg(QStringLiteral("REVOKED"));
            for (const auto &t : list)
                out() << QStringLiteral("%1  %2  %3  %4  %5\n")
                             .arg(t.name, -20)
                             .arg(Node::roleName(t.role), -8)
                             .arg(formatTime(t.createdAtMs), -20)
                             .arg(formatTime(t.lastUsedAtMs), -20)
                             .arg(formatTime(t.revokedAtMs));
        }
    } else {
        if (!tokens.revoke(name, &error)) {
            err() << error.code << ": " << error.message << "\n";
            rc = Failure;
        } else {
            audit.record(QStringLiteral("cli"), Node::Role::Admin, QStringLiteral("token.revoke"), name,
                         QStringLiteral("ok"));
            out() << "token \"" << name << "\" revoked; connections using it are refused from now on\n";
        }
    }
    db = QSqlDatabase();
    database.releaseThreadConnection();
    return rc;
}

} // namespace WedSync::NodeApp
