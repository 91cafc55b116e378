#include "weddinghandlers.h"

#include "routing/notifier.h"
#include "routing/rules.h"
#include "routing/sanitizer.h"
#include "routing/transforms.h"
#include "store/database.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <atomic>

static Q_LOGGING_CATEGORY(lcHandlers, "wedsync.processing.handlers", QtInfoMsg)

namespace WedSync::Processing {

using Delivery::Priority;
using Events::Event;
using Routing::Message;
using Routing::Notifier;
using Routing::Sanitizer::isEmail;
using Routing::Sanitizer::line;

namespace {

QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

Write sql(const QString &statement, const QVariantList &binds)
{
    return [statement, binds](QSqlDatabase &db, Error *error) {
        return execPrepared(db, statement, binds, error);
    };
}

QString str(const QJsonObject &d, std::initializer_list<const char *> keys,
            const QString &fallback = QString())
{
    for (const char *k : keys) {
        const QJsonValue v = d.value(QLatin1String(k));
        const QString s = v.isDouble() ? QString::number(qint64(v.toDouble())) : v.toString();
        if (!s.isEmpty())
            return s;
    }
    return fallback;
}

// An amount in minor units: an integer as Stripe and the CRMs send it, or a decimal string in major units as
// PayPal sends it ("300.00"). 0 when it is neither (or not positive).
qint64 minorUnits(const QJsonValue &v, const QString &currency)
{
    if (v.isDouble())
        return v.toDouble() >= 1 && v.toDouble() < 1e15 ? qint64(v.toDouble()) : 0;
    static const QRegularExpression decimal(QStringLiteral("^([0-9]{1,12})(?:\\.([0-9]{1,2}))?$"));
    const QRegularExpressionMatch m = decimal.match(v.toString());
    if (!m.hasMatch())
        return 0;
    // Currencies without minor units (ISO 4217 exponent 0) among those PayPal and Stripe take.
    static const QSet<QString> zeroDecimal{
        QStringLiteral("jpy"), QStringLiteral("krw"), QStringLiteral("huf"), QStringLiteral("twd"),
        QStringLiteral("clp"), QStringLiteral("vnd"), QStringLiteral("isk"), QStringLiteral("ugx"),
        QStringLiteral("xaf"), QStringLiteral("xof")};
    const qint64 major = m.captured(1).toLongLong();
    const QString fraction = m.captured(2);
    if (zeroDecimal.contains(currency))
        return fraction.isEmpty() || fraction.toInt() == 0 ? major : 0;
    return major * 100 + (fraction.isEmpty() ? 0 : fraction.leftJustified(2, QLatin1Char('0')).toInt());
}

bool invalid(Error *error, const QString &message)
{
    *error = Error::make(QString::fromLatin1(ErrorCode::ValidationFailed), message);
    return false;
}

// A channel that is not configured is skipped (once logged): a fresh install has no Slack or mail API
// yet.
void notConfigured(const Error &e)
{
    static std::atomic<int> logged{0};
    if (logged.fetch_add(1) < 5)
        qCWarning(lcHandlers).noquote() << "notification not sent:" << e.message;
}

Priority priorityOf(const QJsonObject &d, Priority fallback)
{
    return Routing::priorityFromName(d.value(QStringLiteral("priority")).toString()).value_or(fallback);
}

// Adds the delivery, or handles the failure: not configured -> skipped; anything else fails the handler.
bool addOrFail(HandlerOutput &out, std::optional<Delivery::DeliveryRequest> r, const Error &e,
               const Event &event, Error *error)
{
    if (r) {
        r->weddingId = event.weddingId;
        r->correlationId = event.correlationId;
        out.deliveries.append(*r);
        return true;
    }
    if (e.code == QLatin1String("NOTIFY_NOT_CONFIGURED")) {
        notConfigured(e);
        return true;
    }
    *error = e;
    return false;
}

// --- the five chains
// ---------------------------------------------------------------------------------------

bool bookingCreated(HandlerContext &ctx, Error *error)
{
    const Event &ev = ctx.event.event;
    const QJsonObject &d = ev.data;
    // A photography CRM's job is the booking; a Calendly booking is its invitee (which its cancellation
    // names too).
    const QString bookingId = str(d, {"booking_id", "job_id", "invitee_uri"}, ev.id);
    const QString supplierId = str(d, {"supplier_id"}, ev.organizationId);
    const QString email = str(d, {"couple_email", "attendee_email", "email"});
    const QString name = line(str(d, {"couple_name", "attendee_name", "name"}));
    QDateTime start = Event::parseTime(str(d, {"start", "start_time", "meeting_time"}));
    QDateTime end = Event::parseTime(str(d, {"end", "end_time"}));
    if (!start.isValid()) {
        // A CRM job books the wedding day itself: an all-day block on data.event_date.
        const QDate day = QDate::fromString(str(d, {"event_date"}), Qt::ISODate);
        if (day.isValid()) {
            start = QDateTime(day, QTime(0, 0), Qt::UTC);
            if (!end.isValid())
                end = start.addDays(1);
        }
    }
    if (supplierId.isEmpty())
        return invalid(
            error, QStringLiteral("booking.created needs data.supplier_id (or the event's organization_id)"));
    if (!isEmail(email))
        return invalid(error,
                       QStringLiteral("booking.created needs the couple's email in data.couple_email"));
    if (!start.isValid())
        return invalid(error, QStringLiteral("booking.created needs data.start as an ISO 8601 time with an "
                                             "offset (or data.event_date for an all-day booking)"));
    if (!end.isValid()) {
        const int minutes =
            d.value(QStringLiteral("duration_minutes")).toInt(d.value(QStringLiteral("duration")).toInt(60));
        end = start.addSecs(qint64(std::clamp(minutes, 1, 7 * 24 * 60)) * 60);
    }
    if (end <= start)
        return invalid(error, QStringLiteral("booking.created: data.end must be after data.start"));
    const QJsonObject vars{{QStringLiteral("booking_id"), line(bookingId)},
                           {QStringLiteral("couple_name"), name},
                           {QStringLiteral("supplier_name"), line(str(d, {"supplier_name"}))},
                           {QStringLiteral("venue"), line(str(d, {"venue"}))},
                           {QStringLiteral("start"), Event::formatTime(start)},
                           {QStringLiteral("end"), Event::formatTime(end)}};
    ctx.output.derive(QStringLiteral("email.send"),
                      {{QStringLiteral("template"), QStringLiteral("booking_confirmation")},
                       {QStringLiteral("to"), QJsonArray{email}},
                       {QStringLiteral("vars"), vars}});
    QJsonObject notify{{QStringLiteral("template"), QStringLiteral("new_booking")},
                       {QStringLiteral("supplier_id"), supplierId},
                       {QStringLiteral("vars"), vars}};
    if (const QString phone = str(d, {"supplier_phone"}); !phone.isEmpty())
        notify.insert(QStringLiteral("supplier_phone"), phone);
    ctx.output.derive(QStringLiteral("notification.send"), notify);
    ctx.output.derive(QStringLiteral("calendar.block"), {{QStringLiteral("supplier_id"), supplierId},
                                                         {QStringLiteral("start"), Event::formatTime(start)},
                                                         {QStringLiteral("end"), Event::formatTime(end)},
                                                         {QStringLiteral("booking_id"), bookingId}});
    // Whichever of booking.created and payment.received comes first creates the row; neither undoes the
    // other.
    ctx.output.writes.append(
        sql(QStringLiteral(
                "INSERT INTO bookings (booking_id, supplier_id, couple_email, couple_name, wedding_id, "
                "start_at, "
                "end_at, status, created_seq, updated_at) VALUES (?,?,?,?,?,?,?,'confirmed',?,?) "
                "ON CONFLICT (booking_id) DO UPDATE SET supplier_id = excluded.supplier_id, "
                "couple_email = excluded.couple_email, couple_name = excluded.couple_name, "
                "wedding_id = excluded.wedding_id, start_at = excluded.start_at, end_at = excluded.end_at, "
                "created_seq = excluded.created_seq, updated_at = excluded.updated_at"),
            {bookingId, supplierId, email, nullable(name), nullable(ev.weddingId), start.toMSecsSinceEpoch(),
             end.toMSecsSinceEpoch(), ctx.event.seq, QDateTime::currentMSecsSinceEpoch()}));
    return true;
}

bool bookingCancelled(HandlerContext &ctx, Error *error)
{
    const Event &ev = ctx.event.event;
    const QJsonObject &d = ev.data;
    const QString bookingId = str(d, {"booking_id", "invitee_uri", "uri"});
    if (bookingId.isEmpty())
        return invalid(error, QStringLiteral("booking.cancelled needs data.booking_id"));
    const QJsonValue refund = d.value(QStringLiteral("refund_amount"));
    if (!refund.isUndefined() && !refund.isNull() && !refund.isDouble())
        return invalid(
            error, QStringLiteral("booking.cancelled: data.refund_amount must be a number (minor units)"));
    const qint64 amount = qint64(refund.toDouble(0));
    if (amount < 0)
        return invalid(error, QStringLiteral("booking.cancelled: data.refund_amount cannot be negative"));
    const QString supplierId = str(d, {"supplier_id"}, ev.organizationId);
    if (amount > 0) {
        ctx.output.derive(
            QStringLiteral("payment.refund"),
            {{QStringLiteral("booking_id"), bookingId},
             {QStringLiteral("amount"), amount},
             {QStringLiteral("currency"), line(str(d, {"currency"}, QStringLiteral("gbp")), 3).toLower()},
             {QStringLiteral("reason"), line(str(d, {"reason"}, QStringLiteral("booking cancelled")))}});
    }
    ctx.output.derive(QStringLiteral("calendar.unblock"), {{QStringLiteral("supplier_id"), supplierId},
                                                           {QStringLiteral("booking_id"), bookingId}});
    ctx.output.writes.append(sql(QStringLiteral("INSERT INTO bookings (booking_id, supplier_id, status, "
                                                "updated_at) VALUES (?,?,'cancelled',?) "
                                                "ON CONFLICT (booking_id) DO UPDATE SET status = "
                                                "'cancelled', updated_at = excluded.updated_at"),
                                 {bookingId, nullable(supplierId), QDateTime::currentMSecsSinceEpoch()}));
    return true;
}

bool paymentReceived(HandlerContext &ctx, Error *error)
{
    const Event &ev = ctx.event.event;
    const QJsonObject &d = ev.data;
    const QString bookingId =
        str(d, {"booking_id", "job_id"}, str(d.value(QStringLiteral("metadata")).toObject(), {"booking_id"}));
    if (bookingId.isEmpty())
        return invalid(error, QStringLiteral("payment.received needs data.booking_id (or "
                                             "data.metadata.booking_id, or a CRM's data.job_id)"));
    const QString currency = line(str(d, {"currency"}, QStringLiteral("gbp")), 3).toLower();
    const qint64 amount = minorUnits(d.value(QStringLiteral("amount")), currency);
    if (amount <= 0)
        return invalid(error, QStringLiteral("payment.received needs a positive data.amount (minor units, or "
                                             "a decimal string such as \"300.00\" as PayPal sends)"));
    QDateTime paidAt = Event::parseTime(str(d, {"paid_at"}));
    if (!paidAt.isValid())
        paidAt = ev.timestamp;
    const QString key = ev.source + QLatin1Char(':') + ev.id;
    ctx.output.writes.append(
        sql(QStringLiteral("INSERT INTO payments (payment_key, booking_id, amount, currency, "
                           "received_at, event_seq) VALUES (?,?,?,?,?,?) "
                           "ON CONFLICT (event_seq) DO NOTHING"),
            {key, bookingId, amount, currency, paidAt.toMSecsSinceEpoch(), ctx.event.seq}));
    ctx.output.writes.append(
        sql(QStringLiteral(
                "INSERT INTO bookings (booking_id, status, paid_amount, currency, paid_at, updated_at) "
                "VALUES (?, 'paid', ?, ?, ?, ?) ON CONFLICT (booking_id) DO UPDATE SET status = 'paid', "
                "paid_amount = (SELECT SUM(amount) FROM payments WHERE payments.booking_id = "
                "excluded.booking_id), "
                "currency = excluded.currency, paid_at = excluded.paid_at, updated_at = excluded.updated_at"),
            {bookingId, amount, currency, paidAt.toMSecsSinceEpoch(), QDateTime::currentMSecsSinceEpoch()}));
    QJsonObject email{
        {QStringLiteral("template"), QStringLiteral("payment_receipt")},
        {QStringLiteral("vars"),
         QJsonObject{{QStringLiteral("booking_id"), line(bookingId)},
                     {QStringLiteral("amount"), amount},
                     {QStringLiteral("currency"), currency},
                     {QStringLiteral("paid_at"), Event::formatTime(paidAt)},
                     {QStringLiteral("couple_name"), line(str(d, {"couple_name", "customer_name"}))}}}};
    // No address in the payment: the email.send handler takes the couple's from the booking.
    const QString to = str(d, {"couple_email", "receipt_email", "customer_email", "email"});
    email.insert(QStringLiteral("to"), isEmail(to) ? QJsonArray{to} : QJsonArray{});
    ctx.output.derive(QStringLiteral("email.send"), email);
    return true;
}

bool formSubmitted(HandlerContext &ctx, Error *error)
{
    const Event &ev = ctx.event.event;
    const QJsonObject &d = ev.data;
    const QString formId = str(d, {"form_id"});
    if (formId.isEmpty())
        return invalid(error, QStringLiteral("form.submitted needs data.form_id"));
    const QJsonValue answers = d.value(QStringLiteral("answers"));
    if (!answers.isUndefined() && !answers.isObject() && !answers.isArray())
        return invalid(error, QStringLiteral("form.submitted: data.answers must be an object or an array"));
    const QString respondent = str(d, {"respondent_email", "email"});
    if (!respondent.isEmpty() && !isEmail(respondent))
        return invalid(error,
                       QStringLiteral("form.submitted: data.respondent_email is not an email address"));
    const QJsonValue cleanAnswers =
        Routing::Sanitizer::clean(answers.isUndefined() ? QJsonValue(QJsonObject()) : answers);
    const int count =
        cleanAnswers.isArray() ? int(cleanAnswers.toArray().size()) : int(cleanAnswers.toObject().size());
    const QString supplierId = str(d, {"supplier_id"}, ev.organizationId);
    ctx.output.writes.append(
        sql(QStringLiteral("INSERT INTO form_submissions (submission_key, form_id, supplier_id, couple_id, "
                           "respondent_email, "
                           "answers, submitted_at, event_seq) VALUES (?,?,?,?,?,?,?,?) "
                           "ON CONFLICT (event_seq) DO NOTHING"),
            {ev.source + QLatin1Char(':') + ev.id, formId, nullable(supplierId),
             nullable(str(d, {"couple_id"})), nullable(respondent),
             QString::fromUtf8(cleanAnswers.isArray()
                                   ? QJsonDocument(cleanAnswers.toArray()).toJson(QJsonDocument::Compact)
                                   : QJsonDocument(cleanAnswers.toObject()).toJson(QJsonDocument::Compact)),
             ev.timestamp.toMSecsSinceEpoch(), ctx.event.seq}));
    QJsonObject notify{{QStringLiteral("template"), QStringLiteral("form_submitted")},
                       {QStringLiteral("supplier_id"), supplierId},
                       {QStringLiteral("vars"),
                        QJsonObject{{QStringLiteral("form_id"), line(formId)},
                                    {QStringLiteral("form_name"), line(str(d, {"form_name"}))},
                                    {QStringLiteral("respondent_name"), line(str(d, {"respondent_name"}))},
                                    {QStringLiteral("respondent_email"), respondent},
                                    {QStringLiteral("answer_count"), count}}}};
    if (const QString phone = str(d, {"supplier_phone"}); !phone.isEmpty())
        notify.insert(QStringLiteral("supplier_phone"), phone);
    ctx.output.derive(QStringLiteral("notification.send"), notify);
    return true;
}

bool vendorConnected(HandlerContext &ctx, Error *error)
{
    const Event &ev = ctx.event.event;
    const QJsonObject &d = ev.data;
    // A Google Calendar push channel is created per vendor calendar, so its id names the connection.
    const QString vendorId =
        str(d, {"vendor_id", "supplier_id", "customer_id", "customer", "channel_id"}, ev.organizationId);
    if (vendorId.isEmpty())
        return invalid(error, QStringLiteral("vendor.connected needs data.vendor_id"));
    const QString vendorType = line(str(d, {"vendor_type"}, QStringLiteral("other")), 40);
    ctx.output.derive(QStringLiteral("integration.sync"),
                      {{QStringLiteral("vendor_id"), vendorId},
                       {QStringLiteral("vendor_type"), vendorType},
                       {QStringLiteral("mode"), QStringLiteral("initial")},
                       {QStringLiteral("source"), ev.source}});
    const QString email = str(d, {"vendor_email", "email"});
    if (!isEmail(email)) {
        ctx.output.problems.append(
            Error::make(QString::fromLatin1(ErrorCode::ValidationFailed),
                        QStringLiteral("vendor.connected has no email address in "
                                       "data.vendor_email: no welcome email was sent"),
                        QJsonObject{{QStringLiteral("rule"), QStringLiteral("vendor_welcome")}}));
        return true;
    }
    ctx.output.derive(QStringLiteral("email.send"),
                      {{QStringLiteral("template"), QStringLiteral("vendor_welcome")},
                       {QStringLiteral("to"), QJsonArray{email}},
                       {QStringLiteral("vars"),
                        QJsonObject{{QStringLiteral("vendor_name"), line(str(d, {"vendor_name", "name"}))},
                                    {QStringLiteral("vendor_type"), vendorType}}}});
    return true;
}

// --- notifications
// ------------------------------------------------------------------------------------------

bool emailSend(const Notifier *notifier, HandlerContext &ctx, Error *error)
{
    const Event &ev = ctx.event.event;
    const QJsonObject &d = ev.data;
    const QString templ = d.value(QStringLiteral("template")).toString();
    const QJsonObject vars = d.value(QStringLiteral("vars")).toObject();
    QStringList to;
    for (const QJsonValue &v : d.value(QStringLiteral("to")).toArray())
        to.append(v.toString());
    if (to.isEmpty() && !vars.value(QStringLiteral("booking_id")).toString().isEmpty()) {
        QSqlQuery q(ctx.db);
        q.prepare(QStringLiteral("SELECT couple_email FROM bookings WHERE booking_id = ?"));
        q.addBindValue(vars.value(QStringLiteral("booking_id")).toString());
        if (!q.exec()) {
            *error = Store::Database::toError(q.lastError(), QStringLiteral("looking up the couple's email"));
            return false;
        }
        if (q.next() && !q.value(0).toString().isEmpty())
            to.append(q.value(0).toString());
    }
    if (to.isEmpty())
        return invalid(
            error,
            QStringLiteral("email.send has no recipient: the event names none and no booking gives one"));
    Error e;
    if (!notifier->configured(Delivery::TargetKind::Email, QString(), &e)) {
        if (!Notifier::templateNames().contains(templ)) {
            Notifier::render(templ, vars, error); // the unknown-template error, as when configured
            return false;
        }
        notConfigured(e);
        return true; // nothing rendered for a channel that cannot send
    }
    const auto message = Notifier::render(templ, vars, &e);
    if (!message) {
        *error = e;
        return false;
    }
    auto r =
        notifier->email(ctx.event.seq, ev.type, to, *message, priorityOf(d, Priority::Normal), templ, &e);
    return addOrFail(ctx.output, r, e, ev, error);
}

bool notificationSend(const Notifier *notifier, HandlerContext &ctx, Error *error)
{
    const Event &ev = ctx.event.event;
    const QJsonObject &d = ev.data;
    const QString templ = d.value(QStringLiteral("template")).toString();
    Error e;
    const QString phone = d.value(QStringLiteral("supplier_phone")).toString();
    if (!notifier->configured(Delivery::TargetKind::Slack, Routing::Targets::slack, &e) &&
        (phone.isEmpty() || !notifier->configured(Delivery::TargetKind::WhatsApp)) &&
        Notifier::templateNames().contains(templ)) {
        // Neither channel can send: skipped as the delivery requests would be, without rendering.
        notConfigured(e);
        return true;
    }
    const auto message = Notifier::render(templ, d.value(QStringLiteral("vars")).toObject(), &e);
    if (!message) {
        *error = e;
        return false;
    }
    const Priority priority = priorityOf(d, Priority::Normal);
    auto slack = notifier->slack(ctx.event.seq, ev.type, Routing::Targets::slack,
                                 Routing::Sanitizer::slack(message->text), priority, templ, &e);
    if (!addOrFail(ctx.output, slack, e, ev, error))
        return false;
    if (!phone.isEmpty()) {
        auto wa = notifier->whatsapp(ctx.event.seq, ev.type, phone, message->text, priority, templ, &e);
        if (!addOrFail(ctx.output, wa, e, ev, error))
            return false;
    }
    return true;
}

bool guestCountAlert(const Notifier *notifier, HandlerContext &ctx, Error *error)
{
    const Event &ev = ctx.event.event;
    const QJsonObject &d = ev.data;
    Error e;
    const Message alert = *Notifier::render(QStringLiteral("guest_count_alert"), d);
    const Message note = *Notifier::render(QStringLiteral("catering_note"), d);
    const Priority priority =
        d.value(QStringLiteral("exceeded")).toBool() ? Priority::High : Priority::Normal;
    auto mail = notifier->email(ctx.event.seq, ev.type, {d.value(QStringLiteral("couple_email")).toString()},
                                alert, priority, QStringLiteral("guest_count_alert"), &e);
    if (!addOrFail(ctx.output, mail, e, ev, error))
        return false;
    auto slack =
        notifier->slack(ctx.event.seq, ev.type, Routing::Targets::slackCatering,
                        Routing::Sanitizer::slack(note.text), priority, QStringLiteral("catering_note"), &e);
    return addOrFail(ctx.output, slack, e, ev, error);
}

// Fans out at once, all urgent: WhatsApp to every contact, Slack with @channel, email to every contact.
bool emergencyEscalated(const Notifier *notifier, HandlerContext &ctx, Error *error)
{
    const Event &ev = ctx.event.event;
    const QJsonObject &d = ev.data;
    const Message m = *Notifier::render(QStringLiteral("emergency"), d);
    const QJsonObject contacts = d.value(QStringLiteral("contacts")).toObject();
    Error e;
    auto slack = notifier->slack(ctx.event.seq, ev.type, Routing::Targets::slack,
                                 QStringLiteral("<!channel> ") + Routing::Sanitizer::slack(m.text),
                                 Priority::Urgent, QStringLiteral("emergency"), &e);
    if (!addOrFail(ctx.output, slack, e, ev, error))
        return false;
    // One message per configured phone. The first keeps the channel's delivery id; every further contact
    // gets an id of its own (same event + phone -> same id), so re-processing stays idempotent.
    QStringList phones;
    for (const QJsonValue &v : contacts.value(QStringLiteral("whatsapp")).toArray())
        if (!v.toString().isEmpty() && !phones.contains(v.toString()))
            phones.append(v.toString());
    for (qsizetype i = 0; i < phones.size(); ++i) {
        auto wa = notifier->whatsapp(ctx.event.seq, ev.type, phones.at(i), m.text, Priority::Urgent,
                                     QStringLiteral("emergency"), &e);
        if (wa && i > 0)
            wa->id = Delivery::makeDeliveryId(ctx.event.seq, wa->target + QLatin1Char(':') + phones.at(i));
        if (!addOrFail(ctx.output, wa, e, ev, error))
            return false;
    }
    QStringList emails;
    for (const QJsonValue &v : contacts.value(QStringLiteral("email")).toArray())
        emails.append(v.toString());
    if (!emails.isEmpty()) {
        auto mail = notifier->email(ctx.event.seq, ev.type, emails, m, Priority::Urgent,
                                    QStringLiteral("emergency"), &e);
        if (!addOrFail(ctx.output, mail, e, ev, error))
            return false;
    }
    return true;
}

} // namespace

void registerWeddingHandlers(HandlerRegistry &registry, const Notifier *notifier,
                             std::function<std::shared_ptr<const Routing::RuleSet>()> rules)
{
    namespace P = HandlerPriority;
    registry.add(
        {QStringLiteral("booking.created"), QStringLiteral("booking.created"), P::Booking, bookingCreated});
    registry.add({QStringLiteral("booking.cancelled"), QStringLiteral("booking.cancelled"), P::Booking,
                  bookingCancelled});
    registry.add({QStringLiteral("payment.received"), QStringLiteral("payment.received"), P::Payment,
                  paymentReceived});
    registry.add(
        {QStringLiteral("form.submitted"), QStringLiteral("form.submitted"), P::Form, formSubmitted});
    registry.add(
        {QStringLiteral("vendor.connected"), QStringLiteral("vendor.connected"), P::Vendor, vendorConnected});

    registry.add({QStringLiteral("transform.timeline"), QStringLiteral("timeline.changed"), P::Transform,
                  [](HandlerContext &ctx, Error *error) {
                      auto data = Routing::Transforms::timelineToCrmJob(ctx.event.event, error);
                      if (!data)
                          return false;
                      ctx.output.derive(QStringLiteral("crm.job.updated"), *data);
                      return true;
                  }});
    registry.add({QStringLiteral("transform.capacity"), QStringLiteral("venue.capacity_changed"),
                  P::Transform, [](HandlerContext &ctx, Error *error) {
                      auto data = Routing::Transforms::capacityToGuestAlert(ctx.event.event, error);
                      if (!data)
                          return false;
                      ctx.output.derive(QStringLiteral("guest_count.alert"), *data);
                      return true;
                  }});
    registry.add({QStringLiteral("transform.emergency"), QStringLiteral("*"), P::Emergency,
                  [](HandlerContext &ctx, Error *error) {
                      const Event &ev = ctx.event.event;
                      if (Event::derivedTypes().contains(ev.type))
                          return true;
                      Error e;
                      auto data = Routing::Transforms::escalateEmergency(ev, &e);
                      if (e) {
                          *error = e;
                          return false;
                      }
                      if (data)
                          ctx.output.derive(QStringLiteral("emergency.escalated"), *data);
                      return true;
                  }});

    registry.add({QStringLiteral("notify.email"), QStringLiteral("email.send"), P::Notification,
                  [notifier](HandlerContext &ctx, Error *error) { return emailSend(notifier, ctx, error); }});
    registry.add(
        {QStringLiteral("notify.supplier"), QStringLiteral("notification.send"), P::Notification,
         [notifier](HandlerContext &ctx, Error *error) { return notificationSend(notifier, ctx, error); }});
    registry.add(
        {QStringLiteral("notify.guest_count"), QStringLiteral("guest_count.alert"), P::Notification,
         [notifier](HandlerContext &ctx, Error *error) { return guestCountAlert(notifier, ctx, error); }});
    registry.add(
        {QStringLiteral("notify.emergency"), QStringLiteral("emergency.escalated"), P::Notification,
         [notifier](HandlerContext &ctx, Error *error) { return emergencyEscalated(notifier, ctx, error); }});

    registry.add({QStringLiteral("routing"), QStringLiteral("*"), P::Routing,
                  [rules, notifier](HandlerContext &ctx, Error *) {
                      const auto set = rules();
                      if (!set || set->size() == 0)
                          return true;
                      auto routed = set->route(ctx.event, *notifier);
                      ctx.output.deliveries += routed.deliveries;
                      ctx.output.problems += routed.errors;
                      return true;
                  }});
}

} // namespace WedSync::Processing
