#include "Bytes.h"

#include "net/Rtp.h"

#include <catch2/catch.hpp>

#include <array>

using namespace dragoman;
using dragoman::test::hexBytes;

TEST_CASE("RTP: a packet ffmpeg sent parses field by field", "[net][rtp]")
{
    // The first Opus packet of `ffmpeg -f rtp -ssrc 305419896 -payload_type 96`.
    const auto bytes = hexBytes("80e0 076a 44b0 3967 1234 5678 f8b4 afca aae5");
    const auto parsed = parseRtp(bytes);
    REQUIRE(parsed.ok());
    const RtpHeader& h = parsed->header;
    CHECK(h.marker);
    CHECK(h.payloadType == 96);
    CHECK(h.sequence == 0x076a);
    CHECK(h.timestamp == 0x44b03967);
    CHECK(h.ssrc == 0x12345678);
    CHECK(h.csrcCount == 0);
    CHECK_FALSE(h.hasExtension);
    CHECK(h.paddingSize == 0);
    REQUIRE(parsed->payload.size() == 6);
    CHECK(parsed->payload[0] == 0xf8);
    CHECK(parsed->payload.data() == bytes.data() + 12);
}

TEST_CASE("RTP: CSRCs, extension and padding are found and skipped", "[net][rtp]")
{
    // V=2 P=1 X=1 CC=2, M=0 PT=111, two CSRCs, a one-word extension, 3 payload bytes, 5 of padding.
    const auto bytes = hexBytes("b2 6f 0001 00000002 00000003"
                                "11111111 22222222"
                                "bede 0001 aabbccdd"
                                "010203"
                                "00000000 05");
    const auto parsed = parseRtp(bytes);
    REQUIRE(parsed.ok());
    const RtpHeader& h = parsed->header;
    CHECK_FALSE(h.marker);
    CHECK(h.payloadType == 111);
    CHECK(h.csrcCount == 2);
    CHECK(h.csrcs[0] == 0x11111111);
    CHECK(h.csrcs[1] == 0x22222222);
    CHECK(h.hasExtension);
    CHECK(h.extensionProfile == 0xbede);
    REQUIRE(h.extension.size() == 4);
    CHECK(h.extension[3] == 0xdd);
    CHECK(h.paddingSize == 5);
    REQUIRE(parsed->payload.size() == 3);
    CHECK(parsed->payload[2] == 0x03);
    CHECK(h.size() == 12 + 8 + 8);
}

TEST_CASE("RTP: padding may take the whole payload", "[net][rtp]")
{
    const auto bytes = hexBytes("a0 60 0001 00000002 00000003 0000 0004");
    const auto parsed = parseRtp(bytes);
    REQUIRE(parsed.ok());
    CHECK(parsed->payload.empty());
    CHECK(parsed->header.paddingSize == 4);
}

TEST_CASE("RTP: the writer produces the exact fixed header", "[net][rtp]")
{
    RtpHeader h;
    h.marker = true;
    h.payloadType = 96;
    h.sequence = 0xfffe;
    h.timestamp = 0x01020304;
    h.ssrc = 0xdeadbeef;
    std::array<std::uint8_t, 64> out{};
    const std::array<std::uint8_t, 3> payload{0xaa, 0xbb, 0xcc};
    const std::size_t n = writeRtpPacket(h, payload, out);
    REQUIRE(n == 15);
    const auto expected = hexBytes("80e0 fffe 01020304 deadbeef aabbcc");
    CHECK(std::vector<std::uint8_t>(out.begin(), out.begin() + 15) == expected);
}

TEST_CASE("RTP: write then parse gives the same header and payload", "[net][rtp]")
{
    const std::array<std::uint8_t, 8> extension{1, 2, 3, 4, 5, 6, 7, 8};
    const std::array<std::uint8_t, 5> payload{9, 8, 7, 6, 5};
    RtpHeader h;
    h.payloadType = 127;
    h.sequence = 65535;
    h.timestamp = 0xffffffff;
    h.ssrc = 1;
    h.csrcCount = 15;
    for (std::uint32_t i = 0; i < 15; ++i)
        h.csrcs[i] = 100 + i;
    h.hasExtension = true;
    h.extensionProfile = 0x1000;
    h.extension = extension;
    h.paddingSize = 7;

    std::array<std::uint8_t, 256> out{};
    const std::size_t n = writeRtpPacket(h, payload, out);
    REQUIRE(n == h.size() + payload.size() + 7);
    const auto parsed = parseRtp(std::span(out).first(n));
    REQUIRE(parsed.ok());
    CHECK(parsed->header == h);
    CHECK(std::ranges::equal(parsed->payload, payload));
}

TEST_CASE("RTP: a payload already in the buffer is not disturbed", "[net][rtp]")
{
    std::array<std::uint8_t, 64> buffer{};
    RtpHeader h;
    h.payloadType = 96;
    // An encoder wrote its frame right after where the header goes.
    for (std::size_t i = 0; i < 10; ++i)
        buffer[h.size() + i] = static_cast<std::uint8_t>(i + 1);
    const std::size_t n = writeRtpPacket(h, std::span(buffer).subspan(h.size(), 10), buffer);
    REQUIRE(n == 22);
    const auto parsed = parseRtp(std::span(buffer).first(n));
    REQUIRE(parsed.ok());
    CHECK(parsed->payload[0] == 1);
    CHECK(parsed->payload[9] == 10);
}

TEST_CASE("RTP: every malformed packet is refused with its reason", "[net][rtp]")
{
    auto error = [](std::string_view hex)
    {
        const auto bytes = hexBytes(hex);
        const auto parsed = parseRtp(bytes);
        REQUIRE_FALSE(parsed.ok());
        return parsed.error();
    };
    CHECK(parseRtp({}).error() == RtpError::tooShort);
    CHECK(error("80e0 0001 00000002 000000") == RtpError::tooShort); // 11 bytes
    CHECK(error("40e0 0001 00000002 00000003") == RtpError::badVersion);
    CHECK(error("c0e0 0001 00000002 00000003") == RtpError::badVersion);
    CHECK(error("00e0 0001 00000002 00000003") == RtpError::badVersion);
    CHECK(error("82e0 0001 00000002 00000003 11111111") == RtpError::badCsrcList);
    CHECK(error("8fe0 0001 00000002 00000003") == RtpError::badCsrcList);
    CHECK(error("90e0 0001 00000002 00000003 bede") == RtpError::badExtension);
    CHECK(error("90e0 0001 00000002 00000003 bede 0002 aabbccdd") == RtpError::badExtension);
    CHECK(error("a0e0 0001 00000002 00000003 aabb 00") == RtpError::badPadding); // count 0
    CHECK(error("a0e0 0001 00000002 00000003 aabb 04") == RtpError::badPadding); // past header
    CHECK(error("a0e0 0001 00000002 00000003") == RtpError::badPadding);         // count in header
}

TEST_CASE("RTP: the writer refuses what it cannot encode", "[net][rtp]")
{
    std::array<std::uint8_t, 64> out{};
    RtpHeader h;
    h.payloadType = 128;
    CHECK(writeRtpHeader(h, out) == 0);
    h.payloadType = 96;
    h.csrcCount = 16;
    CHECK(writeRtpHeader(h, out) == 0);
    h.csrcCount = 0;
    const std::array<std::uint8_t, 3> odd{1, 2, 3};
    h.hasExtension = true;
    h.extension = odd;
    CHECK(writeRtpHeader(h, out) == 0);
    h.hasExtension = false;
    CHECK(writeRtpHeader(h, std::span(out).first(11)) == 0);
    CHECK(writeRtpPacket(h, std::span(out).first(10), std::span(out).first(21)) == 0);
    CHECK(writeRtpHeader(h, out) == 12);
}

TEST_CASE("RTP: every error has a counter name", "[net][rtp]")
{
    CHECK(rtpErrorName(RtpError::tooShort) == "tooShort");
    CHECK(rtpErrorName(RtpError::badVersion) == "badVersion");
    CHECK(rtpErrorName(RtpError::badCsrcList) == "badCsrcList");
    CHECK(rtpErrorName(RtpError::badExtension) == "badExtension");
    CHECK(rtpErrorName(RtpError::badPadding) == "badPadding");
}
