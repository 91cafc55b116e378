// Where node access tokens are kept: the OS keychain (Secret Service, macOS Keychain, Windows Credential
// Manager) through QtKeychain, never the settings file. Asynchronous; callbacks run on the GUI thread.
#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <functional>

namespace WedSync::Ui {

class TokenStore : public QObject
{
    Q_OBJECT
public:
    using ReadCallback = std::function<void(bool ok, const QByteArray &token, const QString &error)>;
    using WriteCallback = std::function<void(bool ok, const QString &error)>;

    explicit TokenStore(QObject *parent = nullptr)
        : QObject(parent)
    {}
    virtual void read(const QString &nodeUrl, ReadCallback done) = 0;
    virtual void write(const QString &nodeUrl, const QByteArray &token, WriteCallback done) = 0;
    virtual void remove(const QString &nodeUrl, WriteCallback done) = 0;
};

class KeychainTokenStore : public TokenStore
{
    Q_OBJECT
public:
    explicit KeychainTokenStore(QObject *parent = nullptr);
    void read(const QString &nodeUrl, ReadCallback done) override;
    void write(const QString &nodeUrl, const QByteArray &token, WriteCallback done) override;
    void remove(const QString &nodeUrl, WriteCallback done) override;
};

// Tokens for this session only (tests, and when the keychain is unavailable and the user chose not to save).
class MemoryTokenStore : public TokenStore
{
    Q_OBJECT
public:
    explicit MemoryTokenStore(QObject *parent = nullptr)
        : TokenStore(parent)
    {}
    void read(const QString &nodeUrl, ReadCallback done) override;
    void write(const QString &nodeUrl, const QByteArray &token, WriteCallback done) override;
    void remove(const QString &nodeUrl, WriteCallback done) override;

private:
    QHash<QString, QByteArray> m_tokens;
};

} // namespace WedSync::Ui
