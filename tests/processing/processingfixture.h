// Shared by the processing tests: a migrated database, a running journal and a processor whose notification
// endpoints point at loopback, plus small query helpers.
#pragma once

#include "events/journal.h"
#include "processing/processor.h"
#include "store/database.h"
#include "store/migrator.h"
#include "testdb.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

namespace WedSync::Test {

inline Events::Event rootEvent(const QString &type, const QString &id, const QJsonObject &data,
                               const QString &source = QStringLiteral("zapier"))
{
    Events::Event e;
    e.type = type;
    e.id = id;
    e.source = source;
    e.timestamp = QDateTime(QDate(2026, 6, 20), QTime(13, 30), Qt::UTC);
    e.correlationId = QStringLiteral("cor_") + id;
    e.weddingId = QStringLiteral("wed_1");
    e.organizationId = QStringLiteral("org_1");
    e.data = data;
    return e;
}

inline Routing::NotifySettings loopbackNotify()
{
    Routing::NotifySettings s;
    s.slackWebhookUrl = QStringLiteral("http://127.0.0.1:9/slack");
    s.slackCateringWebhookUrl = QStringLiteral("http://127.0.0.1:9/slack-catering");
    s.whatsappUrl = QStringLiteral("http://127.0.0.1:9/wa");
    s.whatsappPhoneId = QStringLiteral("5551234");
    s.emailUrl = QStringLiteral("http://127.0.0.1:9/emails");
    s.emailFrom = QStringLiteral("WedSync <noreply@wedsync.test>");
    return s;
}

struct ProcessingFixture
{
    QString url;
    std::unique_ptr<Store::Database> db;
    std::unique_ptr<Events::Journal> journal;
    std::unique_ptr<Processing::Processor> processor;
    Processing::Processor::Options options;

    explicit ProcessingFixture(QString databaseUrl = QString())
        : url(databaseUrl.isEmpty() ? TestBackend::freshUrl() : databaseUrl)
    {
        Error e;
        auto s = Store::DatabaseSettings::fromUrl(url, QString(), &e);
        db = std::make_unique<Store::Database>(*s);
        QSqlDatabase c = db->connection(&e);
        if (Store::Migrator().migrate(c, &e) < 0)
            qFatal("migration failed: %s", qPrintable(e.message));
        journal = std::make_unique<Events::Journal>(db.get(), Events::Journal::Options{});
        if (!journal->start(&e))
            qFatal("journal start failed: %s", qPrintable(e.message));
        options.retryBase = std::chrono::milliseconds(1);
        options.idlePoll = std::chrono::milliseconds(200);
        options.notify = loopbackNotify();
    }
    ~ProcessingFixture()
    {
        if (processor)
            processor->stop();
        processor.reset();
        journal->stop();
        journal.reset();
        db->releaseThreadConnection();
    }
    // Creates the processor (not started) so a test can register handlers first.
    Processing::Processor *create()
    {
        processor = std::make_unique<Processing::Processor>(db.get(), journal.get(), options);
        return processor.get();
    }
    bool start()
    {
        if (!processor)
            create();
        Error e;
        if (!processor->start(&e)) {
            qWarning("processor start failed: %s", qPrintable(e.message));
            return false;
        }
        return true;
    }
    qint64 append(const Events::Event &e)
    {
        auto f = journal->append(e);
        f.waitForFinished();
        const auto r = f.result();
        if (!r.ok())
            qFatal("append failed: %s", qPrintable(r.error.message));
        return r.seq;
    }
    // True once every journaled event (including derived ones) is processed.
    bool drained() const { return processor && processor->cursor() == journal->lastSeq(); }

    // Stops the processor and rewinds its cursor to the start, as if every cursor commit had been lost: the
    // next start handles every journaled event again.
    bool forgetProgress()
    {
        processor->stop();
        QSqlQuery q(conn());
        return q.exec(QStringLiteral("UPDATE processing_cursor SET last_seq = 0"));
    }

    QSqlDatabase conn() { return db->connection(); }
    qint64 count(const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery q(conn());
        q.prepare(sql);
        for (const auto &b : binds)
            q.addBindValue(b);
        if (!q.exec() || !q.next()) {
            qWarning("query failed: %s", qPrintable(q.lastError().text()));
            return -1;
        }
        return q.value(0).toLongLong();
    }
    QList<QVariantList> rows(const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery q(conn());
        q.prepare(sql);
        for (const auto &b : binds)
            q.addBindValue(b);
        QList<QVariantList> out;
        if (!q.exec()) {
            qWarning("query failed: %s", qPrintable(q.lastError().text()));
            return out;
        }
        while (q.next()) {
            QVariantList row;
            for (int i = 0; i < q.record().count(); ++i)
                row.append(q.value(i));
            out.append(row);
        }
        return out;
    }
};

} // namespace WedSync::Test

#define WEDSYNC_DRAIN(f) QTRY_VERIFY_WITH_TIMEOUT((f).drained(), 30000)
