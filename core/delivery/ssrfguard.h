// Refuses outbound destinations that resolve to loopback, private, link-local, metadata, unspecified or
// multicast addresses (server-side request forgery), unless an administrator allow-lists the host or a CIDR.
// HTTPS-only mode refuses plain http:// URLs. Refusals carry DESTINATION_FORBIDDEN.
#pragma once

#include "common/error.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QPair>
#include <QStringList>
#include <QUrl>
#include <functional>

namespace WedSync::Delivery {

inline constexpr auto DestinationForbidden = "DESTINATION_FORBIDDEN";

struct SsrfOptions
{
    bool httpsOnly = false;
    QStringList allowHosts;    // exact host names or literal addresses
    QStringList allowCidrs;    // e.g. 127.0.0.1/32, 10.20.0.0/16
    qint64 cacheTtlMs = 60000; // how long a resolved name is trusted
    // Name resolution; empty = QHostInfo::fromName. Tests inject names that resolve where they say.
    std::function<QList<QHostAddress>(const QString &host)> resolve;
};

class SsrfGuard
{
public:
    using Options = SsrfOptions;
    explicit SsrfGuard(Options options = {});

    // The class name of a forbidden address ("loopback", "private", "link-local", "metadata", "unspecified",
    // "multicast", "broadcast") or an empty string when the address is public.
    static QString classify(const QHostAddress &address);

    // Checks scheme, resolves the host (QHostInfo, cached) and checks every address. Blocking on a cache miss
    // for a name; call from a worker thread. Error DESTINATION_FORBIDDEN (or DESTINATION_UNRESOLVED).
    // *approved receives the address the caller must connect to (the first checked one), so a second
    // resolution cannot swap in another (DNS rebinding); it stays null for an allow-listed host name, which
    // the administrator trusts as a name.
    Error check(const QUrl &url, QHostAddress *approved = nullptr);

    // The URL to connect to: url with its host replaced by the approved address. The caller keeps the
    // original name in the Host header and for TLS (SNI and certificate verification).
    static QUrl pinned(const QUrl &url, const QHostAddress &approved);

    // Adds a host (name or literal address) to the allow-list from now on.
    void allowHost(const QString &host);

private:
    bool allowedByCidr(const QHostAddress &a) const;

    Options m_options;
    QList<QPair<QHostAddress, int>> m_cidrs;
    QMutex m_mutex;
    struct Cached
    {
        QList<QHostAddress> addresses;
        qint64 at = 0;
    };
    QHash<QString, Cached> m_cache; // guarded by m_mutex
};

} // namespace WedSync::Delivery
