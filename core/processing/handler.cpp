#include "handler.h"

#include <algorithm>

namespace WedSync::Processing {

void HandlerRegistry::add(Handler handler)
{
    m_handlers.push_back(std::make_unique<Handler>(std::move(handler)));
    m_cache.clear();
}

QList<const Handler *> HandlerRegistry::handlersFor(const QString &eventType) const
{
    auto it = m_cache.constFind(eventType);
    if (it != m_cache.constEnd())
        return *it;
    QList<const Handler *> out;
    for (const auto &h : m_handlers) {
        if (h->eventType == eventType || h->eventType == QLatin1String("*"))
            out.append(h.get());
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Handler *a, const Handler *b) { return a->priority > b->priority; });
    m_cache.insert(eventType, out);
    return out;
}

QList<const Handler *> HandlerRegistry::all() const
{
    QList<const Handler *> out;
    for (const auto &h : m_handlers)
        out.append(h.get());
    return out;
}

} // namespace WedSync::Processing
