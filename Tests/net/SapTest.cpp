#include "Bytes.h"

#include "net/Sap.h"

#include <catch2/catch.hpp>

#include <array>
#include <string>

using namespace dragoman;
using namespace std::literals;
using dragoman::test::concat;
using dragoman::test::hexBytes;
using dragoman::test::textBytes;

namespace
{

const std::string ffmpegSdp = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=No Name\r\n"
                              "c=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                              "a=tool:libavformat LIBAVFORMAT_VERSION\r\n"
                              "m=audio 5004 RTP/AVP 96\r\nb=AS:48\r\na=rtpmap:96 opus/48000/2\r\n";

SapError errorOf(const std::vector<std::uint8_t>& bytes)
{
    const auto parsed = parseSap(bytes);
    REQUIRE_FALSE(parsed.ok());
    return parsed.error();
}

} // namespace

TEST_CASE("SAP: ffmpeg's announcement and deletion", "[net][sap]")
{
    // `ffmpeg -f sap "sap://127.0.0.1:5004?announce_addr=127.0.0.1"`: header, origin,
    // "application/sdp\0", the SDP.
    const auto announcement =
        concat(hexBytes("2000 afe5 7f000001"), textBytes("application/sdp\0"s + ffmpegSdp));
    const auto parsed = parseSap(announcement);
    REQUIRE(parsed.ok());
    CHECK(parsed->type == SapMessageType::announcement);
    CHECK(parsed->messageIdHash == 0xafe5);
    CHECK(parsed->origin == SapOrigin::ipv4(127, 0, 0, 1));
    CHECK(parsed->authentication.empty());
    CHECK(parsed->hasPayloadType);
    CHECK(parsed->payloadType == "application/sdp");
    CHECK(parsed->payload == ffmpegSdp);

    const auto deletion =
        concat(hexBytes("2400 afe5 7f000001"), textBytes("application/sdp\0"s + ffmpegSdp));
    const auto deleted = parseSap(deletion);
    REQUIRE(deleted.ok());
    CHECK(deleted->type == SapMessageType::deletion);

    // Written again from the parsed form: the same bytes.
    std::array<std::uint8_t, 512> out{};
    const std::size_t n = writeSap(*deleted, out);
    CHECK(std::vector<std::uint8_t>(out.begin(), out.begin() + n) == deletion);
}

TEST_CASE("SAP: the writer's exact bytes, and round trips of every form", "[net][sap]")
{
    SapPacket packet;
    packet.messageIdHash = 0x1234;
    packet.origin = SapOrigin::ipv4(192, 168, 10, 5);
    packet.payload = "v=0\r\n";
    std::array<std::uint8_t, 256> out{};
    std::size_t n = writeSap(packet, out);
    REQUIRE(n == sapSize(packet));
    CHECK(std::vector<std::uint8_t>(out.begin(), out.begin() + n) ==
          concat(hexBytes("20 00 1234 c0a80a05"), textBytes("application/sdp\0v=0\r\n"s)));

    // IPv6 origin, authentication data, deletion, no payload type.
    const std::array<std::uint8_t, 8> signature{1, 2, 3, 4, 5, 6, 7, 8};
    packet.origin.ipv6 = true;
    packet.origin.address = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    packet.authentication = signature;
    packet.type = SapMessageType::deletion;
    packet.hasPayloadType = false;
    n = writeSap(packet, out);
    REQUIRE(n == 4 + 16 + 8 + 5);
    CHECK(out[0] == 0x34); // V=1, A=1 (IPv6), T=1 (deletion)
    CHECK(out[1] == 2);    // two words of authentication
    const auto parsed = parseSap(std::span(out).first(n));
    REQUIRE(parsed.ok());
    CHECK(parsed.value() == packet);
    CHECK(parsed->payloadType == sapSdpType); // implied
}

TEST_CASE("SAP: the reserved bit is ignored, other types are passed on", "[net][sap]")
{
    const auto reserved = concat(hexBytes("28 00 0001 0a000001"), textBytes("v=0\n"));
    REQUIRE(parseSap(reserved).ok());
    const auto other = concat(hexBytes("20 00 0001 0a000001"), textBytes("text/plain\0hello"s));
    const auto parsed = parseSap(other);
    REQUIRE(parsed.ok());
    CHECK(parsed->payloadType == "text/plain");
    CHECK(parsed->payload == "hello");
}

TEST_CASE("SAP: every malformed packet is refused with its reason", "[net][sap]")
{
    CHECK(errorOf({}) == SapError::tooShort);
    CHECK(errorOf(hexBytes("20 00 0001")) == SapError::tooShort);
    CHECK(errorOf(hexBytes("20 00 0001 0a0000")) == SapError::tooShort);
    CHECK(errorOf(hexBytes("30 00 0001 0a000001 0a000001")) == SapError::tooShort); // IPv6: 16
    CHECK(errorOf(hexBytes("00 00 0001 0a000001")) == SapError::badVersion);        // SAPv0
    CHECK(errorOf(hexBytes("40 00 0001 0a000001")) == SapError::badVersion);
    CHECK(errorOf(hexBytes("22 00 0001 0a000001")) == SapError::encrypted);
    CHECK(errorOf(hexBytes("21 00 0001 0a000001")) == SapError::compressed);
    CHECK(errorOf(hexBytes("20 02 0001 0a000001 00000000")) == SapError::badAuthentication);
    CHECK(errorOf(concat(hexBytes("20 00 0001 0a000001"), textBytes("application/sdp"))) ==
          SapError::badPayloadType); // no NUL
    CHECK(errorOf(concat(hexBytes("20 00 0001 0a000001"), textBytes("\0v=0"s))) ==
          SapError::badPayloadType); // empty type
    CHECK(errorOf(concat(hexBytes("20 00 0001 0a000001"), textBytes("app\nsdp\0v=0"s))) ==
          SapError::badPayloadType);
    CHECK(errorOf(hexBytes("20 00 0001 0a000001")) == SapError::badPayloadType); // nothing
}

TEST_CASE("SAP: the writer refuses what a receiver could not read back", "[net][sap]")
{
    std::array<std::uint8_t, 2048> out{};
    SapPacket packet;
    packet.payload = "v=0\n";
    const std::array<std::uint8_t, 3> odd{1, 2, 3};
    packet.authentication = odd;
    CHECK(writeSap(packet, out) == 0);
    const std::vector<std::uint8_t> huge(1024, 0);
    packet.authentication = huge;
    CHECK(writeSap(packet, out) == 0);
    packet.authentication = {};
    packet.payloadType = "bad\0type"sv;
    CHECK(writeSap(packet, out) == 0);
    packet.payloadType = "v=0 looks like SDP";
    CHECK(writeSap(packet, out) == 0);
    packet.payloadType = sapSdpType;
    packet.hasPayloadType = false;
    packet.payload = "not sdp";
    CHECK(writeSap(packet, out) == 0);
    packet.hasPayloadType = true;
    CHECK(writeSap(packet, std::span(out).first(sapSize(packet) - 1)) == 0);
    CHECK(writeSap(packet, out) == sapSize(packet));
}

TEST_CASE("SAP: message id hashes are never 0 and follow the payload", "[net][sap]")
{
    CHECK(sapMessageIdHash("") != 0);
    CHECK(sapMessageIdHash("v=0\r\no=- 1 1 IN IP4 h\r\n") !=
          sapMessageIdHash("v=0\r\no=- 1 2 IN IP4 h\r\n"));
    CHECK(sapMessageIdHash("same") == sapMessageIdHash("same"));
    for (const auto e :
         {SapError::tooShort, SapError::badVersion, SapError::encrypted, SapError::compressed,
          SapError::badAuthentication, SapError::badPayloadType})
        CHECK(sapErrorName(e) != "unknown");
}
