#include "tokenstore.h"

#include <qt6keychain/keychain.h>

namespace WedSync::Ui {

namespace {
const QString kService = QStringLiteral("WedSync Console");
}

KeychainTokenStore::KeychainTokenStore(QObject *parent)
    : TokenStore(parent)
{}

void KeychainTokenStore::read(const QString &nodeUrl, ReadCallback done)
{
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setKey(nodeUrl);
    connect(job, &QKeychain::Job::finished, this, [job, done] {
        if (job->error() == QKeychain::NoError)
            done(true, job->binaryData(), QString());
        else
            done(false, {}, job->errorString());
    });
    job->start();
}

void KeychainTokenStore::write(const QString &nodeUrl, const QByteArray &token, WriteCallback done)
{
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setKey(nodeUrl);
    job->setBinaryData(token);
    connect(job, &QKeychain::Job::finished, this,
            [job, done] { done(job->error() == QKeychain::NoError, job->errorString()); });
    job->start();
}

void KeychainTokenStore::remove(const QString &nodeUrl, WriteCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setKey(nodeUrl);
    connect(job, &QKeychain::Job::finished, this, [job, done] {
        done(job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound,
             job->errorString());
    });
    job->start();
}

void MemoryTokenStore::read(const QString &nodeUrl, ReadCallback done)
{
    const auto it = m_tokens.constFind(nodeUrl);
    if (it == m_tokens.constEnd())
        done(false, {}, tr("No token saved for %1").arg(nodeUrl));
    else
        done(true, it.value(), QString());
}

void MemoryTokenStore::write(const QString &nodeUrl, const QByteArray &token, WriteCallback done)
{
    m_tokens.insert(nodeUrl, token);
    done(true, QString());
}

void MemoryTokenStore::remove(const QString &nodeUrl, WriteCallback done)
{
    m_tokens.remove(nodeUrl);
    done(true, QString());
}

} // namespace WedSync::Ui
