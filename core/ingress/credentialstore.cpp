#include "credentialstore.h"

#include "common/threads.h"
#include "sources/paypalsignature.h"
#include "store/database.h"

#include <QHash>
#include <QLoggingCategory>
#include <QMap>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

static Q_LOGGING_CATEGORY(lcCredentials, "wedsync.ingress.credentials", QtInfoMsg)

namespace WedSync::Ingress {

namespace {
struct CacheEntry
{
    std::optional<SourceCredentials> credentials;
    QList<qint64> expiresAt; // ms, one per credentials->secrets entry; 0 = the current secret (no end)
    qint64 fetchedAt = 0;    // ms
    bool refreshing = false; // a background refresh is queued or running

    // The credentials as of `now`: a rotated secret stops verifying at its grace end to the millisecond,
    // however old the cached copy is.
    std::optional<SourceCredentials> at(qint64 now) const
    {
        if (!credentials)
            return std::nullopt;
        SourceCredentials c = *credentials;
        c.secrets.clear();
        for (qsizetype i = 0; i < credentials->secrets.size(); ++i) {
            if (expiresAt.value(i) == 0 || now < expiresAt.value(i))
                c.secrets.append(credentials->secrets.at(i));
        }
        if (c.secrets.isEmpty() && c.certificatePem.isEmpty())
            return std::nullopt;
        return c;
    }
};

QString cacheKey(const QString &source, const QString &integrationId)
{
    return source + QLatin1Char('\x1f') + integrationId;
}

// '' rather than NULL: the column is NOT NULL and part of the key.
QString dbKey(const QString &integrationId)
{
    return integrationId.isEmpty() ? QStringLiteral("") : integrationId;
}

Error storeError(const QSqlQuery &q, const QString &what)
{
    return Store::Database::toError(q.lastError(), what);
}
} // namespace

class CredentialStore::Private
{
public:
    Store::Database *db = nullptr;
    QMutex mutex;
    QHash<QString, CacheEntry> cache;               // guarded by mutex
    QHash<QString, std::chrono::seconds> tolerance; // guarded by mutex
    std::chrono::milliseconds refresh{5000};        // guarded by mutex
    std::function<QDateTime()> clock = [] { return QDateTime::currentDateTimeUtc(); };

    qint64 nowMs()
    {
        QMutexLocker lock(&mutex);
        return clock().toMSecsSinceEpoch();
    }

    // Reads the credentials of exactly (source, integrationId). nullopt when nothing is configured.
    bool load(const QString &source, const QString &integrationId, qint64 now, CacheEntry *out, Error *error)
    {
        QSqlDatabase c = db->connection(error);
        if (!c.isOpen())
            return false;
        QSqlQuery q(c);
        q.prepare(QStringLiteral(
            "SELECT secret, expires_at FROM source_secrets WHERE source = ? AND integration_id = ? "
            "AND (expires_at IS NULL OR expires_at > ?) ORDER BY expires_at IS NOT NULL, "
            "created_at DESC, id DESC"));
        q.addBindValue(source);
        q.addBindValue(dbKey(integrationId));
        q.addBindValue(now);
        if (!q.exec()) {
            if (error)
                *error = storeError(q, QStringLiteral("reading the secrets of %1").arg(source));
            return false;
        }
        SourceCredentials cred;
        cred.source = source;
        cred.integrationId = integrationId;
        QList<qint64> expiresAt;
        while (q.next()) {
            cred.secrets << q.value(0).toByteArray();
            expiresAt << (q.value(1).isNull() ? 0 : std::max<qint64>(1, q.value(1).toLongLong()));
        }
        QSqlQuery s(c);
        s.prepare(
            QStringLiteral("SELECT certificate_pem, webhook_id FROM source_settings WHERE source = ? AND "
                           "integration_id = ?"));
        s.addBindValue(source);
        s.addBindValue(dbKey(integrationId));
        if (!s.exec()) {
            if (error)
                *error = storeError(s, QStringLiteral("reading the settings of %1").arg(source));
            return false;
        }
        bool hasSettings = false;
        if (s.next()) {
            cred.certificatePem = s.value(0).toString().toUtf8();
            cred.paypalWebhookId = s.value(1).toString();
            hasSettings = !cred.certificatePem.isEmpty();
        }
        {
            QMutexLocker lock(&mutex);
            cred.tolerance = tolerance.value(source, std::chrono::seconds(300));
        }
        out->fetchedAt = now;
        out->expiresAt = expiresAt;
        if (cred.secrets.isEmpty() && !hasSettings)
            out->credentials.reset();
        else
            out->credentials = std::move(cred);
        return true;
    }

    // A cached entry is answered at once, even when it is due for a refresh: the refresh runs on the
    // refresher thread, so the ingress's event loop never waits for the database except for a source's very
    // first lookup. If the database is unreachable, the last known secrets keep verifying.
    std::optional<SourceCredentials> lookup(const QString &source, const QString &integrationId, Error *error)
    {
        const qint64 now = nowMs();
        const QString key = cacheKey(source, integrationId);
        {
            QMutexLocker lock(&mutex);
            const auto it = cache.find(key);
            if (it != cache.end()) {
                if (now - it->fetchedAt >= refresh.count() && !it->refreshing) {
                    it->refreshing = true;
                    queueRefresh(source, integrationId);
                }
                return it->at(now);
            }
        }
        CacheEntry entry;
        if (!load(source, integrationId, now, &entry, error))
            return std::nullopt;
        QMutexLocker lock(&mutex);
        cache.insert(key, entry);
        return entry.at(now);
    }

    // The refresher thread, started on first need.
    std::mutex queueMutex;
    std::condition_variable queueCv;
    std::deque<QPair<QString, QString>> queue; // guarded by queueMutex
    bool stopping = false;                     // guarded by queueMutex
    std::thread refresher;

    void queueRefresh(const QString &source, const QString &integrationId)
    {
        {
            std::lock_guard lock(queueMutex);
            queue.emplace_back(source, integrationId);
            if (!refresher.joinable())
                refresher = std::thread([this] { runRefresher(); });
        }
        queueCv.notify_one();
    }

    void runRefresher()
    {
        nameCurrentThread("wedsync-secrets");
        for (;;) {
            QPair<QString, QString> job;
            {
                std::unique_lock lock(queueMutex);
                queueCv.wait(lock, [this] { return stopping || !queue.empty(); });
                if (stopping)
                    break;
                job = queue.front();
                queue.pop_front();
            }
            const qint64 now = nowMs();
            CacheEntry entry;
            Error e;
            const bool ok = load(job.first, job.second, now, &entry, &e);
            {
                QMutexLocker lock(&mutex);
                const auto it = cache.find(cacheKey(job.first, job.second));
                if (it == cache.end())
                    continue; // invalidated meanwhile: the next lookup reads afresh
                if (ok) {
                    *it = entry;
                } else {
                    // Keep verifying with what is known; try again after another interval.
                    it->refreshing = false;
                    it->fetchedAt = now;
                }
            }
            if (!ok)
                qCWarning(lcCredentials).noquote() << "cannot refresh the secrets of" << job.first
                                                   << "; the cached ones stay in use:" << e.message;
        }
        db->releaseThreadConnection();
    }

    ~Private()
    {
        {
            std::lock_guard lock(queueMutex);
            stopping = true;
        }
        queueCv.notify_all();
        if (refresher.joinable())
            refresher.join();
    }
};

CredentialStore::CredentialStore(Store::Database *db)
    : d(std::make_unique<Private>())
{
    d->db = db;
    d->tolerance.insert(QStringLiteral("calendly"), std::chrono::seconds(180));
}

CredentialStore::~CredentialStore() = default;

std::optional<SourceCredentials> CredentialStore::credentials(const QString &source,
                                                              const QString &integrationId, Error *error)
{
    Error e;
    if (!integrationId.isEmpty()) {
        auto own = d->lookup(source, integrationId, &e);
        if (e) {
            if (error)
                *error = e;
            return std::nullopt;
        }
        if (own)
            return own;
    }
    auto shared = d->lookup(source, QString(), &e);
    if (e && error)
        *error = e;
    if (shared && !integrationId.isEmpty())
        shared->integrationId.clear(); // the source-wide secrets served this integration
    return shared;
}

bool CredentialStore::setSecret(const QString &source, const QString &integrationId, const QByteArray &secret,
                                std::chrono::seconds grace, Error *error)
{
    if (secret.isEmpty()) {
        if (error)
            *error = Error::make(QString::fromLatin1(IngressError::ValidationFailed),
                                 QStringLiteral("the secret is empty"));
        return false;
    }
    if (grace.count() < 0) {
        if (error)
            *error = Error::make(QString::fromLatin1(IngressError::ValidationFailed),
                                 QStringLiteral("the grace period cannot be negative"));
        return false;
    }
    QSqlDatabase c = d->db->connection(error);
    if (!c.isOpen())
        return false;
    const qint64 now = d->nowMs();
    if (!c.transaction()) {
        if (error)
            *error = Store::Database::toError(c.lastError(), QStringLiteral("starting a transaction"));
        return false;
    }
    auto fail = [&](QSqlQuery &q, const QString &what) {
        if (error)
            *error = storeError(q, what);
        c.rollback();
        return false;
    };
    QSqlQuery q(c);
    if (grace.count() == 0) {
        q.prepare(QStringLiteral("DELETE FROM source_secrets WHERE source = ? AND integration_id = ?"));
        q.addBindValue(source);
        q.addBindValue(dbKey(integrationId));
        if (!q.exec())
            return fail(q, QStringLiteral("revoking the old secrets"));
    } else {
        q.prepare(QStringLiteral(
            "DELETE FROM source_secrets WHERE source = ? AND integration_id = ? AND expires_at IS "
            "NOT NULL AND expires_at <= ?"));
        q.addBindValue(source);
        q.addBindValue(dbKey(integrationId));
        q.addBindValue(now);
        if (!q.exec())
            return fail(q, QStringLiteral("dropping expired secrets"));
        q.prepare(QStringLiteral(
            "UPDATE source_secrets SET expires_at = ? WHERE source = ? AND integration_id = ? AND "
            "expires_at IS NULL"));
        q.addBindValue(now + qint64(grace.count()) * 1000);
        q.addBindValue(source);
        q.addBindValue(dbKey(integrationId));
        if (!q.exec())
            return fail(q, QStringLiteral("starting the grace period of the old secret"));
    }
    q.prepare(
        QStringLiteral("INSERT INTO source_secrets (source, integration_id, secret, created_at, expires_at) "
                       "VALUES (?, ?, ?, ?, NULL)"));
    q.addBindValue(source);
    q.addBindValue(dbKey(integrationId));
    q.addBindValue(secret);
    q.addBindValue(now);
    if (!q.exec())
        return fail(q, QStringLiteral("storing the secret"));
    if (!c.commit()) {
        if (error)
            *error = Store::Database::toError(c.lastError(), QStringLiteral("committing the secret"));
        c.rollback();
        return false;
    }
    invalidate();
    qCInfo(lcCredentials).noquote() << QStringLiteral(
                                           "secret set for source %1%2; previous secret's grace %3 s")
                                           .arg(source, integrationId.isEmpty()
                                                            ? QString()
                                                            : QStringLiteral(" integration ") + integrationId)
                                           .arg(grace.count());
    return true;
}

bool CredentialStore::setPayPal(const QString &integrationId, const QByteArray &certificatePem,
                                const QString &webhookId, Error *error)
{
    const Error certError = Sources::PayPalSignature::checkCertificate(
        certificatePem, QDateTime::fromMSecsSinceEpoch(d->nowMs(), Qt::UTC));
    if (certError) {
        if (error)
            *error = certError;
        return false;
    }
    if (webhookId.trimmed().isEmpty() || webhookId.size() > 200 || webhookId.contains(QLatin1Char('|'))) {
        if (error)
            *error = Error::make(
                QString::fromLatin1(IngressError::ValidationFailed),
                QStringLiteral("the PayPal webhook id is required (as shown in the PayPal developer "
                               "dashboard, at most 200 characters)"));
        return false;
    }
    QSqlDatabase c = d->db->connection(error);
    if (!c.isOpen())
        return false;
    if (!c.transaction()) {
        if (error)
            *error = Store::Database::toError(c.lastError(), QStringLiteral("starting a transaction"));
        return false;
    }
    QSqlQuery q(c);
    q.prepare(QStringLiteral("DELETE FROM source_settings WHERE source = 'paypal' AND integration_id = ?"));
    q.addBindValue(dbKey(integrationId));
    bool ok = q.exec();
    if (ok) {
        q.prepare(QStringLiteral(
            "INSERT INTO source_settings (source, integration_id, certificate_pem, webhook_id, "
            "updated_at) VALUES ('paypal', ?, ?, ?, ?)"));
        q.addBindValue(dbKey(integrationId));
        q.addBindValue(QString::fromUtf8(certificatePem));
        q.addBindValue(webhookId.trimmed());
        q.addBindValue(d->nowMs());
        ok = q.exec();
    }
    if (!ok || !c.commit()) {
        if (error)
            *error =
                ok ? Store::Database::toError(c.lastError(), QStringLiteral("committing the PayPal settings"))
                   : storeError(q, QStringLiteral("storing the PayPal settings"));
        c.rollback();
        return false;
    }
    invalidate();
    qCInfo(lcCredentials).noquote() << "PayPal certificate and webhook id set"
                                    << (integrationId.isEmpty()
                                            ? QString()
                                            : QStringLiteral("for integration ") + integrationId);
    return true;
}

bool CredentialStore::remove(const QString &source, const QString &integrationId, Error *error)
{
    QSqlDatabase c = d->db->connection(error);
    if (!c.isOpen())
        return false;
    if (!c.transaction()) {
        if (error)
            *error = Store::Database::toError(c.lastError(), QStringLiteral("starting a transaction"));
        return false;
    }
    int removed = 0;
    for (const char *table : {"source_secrets", "source_settings"}) {
        QSqlQuery q(c);
        q.prepare(QStringLiteral("DELETE FROM %1 WHERE source = ? AND integration_id = ?")
                      .arg(QLatin1String(table)));
        q.addBindValue(source);
        q.addBindValue(dbKey(integrationId));
        if (!q.exec()) {
            if (error)
                *error = storeError(q, QStringLiteral("removing the credentials of %1").arg(source));
            c.rollback();
            return false;
        }
        removed += q.numRowsAffected();
    }
    if (!c.commit()) {
        if (error)
            *error = Store::Database::toError(c.lastError(), QStringLiteral("committing the removal"));
        c.rollback();
        return false;
    }
    invalidate();
    if (removed == 0) {
        if (error)
            *error = Error::make(QString::fromLatin1(IngressError::SourceNotConfigured),
                                 QStringLiteral("nothing is configured for %1%2; see 'source list'")
                                     .arg(source, integrationId.isEmpty()
                                                      ? QString()
                                                      : QStringLiteral(" integration ") + integrationId));
        return false;
    }
    qCInfo(lcCredentials).noquote() << "credentials removed for source" << source << integrationId;
    return true;
}

void CredentialStore::invalidate()
{
    QMutexLocker lock(&d->mutex);
    d->cache.clear();
}

QList<CredentialStore::Summary> CredentialStore::list(Error *error)
{
    QList<Summary> out;
    QSqlDatabase c = d->db->connection(error);
    if (!c.isOpen())
        return out;
    const qint64 now = d->nowMs();
    QMap<QPair<QString, QString>, Summary> byKey;
    QSqlQuery q(c);
    q.prepare(QStringLiteral(
        "SELECT source, integration_id, created_at, expires_at FROM source_secrets WHERE "
        "expires_at IS NULL OR expires_at > ? ORDER BY source, integration_id, created_at DESC"));
    q.addBindValue(now);
    if (!q.exec()) {
        if (error)
            *error = storeError(q, QStringLiteral("listing the secrets"));
        return out;
    }
    while (q.next()) {
        Summary &s = byKey[{q.value(0).toString(), q.value(1).toString()}];
        s.source = q.value(0).toString();
        s.integrationId = q.value(1).toString();
        if (q.value(3).isNull()) {
            s.hasCurrentSecret = true;
            s.currentSince = QDateTime::fromMSecsSinceEpoch(q.value(2).toLongLong(), Qt::UTC);
        } else {
            s.graceUntil << QDateTime::fromMSecsSinceEpoch(q.value(3).toLongLong(), Qt::UTC);
        }
    }
    QSqlQuery p(c);
    if (!p.exec(QStringLiteral(
            "SELECT source, integration_id, certificate_pem, webhook_id FROM source_settings"))) {
        if (error)
            *error = storeError(p, QStringLiteral("listing the source settings"));
        return out;
    }
    while (p.next()) {
        Summary &s = byKey[{p.value(0).toString(), p.value(1).toString()}];
        s.source = p.value(0).toString();
        s.integrationId = p.value(1).toString();
        s.hasCertificate = !p.value(2).toString().isEmpty();
        s.webhookId = p.value(3).toString();
    }
    out = byKey.values();
    return out;
}

void CredentialStore::setRefreshInterval(std::chrono::milliseconds interval)
{
    QMutexLocker lock(&d->mutex);
    d->refresh = interval;
    d->cache.clear();
}

void CredentialStore::setTolerance(const QString &source, std::chrono::seconds tolerance)
{
    QMutexLocker lock(&d->mutex);
    d->tolerance.insert(source, tolerance);
    d->cache.clear();
}

void CredentialStore::setClock(std::function<QDateTime()> clock)
{
    QMutexLocker lock(&d->mutex);
    d->clock = std::move(clock);
    d->cache.clear();
}

} // namespace WedSync::Ingress
