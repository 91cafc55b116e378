// Fuzzes the signature header parsers and every scheme's verify() with attacker-controlled headers.
// Input: lines "name: value" (headers), then an empty line, then the body. The first line may also be
// fed raw to the parsers.
#include "ingress/sourceregistry.h"
#include "ingress/sources/signatures.h"
#include "ingress/sources/standardwebhooks.h"

#include <QDateTime>
#include <cstdint>

using namespace WedSync::Ingress;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const SourceRegistry registry;
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));

    // The parsers on the raw input.
    (void)Sources::parseTimestampedSignatureHeader(input);
    (void)Sources::parseStandardSignatures(input);
    (void)Sources::parseUnixSeconds(input);
    (void)Sources::decodeHex(input);
    (void)Sources::decodeBase64(input);
    (void)Sources::StandardWebhooks::decodeSecret(input);
    (void)Sources::crc32(input);

    WebhookRequest request;
    const qsizetype split = input.indexOf("\n\n");
    const QByteArray head = split < 0 ? input : input.left(split);
    request.body = split < 0 ? QByteArray() : input.mid(split + 2);
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        request.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    request.query = request.header("x-fuzz-query");
    request.receivedAt = QDateTime::fromSecsSinceEpoch(1781956800, Qt::UTC);

    SourceCredentials credentials;
    credentials.secrets = {"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "0123456789abcdef0123"};
    credentials.certificatePem = request.header("x-fuzz-cert");
    credentials.paypalWebhookId = QStringLiteral("WH-FUZZ");
    const QDateTime now = request.receivedAt;
    (void)registry.detect(request);
    for (const QString &name : registry.names()) {
        const SourceHandler *h = registry.find(name);
        const WedSync::Error e = h->verify(request, credentials, now);
        if (e.code.isEmpty() && name != QLatin1String("paypal") && name != QLatin1String("mailchimp") &&
            name != QLatin1String("google_calendar")) {
            // A forged signature verified: only possible if the input carries a real HMAC, which the fuzzer
            // cannot compute. Treat as a finding.
            __builtin_trap();
        }
    }
    return 0;
}
