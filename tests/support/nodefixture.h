// A running engine with its node server on a free loopback port, for node and client tests.
#pragma once

#include "client/nodeclient.h"
#include "common/config.h"
#include "events/journal.h"
#include "node/engine.h"
#include "node/tokenstore.h"
#include "testdb.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <memory>

namespace WedSync::Test {

// A query (command = false) or command on a connected client, waited for: its result, or errorCode
// TEST_TIMEOUT when none came within timeoutMs.
inline ::WedSync::Client::Result callNode(::WedSync::Client::NodeClient &client, bool command,
                                          const QString &name, const QJsonObject &args, int timeoutMs = 20000)
{
    ::WedSync::Client::Result got;
    bool done = false;
    const auto onResult = [&](const ::WedSync::Client::Result &r) {
        got = r;
        done = true;
    };
    if (command)
        client.command(name, args, onResult);
    else
        client.query(name, args, onResult);
    if (!QTest::qWaitFor([&] { return done; }, timeoutMs))
        got.errorCode = QStringLiteral("TEST_TIMEOUT");
    return got;
}

inline Events::Event makeNodeEvent(const QString &id, const QString &source = QStringLiteral("stripe"),
                                   const QString &type = QStringLiteral("payment.received"),
                                   const QString &wedding = QStringLiteral("wed_1"))
{
    Events::Event e;
    e.type = type;
    e.id = id;
    e.source = source;
    e.timestamp = QDateTime::currentDateTimeUtc();
    e.receivedAt = e.timestamp;
    e.data =
        QJsonObject{{QStringLiteral("amount"), 150000}, {QStringLiteral("currency"), QStringLiteral("gbp")}};
    e.correlationId = QStringLiteral("cor_") + id;
    e.weddingId = wedding;
    return e;
}

struct NodeFixture
{
    QTemporaryDir dir;
    std::unique_ptr<Node::Engine> engine;

    // extra: "section.key" -> value overrides.
    bool start(const QString &url = QString(), const QHash<QString, QString> &extra = {},
               bool embedded = false)
    {
        Config c = Config::defaults();
        QString why;
        if (!c.set(QStringLiteral("node.data_dir"), dir.path(), &why) ||
            !c.set(QStringLiteral("store.database"), url.isEmpty() ? TestBackend::freshUrl() : url, &why) ||
            !c.set(QStringLiteral("store.sync"), QStringLiteral("normal"), &why) ||
            !c.set(QStringLiteral("node.listen"), QStringLiteral("127.0.0.1:0"), &why) ||
            !c.set(QStringLiteral("ingress.listen"), QStringLiteral("127.0.0.1:0"), &why) ||
            !c.set(QStringLiteral("node.name"), QStringLiteral("test-node"), &why)) {
            qWarning() << why;
            return false;
        }
        for (auto it = extra.begin(); it != extra.end(); ++it) {
            if (!c.set(it.key(), it.value(), &why)) {
                qWarning() << why;
                return false;
            }
        }
        engine = std::make_unique<Node::Engine>(c);
        engine->setEmbedded(embedded);
        Error e;
        if (!engine->start(&e)) {
            qWarning() << e.code << e.message;
            return false;
        }
        return true;
    }

    QByteArray token(Node::Role role, const QString &name)
    {
        Error e;
        const auto t = engine->tokens()->create(name, role, &e);
        return t ? t->toLatin1() : QByteArray();
    }

    // Appends and waits for the commit.
    // chainSeqs: as Journal::append (the chain each event joins; none: each starts its own).
    qint64 append(const QList<Events::Event> &events, const QList<qint64> &chainSeqs = {})
    {
        auto f = engine->journal()->append(events, chainSeqs);
        f.waitForFinished();
        qint64 last = 0;
        for (const auto &r : f.result())
            last = std::max(last, r.seq);
        return last;
    }

    QUrl url() const { return engine->nodeUrl(); }
};

} // namespace WedSync::Test
