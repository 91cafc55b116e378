// Our outbound signatures checked by an independent implementation of each scheme written here with OpenSSL
// (HMAC, EVP_EncodeBlock), plus the sink's verifier accepting them and rejecting tampering.
#include "delivery/signer.h"
#include "sinkserver.h"

#include <QTest>
#include <openssl/evp.h>
#include <openssl/hmac.h>

using namespace WedSync::Delivery;

static QByteArray opensslHmac(const QByteArray &key, const QByteArray &data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.constData(), int(key.size()),
         reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()), out, &len);
    return QByteArray(reinterpret_cast<const char *>(out), int(len));
}

static QByteArray opensslHex(const QByteArray &bytes)
{
    static const char digits[] = "0123456789abcdef";
    QByteArray out;
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

static QByteArray opensslBase64(const QByteArray &bytes)
{
    QByteArray out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n =
        EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                        reinterpret_cast<const unsigned char *>(bytes.constData()), int(bytes.size()));
    out.truncate(n);
    return out;
}

static QByteArray opensslBase64Decode(const QByteArray &text)
{
    QByteArray out(text.size(), '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                            reinterpret_cast<const unsigned char *>(text.constData()), int(text.size()));
    if (n < 0)
        return {};
    // EVP_DecodeBlock counts padding bytes as zeros; drop them.
    if (text.endsWith("=="))
        n -= 2;
    else if (text.endsWith('='))
        n -= 1;
    out.truncate(n);
    return out;
}

class tst_Signatures : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void schemes_data();
    void schemes();
    void tamperingDetected_data();
    void tamperingDetected();
};

void tst_Signatures::schemes_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("raw secret, json body")
        << "a-very-long-secret-123" << QByteArray("{\"event_type\":\"booking.created\"}");
    QTest::newRow("whsec secret") << "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" << QByteArray("{\"a\":1}");
    QTest::newRow("utf-8 body bytes exact")
        << "0123456789abcdef" << QByteArray("{\"name\":\"Zo\xc3\xab & J\xc3\xbcrgen\"}");
    QTest::newRow("empty body") << "0123456789abcdef" << QByteArray();
}

void tst_Signatures::schemes()
{
    QFETCH(QString, secret);
    QFETCH(QByteArray, body);
    const QString id = QStringLiteral("msg_0123456789abcdef0123456789abcdef");
    const qint64 ts = 1767225600;
    const auto headers = Signer::webhookHeaders(secret, id, QStringLiteral("booking.created"), ts, body);
    QHash<QByteArray, QByteArray> h;
    for (const auto &p : headers)
        h.insert(p.first, p.second);

    QCOMPARE(h.value("Content-Type"), QByteArray("application/json"));
    QCOMPARE(h.value("User-Agent"), QByteArray("WedSync-Webhook/1.0"));
    QCOMPARE(h.value("X-WedSync-Event"), QByteArray("booking.created"));
    QCOMPARE(h.value("X-WedSync-Timestamp"), QByteArray::number(ts));
    QCOMPARE(h.value("webhook-id"), id.toUtf8());
    QCOMPARE(h.value("webhook-timestamp"), QByteArray::number(ts));

    // Platform scheme: sha256=<hex HMAC-SHA256(secret, body)>.
    QCOMPARE(h.value("X-WedSync-Signature"), "sha256=" + opensslHex(opensslHmac(secret.toUtf8(), body)));

    // Standard Webhooks: v1,<base64 HMAC(key, id.ts.body)>, key = base64-decoded whsec_ part or raw bytes.
    const QByteArray key = secret.startsWith(QLatin1String("whsec_"))
                               ? opensslBase64Decode(secret.mid(6).toLatin1())
                               : secret.toUtf8();
    QVERIFY(!key.isEmpty());
    const QByteArray content = id.toUtf8() + '.' + QByteArray::number(ts) + '.' + body;
    QCOMPARE(h.value("webhook-signature"), "v1," + opensslBase64(opensslHmac(key, content)));

    // And the sink's own verifier accepts both.
    QVERIFY(WedSync::Sink::SinkServer::verifyPlatform(secret, body, h.value("X-WedSync-Signature")));
    QVERIFY(WedSync::Sink::SinkServer::verifyStandard(secret, id.toUtf8(), QByteArray::number(ts), body,
                                                      h.value("webhook-signature")));
}

void tst_Signatures::tamperingDetected_data()
{
    QTest::addColumn<QString>("what");
    QTest::newRow("body changed") << "body";
    QTest::newRow("wrong secret") << "secret";
    QTest::newRow("id changed") << "id";
    QTest::newRow("timestamp changed") << "timestamp";
}

void tst_Signatures::tamperingDetected()
{
    QFETCH(QString, what);
    const QString secret = QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    const QByteArray body = "{\"amount\":150000}";
    const QByteArray platform = Signer::platformSignature(secret, body);
    const QByteArray standard = Signer::standardSignature(secret, QStringLiteral("msg_1"), 1000, body);
    QByteArray b = body, id = "msg_1", ts = "1000";
    QString s = secret;
    if (what == QLatin1String("body"))
        b = "{\"amount\":150001}";
    else if (what == QLatin1String("secret"))
        s = QStringLiteral("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    else if (what == QLatin1String("id"))
        id = "msg_2";
    else
        ts = "1001";
    QVERIFY(!WedSync::Sink::SinkServer::verifyStandard(s, id, ts, b, standard));
    const bool platformCovers = what == QLatin1String("body") || what == QLatin1String("secret");
    QCOMPARE(WedSync::Sink::SinkServer::verifyPlatform(s, b, platform), !platformCovers);
}

QTEST_GUILESS_MAIN(tst_Signatures)
#include "tst_signatures.moc"
