// SourceReception and receiverReport(): the receiver report block's fields against a known
// packet sequence (loss per interval and in all, extended highest sequence across the wrap,
// jitter, LSR/DLSR), a new SSRC starting afresh, and the compound written and parsed back.

#include "receive/SourceReception.h"

#include "net/Rtcp.h"

#include <catch2/catch.hpp>

#include <array>

using namespace dragoman;
using namespace std::chrono_literals;

namespace
{

constexpr std::uint32_t kSsrc = 0x11223344;

// Packet `n` of a stream of 10 ms frames, arriving exactly on time (no jitter).
void feed(SourceReception& reception, std::uint16_t sequence, std::uint32_t n,
          std::uint32_t ssrc = kSsrc, Nanoseconds extraDelay = 0ns)
{
    reception.onRtp(ssrc, sequence, 1000 + n * 480,
                    Nanoseconds(1'000'000'000'000) + n * 10ms + extraDelay);
}

} // namespace

TEST_CASE("Report block: loss per interval and cumulative, highest sequence across the wrap",
          "[receive][rtcp]")
{
    SourceReception reception;
    CHECK_FALSE(reception.takeReportBlock(0ns)); // nothing heard yet
    // 65530..65535, then 0..9 with 2, 3, 4 and 5 missing. 65530 and 65531 are the probation
    // (RFC 3550 A.1): counting starts at 65531.
    std::uint32_t n = 0;
    for (std::uint16_t s = 65530; s != 10; ++s, ++n)
        if (s < 2 || s > 5)
            feed(reception, s, n);
    const auto first = reception.takeReportBlock(2s);
    REQUIRE(first);
    CHECK(first->ssrc == kSsrc);
    // Expected 65531..65535 and 0..9: 15 packets; 4 lost.
    CHECK(first->cumulativeLost == 4);
    CHECK(first->fractionLost == 4 * 256 / 15);
    CHECK(first->highestSequence == 65536u + 9);
    CHECK(first->jitter == 0); // every packet exactly 10 ms after the one before
    CHECK(first->lastSenderReport == 0);
    CHECK(first->delaySinceLastReport == 0);

    // The next interval loses nothing: fraction 0, cumulative unchanged.
    for (std::uint16_t s = 10; s < 20; ++s, ++n)
        feed(reception, s, n);
    const auto second = reception.takeReportBlock(4s);
    REQUIRE(second);
    CHECK(second->fractionLost == 0);
    CHECK(second->cumulativeLost == 4);
    CHECK(second->highestSequence == 65536u + 19);
}

TEST_CASE("Report block: jitter from late packets, LSR and DLSR from the last SR",
          "[receive][rtcp]")
{
    SourceReception reception;
    std::uint32_t n = 0;
    for (std::uint16_t s = 0; s < 4; ++s, ++n)
        feed(reception, s, n);
    // One packet 10 ms late (480 units): D = 480, J = 480/16 = 30 (A.8, rounded).
    feed(reception, 4, n++, kSsrc, 10ms);
    const NtpTime ntp = NtpTime::fromParts(0xe0001234, 0x56789abc);
    reception.onSenderReport(0x99999999, NtpTime::fromParts(1, 2), 3s); // another source: ignored
    reception.onSenderReport(kSsrc, ntp, 3s);
    const auto block = reception.takeReportBlock(3s + 500ms);
    REQUIRE(block);
    CHECK(block->jitter == 30);
    CHECK(block->lastSenderReport == 0x12345678u);
    CHECK(block->delaySinceLastReport == 32768); // 0.5 s in 1/65536 s
}

TEST_CASE("A new SSRC starts the statistics afresh", "[receive][rtcp]")
{
    SourceReception reception;
    // 0, 1 (probation), 2, then 4, 6, 8: expected 1..8, received 5.
    for (const std::uint16_t s : {0, 1, 2, 4, 6, 8})
        feed(reception, s, s);
    REQUIRE(reception.takeReportBlock(1s)->cumulativeLost == 3);
    for (std::uint16_t s = 500; s < 505; ++s)
        feed(reception, s, s, 0x55555555);
    const auto block = reception.takeReportBlock(2s);
    REQUIRE(block);
    CHECK(block->ssrc == 0x55555555);
    CHECK(block->cumulativeLost == 0);
    CHECK(block->highestSequence == 504);
    reception.reset();
    CHECK_FALSE(reception.hasSource());
    CHECK_FALSE(reception.takeReportBlock(3s));
}

TEST_CASE("receiverReport() writes RR + CNAME (+ BYE) that parse back", "[receive][rtcp]")
{
    ReportBlock block;
    block.ssrc = kSsrc;
    block.fractionLost = 25;
    block.cumulativeLost = 7;
    block.highestSequence = 70000;
    block.jitter = 48;
    block.lastSenderReport = 0x12345678;
    block.delaySinceLastReport = 65536;
    std::array<std::uint8_t, 256> out{};
    const std::size_t size = writeRtcp(receiverReport(0xfeed, "me@host", block, false), out);
    REQUIRE(size > 0);
    const auto parsed = parseRtcp(std::span<const std::uint8_t>(out.data(), size));
    REQUIRE(parsed);
    CHECK_FALSE(parsed->sender);
    CHECK(parsed->reporterSsrc == 0xfeed);
    REQUIRE(parsed->reports.size() == 1);
    CHECK(parsed->reports[0] == block);
    REQUIRE(parsed->cnames.size() == 1);
    CHECK(parsed->cnames[0].cname == "me@host");
    CHECK_FALSE(parsed->bye);

    const std::size_t byeSize =
        writeRtcp(receiverReport(0xfeed, "me@host", std::nullopt, true), out);
    const auto leaving = parseRtcp(std::span<const std::uint8_t>(out.data(), byeSize));
    REQUIRE(leaving);
    CHECK(leaving->reports.size() == 0);
    CHECK(leaving->bye);
    REQUIRE(leaving->byeSources.size() == 1);
    CHECK(leaving->byeSources[0] == 0xfeed);
}
