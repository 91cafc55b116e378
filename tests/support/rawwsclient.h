// A bare WebSocket client for node tests: sends raw frames and records every frame and the close.
#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

namespace WedSync::Test {

struct RawWsClient
{
    QWebSocket ws;
    QList<QJsonObject> frames;
    QList<qint64> eventSeqs; // seq of every event frame, in arrival order
    int lagged = 0;
    bool keepFrames = true;  // false: only count (load tests)
    bool closed = false;

    RawWsClient()
    {
        QObject::connect(&ws, &QWebSocket::textMessageReceived, [this](const QString &t) {
            const QJsonObject o = QJsonDocument::fromJson(t.toUtf8()).object();
            const QString type = o.value(QLatin1String("type")).toString();
            if (type == u"event")
                eventSeqs.append(o.value(QLatin1String("seq")).toInteger());
            else if (type == u"lagged")
                ++lagged;
            if (keepFrames || type != u"event")
                frames.append(o);
        });
        QObject::connect(&ws, &QWebSocket::disconnected, [this] { closed = true; });
    }

    void open(QUrl url, const QByteArray &token, const QStringList &protocols = {QStringLiteral("wedsync.v1")},
              const QByteArray &origin = {})
    {
        QNetworkRequest req(url);
        if (!token.isEmpty())
            req.setRawHeader("Authorization", "Bearer " + token);
        if (!origin.isEmpty())
            req.setRawHeader("Origin", origin);
        QWebSocketHandshakeOptions o;
        o.setSubprotocols(protocols);
        ws.open(req, o);
    }

    // Waits for the first frame of `type` at or after index `from`; returns it (empty on timeout).
    QJsonObject waitFor(const QString &type, int timeoutMs = 5000, qsizetype *index = nullptr, qsizetype from = 0)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            for (qsizetype i = from; i < frames.size(); ++i) {
                if (frames.at(i).value(QLatin1String("type")).toString() == type) {
                    if (index)
                        *index = i;
                    return frames.at(i);
                }
            }
            QTest::qWait(5);
        }
        return {};
    }

    QJsonObject waitForResult(const QString &id, int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            for (const auto &f : frames) {
                if (f.value(QLatin1String("type")).toString() == u"result" && f.value(QLatin1String("id")).toString() == id)
                    return f;
            }
            QTest::qWait(5);
        }
        return {};
    }

    void send(const QByteArray &text) { ws.sendTextMessage(QString::fromUtf8(text)); }
    void send(const QJsonObject &o) { send(QJsonDocument(o).toJson(QJsonDocument::Compact)); }
};

} // namespace WedSync::Test
