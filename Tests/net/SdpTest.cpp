#include "net/Sdp.h"

#include <catch2/catch.hpp>

#include <string>

using namespace dragoman;
using namespace std::string_literals;

namespace
{

// The Kazakh channel of the Astana session (Assets/sessions/astana.yaml), multicast.
SdpDescription astanaKazakh()
{
    SdpDescription d;
    d.origin.sessionId = 3907728000;
    d.origin.sessionVersion = 1;
    d.origin.address = "192.168.10.5";
    d.sessionName = "Kazakh Қазақша";
    d.information = "SCO Heads of State Council, Astana";
    d.connectionAddress = "239.255.12.4";
    d.ttl = 16;
    d.port = 5004;
    d.language = "kk";
    d.channelId = "kk";
    return d;
}

SdpError errorOf(std::string_view text)
{
    const auto parsed = parseSdp(text);
    REQUIRE_FALSE(parsed.ok());
    return parsed.error();
}

} // namespace

TEST_CASE("SDP: the Astana Kazakh channel is written exactly", "[net][sdp]")
{
    const auto written = writeSdp(astanaKazakh());
    REQUIRE(written.ok());
    CHECK(written.value() ==
          "v=0\r\n"
          "o=- 3907728000 1 IN IP4 192.168.10.5\r\n"
          "s=Kazakh Қазақша\r\n"
          "i=SCO Heads of State Council, Astana\r\n"
          "c=IN IP4 239.255.12.4/16\r\n"
          "t=0 0\r\n"
          "m=audio 5004 RTP/AVP 96\r\n"
          "a=rtpmap:96 opus/48000/2\r\n"
          "a=fmtp:96 stereo=0; sprop-stereo=0; maxplaybackrate=48000; useinbandfec=1\r\n"
          "a=ptime:10\r\n"
          "a=lang:kk\r\n"
          "a=x-dragoman-channel:kk\r\n"
          "a=recvonly\r\n");
}

TEST_CASE("SDP: what we write parses back to the same description", "[net][sdp]")
{
    SdpDescription kk = astanaKazakh();
    const auto parsed = parseSdp(writeSdp(kk).value());
    REQUIRE(parsed.ok());
    CHECK(parsed.value() == kk);
    CHECK(parsed->sessionName == "Kazakh Қазақша");
    CHECK(parsed->ttl == 16);

    // The floor, unicast (no TTL), 2.5 ms frames, no FEC, no information line.
    SdpDescription floor;
    floor.origin.sessionId = 7;
    floor.sessionName = "Floor";
    floor.connectionAddress = "10.0.0.20";
    floor.port = 6000;
    floor.payloadType = 101;
    floor.ptimeMicroseconds = 2500;
    floor.formatParameters = "stereo=0; sprop-stereo=0; maxplaybackrate=48000";
    floor.language = "ru";
    floor.channelId = "floor";
    const auto text = writeSdp(floor).value();
    CHECK(text.find("c=IN IP4 10.0.0.20\r\n") != std::string::npos);
    CHECK(text.find("a=ptime:2.5\r\n") != std::string::npos);
    CHECK(text.find("\r\ni=") == std::string::npos);
    const auto back = parseSdp(text);
    REQUIRE(back.ok());
    CHECK(back.value() == floor);
}

TEST_CASE("SDP: ffmpeg's description, LF only, and other senders' extras", "[net][sdp]")
{
    // As `ffmpeg -f rtp -sdp_file` wrote it (there with CRLF).
    const auto ffmpeg = parseSdp("v=0\n"
                                 "o=- 0 0 IN IP4 127.0.0.1\n"
                                 "s=No Name\n"
                                 "c=IN IP4 127.0.0.1\n"
                                 "t=0 0\n"
                                 "a=tool:libavformat LIBAVFORMAT_VERSION\n"
                                 "m=audio 5014 RTP/AVP 96\n"
                                 "b=AS:48\n"
                                 "a=rtpmap:96 opus/48000/2\n");
    REQUIRE(ffmpeg.ok());
    CHECK(ffmpeg->sessionName == "No Name");
    CHECK(ffmpeg->port == 5014);
    CHECK(ffmpeg->encodingName == "opus");
    CHECK(ffmpeg->clockRate == 48000);
    CHECK(ffmpeg->encodingChannels == 2);
    CHECK(ffmpeg->formatParameters.empty()); // not our defaults: what the text says
    CHECK(ffmpeg->ptimeMicroseconds == 0);
    CHECK(ffmpeg->direction == SdpDirection::sendrecv);
    CHECK(ffmpeg->language.empty());

    // A video section first, media-level c= and attributes overriding the session's, several
    // formats (the first one counts), unknown attributes and a trailing blank line.
    const auto mixed = parseSdp("v=0\r\n"
                                "o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5\r\n"
                                "s= \r\n"
                                "i=A Seminar on the session description protocol\r\n"
                                "c=IN IP4 224.2.17.12/127\r\n"
                                "t=2873397496 2873404696\r\n"
                                "a=recvonly\r\n"
                                "a=lang:en\r\n"
                                "m=video 51372 RTP/AVP 99\r\n"
                                "a=rtpmap:99 h263-1998/90000\r\n"
                                "a=lang:xx\r\n"
                                "m=audio 49170/2 RTP/AVP 97 0\r\n"
                                "i=media title, ignored\r\n"
                                "c=IN IP4 224.2.1.1/3/2\r\n"
                                "a=rtpmap:0 PCMU/8000\r\n"
                                "a=rtpmap:97 L24/48000/2\r\n"
                                "a=fmtp:97   channel-order=SMPTE2110.(ST)  \r\n"
                                "a=ptime:1.25\r\n"
                                "a=lang:de\r\n"
                                "a=sendonly\r\n"
                                "a=x-unknown:whatever\r\n"
                                "m=audio 1 RTP/AVP 8\r\n"
                                "a=lang:fr\r\n"
                                "\r\n");
    REQUIRE(mixed.ok());
    CHECK(mixed->origin.username == "jdoe");
    CHECK(mixed->origin.sessionId == 2890844526);
    CHECK(mixed->origin.sessionVersion == 2890842807);
    CHECK(mixed->sessionName == " ");
    CHECK(mixed->information == "A Seminar on the session description protocol");
    CHECK(mixed->port == 49170);
    CHECK(mixed->payloadType == 97);
    CHECK(mixed->encodingName == "L24");
    CHECK(mixed->encodingChannels == 2);
    CHECK(mixed->formatParameters == "channel-order=SMPTE2110.(ST)");
    CHECK(mixed->ptimeMicroseconds == 1250);
    CHECK(mixed->connectionAddress == "224.2.1.1");
    CHECK(mixed->ttl == 3);
    CHECK(mixed->language == "de");
    CHECK(mixed->direction == SdpDirection::sendonly);

    // IPv6: the number after the slash is an address count, not a TTL.
    const auto six =
        parseSdp("v=0\no=- 1 1 IN IP6 ::1\ns=six\nc=IN IP6 ff15::101/3\nm=audio 5004 RTP/AVP 96\n");
    REQUIRE(six.ok());
    CHECK(six->connectionIpv6);
    CHECK(six->connectionAddress == "ff15::101");
    CHECK(six->ttl == 0);
    CHECK(six->origin.ipv6);
}

TEST_CASE("SDP: a static payload type without rtpmap", "[net][sdp]")
{
    const auto pcmu = parseSdp("v=0\no=- 1 1 IN IP4 h\ns=x\nm=audio 5004 RTP/AVP 0\n");
    REQUIRE(pcmu.ok());
    CHECK(pcmu->payloadType == 0);
    CHECK(pcmu->encodingName.empty());
    CHECK(pcmu->clockRate == 0);
    const auto again = parseSdp(writeSdp(pcmu.value()).value());
    REQUIRE(again.ok());
    CHECK(again.value() == pcmu.value());
}

TEST_CASE("SDP: malformed lines are refused with their line number", "[net][sdp]")
{
    const std::string head = "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=x\n"; // lines 1-3
    auto at = [&](std::string tail)
    {
        return errorOf(head + tail);
    };

    CHECK(errorOf("").line == 0);
    CHECK(errorOf("o=- 1 1 IN IP4 h\nv=0\n").line == 1);
    CHECK(errorOf("v=1\n").line == 1);
    CHECK(errorOf("\xef\xbb\xbfv=0\n").line == 1); // a byte order mark is not v=0
    CHECK(at("hello\nm=audio 1 RTP/AVP 96\n").line == 4);
    CHECK(at("X=1\n").line == 4);
    CHECK(at("v=0\n").line == 4);
    CHECK(errorOf("v=0\no=- 1 IN IP4 h\n").line == 2);
    CHECK(errorOf("v=0\no=- x 1 IN IP4 h\n").line == 2);
    CHECK(errorOf("v=0\no=- 1 1 IN IP5 h\n").line == 2);
    CHECK(errorOf("v=0\no=- 99999999999999999999 1 IN IP4 h\n").line == 2);
    CHECK(errorOf("v=0\no=- 1 1 IN IP4 h\ns=\n").line == 3);
    CHECK(errorOf("v=0\no=- 1 1 IN IP4 h\ns=bad \xff utf8\n").line == 3);
    CHECK(errorOf("v=0\no=- 1 1 IN IP4 h\ns=bell \x07\n").line == 3);
    CHECK(at("i=esc \x1b[31m\n").line == 4);
    CHECK(at("c=IN IP4 239.1.1.1/300\n").line == 4);
    CHECK(at("c=IN IP4\n").line == 4);
    CHECK(at("c=IN IP6 ff15::1/3/2\n").line == 4);
    CHECK(at("m=audio 70000 RTP/AVP 96\n").line == 4);
    CHECK(at("m=audio 5004 udp 96\n").line == 4);
    CHECK(at("m=audio 5004 RTP/AVP\n").line == 4);
    CHECK(at("m=audio 5004 RTP/AVP 128\n").line == 4);
    CHECK(at("m=audio 5004/x RTP/AVP 96\n").line == 4);
    const std::string media = "m=audio 5004 RTP/AVP 96\n"; // line 4
    CHECK(at(media + "a=rtpmap:96 opus\n").line == 5);
    CHECK(at(media + "a=rtpmap:96 opus/0/2\n").line == 5);
    CHECK(at(media + "a=rtpmap:96 opus/48000/2/1\n").line == 5);
    CHECK(at(media + "a=rtpmap:x opus/48000\n").line == 5);
    CHECK(at(media + "a=fmtp:96x stereo=0\n").line == 5);
    CHECK(at(media + "a=ptime:abc\n").line == 5);
    CHECK(at(media + "a=ptime:2.5555\n").line == 5);
    CHECK(at(media + "a=ptime:-1\n").line == 5);
    CHECK(at(media + "a=lang:\n").line == 5);
    CHECK(at(media + "a=x-dragoman-channel:two words\n").line == 5);
    const auto missing = errorOf(head);
    CHECK(missing.line == 0);
    CHECK(missing.message == "no m=audio line");
    CHECK(errorOf("v=0\ns=x\nm=audio 1 RTP/AVP 96\n").message == "no o= line");
    CHECK(errorOf("v=0\no=- 1 1 IN IP4 h\nm=audio 1 RTP/AVP 96\n").message == "no s= line");
    CHECK(at("c=IN IP4 1.2.3.4/999\n").text() ==
          "line 4: c=: bad TTL or address count after the address");
}

TEST_CASE("SDP: lines we skip are not checked", "[net][sdp]")
{
    // A malformed rtpmap in a video section and a bad line after our m=audio section.
    const auto parsed = parseSdp("v=0\no=- 1 1 IN IP4 h\ns=x\n"
                                 "m=video 1 RTP/AVP 96\na=rtpmap:96 nonsense\n"
                                 "m=audio 5004 RTP/AVP 96\n"
                                 "m=audio 5006 RTP/AVP 97\na=ptime:nonsense\n");
    REQUIRE(parsed.ok());
    CHECK(parsed->port == 5004);
}

TEST_CASE("SDP: the writer refuses what would not parse back", "[net][sdp]")
{
    auto refused = [](auto change)
    {
        SdpDescription d = astanaKazakh();
        change(d);
        return !writeSdp(d).ok();
    };
    CHECK(refused([](SdpDescription& d) { d.sessionName.clear(); }));
    CHECK(refused([](SdpDescription& d) { d.sessionName = "two\r\nlines"; }));
    CHECK(refused([](SdpDescription& d) { d.sessionName = "bad \xc3"; }));
    CHECK(refused([](SdpDescription& d) { d.information = "tab\tok but nul \0"s; }));
    CHECK(refused([](SdpDescription& d) { d.origin.username = "two words"; }));
    CHECK(refused([](SdpDescription& d) { d.origin.address.clear(); }));
    CHECK(refused([](SdpDescription& d) { d.connectionAddress = "239.1.1.1/16"; }));
    CHECK(refused([](SdpDescription& d) { d.ttl = 256; }));
    CHECK(refused([](SdpDescription& d) { d.connectionIpv6 = true; }));
    CHECK(refused([](SdpDescription& d) { d.payloadType = 128; }));
    CHECK(refused([](SdpDescription& d) { d.protocol = "udp"; }));
    CHECK(refused([](SdpDescription& d) { d.encodingName = "op/us"; }));
    CHECK(refused([](SdpDescription& d) { d.clockRate = 0; }));
    CHECK(refused([](SdpDescription& d) { d.encodingChannels = 256; }));
    CHECK(refused([](SdpDescription& d) { d.formatParameters = " stereo=0"; }));
    CHECK(refused([](SdpDescription& d) { d.ptimeMicroseconds = -1; }));
    CHECK(refused([](SdpDescription& d) { d.language = "k k"; }));
    CHECK(refused([](SdpDescription& d) { d.channelId = "a\x7f"; }));
    CHECK(writeSdp(astanaKazakh()).ok());
    CHECK(!refused([](SdpDescription& d) { d.information = "tab\tis fine"; }));
}

TEST_CASE("SDP: origin lines and format parameters", "[net][sdp]")
{
    const auto origin = parseSdpOrigin("- 3907728000 4 IN IP4 192.168.10.5");
    REQUIRE(origin);
    CHECK(origin->sessionVersion == 4);
    CHECK_FALSE(parseSdpOrigin("- 1 1 IN IP4"));

    const std::string_view fmtp = "stereo=0; sprop-stereo=0;maxplaybackrate=48000; useinbandfec=1";
    CHECK(formatParameter(fmtp, "useinbandfec") == "1");
    CHECK(formatParameter(fmtp, "maxplaybackrate") == "48000");
    CHECK(formatParameter(fmtp, "stereo") == "0");
    CHECK_FALSE(formatParameter(fmtp, "cbr"));
    CHECK_FALSE(formatParameter("", "cbr"));
    CHECK(sdpDirectionName(SdpDirection::inactive) == "inactive");
}
