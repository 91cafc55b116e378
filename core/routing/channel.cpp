#include "channel.h"

#include "events/event.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace WedSync::Routing {

namespace {
const QRegularExpression &segmentRe()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.\\-]{1,64}$"));
    return re;
}
const QRegularExpression &captureRe()
{
    static const QRegularExpression re(QStringLiteral("^\\{([A-Za-z_][A-Za-z0-9_]{0,31})\\}$"));
    return re;
}
constexpr int kMaxChannel = 200;
constexpr int kMaxSegments = 8;

Error badPattern(const QString &pattern, const QString &why)
{
    return Error::make(QStringLiteral("ROUTING_BAD_PATTERN"),
                       QStringLiteral("channel pattern '%1' is not valid: %2").arg(pattern.left(100), why));
}
} // namespace

namespace Channels {
QString supplierDashboard(const QString &supplierId)
{
    return QStringLiteral("supplier:dashboard:") + supplierId;
}
QString formResponse(const QString &formId)
{
    return QStringLiteral("form:response:") + formId;
}
QString journeyMilestone(const QString &coupleId)
{
    return QStringLiteral("journey:milestone:") + coupleId;
}
QString supplierPhotography(const QString &orgId)
{
    return QStringLiteral("supplier:photography:") + orgId;
}

bool isValidName(const QString &channel)
{
    // Segments of 1-64 of [A-Za-z0-9_.-] joined by ':', checked in one pass (this runs for every event's
    // entity channels; a regular expression per segment cost more than the routing it guards).
    if (channel.isEmpty() || channel.size() > kMaxChannel)
        return false;
    int segments = 1;
    int length = 0;
    for (const QChar ch : channel) {
        const char16_t u = ch.unicode();
        if (u == u':') {
            if (length == 0 || ++segments > kMaxSegments)
                return false;
            length = 0;
            continue;
        }
        const bool allowed = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') ||
                             (u >= u'0' && u <= u'9') || u == u'_' || u == u'.' || u == u'-';
        if (!allowed || ++length > 64)
            return false;
    }
    return segments >= 2 && length > 0;
}

QStringList forEvent(const Events::Event &event)
{
    QStringList out;
    auto add = [&](const QString &channel) {
        if (isValidName(channel) && !out.contains(channel))
            out.append(channel);
    };
    const QJsonObject &d = event.data;
    auto text = [&](const char *key) {
        const QJsonValue v = d.value(QLatin1String(key));
        return v.isDouble() ? QString::number(qint64(v.toDouble())) : v.toString();
    };
    if (const QString s = text("supplier_id"); !s.isEmpty())
        add(supplierDashboard(s));
    if (const QString f = text("form_id"); !f.isEmpty())
        add(formResponse(f));
    if (const QString c = text("couple_id"); !c.isEmpty())
        add(journeyMilestone(c));
    const QString org = event.organizationId.isEmpty() ? text("organization_id") : event.organizationId;
    if (!org.isEmpty() && text("supplier_type") == QLatin1String("photography"))
        add(supplierPhotography(org));
    for (const QJsonValue &v : d.value(QLatin1String("channels")).toArray())
        add(v.toString());
    return out;
}
} // namespace Channels

std::optional<ChannelPattern> ChannelPattern::parse(const QString &pattern, Error *error)
{
    auto fail = [&](const QString &why) -> std::optional<ChannelPattern> {
        if (error)
            *error = badPattern(pattern, why);
        return std::nullopt;
    };
    if (pattern.isEmpty())
        return fail(QStringLiteral("it is empty"));
    if (pattern.size() > kMaxChannel)
        return fail(QStringLiteral("it is longer than %1 characters").arg(kMaxChannel));
    const QStringList parts = pattern.split(QLatin1Char(':'));
    if (parts.size() > kMaxSegments)
        return fail(QStringLiteral("it has more than %1 segments").arg(kMaxSegments));
    ChannelPattern p;
    p.m_text = pattern;
    QStringList names;
    for (int i = 0; i < parts.size(); ++i) {
        const QString &s = parts[i];
        Segment seg;
        if (s == QLatin1String("*")) {
            seg.kind = Segment::Kind::Wildcard;
            if (i == parts.size() - 1)
                p.m_trailingWildcard = true;
        } else if (const auto m = captureRe().match(s); m.hasMatch()) {
            seg.kind = Segment::Kind::Capture;
            seg.value = m.captured(1);
            if (names.contains(seg.value))
                return fail(QStringLiteral("capture {%1} appears twice").arg(seg.value));
            names.append(seg.value);
        } else if (segmentRe().match(s).hasMatch()) {
            seg.value = s;
        } else {
            return fail(QStringLiteral("segment '%1' must be letters, digits, '_', '.', '-', '*' or {name}")
                            .arg(s.left(64)));
        }
        p.m_segments.append(seg);
    }
    return p;
}

bool ChannelPattern::match(const QString &channel, QHash<QString, QString> *captures) const
{
    if (!Channels::isValidName(channel))
        return false;
    return matchSegments(channel.split(QLatin1Char(':')), captures);
}

bool ChannelPattern::matchSegments(const QStringList &parts, QHash<QString, QString> *captures) const
{
    const int n = int(m_segments.size());
    if (parts.size() < n)
        return false;
    if (parts.size() > n && !m_trailingWildcard)
        return false;
    QHash<QString, QString> found;
    for (int i = 0; i < n; ++i) {
        const Segment &seg = m_segments[i];
        if (seg.kind == Segment::Kind::Literal && seg.value != parts[i])
            return false;
        if (seg.kind == Segment::Kind::Capture)
            found.insert(seg.value, parts[i]);
    }
    if (captures)
        *captures = found;
    return true;
}

bool eventTypeMatches(const QString &pattern, const QString &type)
{
    if (pattern.isEmpty() || pattern == QLatin1String("*"))
        return true;
    if (pattern.endsWith(QLatin1String(".*")))
        return type.startsWith(pattern.left(pattern.size() - 1));
    return pattern == type;
}

} // namespace WedSync::Routing
