#include "config.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QSysInfo>

namespace WedSync {

using T = ConfigKey::Type;

QString ConfigKey::envName() const
{
    QString n = name;
    n.replace(QLatin1Char('.'), QLatin1Char('_'));
    return QStringLiteral("WEDSYNC_") + n.toUpper();
}

// Builds a table entry; keeps the table below free of half-initialised aggregates.
static ConfigKey key(const char *name, T type, const char *def, const char *help, qint64 min = 0,
                     qint64 max = 0, QStringList choices = {}, bool secret = false)
{
    return ConfigKey{QString::fromLatin1(name), type,  QString::fromLatin1(def),
                     QString::fromLatin1(help), min,   max,
                     std::move(choices),        secret};
}

const QList<ConfigKey> &Config::keys()
{
    // Keep README.md's "Configuration" table in step with this list.
    static const QList<ConfigKey> k = {
        // --- node ---
        key("node.name", T::String, "", "Name this node reports to consoles (default: host name)"),
        key("node.data_dir", T::Path, "",
            "Where the SQLite database and node files live (default: the platform's app data directory)"),
        key("node.log_level", T::String, "info",
            "debug, info, warning or critical, optionally followed by ;category=level rules"),
        // --- store ---
        key("store.database", T::String, "",
            "Database URL: empty for SQLite in the data directory, sqlite:///path, or "
            "postgres://user[:pass]@host:port/db",
            0, 0, {}, true),
        key("store.sync", T::Choice, "full",
            "SQLite durability: full (accepted events and delivery claims are fsynced before they count; "
            "survives power loss) or normal (survives a process crash)",
            0, 0, {"full", "normal"}),
        key("store.busy_timeout", T::Duration, "5s",
            "How long SQLite waits for a lock held by another process", 0, 3600000),
        key("store.cache_size", T::Size, "16MiB",
            "SQLite page cache per database connection; the journal's indexes stay in memory "
            "instead of being read back for every group commit",
            1048576, 1073741824),
        key("store.reconnect_max", T::Duration, "10s",
            "Longest wait between reconnection attempts when the database goes away", 100, 3600000),
        // --- journal ---
        key("journal.retention", T::Duration, "30d",
            "Events older than this are pruned in the background; 0 keeps everything (and the dedupe window "
            "is this long)",
            0, 0),
        key("journal.prune_interval", T::Duration, "10m", "How often retention runs", 1000, 0),
        key("journal.batch_max", T::Int, "2000", "Most events committed in one group-commit transaction", 1,
            100000),
        key("journal.append_timeout", T::Duration, "15s",
            "An append not committed within this time fails with STORE_UNAVAILABLE", 100, 3600000),
        // --- ingress: http server, limits, rate limits ---
        key("ingress.listen", T::HostPort, "127.0.0.1:8080",
            "Address the webhook ingress listens on (host:port; port 0 picks a free one; empty turns the "
            "ingress off)"),
        key("ingress.tls_cert", T::Path, "",
            "PEM certificate (chain) for HTTPS on the ingress; with ingress.tls_key, TLS is on"),
        key("ingress.tls_key", T::Path, "", "PEM private key (unencrypted RSA or EC) for ingress.tls_cert"),
        key("ingress.max_header_bytes", T::Size, "16KiB",
            "Largest request line plus headers; larger requests get 431", 1024, 1048576),
        key("ingress.max_body_bytes", T::Size, "1MiB",
            "Largest request body; larger ones get 413 (before the body is read when Content-Length says so)",
            1024, 67108864),
        key("ingress.header_timeout", T::Duration, "10s",
            "Time allowed for a request's line and headers (and for an idle keep-alive connection); then 408",
            100, 3600000),
        key("ingress.body_timeout", T::Duration, "30s",
            "Time allowed for a request body once its headers arrived; then 408", 100, 3600000),
        key("ingress.max_connections", T::Int, "1000",
            "Most open client connections; beyond it new clients get 503", 1, 1000000),
        key("ingress.threads", T::Int, "0",
            "Threads serving ingress connections (0 = one per core, at most 8; 1 = the engine's thread)", 0,
            64),
        key("ingress.rate_limit_integration", T::Int, "1000",
            "Webhooks per hour accepted per integration (token bucket; 0 = unlimited); then 429 with "
            "Retry-After",
            0, 0),
        key("ingress.rate_limit_ip", T::Int, "1000",
            "Webhooks per hour accepted per source IP (token bucket; 0 = unlimited); then 429 with "
            "Retry-After",
            0, 0),
        key("ingress.log_retention", T::Duration, "7d",
            "Webhook log rows older than this are pruned; 0 keeps everything", 0, 0),

        // --- ingress: sources and secrets ---
        key("ingress.custom_sources", T::String, "",
            "Extra sources an administrator adds (comma-separated names): CRM payload shape, generic HMAC "
            "signature"),
        key("ingress.credentials_refresh", T::Duration, "5s",
            "How long a looked-up webhook secret is cached before the database is read again", 0, 3600000),

        // --- processing and routing ---
        key("processing.batch_size", T::Int, "1000",
            "Most journal events handled in one processing transaction", 1, 20000),
        key("processing.max_attempts", T::Int, "3",
            "Attempts per handler and event before the failure is recorded in the error store", 1, 10),
        key("processing.retry_base", T::Duration, "200ms",
            "Back-off before a handler's next attempt: this times the attempt number", 0, 60000),
        key("notify.slack_webhook_url", T::String, "",
            "Slack incoming webhook URL for notifications (empty: delivery.slack_url; neither: Slack "
            "notifications are skipped)"),
        key("notify.slack_catering_webhook_url", T::String, "",
            "Slack incoming webhook for catering notes (empty: notify.slack_webhook_url)"),
        key("notify.whatsapp_url", T::String, "https://graph.facebook.com/v19.0",
            "WhatsApp Business Cloud API base URL; messages go to <url>/<phone id>/messages"),
        key("notify.whatsapp_phone_id", T::String, "",
            "WhatsApp Business phone number id (empty: messages go to delivery.whatsapp_url; neither: "
            "WhatsApp notifications are skipped)"),
        key("notify.email_url", T::String, "",
            "HTTP mail API endpoint, e.g. https://api.resend.com/emails (Resend-style JSON: from, to, "
            "subject, html, text; empty: delivery.email_url)"),
        key("notify.email_from", T::String, "",
            "Sender address of notification emails (empty: emails are skipped)"),

        // --- delivery ---
        key("delivery.enabled", T::Bool, "true",
            "Run the outbox worker on this node (deliveries are still enqueued when off)"),
        key("delivery.concurrency", T::Int, "100", "Most outbound deliveries in flight at once", 1, 1000),
        key("delivery.timeout", T::Duration, "30s",
            "Request timeout for channel integrations and subscriptions", 100, 600000),
        key("delivery.notice_timeout", T::Duration, "10s", "Request timeout for version notices", 100,
            600000),
        key("delivery.poll_interval", T::Duration, "20ms", "How often the worker looks for due deliveries", 1,
            60000),
        key("delivery.claim_lease", T::Duration, "60s",
            "A claimed delivery not settled by then is taken over by another worker (a killed node)", 1000,
            3600000),
        key("delivery.https_only", T::Bool, "false", "Refuse plain http:// destinations"),
        key("delivery.allow_hosts", T::String, "",
            "Comma-separated host names exempt from the SSRF guard (administrators only)"),
        key("delivery.allow_cidrs", T::String, "",
            "Comma-separated CIDRs exempt from the SSRF guard, e.g. 127.0.0.1/32"),
        key("delivery.disable_after", T::Duration, "5d",
            "An endpoint failing continuously this long is disabled with an alert", 1000, 0),
        key("delivery.breaker_threshold", T::Int, "5", "Consecutive failures that open a target's circuit", 1,
            1000),
        key("delivery.breaker_cooldown", T::Duration, "30s",
            "How long an open circuit waits before a half-open probe", 10, 86400000),
        key("delivery.signing_secret", T::String, "",
            "Signs channel-integration webhooks (whsec_... or at least 16 characters); subscriptions use "
            "their own",
            0, 0, {}, true),
        key("delivery.slack_url", T::String, "", "Slack incoming-webhook URL for slack notifications"),
        key("delivery.whatsapp_url", T::String, "", "WhatsApp Business Cloud API messages URL"),
        key("delivery.whatsapp_token", T::String, "",
            "WhatsApp Business access token (sent as Authorization: Bearer)", 0, 0, {}, true),
        key("delivery.email_url", T::String, "", "HTTP mail API endpoint (e.g. Resend's /emails)"),
        key("delivery.email_api_key", T::String, "", "Mail API key (sent as Authorization: Bearer)", 0, 0, {},
            true),
        key("delivery.zapier_url", T::String, "",
            "Zapier REST-hook URL for the zapier connector (300/min, 1000/h, 10000/day; empty: none)"),
        key("delivery.zapier_key", T::String, "", "Zapier API key (sent as Authorization: Bearer)", 0, 0, {},
            true),
        key("delivery.stripe_url", T::String, "",
            "Stripe API base URL for the stripe connector (100/min; e.g. https://api.stripe.com; empty: "
            "none)"),
        key("delivery.stripe_key", T::String, "", "Stripe secret key (sent as Authorization: Bearer)", 0, 0,
            {}, true),
        key("delivery.calendly_url", T::String, "",
            "Calendly API base URL for the calendly connector (50/min, 300/h, 2000/day; empty: none)"),
        key("delivery.calendly_token", T::String, "", "Calendly token (sent as Authorization: Bearer)", 0, 0,
            {}, true),
        key("delivery.connector_targets", T::String, "",
            "Routing targets delivered through a connector, e.g. photography-crm=zapier,project-management="
            "calendly (each preset is also a target under its own name)"),
        key("delivery.health_interval", T::Duration, "60s",
            "How often every channel integration's health is checked (probe, breaker, backlog)", 10,
            86400000),

        // --- node server, tokens, health ---
        key("node.listen", T::HostPort, "127.0.0.1:8090",
            "Address and port of the node's WebSocket API (consoles connect here); port 0 picks a free one"),
        key("node.tls_cert", T::Path, "",
            "PEM certificate chain for wss://; with node.tls_key the API is served over TLS"),
        key("node.tls_key", T::Path, "", "PEM private key (RSA or EC) for node.tls_cert", 0, 0, {}, true),
        key("node.max_frame_bytes", T::Size, "1MiB",
            "Largest client frame answered; larger ones get FRAME_TOO_LARGE, over 4x the connection is "
            "closed",
            1024, 64 << 20),
        key("node.send_queue_max", T::Size, "8MiB",
            "Per-connection send queue; a client that falls further behind gets lagged notices", 64 * 1024,
            1 << 30),
        key("node.command_rate", T::Int, "50",
            "Queries and commands per second per connection (bursts of twice this); more get RATE_LIMITED", 1,
            100000),
        key("node.allowed_origins", T::String, "",
            "Comma-separated browser Origin values allowed to connect (* for any); clients sending no Origin "
            "are not browsers and are allowed"),
        key("node.fanout_window", T::Int, "8192",
            "Recent items per topic kept for fan-out; a live client further behind than this gets a lagged "
            "notice",
            16, 1000000),
        key("node.ping_interval", T::Duration, "30s",
            "How often the node pings each client; no answer within twice this closes the connection", 1000,
            3600000),
        key("node.replay_chunk_size", T::Int, "500",
            "Dead letters a replay job resets per transaction; progress is recorded and cancellation "
            "honoured between chunks",
            1, 100000),
        key("node.replay_chunk_pause", T::Duration, "0",
            "Pause between a replay job's chunks, leaving the database and the outbox to live traffic", 0,
            60000),
        key("health.evaluate_interval", T::Duration, "10s",
            "How often integration health scores and alerts are re-evaluated", 1000, 3600000),
        key("health.trend_retention", T::Duration, "7d", "How long per-minute health trend buckets are kept",
            3600000, 0),

        // --- console ---

    };
    return k;
}

const ConfigKey *Config::findKey(const QString &name)
{
    for (const auto &k : keys()) {
        if (k.name == name)
            return &k;
    }
    return nullptr;
}

static std::optional<qint64> parseWithUnits(const QString &raw, const QList<QPair<QString, qint64>> &units)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d+)\\s*([A-Za-z]*)\\s*$"));
    const auto m = re.match(raw);
    if (!m.hasMatch())
        return std::nullopt;
    bool ok = false;
    const qint64 n = m.captured(1).toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    const QString unit = m.captured(2);
    for (const auto &[name, factor] : units) {
        if (unit.compare(name, Qt::CaseInsensitive) == 0) {
            if (factor != 0 && n > std::numeric_limits<qint64>::max() / factor)
                return std::nullopt;
            return n * factor;
        }
    }
    return std::nullopt;
}

std::optional<QVariant> Config::parseValue(const ConfigKey &key, const QString &raw, QString *why)
{
    const QString v = raw.trimmed();
    auto fail = [&](const QString &msg) -> std::optional<QVariant> {
        if (why)
            *why = msg;
        return std::nullopt;
    };
    auto checkRange = [&](qint64 n, const QString &unitHint) -> std::optional<QVariant> {
        if (n < key.min)
            return fail(QStringLiteral("must be at least %1%2").arg(key.min).arg(unitHint));
        if (key.max > 0 && n > key.max)
            return fail(QStringLiteral("must be at most %1%2").arg(key.max).arg(unitHint));
        return QVariant(n);
    };
    switch (key.type) {
    case T::String:
    case T::Path:
        return QVariant(v);
    case T::Int: {
        bool ok = false;
        const qint64 n = v.toLongLong(&ok);
        if (!ok)
            return fail(QStringLiteral("expected a whole number"));
        return checkRange(n, QString());
    }
    case T::Bool: {
        const QString l = v.toLower();
        if (l == u"true" || l == u"yes" || l == u"on" || l == u"1")
            return QVariant(true);
        if (l == u"false" || l == u"no" || l == u"off" || l == u"0")
            return QVariant(false);
        return fail(QStringLiteral("expected true or false"));
    }
    case T::Duration: {
        static const QList<QPair<QString, qint64>> units = {{QString(), 1000},
                                                            {QStringLiteral("ms"), 1},
                                                            {QStringLiteral("s"), 1000},
                                                            {QStringLiteral("m"), 60000},
                                                            {QStringLiteral("h"), 3600000},
                                                            {QStringLiteral("d"), 86400000}};
        const auto n = parseWithUnits(v, units);
        if (!n)
            return fail(QStringLiteral("expected a duration such as 500ms, 30s, 5m, 2h or 7d"));
        return checkRange(*n, QStringLiteral(" ms"));
    }
    case T::Size: {
        static const QList<QPair<QString, qint64>> units = {{QString(), 1},
                                                            {QStringLiteral("b"), 1},
                                                            {QStringLiteral("kib"), 1024},
                                                            {QStringLiteral("kb"), 1000},
                                                            {QStringLiteral("mib"), 1 << 20},
                                                            {QStringLiteral("mb"), 1000000},
                                                            {QStringLiteral("gib"), 1 << 30}};
        const auto n = parseWithUnits(v, units);
        if (!n)
            return fail(QStringLiteral("expected a size such as 16KiB or 1MiB"));
        return checkRange(*n, QStringLiteral(" bytes"));
    }
    case T::HostPort: {
        if (v.isEmpty())
            return QVariant(v); // off
        const int colon = v.lastIndexOf(QLatin1Char(':'));
        if (colon <= 0)
            return fail(QStringLiteral("expected host:port, for example 127.0.0.1:8080"));
        QString host = v.left(colon);
        if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
            host = host.mid(1, host.size() - 2);
        bool ok = false;
        const int port = v.mid(colon + 1).toInt(&ok);
        if (!ok || port < 0 || port > 65535)
            return fail(QStringLiteral("port must be a number from 0 to 65535"));
        if (host != u"localhost" && host != u"*" && QHostAddress(host).isNull())
            return fail(QStringLiteral("host must be an IP address, localhost or *"));
        return QVariant(v);
    }
    case T::Choice:
        if (!key.choices.contains(v.toLower()))
            return fail(QStringLiteral("expected one of: %1").arg(key.choices.join(QStringLiteral(", "))));
        return QVariant(v.toLower());
    }
    return fail(QStringLiteral("unknown type"));
}

Config Config::defaults()
{
    Config c;
    for (const auto &k : keys()) {
        QString why;
        const auto v = parseValue(k, k.defaultValue, &why);
        Q_ASSERT_X(v || k.defaultValue.isEmpty(), "Config::defaults",
                   qPrintable(k.name + QStringLiteral(": ") + why));
        c.m_values.insert(k.name, v ? *v : QVariant(QString()));
        c.m_origins.insert(k.name, Origin::Default);
    }
    return c;
}

QString Config::defaultFilePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("wedsync.conf"));
}

std::optional<Config> Config::load(const QString &filePath, const QProcessEnvironment &env,
                                   const QHash<QString, QString> &flags, QString *error)
{
    Config c = defaults();
    auto setError = [&](const QString &msg) {
        if (error)
            *error = msg;
        return std::nullopt;
    };
    auto apply = [&](const QString &name, const QString &raw, Origin origin, const QString &where) -> bool {
        const ConfigKey *key = findKey(name);
        if (!key) {
            if (error)
                *error =
                    QStringLiteral("%1: unknown key '%2' (see README.md, Configuration)").arg(where, name);
            return false;
        }
        QString why;
        const auto v = parseValue(*key, raw, &why);
        if (!v) {
            const QString shown = key->secret ? QStringLiteral("<hidden>") : raw.trimmed();
            if (error)
                *error = QStringLiteral("%1: %2 = '%3': %4").arg(where, name, shown, why);
            return false;
        }
        c.m_values.insert(name, *v);
        c.m_origins.insert(name, origin);
        return true;
    };

    // 1. file
    if (!filePath.isEmpty()) {
        QFile f(filePath);
        if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
            return setError(
                QStringLiteral("config file %1: cannot be read: %2").arg(filePath, f.errorString()));
        c.m_filePath = filePath;
        QString section;
        int lineNo = 0;
        while (!f.atEnd()) {
            ++lineNo;
            const QString line = QString::fromUtf8(f.readLine()).trimmed();
            const QString where = QStringLiteral("%1:%2").arg(filePath).arg(lineNo);
            if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';')))
                continue;
            if (line.startsWith(QLatin1Char('['))) {
                if (!line.endsWith(QLatin1Char(']')))
                    return setError(QStringLiteral("%1: section header must look like [section]").arg(where));
                section = line.mid(1, line.size() - 2).trimmed().toLower();
                continue;
            }
            const int eq = line.indexOf(QLatin1Char('='));
            if (eq <= 0)
                return setError(QStringLiteral("%1: expected key = value").arg(where));
            if (section.isEmpty())
                return setError(QStringLiteral("%1: key outside of a [section]").arg(where));
            QString value = line.mid(eq + 1).trimmed();
            if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))
                value = value.mid(1, value.size() - 2);
            if (!apply(section + QLatin1Char('.') + line.left(eq).trimmed().toLower(), value, Origin::File,
                       where))
                return std::nullopt;
        }
    }
    // 2. environment
    for (const auto &k : keys()) {
        const QString envName = k.envName();
        if (env.contains(envName) &&
            !apply(k.name, env.value(envName), Origin::Env, QStringLiteral("environment ") + envName))
            return std::nullopt;
    }
    // 3. flags
    for (auto it = flags.cbegin(); it != flags.cend(); ++it) {
        if (!apply(it.key(), it.value(), Origin::Flag, QStringLiteral("command line")))
            return std::nullopt;
    }
    return c;
}

bool Config::set(const QString &key, const QString &value, QString *error)
{
    const ConfigKey *k = findKey(key);
    if (!k) {
        if (error)
            *error = QStringLiteral("unknown key '%1'").arg(key);
        return false;
    }
    QString why;
    const auto v = parseValue(*k, value, &why);
    if (!v) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(key, why);
        return false;
    }
    m_values.insert(key, *v);
    m_origins.insert(key, Origin::Flag);
    return true;
}

QString Config::string(const QString &key) const
{
    Q_ASSERT_X(findKey(key), "Config::string", qPrintable(key));
    return m_values.value(key).toString();
}

qint64 Config::integer(const QString &key) const
{
    Q_ASSERT_X(findKey(key), "Config::integer", qPrintable(key));
    return m_values.value(key).toLongLong();
}

bool Config::boolean(const QString &key) const
{
    Q_ASSERT_X(findKey(key), "Config::boolean", qPrintable(key));
    return m_values.value(key).toBool();
}

std::chrono::milliseconds Config::duration(const QString &key) const
{
    return std::chrono::milliseconds(integer(key));
}

qint64 Config::bytes(const QString &key) const
{
    return integer(key);
}

Config::Origin Config::origin(const QString &key) const
{
    return m_origins.value(key, Origin::Default);
}

QString Config::dataDir() const
{
    const QString configured = string(QStringLiteral("node.data_dir"));
    if (!configured.isEmpty())
        return QDir(configured).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString Config::nodeName() const
{
    const QString configured = string(QStringLiteral("node.name"));
    return configured.isEmpty() ? QSysInfo::machineHostName() : configured;
}

} // namespace WedSync
