// libFuzzer target for the ingress HTTP request parser: arbitrary bytes, fed whole and in pieces (the
// first byte picks the split size), with small limits so the 413/431 paths are reached too. Checks the
// parser's own invariants: it never consumes more than it was given, stops for good after a failure,
// and every complete request respects the limits.
#include "ingress/httprequestparser.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using WedSync::Ingress::HttpRequestParser;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const size_t step = 1 + data[0] % 64;
    ++data;
    --size;
    HttpRequestParser::Limits limits;
    limits.maxHeaderBytes = 2048;
    limits.maxBodyBytes = 4096;
    HttpRequestParser parser(limits);
    size_t offset = 0;
    while (offset < size) {
        const size_t n = std::min(step, size - offset);
        const qsizetype used = parser.feed(reinterpret_cast<const char *>(data + offset), qsizetype(n));
        if (used < 0 || size_t(used) > n)
            abort();
        if (parser.failure() != HttpRequestParser::Failure::None) {
            if (parser.feed("GET / HTTP/1.1\r\n\r\n", 18) != 0)
                abort(); // a failed parser accepts nothing more
            break;
        }
        offset += n;
        while (!parser.events().empty()) {
            const auto &ev = parser.events().front();
            if (ev.request.body.size() > limits.maxBodyBytes)
                abort();
            if (ev.kind == HttpRequestParser::Event::Kind::MessageComplete && ev.request.method.isEmpty())
                abort();
            parser.events().pop_front();
        }
    }
    return 0;
}
