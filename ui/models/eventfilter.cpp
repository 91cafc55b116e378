#include "eventfilter.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace WedSync::Ui {

bool EventFilter::isEmpty() const
{
    return source.isEmpty() && type.isEmpty() && channel.isEmpty() && wedding.isEmpty() && text.isEmpty();
}

bool EventFilter::narrows(const EventFilter &other) const
{
    auto field = [](const QString &mine, const QString &theirs) {
        return theirs.isEmpty() || mine == theirs;
    };
    return field(source, other.source) && field(type, other.type) && field(channel, other.channel) &&
           field(wedding, other.wedding) &&
           (other.text.isEmpty() || text.contains(other.text, Qt::CaseInsensitive));
}

QJsonObject EventFilter::toJson() const
{
    QJsonObject o;
    if (!source.isEmpty())
        o.insert(QStringLiteral("source"), source);
    if (!type.isEmpty())
        o.insert(QStringLiteral("type"), type);
    if (!channel.isEmpty())
        o.insert(QStringLiteral("channel"), channel);
    if (!wedding.isEmpty())
        o.insert(QStringLiteral("wedding"), wedding);
    if (!text.isEmpty())
        o.insert(QStringLiteral("text"), text);
    return o;
}

QString EventFilter::sourceOf(const QJsonObject &event)
{
    return event.value(QStringLiteral("source")).toString();
}

QString EventFilter::typeOf(const QJsonObject &event)
{
    return event.value(QStringLiteral("event_type")).toString();
}

QString EventFilter::weddingOf(const QJsonObject &event)
{
    return event.value(QStringLiteral("wedding_id")).toString();
}

QStringList EventFilter::channelsOf(const QJsonObject &event)
{
    // Routing records the channels an event was published on in data.channels (or data.channel); an
    // envelope-level field is accepted too.
    QStringList out;
    const QJsonObject data = event.value(QStringLiteral("data")).toObject();
    for (const QJsonObject &o : {data, event}) {
        const QJsonValue channels = o.value(QStringLiteral("channels"));
        if (channels.isArray()) {
            for (const QJsonValue &c : channels.toArray()) {
                if (!out.contains(c.toString()))
                    out.append(c.toString());
            }
        }
        const QString single = o.value(QStringLiteral("channel")).toString();
        if (!single.isEmpty() && !out.contains(single))
            out.append(single);
    }
    return out;
}

static bool containsText(const QByteArray &compactJson, const QString &text)
{
    if (text.isEmpty())
        return true;
    return QString::fromUtf8(compactJson).contains(text, Qt::CaseInsensitive);
}

bool EventFilter::matches(const QJsonObject &event, const QByteArray &compactJson) const
{
    if (!source.isEmpty() && sourceOf(event) != source)
        return false;
    if (!type.isEmpty() && typeOf(event) != type)
        return false;
    if (!wedding.isEmpty() && weddingOf(event) != wedding)
        return false;
    if (!channel.isEmpty() && !channelsOf(event).contains(channel))
        return false;
    return containsText(compactJson, text);
}

bool EventFilter::matchesRow(const QString &rowSource, const QString &rowType, const QString &rowWedding,
                             const QByteArray &compactJson) const
{
    if (!source.isEmpty() && rowSource != source)
        return false;
    if (!type.isEmpty() && rowType != type)
        return false;
    if (!wedding.isEmpty() && rowWedding != wedding)
        return false;
    if (!channel.isEmpty()) {
        const QJsonObject event = QJsonDocument::fromJson(compactJson).object();
        if (!channelsOf(event).contains(channel))
            return false;
    }
    return containsText(compactJson, text);
}

} // namespace WedSync::Ui
