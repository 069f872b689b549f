#include "RtpTestPackets.h"
#include "receive/RtpPacket.h"
#include "receive/Unwrapper.h"

#include <catch2/catch.hpp>

#include <array>
#include <random>

using namespace dragoman;

TEST_CASE("sequence numbers extend across the wrap, both ways", "[receive][Unwrapper]")
{
    SequenceUnwrapper u;
    CHECK(u.extend(65534) == 65534);
    u.accept(65534);
    CHECK(u.extend(65535) == 65535);
    CHECK(u.extend(0) == 65536);
    CHECK(u.extend(5) == 65541);
    CHECK(u.extend(65000) == 65000); // reordered from before the wrap
    u.accept(65541);
    CHECK(u.extend(65530) == 65530); // still before the wrap, seen from after it
    CHECK(u.extend(100) == 65536 + 100);
}

TEST_CASE("timestamps extend across the 32-bit wrap", "[receive][Unwrapper]")
{
    TimestampUnwrapper u;
    u.accept(u.extend(4294967000u));
    const auto after = u.extend(200u);
    CHECK(after == 4294967296LL + 200);
    u.accept(after);
    CHECK(u.extend(4294967000u) == 4294967000LL);
}

TEST_CASE("a stray value does not move the reference unless accepted", "[receive][Unwrapper]")
{
    SequenceUnwrapper u;
    u.accept(1000);
    CHECK(u.extend(40000) == 40000 - 65536);
    CHECK(u.extend(60000) == 60000 - 65536);
    CHECK(u.extend(1001) == 1001); // unaffected by the strays
}

TEST_CASE("an RTP header is read field by field", "[receive][RtpPacket]")
{
    const std::array<std::uint8_t, 3> payload{1, 2, 3};
    const auto d = test::makeRtp(0xabcd, 0x01020304, 0xdeadbeef, 96, payload, true);
    RtpPacket p;
    REQUIRE(parseRtp(d, p) == RtpParseError::None);
    CHECK(p.sequence == 0xabcd);
    CHECK(p.timestamp == 0x01020304u);
    CHECK(p.ssrc == 0xdeadbeefu);
    CHECK(p.payloadType == 96);
    CHECK(p.marker);
    REQUIRE(p.payload.size() == 3);
    CHECK(p.payload[2] == 3);
}

TEST_CASE("CSRCs, extensions and padding are skipped, and checked", "[receive][RtpPacket]")
{
    const std::array<std::uint8_t, 4> payload{9, 9, 9, 9};
    auto d = test::makeRtp(1, 2, 3, 96, payload);
    // Two CSRCs, an extension of one word, two bytes of padding.
    d[0] = 0x80 | 0x20 | 0x10 | 0x02;
    std::vector<std::uint8_t> csrcs(8, 0x11);
    std::vector<std::uint8_t> extension{0xbe, 0xde, 0x00, 0x01, 1, 2, 3, 4};
    d.insert(d.begin() + 12, extension.begin(), extension.end());
    d.insert(d.begin() + 12, csrcs.begin(), csrcs.end());
    d.push_back(0);
    d.push_back(2);
    RtpPacket p;
    REQUIRE(parseRtp(d, p) == RtpParseError::None);
    CHECK(p.payload.size() == 4);
    CHECK(p.payload[0] == 9);

    auto badPadding = d;
    badPadding.back() = 200;
    CHECK(parseRtp(badPadding, p) == RtpParseError::BadPadding);
    auto badExtension = d;
    badExtension[12 + 8 + 3] = 100; // extension length past the end
    CHECK(parseRtp(badExtension, p) == RtpParseError::ExtensionBeyondEnd);
    auto badCsrc = test::makeRtp(1, 2, 3, 96, payload);
    badCsrc[0] = 0x8f; // 15 CSRCs in a 16-byte packet
    CHECK(parseRtp(badCsrc, p) == RtpParseError::CsrcBeyondEnd);
}

TEST_CASE("truncated and foreign datagrams are refused", "[receive][RtpPacket]")
{
    const std::array<std::uint8_t, 2> payload{0xf8, 0};
    const auto d = test::makeRtp(1, 2, 3, 96, payload);
    RtpPacket p;
    for (std::size_t n = 0; n < 12; ++n)
        CHECK(parseRtp(std::span(d.data(), n), p) == RtpParseError::TooShort);
    CHECK(parseRtp(std::span(d.data(), 12), p) == RtpParseError::NoPayload);
    auto v1 = d;
    v1[0] = 0x40;
    CHECK(parseRtp(v1, p) == RtpParseError::NotVersion2);
}

TEST_CASE("random bytes never read past the datagram", "[receive][RtpPacket]")
{
    // Run under ASan in CI: any overread is a failure there.
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 64);
    for (int i = 0; i < 200000; ++i)
    {
        std::vector<std::uint8_t> d(static_cast<std::size_t>(length(rng)));
        for (auto& b : d)
            b = static_cast<std::uint8_t>(byte(rng));
        if (!d.empty() && (i & 1))
            d[0] = static_cast<std::uint8_t>(0x80 | (d[0] & 0x3f)); // version 2: go deeper
        RtpPacket p;
        if (parseRtp(d, p) == RtpParseError::None)
        {
            REQUIRE(p.payload.data() >= d.data());
            REQUIRE(p.payload.data() + p.payload.size() <= d.data() + d.size());
            REQUIRE(!p.payload.empty());
        }
    }
}
