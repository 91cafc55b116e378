#include "rules.h"

#include "routing/notifier.h"
#include "routing/sanitizer.h"
#include "store/database.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

static Q_LOGGING_CATEGORY(lcRouting, "wedsync.routing", QtInfoMsg)

namespace WedSync::Routing {

using Delivery::DeliveryRequest;
using Delivery::TargetKind;

QJsonObject Rule::toJson() const
{
    QJsonObject mapping;
    if (!fieldMapping.isEmpty())
        mapping = QJsonDocument::fromJson(fieldMapping.toUtf8()).object();
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("channel_pattern"), channelPattern},
            {QStringLiteral("event_pattern"), eventPattern},
            {QStringLiteral("target"), target},
            {QStringLiteral("target_kind"), kindName(kind)},
            {QStringLiteral("field_mapping"), mapping},
            {QStringLiteral("priority"), priorityName(priority)},
            {QStringLiteral("enabled"), enabled}};
}

namespace RuleStore {

Error validate(const Rule &rule)
{
    static const QRegularExpression nameRe(QStringLiteral("^[a-z0-9][a-z0-9_.\\-]{0,63}$"));
    static const QRegularExpression eventRe(QStringLiteral("^(\\*|[a-z_]+(\\.[a-z_]+)*(\\.\\*)?)$"));
    auto invalid = [](const QString &field, const QString &msg) {
        return Error::make(QString::fromLatin1(ErrorCode::ValidationFailed), msg,
                           QJsonObject{{QStringLiteral("field"), field}});
    };
    if (!nameRe.match(rule.name).hasMatch())
        return invalid(QStringLiteral("name"),
                       QStringLiteral("a rule name is 1-64 lower-case letters, digits, '_', '.' or '-'"));
    if (!nameRe.match(rule.target).hasMatch())
        return invalid(QStringLiteral("target"),
                       QStringLiteral("a target is 1-64 lower-case letters, digits, '_', '.' or '-'"));
    if (rule.channelPattern.isEmpty() &&
        (rule.eventPattern.isEmpty() || rule.eventPattern == QLatin1String("*")))
        return invalid(
            QStringLiteral("channel_pattern"),
            QStringLiteral("give a channel pattern, an event type pattern, or both (a rule for every "
                           "event on no channel would flood its target)"));
    if (!rule.eventPattern.isEmpty() && !eventRe.match(rule.eventPattern).hasMatch())
        return invalid(
            QStringLiteral("event_pattern"),
            QStringLiteral("an event pattern is an event type, '*' or a prefix such as booking.*"));
    Error e;
    if (!rule.channelPattern.isEmpty() && !ChannelPattern::parse(rule.channelPattern, &e))
        return e;
    if (!FieldMapping::parse(rule.fieldMapping, &e))
        return e;
    return {};
}

QList<Rule> list(QSqlDatabase &db, Error *error)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral(
            "SELECT id, name, channel_pattern, event_pattern, target, target_kind, field_mapping, "
            "priority, enabled FROM routing_rules ORDER BY id"))) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("reading the routing rules"));
        return {};
    }
    QList<Rule> out;
    while (q.next()) {
        Rule r;
        r.id = q.value(0).toLongLong();
        r.name = q.value(1).toString();
        r.channelPattern = q.value(2).toString();
        r.eventPattern = q.value(3).toString();
        r.target = q.value(4).toString();
        r.kind = kindFromName(q.value(5).toString()).value_or(TargetKind::Connector);
        r.fieldMapping = q.value(6).toString();
        r.priority = priorityFromName(q.value(7).toString()).value_or(Delivery::Priority::Normal);
        r.enabled = q.value(8).toInt() != 0;
        out.append(r);
    }
    return out;
}

qint64 add(QSqlDatabase &db, const Rule &rule, Error *error)
{
    if (Error e = validate(rule)) {
        if (error)
            *error = e;
        return 0;
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO routing_rules (name, channel_pattern, event_pattern, target, target_kind, "
        "field_mapping, priority, enabled, created_at) VALUES (?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT (name) DO NOTHING"));
    q.addBindValue(rule.name);
    // Empty, never NULL (an unset QString binds as NULL).
    auto text = [](const QString &s) { return s.isNull() ? QString(QLatin1String("")) : s; };
    q.addBindValue(text(rule.channelPattern));
    q.addBindValue(rule.eventPattern.isEmpty() ? QStringLiteral("*") : rule.eventPattern);
    q.addBindValue(rule.target);
    q.addBindValue(kindName(rule.kind));
    q.addBindValue(text(rule.fieldMapping));
    q.addBindValue(priorityName(rule.priority));
    q.addBindValue(rule.enabled ? 1 : 0);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("storing a routing rule"));
        return 0;
    }
    if (q.numRowsAffected() != 1) {
        if (error)
            *error =
                Error::make(QStringLiteral("ROUTING_RULE_EXISTS"),
                            QStringLiteral("a rule named '%1' exists; remove it first or pick another name")
                                .arg(rule.name));
        return 0;
    }
    QSqlQuery id(db);
    id.prepare(QStringLiteral("SELECT id FROM routing_rules WHERE name = ?"));
    id.addBindValue(rule.name);
    if (!id.exec() || !id.next()) {
        if (error)
            *error = Store::Database::toError(id.lastError(), QStringLiteral("reading a routing rule"));
        return 0;
    }
    return id.value(0).toLongLong();
}

static bool changeOne(QSqlDatabase &db, QSqlQuery &q, const QString &name, Error *error)
{
    if (!q.exec()) {
        if (error)
            *error = Store::Database::toError(q.lastError(), QStringLiteral("changing a routing rule"));
        return false;
    }
    if (q.numRowsAffected() < 1) {
        if (error)
            *error = Error::make(
                QStringLiteral("ROUTING_RULE_NOT_FOUND"),
                QStringLiteral("there is no routing rule named '%1'; list the rules to see their names")
                    .arg(Sanitizer::line(name, 64)));
        return false;
    }
    Q_UNUSED(db);
    return true;
}

bool setEnabled(QSqlDatabase &db, const QString &name, bool enabled, Error *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE routing_rules SET enabled = ? WHERE name = ?"));
    q.addBindValue(enabled ? 1 : 0);
    q.addBindValue(name);
    return changeOne(db, q, name, error);
}

bool remove(QSqlDatabase &db, const QString &name, Error *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM routing_rules WHERE name = ?"));
    q.addBindValue(name);
    return changeOne(db, q, name, error);
}

} // namespace RuleStore

RuleSet RuleSet::compile(const QList<Rule> &rules, QStringList *skipped)
{
    RuleSet set;
    for (const Rule &r : rules) {
        if (!r.enabled)
            continue;
        Error e;
        Compiled c;
        c.rule = r;
        if (!r.channelPattern.isEmpty()) {
            c.channel = ChannelPattern::parse(r.channelPattern, &e);
            if (!c.channel) {
                if (skipped)
                    skipped->append(r.name + QStringLiteral(": ") + e.message);
                continue;
            }
        }
        auto mapping = FieldMapping::parse(r.fieldMapping, &e);
        if (!mapping) {
            if (skipped)
                skipped->append(r.name + QStringLiteral(": ") + e.message);
            continue;
        }
        c.mapping = *mapping;
        set.m_rules.append(c);
    }
    return set;
}

namespace {
QString recipientOf(const QJsonObject &data, std::initializer_list<const char *> keys)
{
    for (const char *k : keys) {
        const QString v = data.value(QLatin1String(k)).toString();
        if (!v.isEmpty())
            return v;
    }
    return {};
}
} // namespace

RuleSet::Routed RuleSet::route(const Events::StoredEvent &stored, const Notifier &notifier) const
{
    Routed out;
    const Events::Event &event = stored.event;
    // Derived events are engine commands, executed by their own handlers; only events from outside are
    // published on the entity channels. Event-type rules see every event.
    const bool external = !Events::Event::derivedTypes().contains(event.type);
    const QStringList channels = external ? Channels::forEvent(event) : QStringList();
    QList<QStringList> segments;
    for (const QString &ch : channels)
        segments.append(ch.split(QLatin1Char(':')));
    QStringList targets;
    QJsonObject envelope;
    QJsonObject cleanEnvelope;
    QHash<QString, QByteArray> bodies; // unmapped bodies by channel: several rules often share one
    for (const Compiled &c : m_rules) {
        if (!eventTypeMatches(c.rule.eventPattern, event.type) || targets.contains(c.rule.target))
            continue;
        QString channel;
        QHash<QString, QString> captures;
        if (c.channel) {
            bool hit = false;
            for (int i = 0; i < channels.size(); ++i) {
                if (c.channel->matchSegments(segments[i], &captures)) {
                    channel = channels[i];
                    hit = true;
                    break;
                }
            }
            if (!hit)
                continue;
        }
        DeliveryRequest r;
        r.eventSeq = stored.seq;
        r.eventType = event.type;
        r.weddingId = event.weddingId;
        r.correlationId = event.correlationId;
        Error e;
        if (c.rule.kind == TargetKind::Slack || c.rule.kind == TargetKind::WhatsApp ||
            c.rule.kind == TargetKind::Email) {
            if (!notifier.configured(c.rule.kind, c.rule.target)) {
                qCDebug(lcRouting).noquote()
                    << "rule" << c.rule.name << "skipped: its notification channel is not configured";
                continue; // nothing rendered for a channel that cannot send
            }
            QJsonObject vars = event.data;
            vars.insert(QStringLiteral("event_type"), event.type);
            vars.insert(QStringLiteral("channel"), channel);
            if (!vars.contains(QStringLiteral("summary")))
                vars.insert(QStringLiteral("summary"), event.data.value(QStringLiteral("title")).toString());
            const Message m = *Notifier::render(QStringLiteral("channel_update"), vars);
            std::optional<DeliveryRequest> n;
            if (c.rule.kind == TargetKind::Slack) {
                n = notifier.slack(stored.seq, event.type, c.rule.target, Sanitizer::slack(m.text),
                                   c.rule.priority, QStringLiteral("channel_update"), &e);
            } else if (c.rule.kind == TargetKind::WhatsApp) {
                const QString phone = recipientOf(event.data, {"supplier_phone", "phone", "whatsapp"});
                if (phone.isEmpty())
                    continue; // nobody to message on this channel
                n = notifier.whatsapp(stored.seq, event.type, phone, m.text, c.rule.priority,
                                      QStringLiteral("channel_update"), &e);
            } else {
                const QString to = recipientOf(event.data, {"supplier_email", "email"});
                if (to.isEmpty())
                    continue;
                n = notifier.email(stored.seq, event.type, {to}, m, c.rule.priority,
                                   QStringLiteral("channel_update"), &e);
            }
            if (!n) {
                if (e.code != QLatin1String("NOTIFY_NOT_CONFIGURED"))
                    out.errors.append(Error::make(e.code,
                                                  QStringLiteral("rule %1: %2").arg(c.rule.name, e.message),
                                                  QJsonObject{{QStringLiteral("rule"), c.rule.name}}));
                else
                    qCDebug(lcRouting).noquote() << "rule" << c.rule.name << "skipped:" << e.message;
                continue;
            }
            r = *n;
            r.target = c.rule.target;
            r.id = Delivery::makeDeliveryId(stored.seq, r.target);
        } else {
            // Only webhook targets carry the event itself; notifications render from its data.
            if (envelope.isEmpty())
                envelope = event.toJson();
            const QString bodyKey = channel + QLatin1Char('\n') + c.rule.channelPattern;
            auto buildRoot = [&](const QJsonObject &base) {
                QJsonObject root = base;
                root.insert(QStringLiteral("seq"), stored.seq);
                root.insert(QStringLiteral("channel"), channel);
                QJsonObject params;
                for (auto it = captures.begin(); it != captures.end(); ++it)
                    params.insert(it.key(), Sanitizer::line(it.value(), 64));
                root.insert(QStringLiteral("params"), params);
                return root;
            };
            QByteArray payload;
            if (c.mapping.isEmpty()) {
                auto cached = bodies.constFind(bodyKey);
                if (cached != bodies.constEnd()) {
                    payload = *cached;
                } else {
                    if (cleanEnvelope.isEmpty())
                        cleanEnvelope = Sanitizer::clean(envelope).toObject();
                    payload = QJsonDocument(buildRoot(cleanEnvelope)).toJson(QJsonDocument::Compact);
                    bodies.insert(bodyKey, payload);
                }
            } else {
                auto mapped = c.mapping.apply(buildRoot(envelope), &e);
                if (!mapped) {
                    out.errors.append(Error::make(e.code,
                                                  QStringLiteral("rule %1: %2").arg(c.rule.name, e.message),
                                                  QJsonObject{{QStringLiteral("rule"), c.rule.name}}));
                    continue;
                }
                payload = QJsonDocument(*mapped).toJson(QJsonDocument::Compact);
            }
            r.kind = c.rule.kind;
            r.target = c.rule.target;
            r.id = Delivery::makeDeliveryId(stored.seq, r.target);
            r.priority = c.rule.priority;
            r.payload = payload;
            r.meta = QJsonObject{{QStringLiteral("rule"), c.rule.name}, {QStringLiteral("channel"), channel}};
        }
        r.weddingId = event.weddingId;
        r.correlationId = event.correlationId;
        targets.append(c.rule.target);
        out.deliveries.append(r);
    }
    return out;
}

} // namespace WedSync::Routing
