// Produces realistic, correctly signed vendor webhooks for every built-in source (Stripe event objects,
// Calendly invitee payloads, PayPal resources, Mailchimp form posts, CRM job/timeline updates, Google
// Calendar pushes) for a fixed set of weddings, and on request a bad one (bad signature, stale, malformed,
// oversized, duplicate, wrong media type) together with the answer the ingress must give. Deterministic for a
// seed.
#pragma once

#include "simulate/simulatorsecrets.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QRandomGenerator>
#include <QString>

namespace WedSync::Simulate {

enum class Fault { None, BadSignature, Stale, Malformed, Oversized, Duplicate, WrongMediaType };
QString faultName(Fault fault);

struct SimulatedRequest
{
    QString source;
    QByteArray target; // path and query: "/webhooks/stripe", "/webhooks/mailchimp?key=..."
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    Fault fault = Fault::None;
    int expectedStatus = 200;
    QString expectedCode; // error code, or "" for success ("duplicate" marks an expected duplicate)
};

class WebhookFactory
{
public:
    WebhookFactory(SimulatorSecrets secrets, quint32 seed);

    static QStringList sources(); // every built-in source
    // Sources whose scheme signs a timestamp (a stale request is refused for them).
    static bool signsTimestamp(const QString &source);

    // A request from a random source; with probability badShare a random fault.
    SimulatedRequest next(const QDateTime &now, double badShare);
    SimulatedRequest make(const QString &source, Fault fault, const QDateTime &now);

    qint64 oversizedBytes() const { return m_oversizedBytes; }
    void setOversizedBytes(qint64 bytes) { m_oversizedBytes = bytes; }

private:
    QByteArray payload(const QString &source, const QDateTime &now, QByteArray *contentType,
                       QList<QPair<QByteArray, QByteArray>> *extraHeaders);
    void sign(SimulatedRequest *r, const QDateTime &signedAt, bool wrongKey);
    QByteArray randomId(int length);

    SimulatorSecrets m_secrets;
    QRandomGenerator m_rng;
    qint64 m_oversizedBytes = 1024 * 1024 + 4096;
    QList<SimulatedRequest> m_recent;        // accepted ones, replayed as duplicates
    QHash<QString, qint64> m_messageNumbers; // Google channel message numbers
};

} // namespace WedSync::Simulate
