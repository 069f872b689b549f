// libFuzzer target: the RTCP compound parser; whatever it accepts, the writer must write and
// the parser read back as the same compound (less the packets it skips).

#include "FuzzCheck.h"

#include "net/Rtcp.h"

#include <cstddef>
#include <cstdint>
#include <vector>

using namespace dragoman;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto parsed = parseRtcp({data, size});
    if (!parsed)
    {
        FUZZ_CHECK(rtcpErrorName(parsed.error()) != "unknown");
        return 0;
    }
    RtcpCompound compound = parsed.value();
    compound.skippedPackets = 0;

    std::vector<std::uint8_t> out(rtcpSize(compound));
    const std::size_t n = writeRtcp(compound, out);
    FUZZ_CHECK(n == out.size());
    FUZZ_CHECK(n % 4 == 0);
    const auto again = parseRtcp(out);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again.value() == compound);

    for (const auto& block : compound.reports)
        if (const auto rtt =
                roundTripTime(compound.sender ? compound.sender->ntp : NtpTime{}, block))
            FUZZ_CHECK(rtt->count() >= 0);
    if (compound.sender)
        (void)compound.sender->ntp.toSystemClock();
    return 0;
}
