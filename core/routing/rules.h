// Routing rules, stored in routing_rules: events published on a channel matching a pattern (and/or of a type
// matching an event pattern) go to a target, shaped by a declarative field mapping. The Router turns one
// journaled event into the DeliveryRequests its matching rules ask for.
#pragma once

#include "common/error.h"
#include "delivery/deliveryrequest.h"
#include "events/journal.h"
#include "routing/channel.h"
#include "routing/fieldmapping.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace WedSync::Routing {

class Notifier;

struct Rule
{
    qint64 id = 0;
    QString name;
    QString channelPattern; // empty: the rule matches on the event type alone
    QString eventPattern;   // exact, "*" or "prefix.*"
    QString target;         // channel integration name or subscription id
    Delivery::TargetKind kind = Delivery::TargetKind::Connector;
    QString fieldMapping; // JSON (see fieldmapping.h); empty sends the envelope
    Delivery::Priority priority = Delivery::Priority::Normal;
    bool enabled = true;

    QJsonObject toJson() const;
};

namespace RuleStore {
// Every rule, ordered by id.
QList<Rule> list(QSqlDatabase &db, Error *error);
// Validates (patterns, mapping, target) and inserts; returns the new id, or 0 with *error
// (ROUTING_BAD_PATTERN, ROUTING_BAD_MAPPING, VALIDATION_FAILED, ROUTING_RULE_EXISTS).
qint64 add(QSqlDatabase &db, const Rule &rule, Error *error);
bool setEnabled(QSqlDatabase &db, const QString &name, bool enabled, Error *error); // ROUTING_RULE_NOT_FOUND
bool remove(QSqlDatabase &db, const QString &name, Error *error);                   // ROUTING_RULE_NOT_FOUND
// Checks a rule without storing it.
Error validate(const Rule &rule);
} // namespace RuleStore

// Rules compiled for matching. Immutable once built; rebuilt when the rules change.
class RuleSet
{
public:
    // Rules that do not compile are left out and reported in *skipped.
    static RuleSet compile(const QList<Rule> &rules, QStringList *skipped = nullptr);
    int size() const { return int(m_rules.size()); }

    struct Routed
    {
        QList<Delivery::DeliveryRequest> deliveries;
        QList<Error> errors; // per-rule problems (a mapping that failed on this event)
    };
    // The deliveries this event's matching rules ask for; one per target (the first rule for a target wins).
    // Notification targets (slack, whatsapp, email kinds) are rendered with the channel_update template.
    Routed route(const Events::StoredEvent &event, const Notifier &notifier) const;

private:
    struct Compiled
    {
        Rule rule;
        std::optional<ChannelPattern> channel;
        FieldMapping mapping;
    };
    QList<Compiled> m_rules;
};

} // namespace WedSync::Routing
