#include "sourcecommands.h"

#include "commands.h"
#include "ingress/credentialstore.h"
#include "ingress/sourceregistry.h"
#include "store/database.h"
#include "store/migrator.h"

#include <QFile>
#include <QHash>

namespace WedSync::NodeApp {

namespace {

const char *const kUsage =
    "usage:\n"
    "  wedsync-node source set <name> --secret-file FILE [--integration ID] [--grace 24h]\n"
    "  wedsync-node source set paypal --certificate-file cert.pem --webhook-id ID [--integration ID]\n"
    "  wedsync-node source list\n"
    "  wedsync-node source remove <name> [--integration ID]\n";

struct Options
{
    QString name;
    QHash<QString, QString> values; // --option value
    QString error;
};

Options parse(const QStringList &args, const QStringList &allowed)
{
    Options o;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a.startsWith(QLatin1String("--"))) {
            QString key = a.mid(2);
            QString value;
            const qsizetype eq = key.indexOf(QLatin1Char('='));
            if (eq >= 0) {
                value = key.mid(eq + 1);
                key = key.left(eq);
            } else if (i + 1 < args.size()) {
                value = args.at(++i);
            } else {
                o.error = QStringLiteral("--%1 needs a value").arg(key);
                return o;
            }
            if (!allowed.contains(key)) {
                o.error = QStringLiteral("unknown option --%1").arg(key);
                return o;
            }
            if (o.values.contains(key)) {
                o.error = QStringLiteral("--%1 given twice").arg(key);
                return o;
            }
            o.values.insert(key, value);
        } else if (o.name.isEmpty()) {
            o.name = a;
        } else {
            o.error = QStringLiteral("unexpected argument '%1'").arg(a);
            return o;
        }
    }
    return o;
}

// Reads a small file; trailing whitespace (the newline of `echo secret > file`) is not part of a secret.
bool readFile(const QString &path, const char *what, QByteArray *out, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the %1 file '%2': %3")
                     .arg(QLatin1String(what), path, f.errorString());
        return false;
    }
    if (f.size() > 64 * 1024) {
        *error = QStringLiteral("the %1 file '%2' is larger than 64 KiB; is it the right file?")
                     .arg(QLatin1String(what), path);
        return false;
    }
    *out = f.readAll();
    while (!out->isEmpty() && QChar::isSpace(uchar(out->back())))
        out->chop(1);
    if (out->isEmpty()) {
        *error = QStringLiteral("the %1 file '%2' is empty").arg(QLatin1String(what), path);
        return false;
    }
    return true;
}

QString formatTime(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

} // namespace

int runSource(const Config &config, const QStringList &args, QTextStream &out, QTextStream &err)
{
    if (args.isEmpty()) {
        err << kUsage;
        return Usage;
    }
    const QString verb = args.first();
    const QStringList rest = args.mid(1);

    Ingress::SourceRegistry registry;
    Error error;
    if (!registry.addCustomSources(config.string(QStringLiteral("ingress.custom_sources")), &error)) {
        err << "wedsync-node: CONFIG_INVALID: ingress.custom_sources: " << error.message << "\n";
        return Usage;
    }

    Options o;
    if (verb == QLatin1String("set"))
        o = parse(rest,
                  {QStringLiteral("secret-file"), QStringLiteral("integration"), QStringLiteral("grace"),
                   QStringLiteral("certificate-file"), QStringLiteral("webhook-id")});
    else if (verb == QLatin1String("remove"))
        o = parse(rest, {QStringLiteral("integration")});
    else if (verb == QLatin1String("list"))
        o = parse(rest, {});
    else {
        err << "wedsync-node source: unknown action '" << verb << "'\n" << kUsage;
        return Usage;
    }
    if (!o.error.isEmpty()) {
        err << "wedsync-node source " << verb << ": " << o.error << "\n" << kUsage;
        return Usage;
    }
    if (verb != QLatin1String("list")) {
        if (o.name.isEmpty()) {
            err << "wedsync-node source " << verb << ": the source name is missing\n" << kUsage;
            return Usage;
        }
        if (!registry.find(o.name)) {
            err << "wedsync-node source " << verb << ": UNKNOWN_SOURCE: unknown source '" << o.name
                << "'; known sources: " << registry.names().join(QStringLiteral(", "))
                << " (add your own with [ingress] custom_sources)\n";
            return Usage;
        }
    } else if (!o.name.isEmpty()) {
        err << "wedsync-node source list: takes no arguments\n";
        return Usage;
    }
    const QString integration = o.values.value(QStringLiteral("integration"));
    if (!integration.isEmpty() && (integration.size() > 200 || integration.contains(QLatin1Char(' ')) ||
                                   integration.contains(QLatin1Char('\n')))) {
        err << "wedsync-node source " << verb
            << ": --integration must be an id without spaces (at most 200 characters)\n";
        return Usage;
    }

    // Validate everything that needs no database first.
    QByteArray secret;
    QByteArray certificate;
    std::chrono::seconds grace(24 * 3600);
    const bool paypal = o.name == QLatin1String("paypal");
    if (verb == QLatin1String("set")) {
        QString why;
        if (paypal) {
            if (o.values.contains(QStringLiteral("secret-file")) ||
                o.values.contains(QStringLiteral("grace"))) {
                err << "wedsync-node source set paypal: PayPal is verified with its signing certificate: use "
                       "--certificate-file cert.pem --webhook-id ID\n";
                return Usage;
            }
            if (!o.values.contains(QStringLiteral("certificate-file")) ||
                !o.values.contains(QStringLiteral("webhook-id"))) {
                err << "wedsync-node source set paypal: both --certificate-file and --webhook-id are "
                       "required\n";
                return Usage;
            }
            if (!readFile(o.values.value(QStringLiteral("certificate-file")), "certificate", &certificate,
                          &why)) {
                err << "wedsync-node source set: " << why << "\n";
                return Failure;
            }
            certificate.append('\n');
        } else {
            if (o.values.contains(QStringLiteral("certificate-file")) ||
                o.values.contains(QStringLiteral("webhook-id"))) {
                err << "wedsync-node source set " << o.name
                    << ": --certificate-file and --webhook-id are for paypal only\n";
                return Usage;
            }
            if (!o.values.contains(QStringLiteral("secret-file"))) {
                err << "wedsync-node source set " << o.name
                    << ": --secret-file FILE is required (secrets are never "
                       "taken on the command line, where other users and shell history can see them)\n";
                return Usage;
            }
            if (!readFile(o.values.value(QStringLiteral("secret-file")), "secret", &secret, &why)) {
                err << "wedsync-node source set: " << why << "\n";
                return Failure;
            }
            const Error bad = registry.checkSecret(o.name, secret);
            if (bad) {
                err << "wedsync-node source set " << o.name << ": " << bad.code << ": " << bad.message
                    << "\n";
                return Failure;
            }
            if (o.values.contains(QStringLiteral("grace"))) {
                ConfigKey k;
                k.name = QStringLiteral("--grace");
                k.type = ConfigKey::Type::Duration;
                k.max = qint64(90) * 24 * 3600 * 1000;
                const auto v = Config::parseValue(k, o.values.value(QStringLiteral("grace")), &why);
                if (!v) {
                    err << "wedsync-node source set: --grace: " << why
                        << " (e.g. 24h, 30m, 0 to revoke at once)\n";
                    return Usage;
                }
                grace = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::milliseconds(v->toLongLong()));
            }
        }
    }

    auto settings = Store::DatabaseSettings::fromUrl(config.string(QStringLiteral("store.database")),
                                                     config.dataDir(), &error);
    if (!settings) {
        err << error.code << ": " << error.message << "\n";
        return Failure;
    }
    Store::Database database(*settings);
    QSqlDatabase db = database.connection(&error);
    if (!db.isOpen() || Store::Migrator().migrate(db, &error) < 0) {
        err << error.code << ": " << error.message << "\n";
        return Failure;
    }
    Ingress::CredentialStore store(&database);
    const QString target =
        o.name + (integration.isEmpty() ? QString() : QStringLiteral(" (integration %1)").arg(integration));

    if (verb == QLatin1String("set")) {
        const bool hadOne = !paypal && store.credentials(o.name, integration).has_value() &&
                            store.credentials(o.name, integration)->integrationId == integration;
        const bool ok = paypal ? store.setPayPal(integration, certificate,
                                                 o.values.value(QStringLiteral("webhook-id")), &error)
                               : store.setSecret(o.name, integration, secret, grace, &error);
        secret.fill('\0');
        if (!ok) {
            err << "wedsync-node source set " << o.name << ": " << error.code << ": " << error.message
                << "\n";
            return Failure;
        }
        if (paypal)
            out << "paypal"
                << (integration.isEmpty() ? QString() : QStringLiteral(" (integration %1)").arg(integration))
                << ": signing certificate pinned, webhook id " << o.values.value(QStringLiteral("webhook-id"))
                << "\n";
        else if (hadOne && grace.count() > 0)
            out << target << ": new secret set; the previous one keeps verifying until "
                << formatTime(QDateTime::currentDateTimeUtc().addSecs(grace.count())) << "\n";
        else if (hadOne)
            out << target << ": new secret set; the previous one was revoked\n";
        else
            out << target << ": secret set\n";
        return Ok;
    }
    if (verb == QLatin1String("remove")) {
        if (!store.remove(o.name, integration, &error)) {
            err << "wedsync-node source remove " << o.name << ": " << error.code << ": " << error.message
                << "\n";
            return Failure;
        }
        out << target << ": credentials removed; its webhooks are now refused with SOURCE_NOT_CONFIGURED\n";
        return Ok;
    }

    // list
    const auto summaries = store.list(&error);
    if (error) {
        err << error.code << ": " << error.message << "\n";
        return Failure;
    }
    out << QStringLiteral("%1  %2  %3  %4\n")
               .arg(QStringLiteral("SOURCE"), -16)
               .arg(QStringLiteral("INTEGRATION"), -14)
               .arg(QStringLiteral("SCHEME"), -42)
               .arg(QStringLiteral("STATE"));
    QStringList configured;
    for (const auto &s : summaries) {
        QStringList state;
        if (s.hasCurrentSecret)
            state << QStringLiteral("secret set %1").arg(formatTime(s.currentSince));
        for (const QDateTime &until : s.graceUntil)
            state << QStringLiteral("previous secret verifies until %1").arg(formatTime(until));
        if (s.hasCertificate)
            state << QStringLiteral("certificate pinned, webhook id %1").arg(s.webhookId);
        if (!s.hasCurrentSecret && !s.hasCertificate)
            state << QStringLiteral("only a rotated secret left (set a new one)");
        const QString scheme = registry.find(s.source) ? registry.schemeDescription(s.source)
                                                       : QStringLiteral("(source no longer known)");
        out << QStringLiteral("%1  %2  %3  %4\n")
                   .arg(s.source, -16)
                   .arg(s.integrationId.isEmpty() ? QStringLiteral("-") : s.integrationId, -14)
                   .arg(scheme, -42)
                   .arg(state.join(QStringLiteral("; ")));
        configured << s.source;
    }
    for (const QString &name : registry.names()) {
        if (!configured.contains(name))
            out << QStringLiteral("%1  %2  %3  %4\n")
                       .arg(name, -16)
                       .arg(QStringLiteral("-"), -14)
                       .arg(registry.schemeDescription(name), -42)
                       .arg(QStringLiteral("not configured (webhooks refused)"));
    }
    return Ok;
}

int runSource(const Config &config, const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    return runSource(config, args, out, err);
}

} // namespace WedSync::NodeApp
