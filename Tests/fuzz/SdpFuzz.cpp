// libFuzzer target: the SDP parser. Whatever it accepts, the writer must accept too, and the
// written text must parse back to the same description.

#include "FuzzCheck.h"

#include "net/Sdp.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace dragoman;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)parseSdpOrigin(text);
    (void)formatParameter(text, "useinbandfec");

    const auto parsed = parseSdp(text);
    if (!parsed)
    {
        FUZZ_CHECK(!parsed.error().text().empty());
        return 0;
    }
    const auto written = writeSdp(parsed.value());
    if (!written)
        std::fprintf(stderr, "writer refused: %s\n", written.error().c_str());
    FUZZ_CHECK(written.ok());
    const auto again = parseSdp(written.value());
    if (!again)
        std::fprintf(stderr, "written text refused: %s\n", again.error().text().c_str());
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again.value() == parsed.value());
    return 0;
}
