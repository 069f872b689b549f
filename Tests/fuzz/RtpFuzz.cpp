// libFuzzer target: the RTP parser, the writer that must give the same packet back, and the
// sequence and jitter arithmetic fed with hostile numbers.

#include "FuzzCheck.h"

#include "net/InterarrivalJitter.h"
#include "net/Rtp.h"
#include "net/RtpSequence.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

using namespace dragoman;

namespace
{

void roundTrip(std::span<const std::uint8_t> input)
{
    const auto parsed = parseRtp(input);
    if (!parsed)
    {
        FUZZ_CHECK(rtpErrorName(parsed.error()) != "unknown");
        return;
    }
    const RtpHeader& header = parsed->header;
    FUZZ_CHECK(header.size() + parsed->payload.size() + header.paddingSize == input.size());

    std::vector<std::uint8_t> out(input.size());
    const std::size_t n = writeRtpPacket(header, parsed->payload, out);
    FUZZ_CHECK(n == input.size());
    // Byte for byte, except padding octets before the count, which carry no meaning.
    const std::size_t meaningful = n - header.paddingSize;
    FUZZ_CHECK(std::memcmp(out.data(), input.data(), meaningful) == 0);
    FUZZ_CHECK(out[n - 1] == input[n - 1] || header.paddingSize == 0);

    const auto again = parseRtp(std::span(out).first(n));
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again->header == header);
    FUZZ_CHECK(std::ranges::equal(again->payload, parsed->payload));
}

// The input read as 16-bit sequence numbers and 32-bit timestamp pairs: the trackers must
// neither overflow (UBSan) nor break their own invariants.
void arithmetic(std::span<const std::uint8_t> input)
{
    SequenceTracker tracker(1 + (input.empty() ? 0 : input[0] % 3));
    for (std::size_t i = 0; i + 1 < input.size(); i += 2)
    {
        const auto seq = static_cast<std::uint16_t>(input[i] << 8 | input[i + 1]);
        const bool wasValid = tracker.valid();
        const std::uint32_t before = tracker.extendedHighest();
        const auto verdict = tracker.update(seq);
        if (wasValid && verdict == SequenceTracker::Verdict::valid)
        {
            // A counted packet either advances the extended highest to itself (a loss or the next
            // in order) or leaves it alone (late, duplicate): never moves it back.
            FUZZ_CHECK(tracker.extendedHighest() >= before);
            FUZZ_CHECK(tracker.extendedHighest() == before ||
                       static_cast<std::uint16_t>(tracker.extendedHighest()) == seq);
        }
        FUZZ_CHECK(tracker.takeFractionLost() <= 255);
        FUZZ_CHECK(tracker.cumulativeLostForReport() < (1 << 23));
    }
    InterarrivalJitter jitter;
    for (std::size_t i = 0; i + 7 < input.size(); i += 8)
    {
        std::uint32_t ts = 0;
        std::uint32_t arrival = 0;
        std::memcpy(&ts, input.data() + i, 4);
        std::memcpy(&arrival, input.data() + i + 4, 4);
        jitter.onPacket(ts, arrival);
    }
    (void)jitter.jitterSeconds(48000);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::uint8_t> input(data, size);
    roundTrip(input);
    arithmetic(input);
    return 0;
}
