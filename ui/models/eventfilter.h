// What the live event stream shows: source, type, channel and wedding match exactly (empty = any), free text
// matches anywhere in the event, case-insensitively. The same filter is sent to the node on subscribe
// (server side) and applied to the rows already held (client side).
#pragma once

#include <QJsonObject>
#include <QString>

namespace WedSync::Ui {

struct EventFilter
{
    QString source;
    QString type;
    QString channel;
    QString wedding;
    QString text;

    bool isEmpty() const;
    QJsonObject toJson() const; // the node's subscribe filter: only the non-empty fields

    // Event fields read from the envelope.
    static QString sourceOf(const QJsonObject &event);
    static QString typeOf(const QJsonObject &event);
    static QString weddingOf(const QJsonObject &event);
    static QStringList channelsOf(const QJsonObject &event);

    bool matches(const QJsonObject &event, const QByteArray &compactJson) const;
    // For rows held compactly: the interned fields plus the raw JSON (for channel lists and text).
    bool matchesRow(const QString &source, const QString &type, const QString &wedding,
                    const QByteArray &compactJson) const;

    // True when every event this filter shows is also shown by `other` (this one only adds or tightens
    // conditions), so rows held under `other` can simply be filtered again instead of fetched.
    bool narrows(const EventFilter &other) const;

    bool operator==(const EventFilter &) const = default;
};

} // namespace WedSync::Ui
