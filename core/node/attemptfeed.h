// Streams delivery attempts to consoles on the `deliveries` topic: tails the delivery_attempts table (so
// every field the worker recorded is there: delivery id, target, event id and type, attempt number,
// outcome, HTTP status, latency, error), woken by the worker's attempt signals and polled as a fallback.
// Lives on the node server's thread.
#pragma once

#include "node/topic.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace WedSync::Store {
class Database;
}

namespace WedSync::Node {

class AttemptFeed : public QObject
{
    Q_OBJECT
public:
    // Neither is owned; the topic may go away first (the feed then stops publishing).
    AttemptFeed(Store::Database *database, MemoryTopic *topic, QObject *parent = nullptr);

    // Starts from the newest attempt recorded now (older ones are what deliveries.attempts returns).
    void start();
    // An attempt finished: read what was recorded shortly (coalesced).
    void poke();
    // Reads and publishes every attempt recorded since the last read. Returns how many.
    int fetch();

private:
    Store::Database *m_database;
    QPointer<MemoryTopic> m_topic;
    qint64 m_lastId = 0;
    QTimer m_soon; // single shot after a poke
    QTimer m_poll; // fallback: attempts written after their signal, or by a worker elsewhere
};

} // namespace WedSync::Node
