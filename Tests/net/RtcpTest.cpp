#include "Bytes.h"

#include "net/Rtcp.h"

#include <catch2/catch.hpp>

#include <array>
#include <string>

using namespace dragoman;
using dragoman::test::hexBytes;

namespace
{

// SR + SDES CNAME, then SR + SDES + BYE, as `ffmpeg -f rtp -rtpflags send_bye -cname
// ffmpeg-cname` sent them.
const char* ffmpegFirst = "80c8 0006 1234 5678 eeb5 3672 5e76 c8b4 44b0 3997 0000 0000 0000 0000"
                          "81ca 0005 1234 5678 010c 6666 6d70 6567 2d63 6e61 6d65 0000";
const char* ffmpegLast = "80c8 0006 1234 5678 eeb5 3675 5eb8 51eb 44b2 6c47 0000 0097 0000 527e"
                         "81ca 0005 1234 5678 010c 6666 6d70 6567 2d63 6e61 6d65 0000"
                         "81cb 0001 1234 5678";

RtcpError errorOf(std::string_view hex)
{
    const auto bytes = hexBytes(hex);
    const auto parsed = parseRtcp(bytes);
    REQUIRE_FALSE(parsed.ok());
    return parsed.error();
}

} // namespace

TEST_CASE("RTCP: ffmpeg's sender reports, CNAME and BYE", "[net][rtcp]")
{
    const auto first = hexBytes(ffmpegFirst);
    const auto parsed = parseRtcp(first);
    REQUIRE(parsed.ok());
    CHECK(parsed->reporterSsrc == 0x12345678);
    REQUIRE(parsed->sender);
    CHECK(parsed->sender->ntp == NtpTime::fromParts(0xeeb53672u, 0x5e76c8b4u));
    CHECK(parsed->sender->rtpTimestamp == 0x44b03997);
    CHECK(parsed->sender->packetCount == 0);
    CHECK(parsed->reports.empty());
    REQUIRE(parsed->cnames.size() == 1);
    CHECK(parsed->cnames[0].ssrc == 0x12345678);
    CHECK(parsed->cnames[0].cname == "ffmpeg-cname");
    CHECK_FALSE(parsed->bye);

    const auto last = hexBytes(ffmpegLast);
    const auto final = parseRtcp(last);
    REQUIRE(final.ok());
    CHECK(final->sender->packetCount == 151);
    CHECK(final->sender->octetCount == 0x527e);
    CHECK(final->bye);
    REQUIRE(final->byeSources.size() == 1);
    CHECK(final->byeSources[0] == 0x12345678);
    CHECK(final->byeReason.empty());

    // Written again, the same bytes come out.
    std::array<std::uint8_t, 128> out{};
    const std::size_t n = writeRtcp(*final, out);
    CHECK(std::vector<std::uint8_t>(out.begin(), out.begin() + n) == last);
}

TEST_CASE("RTCP: a receiver report's exact bytes, with negative cumulative loss", "[net][rtcp]")
{
    RtcpCompound rr;
    rr.reporterSsrc = 0x01020304;
    ReportBlock block;
    block.ssrc = 0x12345678;
    block.fractionLost = 0x40;
    block.cumulativeLost = -3; // duplicates
    block.highestSequence = 0x0001ffff;
    block.jitter = 0x2a;
    block.lastSenderReport = 0x36725e76;
    block.delaySinceLastReport = 0x8000;
    REQUIRE(rr.reports.push_back(block));
    std::array<std::uint8_t, 64> out{};
    const std::size_t n = writeRtcp(rr, out);
    REQUIRE(n == rtcpSize(rr));
    const auto expected = hexBytes("81c9 0007 01020304"
                                   "12345678 40 fffffd 0001ffff 0000002a 36725e76 00008000");
    CHECK(std::vector<std::uint8_t>(out.begin(), out.begin() + n) == expected);
    const auto parsed = parseRtcp(std::span(out).first(n));
    REQUIRE(parsed.ok());
    CHECK(parsed.value() == rr);
    CHECK(parsed->reports[0].cumulativeLost == -3);
}

TEST_CASE("RTCP: a full compound round trips", "[net][rtcp]")
{
    RtcpCompound c;
    c.reporterSsrc = 42;
    c.sender = SenderInfo{NtpTime::fromParts(0xe000'0000u, 0x1234'5678u), 480000, 1000, 160000};
    for (std::uint32_t i = 0; i < rtcpMaxCount; ++i)
    {
        ReportBlock b;
        b.ssrc = i;
        b.cumulativeLost = (1 << 23) - 1 - static_cast<std::int32_t>(i) * 1000;
        b.highestSequence = i * 70000;
        REQUIRE(c.reports.push_back(b));
    }
    const std::string longName(255, 'x');
    REQUIRE(c.cnames.push_back({42, "dragoman@10.0.0.1"}));
    REQUIRE(c.cnames.push_back({43, ""}));
    REQUIRE(c.cnames.push_back({44, longName}));
    c.bye = true;
    REQUIRE(c.byeSources.push_back(42));
    REQUIRE(c.byeSources.push_back(43));
    c.byeReason = "engine stopped";

    std::array<std::uint8_t, 2048> out{};
    const std::size_t n = writeRtcp(c, out);
    REQUIRE(n == rtcpSize(c));
    REQUIRE(n % 4 == 0);
    const auto parsed = parseRtcp(std::span(out).first(n));
    REQUIRE(parsed.ok());
    CHECK(parsed.value() == c);
}

TEST_CASE("RTCP: padding on the last packet, APP and extensions are accepted", "[net][rtcp]")
{
    // RR with no blocks, padded by 4 (length 2 words: ssrc + padding word).
    const auto padded = hexBytes("a0c9 0002 00000001 00000004");
    const auto parsed = parseRtcp(padded);
    REQUIRE(parsed.ok());
    CHECK(parsed->reporterSsrc == 1);

    // RR with a profile-specific extension word, then an APP packet.
    const auto extended = hexBytes("80c9 0002 00000001 deadbeef 80cc 0002 00000001 6e616d65");
    const auto withApp = parseRtcp(extended);
    REQUIRE(withApp.ok());
    CHECK(withApp->skippedPackets == 1);

    // SDES chunk with NAME and TOOL items around the CNAME, and a chunk with no items.
    const auto sdes = hexBytes("80c9 0001 00000001"
                               "82ca 0007 00000001 0201 41 0103 636e6d 0602 7474 00000000"
                               "00000002 00000000");
    const auto chunks = parseRtcp(sdes);
    REQUIRE(chunks.ok());
    REQUIRE(chunks->cnames.size() == 1);
    CHECK(chunks->cnames[0].cname == "cnm");
}

TEST_CASE("RTCP: more RR packets from the same reporter add their blocks", "[net][rtcp]")
{
    const auto two =
        hexBytes("81c9 0007 00000001 00000009 00 000001 00000000 00000000 00000000 00000000"
                 "81c9 0007 00000001 0000000a 00 000002 00000000 00000000 00000000 00000000");
    const auto parsed = parseRtcp(two);
    REQUIRE(parsed.ok());
    REQUIRE(parsed->reports.size() == 2);
    CHECK(parsed->reports[1].ssrc == 10);
    CHECK(parsed->reports[1].cumulativeLost == 2);
}

TEST_CASE("RTCP: every malformed compound is refused with its reason", "[net][rtcp]")
{
    CHECK(parseRtcp({}).error() == RtcpError::tooShort);
    CHECK(errorOf("80c9 00") == RtcpError::tooShort);
    CHECK(errorOf("80c9 0001 000000") == RtcpError::tooShort);        // length past the end
    CHECK(errorOf("80c9 0001 00000001 80ca") == RtcpError::tooShort); // a stray half header
    CHECK(errorOf("40c9 0001 00000001") == RtcpError::badVersion);
    CHECK(errorOf("80c9 0001 00000001 40ca 0000") == RtcpError::badVersion);
    CHECK(errorOf("a0c9 0001 00000001 80ca 0000") == RtcpError::badPadding); // not the last
    CHECK(errorOf("a0c9 0001 00000000") == RtcpError::badPadding);           // count 0
    CHECK(errorOf("a0c9 0001 00000008") == RtcpError::badPadding);           // eats the header
    CHECK(errorOf("80ca 0000") == RtcpError::firstNotReport);
    CHECK(errorOf("80cb 0001 00000001") == RtcpError::firstNotReport);
    CHECK(errorOf("81c9 0001 00000001") == RtcpError::badReport); // 1 block missing
    CHECK(errorOf("80c8 0001 00000001") == RtcpError::badReport); // no sender info
    CHECK(
        errorOf(
            "80c9 0001 00000001 80c8 0006 00000001 0000000000000000 00000000 00000000 00000000") ==
        RtcpError::badReport);                                                       // SR after RR
    CHECK(errorOf("80c9 0001 00000001 80c9 0001 00000002") == RtcpError::badReport); // other SSRC
    CHECK(errorOf("80c9 0001 00000001 81ca 0000") == RtcpError::badSdes);            // no chunk
    CHECK(errorOf("80c9 0001 00000001 81ca 0002 00000001 0108 6162") == RtcpError::badSdes);
    CHECK(errorOf("80c9 0001 00000001 81ca 0002 00000001 0102 6162") ==
          RtcpError::badSdes); // no end
    CHECK(errorOf("80c9 0001 00000001 82cb 0001 00000001") == RtcpError::badBye);
    CHECK(errorOf("80c9 0001 00000001 81cb 0002 00000001 09616263") == RtcpError::badBye);

    // 32 report blocks in two RR packets: more than a compound can hold here.
    std::string many = "9fc9 00bb 00000001";
    for (int i = 0; i < 31; ++i)
        many += " 00000000 00000000 00000000 00000000 00000000 00000000";
    many += " 81c9 0007 00000001 00000000 00000000 00000000 00000000 00000000 00000000";
    CHECK(errorOf(many) == RtcpError::tooManyEntries);
}

TEST_CASE("RTCP: the writer refuses what does not fit", "[net][rtcp]")
{
    std::array<std::uint8_t, 1024> out{};
    RtcpCompound c;
    const std::string tooLong(256, 'x');
    REQUIRE(c.cnames.push_back({1, tooLong}));
    CHECK(writeRtcp(c, out) == 0);
    c.cnames.clear();
    c.bye = true;
    c.byeReason = tooLong;
    CHECK(writeRtcp(c, out) == 0);
    c.byeReason = "bye";
    CHECK(writeRtcp(c, std::span(out).first(rtcpSize(c) - 1)) == 0);
    CHECK(writeRtcp(c, out) == rtcpSize(c));
}

TEST_CASE("RTCP: DLSR units and the round trip a sender measures", "[net][rtcp]")
{
    using namespace std::chrono;
    CHECK(toDelaySinceLastReport(milliseconds{1500}) == 98304);
    CHECK(toDelaySinceLastReport(nanoseconds{-5}) == 0);
    CHECK(toDelaySinceLastReport(hours{24}) == UINT32_MAX);

    ReportBlock block;
    block.lastSenderReport = 0x0001'0000;     // the SR was sent at 1 s (middle 32 bits)
    block.delaySinceLastReport = 0x0000'8000; // the receiver held it for 0.5 s
    const auto rtt = roundTripTime(NtpTime::fromParts(2, 0), block); // back at 2 s
    REQUIRE(rtt);
    CHECK(*rtt == milliseconds{500});
    block.delaySinceLastReport = 0x0002'0000; // longer than the whole round: inconsistent
    CHECK_FALSE(roundTripTime(NtpTime::fromParts(2, 0), block));
    block.lastSenderReport = 0;
    CHECK_FALSE(roundTripTime(NtpTime::fromParts(2, 0), block));
}

TEST_CASE("RTCP: every error has a counter name", "[net][rtcp]")
{
    for (const auto e : {RtcpError::tooShort, RtcpError::badVersion, RtcpError::badPadding,
                         RtcpError::firstNotReport, RtcpError::badReport, RtcpError::badSdes,
                         RtcpError::badBye, RtcpError::tooManyEntries})
        CHECK(rtcpErrorName(e) != "unknown");
    CHECK(rtcpErrorName(RtcpError::firstNotReport) == "firstNotReport");
}
