// One inbound HTTP request as the ingress pipeline sees it after parsing: what source handlers verify
// and standardize. Header names are lower-cased; the body is the exact bytes received (signatures are
// computed over them).
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace WedSync::Ingress {

struct WebhookRequest
{
    QByteArray method;                            // "POST"
    QByteArray path;                              // "/webhooks/stripe" (percent-decoded? no: raw)
    QByteArray query;                             // raw text after '?', may be empty
    QList<QPair<QByteArray, QByteArray>> headers; // lower-cased names, arrival order, values trimmed
    QByteArray body;                              // exact bytes
    QHostAddress peer;
    QDateTime receivedAt; // UTC
    QString requestId;    // also sent back as X-Request-Id

    // First value of a header (name in lower case), or an empty QByteArray.
    QByteArray header(const QByteArray &lowerName) const
    {
        for (const auto &h : headers) {
            if (h.first == lowerName)
                return h.second;
        }
        return {};
    }
    bool hasHeader(const QByteArray &lowerName) const
    {
        for (const auto &h : headers) {
            if (h.first == lowerName)
                return true;
        }
        return false;
    }
    QList<QByteArray> headerValues(const QByteArray &lowerName) const
    {
        QList<QByteArray> out;
        for (const auto &h : headers) {
            if (h.first == lowerName)
                out << h.second;
        }
        return out;
    }
    QString queryItem(const QString &name) const
    {
        return QUrlQuery(QString::fromUtf8(query)).queryItemValue(name, QUrl::FullyDecoded);
    }
    // Media type without parameters, lower-cased: "application/json".
    QByteArray mediaType() const { return header("content-type").split(';').first().trimmed().toLower(); }
};

} // namespace WedSync::Ingress
