#include "webhookfactory.h"

#include "ingress/sources/generichmac.h"
#include "ingress/sources/paypalsignature.h"
#include "ingress/sources/standardwebhooks.h"
#include "ingress/sources/timestampedhmac.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUuid>

namespace WedSync::Simulate {

using H = QPair<QByteArray, QByteArray>;

namespace {
struct Wedding
{
    const char *id;
    const char *organization;
    const char *couple;
    const char *email;
    const char *venue;
    const char *date; // ISO date
    int guests;
};

// The weddings the simulated vendors work on.
const Wedding kWeddings[] = {
    {"wed_1001", "org_lenslight", "Amelia & Noah", "amelia.noah@example.com", "Old Mill Barn", "2026-07-18",
     120},
    {"wed_1002", "org_lenslight", "Priya & Sam", "priya.sam@example.com", "Harbour View Hotel", "2026-08-01",
     85},
    {"wed_1003", "org_bloomco", "Grace & Leo", "grace.leo@example.com", "St. Mary's Church", "2026-08-22",
     150},
    {"wed_1004", "org_bloomco", "Chloe & Ethan", "chloe.ethan@example.com", "Lakeside Pavilion", "2026-09-05",
     200},
    {"wed_1005", "org_tasteful", "Maya & Lucas", "maya.lucas@example.com", "The Glasshouse", "2026-09-12",
     60},
    {"wed_1006", "org_tasteful", "Zoe & Oliver", "zoe.oliver@example.com", "Castle Farm", "2026-10-03", 110},
    {"wed_1007", "org_lenslight", "Isla & Jack", "isla.jack@example.com", "Riverside Gardens", "2026-06-27",
     95},
    {"wed_1008", "org_bloomco", "Ava & Mateo", "ava.mateo@example.com", "Cliffside Chapel", "2026-07-04", 70},
};
constexpr int kWeddingCount = int(sizeof(kWeddings) / sizeof(kWeddings[0]));

// The CRM job (the booking) for a wedding: wed_1001 -> job_1001.
QString jobIdOf(const Wedding &w)
{
    return QStringLiteral("job_") + QString::fromLatin1(w.id).mid(4);
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

const QStringList kTimestamped = {QStringLiteral("stripe"), QStringLiteral("calendly"),
                                  QStringLiteral("honeybook"), QStringLiteral("studio_ninja"),
                                  QStringLiteral("paypal")};
const QStringList kJson = {
    QStringLiteral("stripe"), QStringLiteral("calendly"),   QStringLiteral("paypal"),
    QStringLiteral("zapier"), QStringLiteral("custom_crm"), QStringLiteral("booking_system"),
    QStringLiteral("tave"),   QStringLiteral("honeybook"),  QStringLiteral("studio_ninja")};
} // namespace

QString faultName(Fault fault)
{
    switch (fault) {
    case Fault::None:
        return QStringLiteral("valid");
    case Fault::BadSignature:
        return QStringLiteral("bad_signature");
    case Fault::Stale:
        return QStringLiteral("stale");
    case Fault::Malformed:
        return QStringLiteral("malformed");
    case Fault::Oversized:
        return QStringLiteral("oversized");
    case Fault::Duplicate:
        return QStringLiteral("duplicate");
    case Fault::WrongMediaType:
        return QStringLiteral("media_type");
    }
    return {};
}

WebhookFactory::WebhookFactory(SimulatorSecrets secrets, quint32 seed)
    : m_secrets(std::move(secrets))
    , m_rng(seed)
{}

QStringList WebhookFactory::sources()
{
    return {QStringLiteral("stripe"),         QStringLiteral("paypal"),         QStringLiteral("mailchimp"),
            QStringLiteral("calendly"),       QStringLiteral("zapier"),         QStringLiteral("custom_crm"),
            QStringLiteral("booking_system"), QStringLiteral("tave"),           QStringLiteral("honeybook"),
            QStringLiteral("studio_ninja"),   QStringLiteral("google_calendar")};
}

bool WebhookFactory::signsTimestamp(const QString &source)
{
    return kTimestamped.contains(source);
}

QByteArray WebhookFactory::randomId(int length)
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QByteArray out(length, Qt::Uninitialized);
    for (int i = 0; i < length; ++i)
        out[i] = alphabet[m_rng.bounded(62)];
    return out;
}

SimulatedRequest WebhookFactory::next(const QDateTime &now, double badShare)
{
    const QStringList all = sources();
    if (m_rng.generateDouble() >= badShare)
        return make(all.at(m_rng.bounded(int(all.size()))), Fault::None, now);
    const Fault fault = Fault(1 + m_rng.bounded(6));
    QString source;
    switch (fault) {
    case Fault::Stale:
        source = kTimestamped.at(m_rng.bounded(int(kTimestamped.size())));
        break;
    case Fault::Malformed:
    case Fault::Oversized:
    case Fault::WrongMediaType:
        source = kJson.at(m_rng.bounded(int(kJson.size())));
        break;
    default:
        source = all.at(m_rng.bounded(int(all.size())));
    }
    return make(source, fault, now);
}

SimulatedRequest WebhookFactory::make(const QString &source, Fault fault, const QDateTime &now)
{
    if (fault == Fault::Duplicate) {
        // A redelivery of an accepted webhook: same body (hence same event id), signed afresh as vendors do.
        if (!m_recent.isEmpty()) {
            SimulatedRequest r = m_recent.at(m_rng.bounded(int(m_recent.size())));
            sign(&r, now, false);
            r.fault = Fault::Duplicate;
            r.expectedStatus = 200;
            r.expectedCode = QStringLiteral("duplicate");
            return r;
        }
        fault = Fault::None; // nothing accepted yet to repeat
    }
    SimulatedRequest r;
    r.source = source;
    r.fault = fault;
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> extra;
    r.body = payload(source, now, &contentType, &extra);
    r.target = "/webhooks/" + source.toLatin1();
    if (!contentType.isEmpty())
        r.headers.append(H{"content-type", contentType});
    r.headers += extra;

    switch (fault) {
    case Fault::None:
    case Fault::Duplicate:
        sign(&r, now, false);
        r.expectedStatus = 200;
        break;
    case Fault::BadSignature:
        sign(&r, now, true);
        r.expectedStatus = 401;
        r.expectedCode = QStringLiteral("INVALID_SIGNATURE");
        break;
    case Fault::Stale:
        sign(&r, now.addSecs(-3600), false);
        r.expectedStatus = 401;
        r.expectedCode = signsTimestamp(source) ? QStringLiteral("TIMESTAMP_OUT_OF_TOLERANCE") : QString();
        if (!signsTimestamp(source))
            r.expectedStatus = 200;
        break;
    case Fault::Malformed:
        if (source == QLatin1String("mailchimp")) {
            r.body = "type=campaign&fired_at=yesterday&data[id]=";
            r.expectedStatus = 422;
            r.expectedCode = QStringLiteral("VALIDATION_FAILED");
        } else if (source == QLatin1String("google_calendar")) {
            r.headers.removeIf([](const auto &h) { return h.first == "x-goog-resource-state"; });
            r.headers.append(H{"x-goog-resource-state", "exploded"});
            r.expectedStatus = 422;
            r.expectedCode = QStringLiteral("VALIDATION_FAILED");
        } else {
            r.body.chop(r.body.size() / 2); // cut mid-document, as a crashed sender would
            r.expectedStatus = 400;
            r.expectedCode = QStringLiteral("INVALID_JSON");
        }
        sign(&r, now, false);
        break;
    case Fault::WrongMediaType:
        // A sender that forgot its content type: refused before anything reads the body.
        r.headers.removeIf([](const auto &h) { return h.first == "content-type"; });
        r.headers.append(H{"content-type", "text/plain; charset=utf-8"});
        sign(&r, now, false);
        r.expectedStatus = 415;
        r.expectedCode = QStringLiteral("UNSUPPORTED_MEDIA_TYPE");
        break;
    case Fault::Oversized: {
        QJsonObject o = QJsonDocument::fromJson(r.body).object();
        o.insert(QStringLiteral("padding"), QString(int(m_oversizedBytes), QLatin1Char('x')));
        r.body = compact(o);
        if (r.body.isEmpty() || source == QLatin1String("mailchimp") ||
            source == QLatin1String("google_calendar"))
            r.body = QByteArray(m_oversizedBytes, 'x');
        sign(&r, now, false);
        r.expectedStatus = 413;
        r.expectedCode = QStringLiteral("PAYLOAD_TOO_LARGE");
        break;
    }
    }
    if (fault == Fault::None) {
        m_recent.append(r);
        if (m_recent.size() > 200)
            m_recent.removeFirst();
    }
    return r;
}

void WebhookFactory::sign(SimulatedRequest *r, const QDateTime &signedAt, bool wrongKey)
{
    const qint64 t = signedAt.toSecsSinceEpoch();
    QByteArray secret = m_secrets.secrets.value(r->source);
    if (wrongKey)
        secret = r->source == QLatin1String("honeybook") || r->source == QLatin1String("studio_ninja")
                     ? randomStandardSecret(32)
                     : QByteArray("wrong-") + secret;
    r->headers.removeIf([](const auto &h) {
        return h.first == "stripe-signature" || h.first == "calendly-webhook-signature" ||
               h.first.startsWith("webhook-") || h.first == "x-webhook-signature" ||
               h.first.startsWith("paypal-") || h.first == "x-goog-channel-token";
    });
    const QString &s = r->source;
    if (s == QLatin1String("stripe")) {
        r->headers.append(
            {"stripe-signature", Ingress::Sources::TimestampedHmac::sign({secret}, t, r->body)});
    } else if (s == QLatin1String("calendly")) {
        r->headers.append(
            {"calendly-webhook-signature", Ingress::Sources::TimestampedHmac::sign({secret}, t, r->body)});
    } else if (s == QLatin1String("honeybook") || s == QLatin1String("studio_ninja")) {
        const QByteArray id = "msg_" + randomId(27);
        r->headers.append(H{"webhook-id", id});
        r->headers.append(H{"webhook-timestamp", QByteArray::number(t)});
        r->headers.append(
            {"webhook-signature", Ingress::Sources::StandardWebhooks::sign({secret}, id, t, r->body)});
    } else if (s == QLatin1String("paypal")) {
        const QByteArray tid = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        const QByteArray time = signedAt.toUTC().toString(Qt::ISODate).toLatin1();
        const QString webhookId = wrongKey ? QStringLiteral("WH-NOT-CONFIGURED") : m_secrets.paypalWebhookId;
        const QByteArray sig = Ingress::Sources::PayPalSignature::sign(
            m_secrets.paypal.privateKeyPem,
            Ingress::Sources::PayPalSignature::signString(tid, time, webhookId, r->body));
        r->headers.append(H{"paypal-transmission-id", tid});
        r->headers.append(H{"paypal-transmission-time", time});
        r->headers.append(H{"paypal-transmission-sig", sig});
        r->headers.append(H{"paypal-auth-algo", "SHA256withRSA"});
        r->headers.append(H{"paypal-cert-url",
                            "https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-"
                            "a5cafa77"});
    } else if (s == QLatin1String("mailchimp")) {
        r->target = "/webhooks/mailchimp?key=" + QUrl::toPercentEncoding(QString::fromLatin1(secret));
    } else if (s == QLatin1String("google_calendar")) {
        r->headers.append(H{"x-goog-channel-token", secret});
    } else {
        r->headers.append(
            {"x-webhook-signature", Ingress::Sources::GenericHmac::sign(secret, r->body, m_rng.bounded(2))});
    }
}

QByteArray WebhookFactory::payload(const QString &source, const QDateTime &now, QByteArray *contentType,
                                   QList<QPair<QByteArray, QByteArray>> *extra)
{
    const Wedding &w = kWeddings[m_rng.bounded(kWeddingCount)];
    const QString weddingId = QString::fromLatin1(w.id);
    const QString org = QString::fromLatin1(w.organization);
    const QDate date = QDate::fromString(QString::fromLatin1(w.date), Qt::ISODate);
    const double roll = m_rng.generateDouble();
    *contentType = "application/json";

    if (source == QLatin1String("stripe")) {
        extra->append(H{"user-agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)"});
        const QString type = roll < 0.5    ? QStringLiteral("payment_intent.succeeded")
                             : roll < 0.7  ? QStringLiteral("invoice.payment_succeeded")
                             : roll < 0.85 ? QStringLiteral("payment_intent.payment_failed")
                                           : QStringLiteral("customer.created");
        const QString customer = QStringLiteral("cus_") + QString::fromLatin1(randomId(14));
        // Our checkout records which booking (the CRM job) a payment is for.
        const QJsonObject metadata{
            {"wedding_id", weddingId}, {"organization_id", org}, {"booking_id", jobIdOf(w)}};
        const qint64 amount = 50000 + qint64(m_rng.bounded(40)) * 2500;
        QJsonObject object;
        if (type == QLatin1String("customer.created")) {
            object = {{"id", customer},
                      {"object", "customer"},
                      {"email", QString::fromLatin1(w.email)},
                      {"name", QString::fromLatin1(w.couple)},
                      {"created", now.toSecsSinceEpoch()},
                      {"metadata", QJsonObject{{"organization_id", org}}}};
        } else if (type == QLatin1String("invoice.payment_succeeded")) {
            object = {{"id", QStringLiteral("in_") + QString::fromLatin1(randomId(24))},
                      {"object", "invoice"},
                      {"amount_due", amount},
                      {"amount_paid", amount},
                      {"currency", "usd"},
                      {"customer", customer},
                      {"customer_email", QString::fromLatin1(w.email)},
                      {"payment_intent", QStringLiteral("pi_") + QString::fromLatin1(randomId(24))},
                      {"status", "paid"},
                      {"description", QStringLiteral("Balance, %1 at %2")
                                          .arg(QString::fromLatin1(w.couple), QString::fromLatin1(w.venue))},
                      {"metadata", metadata}};
        } else {
            const bool ok = type == QLatin1String("payment_intent.succeeded");
            object = {{"id", QStringLiteral("pi_") + QString::fromLatin1(randomId(24))},
                      {"object", "payment_intent"},
                      {"amount", amount},
                      {"amount_received", ok ? amount : 0},
                      {"currency", "usd"},
                      {"customer", customer},
                      {"capture_method", "automatic"},
                      {"receipt_email", QString::fromLatin1(w.email)},
                      {"description", QStringLiteral("Deposit, %1").arg(QString::fromLatin1(w.venue))},
                      {"status", ok ? "succeeded" : "requires_payment_method"},
                      {"metadata", metadata}};
            if (!ok)
                object.insert("last_payment_error",
                              QJsonObject{{"code", "card_declined"},
                                          {"decline_code", "insufficient_funds"},
                                          {"message", "Your card has insufficient funds."}});
        }
        return compact(
            {{"id", QStringLiteral("evt_") + QString::fromLatin1(randomId(24))},
             {"object", "event"},
             {"api_version", "2024-06-20"},
             {"created", now.toSecsSinceEpoch()},
             {"livemode", false},
             {"pending_webhooks", 1},
             {"request", QJsonObject{{"id", QStringLiteral("req_") + QString::fromLatin1(randomId(14))},
                                     {"idempotency_key", QJsonValue::Null}}},
             {"type", type},
             {"data", QJsonObject{{"object", object}}}});
    }
    if (source == QLatin1String("calendly")) {
        extra->append(H{"user-agent", "Calendly-Webhooks"});
        const bool cancel = roll < 0.2;
        const QString eventUuid = QString::fromLatin1(randomId(16)).toUpper();
        const QDateTime start(date.addDays(-30 - m_rng.bounded(60)), QTime(10 + m_rng.bounded(7), 0),
                              Qt::UTC);
        QJsonObject payload{
            {"uri", QStringLiteral("https://api.calendly.com/scheduled_events/%1/invitees/%2")
                        .arg(eventUuid, QString::fromLatin1(randomId(16)).toUpper())},
            {"email", QString::fromLatin1(w.email)},
            {"name", QString::fromLatin1(w.couple)},
            {"status", cancel ? "canceled" : "active"},
            {"timezone", "Europe/London"},
            {"created_at", iso(now.addSecs(-5))},
            {"cancel_url", "https://calendly.com/cancellations/AAAAAAAAAAAAAAAA"},
            {"reschedule_url", "https://calendly.com/reschedulings/AAAAAAAAAAAAAAAA"},
            {"scheduled_event",
             QJsonObject{
                 {"uri", QStringLiteral("https://api.calendly.com/scheduled_events/") + eventUuid},
                 {"name", QStringLiteral("Venue walkthrough, %1").arg(QString::fromLatin1(w.venue))},
                 {"start_time", iso(start)},
                 {"end_time", iso(start.addSecs(45 * 60))},
                 {"location", QJsonObject{{"type", "zoom"},
                                          {"join_url", QStringLiteral("https://zoom.us/j/9%1")
                                                           .arg(m_rng.bounded(100000000, 999999999))}}}}},
            {"tracking",
             QJsonObject{{"utm_source", "wedsync"}, {"utm_content", weddingId}, {"utm_campaign", org}}},
            {"questions_and_answers",
             QJsonArray{QJsonObject{
                 {"question", "Wedding date"}, {"answer", QString::fromLatin1(w.date)}, {"position", 0}}}}};
        if (cancel)
            payload.insert("cancellation", QJsonObject{{"canceled_by", QString::fromLatin1(w.couple)},
                                                       {"reason", "We found another date"},
                                                       {"canceler_type", "invitee"}});
        return compact({{"event", cancel ? "invitee.canceled" : "invitee.created"},
                        {"created_at", iso(now)},
                        {"created_by", "https://api.calendly.com/users/AAAAAAAAAAAAAAAA"},
                        {"payload", payload}});
    }
    if (source == QLatin1String("paypal")) {
        extra->append(H{"user-agent", "PayPal/AUHR-214.0-58402815"});
        const QString amount = QStringLiteral("%1.00").arg(250 + m_rng.bounded(40) * 50);
        const QString custom =
            QStringLiteral("wedding_id=%1;organization_id=%2;booking_id=%3").arg(weddingId, org, jobIdOf(w));
        if (roll < 0.2)
            return compact(
                {{"id", QStringLiteral("WH-") + QString::fromLatin1(randomId(17)).toUpper()},
                 {"event_version", "1.0"},
                 {"create_time", iso(now)},
                 {"resource_type", "sale"},
                 {"event_type", "PAYMENT.SALE.COMPLETED"},
                 {"summary", "Payment completed"},
                 {"resource", QJsonObject{{"id", QString::fromLatin1(randomId(17)).toUpper()},
                                          {"state", "completed"},
                                          {"amount", QJsonObject{{"total", amount}, {"currency", "USD"}}},
                                          {"parent_payment", QStringLiteral("PAYID-") +
                                                                 QString::fromLatin1(randomId(20)).toUpper()},
                                          {"custom", custom},
                                          {"create_time", iso(now.addSecs(-2))}}}});
        const bool denied = roll > 0.9;
        return compact(
            {{"id", QStringLiteral("WH-") + QString::fromLatin1(randomId(17)).toUpper()},
             {"event_version", "1.0"},
             {"create_time", iso(now)},
             {"resource_type", "capture"},
             {"resource_version", "2.0"},
             {"event_type", denied ? "PAYMENT.CAPTURE.DENIED" : "PAYMENT.CAPTURE.COMPLETED"},
             {"summary", denied ? "Payment denied" : "Payment completed"},
             {"resource",
              QJsonObject{{"id", QString::fromLatin1(randomId(17)).toUpper()},
                          {"status", denied ? "DECLINED" : "COMPLETED"},
                          {"amount", QJsonObject{{"value", amount}, {"currency_code", "USD"}}},
                          {"final_capture", true},
                          {"custom_id", custom},
                          {"invoice_id", QStringLiteral("INV-%1").arg(m_rng.bounded(10000, 99999))},
                          {"create_time", iso(now.addSecs(-2))}}}});
    }
    if (source == QLatin1String("mailchimp")) {
        *contentType = "application/x-www-form-urlencoded";
        extra->append(H{"user-agent", "MailChimp"});
        extra->append(H{"x-mailchimp-webhook", "1"});
        const QByteArray firedAt =
            QUrl::toPercentEncoding(now.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        const QByteArray list = "a6b5da1054";
        auto enc = [](const char *s) { return QUrl::toPercentEncoding(QString::fromUtf8(s)); };
        if (roll < 0.4)
            return "type=campaign&fired_at=" + firedAt + "&data[id]=" + randomId(10).toLower() +
                   "&data[subject]=" + enc("Your wedding countdown: final details") +
                   "&data[status]=sent&data[reason]=&data[list_id]=" + list;
        if (roll < 0.8)
            return "type=subscribe&fired_at=" + firedAt + "&data[id]=" + randomId(10).toLower() +
                   "&data[list_id]=" + list + "&data[email]=" + enc(w.email) +
                   "&data[email_type]=html&data[merges][EMAIL]=" + enc(w.email) +
                   "&data[merges][FNAME]=" + enc(QByteArray(w.couple).split(' ').first().constData()) +
                   "&data[merges][WEDDINGID]=" + w.id + "&data[merges][ORGID]=" + w.organization +
                   "&data[ip_opt]=10.20.10.30";
        return "type=cleaned&fired_at=" + firedAt + "&data[list_id]=" + list +
               "&data[campaign_id]=" + randomId(10).toLower() +
               "&data[reason]=hard&data[email]=" + enc(w.email);
    }
    if (source == QLatin1String("google_calendar")) {
        contentType->clear();
        extra->append(
            H{"user-agent", "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)"});
        const QString channel = QStringLiteral("chan-") + weddingId;
        const qint64 number = ++m_messageNumbers[channel];
        extra->append(
            H{"date", now.toUTC().toString(QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1()});
        extra->append(H{"x-goog-channel-id", channel.toLatin1()});
        extra->append(H{"x-goog-channel-expiration", now.addDays(7).toString(Qt::RFC2822Date).toLatin1()});
        extra->append(H{"x-goog-resource-id", "res-" + QByteArray(w.id)});
        extra->append(H{"x-goog-resource-uri",
                        "https://www.googleapis.com/calendar/v3/calendars/primary/events?alt=json"});
        extra->append(H{"x-goog-resource-state", number == 1 ? "sync" : "exists"});
        extra->append(H{"x-goog-message-number", QByteArray::number(number)});
        return {};
    }
    if (source == QLatin1String("zapier")) {
        extra->append(H{"user-agent", "Zapier"});
        const bool review = roll < 0.3;
        QJsonObject data = review
                               ? QJsonObject{{"rating", 4 + m_rng.bounded(2)},
                                             {"reviewer", QString::fromLatin1(w.couple)},
                                             {"text", "Wonderful day, everything ran on time."}}
                               : QJsonObject{{"form_id", "form_guest_details"},
                                             {"answers", QJsonObject{{"guest_count", w.guests},
                                                                     {"dietary", "2 vegan, 1 gluten-free"}}}};
        return compact({{"event_type", review ? "review.received" : "form.submitted"},
                        {"event_id", QStringLiteral("zap_") + QString::fromLatin1(randomId(20))},
                        {"timestamp", iso(now)},
                        {"data", data},
                        {"wedding_id", weddingId},
                        {"organization_id", org}});
    }
    // The CRMs and booking systems: job, timeline, guest-count and invoice updates.
    extra->append(H{"user-agent", QStringLiteral("%1-webhooks/2.1").arg(source).toLatin1()});
    if (source == QLatin1String("custom_crm"))
        extra->append(H{"x-custom-webhook", "1"});
    const QString jobId = jobIdOf(w);
    QString type;
    QJsonObject data{{"job_id", jobId},
                     {"venue", QString::fromLatin1(w.venue)},
                     {"event_date", QString::fromLatin1(w.date)}};
    if (roll < 0.2) {
        type = QStringLiteral("job.created");
        data.insert("package", "Full day coverage");
        data.insert("couple_name", QString::fromLatin1(w.couple));
        data.insert("couple_email", QString::fromLatin1(w.email));
    } else if (roll < 0.45) {
        type = QStringLiteral("job.updated");
        data.insert("status", "booked");
    } else if (roll < 0.7) {
        // The ceremony moves by an hour; the CRM sends the new schedule and what changed.
        type = QStringLiteral("timeline.updated");
        const int hour = 13 + m_rng.bounded(4);
        data.insert("timeline", QJsonObject{{"ceremony", QStringLiteral("%1:00").arg(hour)},
                                            {"reception", QStringLiteral("%1:30").arg(hour + 3)}});
        data.insert("change", QJsonObject{{"field", "ceremony_time"},
                                          {"from", QStringLiteral("%1:00").arg(hour - 1)},
                                          {"to", QStringLiteral("%1:00").arg(hour)}});
    } else if (roll < 0.85) {
        type = QStringLiteral("guest_count.updated");
        data = {{"guest_count", w.guests + m_rng.bounded(-10, 20)}, {"previous_guest_count", w.guests}};
    } else {
        type = QStringLiteral("invoice.paid");
        data = {{"job_id", jobId},
                {"amount", 100000 + m_rng.bounded(50) * 1000},
                {"currency", "usd"},
                {"invoice_id", QStringLiteral("inv_") + QString::fromLatin1(randomId(10))}};
    }
    QJsonObject o{{"type", type},
                  {"occurred_at", iso(now)},
                  {"wedding_id", weddingId},
                  {"organization_id", org},
                  {"data", data}};
    if (source == QLatin1String("tave"))
        o.insert("id", qint64(1000000 + m_rng.bounded(9000000))); // Tave numbers its events
    else
        o.insert("id", QStringLiteral("evt_") + QString::fromLatin1(randomId(20)));
    return compact(o);
}

} // namespace WedSync::Simulate
