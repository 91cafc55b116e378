// Building blocks shared by every signature scheme: HMAC-SHA256, constant-time comparison, header
// parsers (Stripe/Calendly "t=,v1=" lists, Standard Webhooks "v1,<b64>" lists), CRC32 and the timestamp
// tolerance check. The parsers are pure functions over untrusted bytes (fuzzed in tests/fuzz/signatures).
#pragma once

#include "common/error.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QDateTime>
#include <chrono>
#include <optional>

namespace WedSync::Ingress::Sources {

QByteArray hmacSha256(const QByteArray &key, const QByteArray &message);
// Constant time in the length of the inputs (CRYPTO_memcmp); different lengths compare unequal.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
// Strict lower/upper-case hex decoding; nullopt on an odd length or a non-hex character.
std::optional<QByteArray> decodeHex(const QByteArray &hex);
// Strict base64 (standard alphabet, padding optional); nullopt when the input is not base64.
std::optional<QByteArray> decodeBase64(const QByteArray &b64);
// CRC-32 (IEEE 802.3, as zlib's crc32) of the bytes.
quint32 crc32(const QByteArray &data);

// "t=1700000000,v1=abc...,v1=def...,v0=..." (Stripe, Calendly). Unknown schemes are ignored.
struct TimestampedSignatureHeader
{
    qint64 timestamp = 0;
    QByteArrayList v1; // hex strings as sent
};
std::optional<TimestampedSignatureHeader> parseTimestampedSignatureHeader(const QByteArray &value);

// Standard Webhooks "v1,<base64> v1,<base64> v1a,<...>": the decoded v1 signatures (others ignored).
// nullopt when no well-formed v1 entry is present.
std::optional<QByteArrayList> parseStandardSignatures(const QByteArray &value);

// A unix timestamp in seconds, digits only (no sign, no spaces, at most 12 digits).
std::optional<qint64> parseUnixSeconds(const QByteArray &value);

// TIMESTAMP_OUT_OF_TOLERANCE when |now - t| > tolerance (old replays and far-future clocks alike).
Error checkTolerance(qint64 timestamp, const QDateTime &now, std::chrono::seconds tolerance);

Error invalidSignature(const QString &message);

} // namespace WedSync::Ingress::Sources
