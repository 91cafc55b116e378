#include "delivery/retrypolicy.h"

#include <QRandomGenerator>

namespace WedSync::Delivery {

QString backoffToString(Backoff b)
{
    return b == Backoff::Linear ? QStringLiteral("linear") : QStringLiteral("exponential");
}

Backoff backoffFromString(const QString &s)
{
    return s == QLatin1String("linear") ? Backoff::Linear : Backoff::Exponential;
}

QString kindToString(TargetKind kind)
{
    switch (kind) {
    case TargetKind::Webhook:
        return QStringLiteral("webhook");
    case TargetKind::Slack:
        return QStringLiteral("slack");
    case TargetKind::WhatsApp:
        return QStringLiteral("whatsapp");
    case TargetKind::Email:
        return QStringLiteral("email");
    case TargetKind::Connector:
        return QStringLiteral("connector");
    }
    return QStringLiteral("webhook");
}

std::optional<TargetKind> kindFromString(const QString &s)
{
    if (s == QLatin1String("webhook"))
        return TargetKind::Webhook;
    if (s == QLatin1String("slack"))
        return TargetKind::Slack;
    if (s == QLatin1String("whatsapp"))
        return TargetKind::WhatsApp;
    if (s == QLatin1String("email"))
        return TargetKind::Email;
    if (s == QLatin1String("connector"))
        return TargetKind::Connector;
    return std::nullopt;
}

qint64 RetryPolicy::baseDelayMs(int attempt) const
{
    const int n = qMax(1, attempt);
    if (backoff == Backoff::Linear)
        return initialDelayMs * n;
    return initialDelayMs * (qint64(1) << qMin(n - 1, 20));
}

qint64 RetryPolicy::delayMs(int attempt) const
{
    const qint64 base = baseDelayMs(attempt);
    const qint64 spread = base / 10;
    if (spread <= 0)
        return base;
    const qint64 jitter = QRandomGenerator::global()->bounded(2 * spread + 1) - spread;
    return qMax<qint64>(0, base + jitter);
}

} // namespace WedSync::Delivery
