// Outbox helpers shared by the delivery tests.
#pragma once

#include "delivery/deliveryrequest.h"

#include <QSet>
#include <QSqlDatabase>

namespace WedSync::Test {

// Enqueues `total` deliveries of `eventType` to `target` (event_seq 1..total, payload {"n":seq}) in one
// transaction. Returns their delivery ids; empty, with *error set, when the transaction failed.
inline QSet<QString> enqueueNumbered(QSqlDatabase &db, const QString &target, const QString &eventType,
                                     int total, Error *error)
{
    QSet<QString> ids;
    QList<Delivery::DeliveryRequest> requests;
    for (int i = 1; i <= total; ++i) {
        Delivery::DeliveryRequest r;
        r.eventSeq = i;
        r.eventType = eventType;
        r.target = target;
        r.payload = QStringLiteral("{\"n\":%1}").arg(i).toUtf8();
        requests.append(r);
        ids.insert(Delivery::makeDeliveryId(i, target));
    }
    if (!db.transaction() || !Delivery::enqueue(db, requests, error) || !db.commit()) {
        db.rollback();
        return {};
    }
    return ids;
}

} // namespace WedSync::Test
