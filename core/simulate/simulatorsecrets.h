// The secrets the simulator signs with, one per source in that source's format, plus the PayPal key pair
// whose certificate the node pins. Saved to / loaded from a JSON file, and installable into a node's
// CredentialStore (what --demo and `wedsync-simulate --install` do).
#pragma once

#include "common/error.h"
#include "simulate/signingkeys.h"

#include <QHash>
#include <QString>

namespace WedSync::Ingress {
class CredentialStore;
}

namespace WedSync::Simulate {

struct SimulatorSecrets
{
    QHash<QString, QByteArray> secrets; // source -> secret (everything but paypal)
    RsaCertificate paypal;
    QString paypalWebhookId;

    // Fresh random secrets for every built-in source and a new PayPal key pair.
    static SimulatorSecrets generate();
    QByteArray toJson() const; // includes the PayPal private key: a test fixture, not production material
    static std::optional<SimulatorSecrets> fromJson(const QByteArray &json, Error *error);
    // Sets every secret (grace 0) and the PayPal certificate in the store.
    bool install(Ingress::CredentialStore *store, Error *error) const;
};

} // namespace WedSync::Simulate
