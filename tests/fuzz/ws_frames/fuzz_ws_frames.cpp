// libFuzzer target for the node protocol's frame decoder: any bytes a client may send. A frame that
// decodes must re-encode to a frame that decodes to the same thing; a frame that does not must come
// with a stable error code and a message. Filters of decoded subscriptions are run against an event.
#include "node/protocol.h"
#include "node/topic.h"

#include <QJsonDocument>
#include <cstdlib>

using namespace WedSync;
using namespace WedSync::Node;

static void check(bool ok)
{
    if (!ok)
        std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    Error error;
    const auto frame = decodeClientFrame(text, 64 * 1024, &error);
    if (!frame) {
        check(error.code == QLatin1String(NodeError::BadFrame) ||
              error.code == QLatin1String(NodeError::FrameTooLarge));
        check(!error.message.isEmpty());
        // The error answer itself must be valid JSON.
        check(QJsonDocument::fromJson(encodeError(error.details.value(QLatin1String("id")).toString(), error))
                  .isObject());
        return 0;
    }
    QByteArray again;
    switch (frame->type) {
    case ClientFrame::Type::Subscribe:
        again = encodeSubscribe(frame->topics, frame->filter, frame->since, frame->id);
        break;
    case ClientFrame::Type::Unsubscribe:
        again = encodeUnsubscribe(frame->topics, frame->id);
        break;
    case ClientFrame::Type::Query:
    case ClientFrame::Type::Command:
        again = encodeRequest(frame->type == ClientFrame::Type::Command, frame->id, frame->name, frame->args);
        break;
    }
    Error error2;
    const auto round = decodeClientFrame(again, 0, &error2);
    check(bool(round));
    check(round->type == frame->type);
    check(round->id == frame->id);
    check(round->name == frame->name);
    check(round->topics == frame->topics);
    check(round->since == frame->since);
    check(round->filter == frame->filter);
    check(round->args == frame->args);
    if (frame->type == ClientFrame::Type::Subscribe) {
        // Filters run against a typical event must not crash, whatever their shape.
        static const QJsonObject event =
            QJsonDocument::fromJson(
                R"({"event_type":"booking.created","event_id":"e1","source":"calendly","wedding_id":"wed_1",)"
                R"("data":{"channels":["supplier:dashboard:42"],"attendee":"Ana"}})")
                .object();
        for (auto it = frame->filter.begin(); it != frame->filter.end(); ++it) {
            if (it.key() == u"text")
                Topic::textMatches(it.value().toString(), event);
            else
                Topic::valueMatches(it.value(), event.value(it.key()));
        }
    }
    return 0;
}
