// Fuzzes every standardizer: the first byte picks the source, the rest is the body (Google Calendar,
// which has no body, takes "name: value" header lines instead). Every result must be either events that
// pass envelope validation or a stable error code.
#include "ingress/sourceregistry.h"

#include <QDateTime>
#include <cstdint>
#include <cstdlib>

using namespace WedSync::Ingress;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const SourceRegistry registry;
    static const QStringList names = registry.names();
    if (size < 1)
        return 0;
    const QString name = names.at(data[0] % names.size());
    const SourceHandler *h = registry.find(name);
    WebhookRequest request;
    request.receivedAt = QDateTime::fromSecsSinceEpoch(1781956800, Qt::UTC);
    const QByteArray rest(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    if (name == QLatin1String("google_calendar")) {
        for (const QByteArray &line : rest.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                request.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
        }
    } else {
        request.body = rest;
    }
    const StandardizeResult r = h->standardize(request);
    if (r.error.isNull()) {
        if (r.events.isEmpty())
            abort();
        for (const auto &e : r.events) {
            if (!e.isValid() || e.source != name || e.id.isEmpty())
                abort();
            // Standardizing the same delivery again gives the same id (idempotent redelivery).
            const StandardizeResult again = h->standardize(request);
            if (again.events.isEmpty() || again.events.first().id != e.id)
                abort();
            (void)e.toCompactJson();
        }
    } else {
        static const QStringList codes = {QStringLiteral("INVALID_JSON"),
                                          QStringLiteral("VALIDATION_FAILED")};
        if (!codes.contains(r.error.code) || !r.events.isEmpty())
            abort();
    }
    return 0;
}
