#include "delivery/ssrfguard.h"

#include <QDateTime>
#include <QHostInfo>
#include <QLoggingCategory>

namespace WedSync::Delivery {

static Q_LOGGING_CATEGORY(lcSsrf, "wedsync.delivery.ssrf", QtInfoMsg)

SsrfGuard::SsrfGuard(Options options)
    : m_options(std::move(options))
{
    for (const QString &c : m_options.allowCidrs) {
        const auto subnet = QHostAddress::parseSubnet(c.trimmed());
        if (subnet.first.isNull())
            qCWarning(lcSsrf).noquote() << "ignoring malformed allow-list CIDR" << c;
        else
            m_cidrs.append(subnet);
    }
}

void SsrfGuard::allowHost(const QString &host)
{
    if (!host.isEmpty() && !m_options.allowHosts.contains(host, Qt::CaseInsensitive))
        m_options.allowHosts.append(host);
}

QString SsrfGuard::classify(const QHostAddress &input)
{
    QHostAddress a = input;
    bool ok = false;
    const quint32 v4mapped = a.toIPv4Address(&ok); // also unwraps ::ffff:a.b.c.d
    if (ok)
        a = QHostAddress(v4mapped);
    if (a.protocol() == QAbstractSocket::IPv4Protocol) {
        const quint32 v = a.toIPv4Address();
        if (v == 0xA9FEA9FEu)
            return QStringLiteral("metadata");
        if (v == 0)
            return QStringLiteral("unspecified");
        if (v == 0xFFFFFFFFu)
            return QStringLiteral("broadcast");
        if ((v >> 24) == 127)
            return QStringLiteral("loopback");
        if ((v >> 24) == 10 || (v >> 20) == (0xAC10u >> 4) || (v >> 16) == 0xC0A8u ||
            (v >> 22) == (0x6440u >> 6))
            return QStringLiteral("private"); // 10/8, 172.16/12, 192.168/16, 100.64/10 (carrier-grade NAT)
        if ((v >> 16) == 0xA9FEu)
            return QStringLiteral("link-local");
        if ((v >> 28) == 0xE)
            return QStringLiteral("multicast");
        if ((v >> 24) == 0)
            return QStringLiteral("unspecified");
        return {};
    }
    if (a.isLoopback())
        return QStringLiteral("loopback");
    const Q_IPV6ADDR b = a.toIPv6Address();
    bool allZero = true;
    for (int i = 0; i < 16; ++i)
        allZero = allZero && b[i] == 0;
    if (allZero)
        return QStringLiteral("unspecified");
    if (b[0] == 0xFF)
        return QStringLiteral("multicast");
    if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)
        return QStringLiteral("link-local");
    if (a == QHostAddress(QStringLiteral("fd00:ec2::254")))
        return QStringLiteral("metadata"); // the IPv6 instance metadata address
    if ((b[0] & 0xFE) == 0xFC)
        return QStringLiteral("private");
    return {};
}

bool SsrfGuard::allowedByCidr(const QHostAddress &a) const
{
    for (const auto &c : m_cidrs)
        if (a.isInSubnet(c))
            return true;
    return false;
}

static Error forbidden(const QString &message, const QString &host, const QString &klass = QString())
{
    QJsonObject d{{QStringLiteral("host"), host}};
    if (!klass.isEmpty())
        d.insert(QStringLiteral("address_class"), klass);
    return Error::make(QString::fromLatin1(DestinationForbidden), message, d);
}

QUrl SsrfGuard::pinned(const QUrl &url, const QHostAddress &approved)
{
    if (approved.isNull())
        return url;
    QUrl out = url;
    QHostAddress a = approved;
    a.setScopeId(QString());
    out.setHost(a.toString());
    return out;
}

Error SsrfGuard::check(const QUrl &url, QHostAddress *approved)
{
    if (approved)
        *approved = QHostAddress();
    const QString scheme = url.scheme();
    const QString host = url.host();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return forbidden(QStringLiteral("Only http:// and https:// destinations are delivered to."), host);
    if (m_options.httpsOnly && scheme != QLatin1String("https"))
        return forbidden(QStringLiteral("delivery.https_only is on: use an https:// URL for %1.").arg(host),
                         host);
    if (host.isEmpty())
        return forbidden(QStringLiteral("The destination URL has no host."), host);
    if (m_options.allowHosts.contains(host, Qt::CaseInsensitive))
        return {};

    QList<QHostAddress> addresses;
    QHostAddress literal;
    if (literal.setAddress(host)) {
        addresses.append(literal);
    } else {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        {
            QMutexLocker lock(&m_mutex);
            const auto it = m_cache.constFind(host.toLower());
            if (it != m_cache.cend() && now - it->at < m_options.cacheTtlMs)
                addresses = it->addresses;
        }
        if (addresses.isEmpty()) {
            QString why;
            if (m_options.resolve) {
                addresses = m_options.resolve(host);
                why = QStringLiteral("no address");
            } else {
                const QHostInfo info = QHostInfo::fromName(host);
                addresses = info.error() == QHostInfo::NoError ? info.addresses() : QList<QHostAddress>();
                why = info.errorString();
            }
            if (addresses.isEmpty())
                return Error::make(QStringLiteral("DESTINATION_UNRESOLVED"),
                                   QStringLiteral("Cannot resolve %1: %2. Check the URL.").arg(host, why),
                                   QJsonObject{{QStringLiteral("host"), host}});
            QMutexLocker lock(&m_mutex);
            m_cache.insert(host.toLower(), Cached{addresses, now});
        }
    }
    for (const QHostAddress &a : addresses) {
        const QString klass = classify(a);
        if (!klass.isEmpty() && !allowedByCidr(a))
            return forbidden(
                QStringLiteral("%1 resolves to %2 (%3), which deliveries may not reach; an administrator "
                               "can allow it with delivery.allow_hosts or delivery.allow_cidrs.")
                    .arg(host, a.toString(), klass),
                host, klass);
    }
    if (approved)
        *approved = addresses.constFirst();
    return {};
}

} // namespace WedSync::Delivery
