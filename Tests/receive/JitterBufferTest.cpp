#include "receive/JitterBuffer.h"

#include <catch2/catch.hpp>

#include <array>
#include <chrono>
#include <stdexcept>
#include <vector>

using namespace dragoman;
using namespace std::chrono_literals;

namespace
{

constexpr int frame = 480;
constexpr std::uint32_t ssrc = 0x1234;

// A stream of 10 ms packets whose payload's first byte is the packet number, so that a test can
// see which packet it was handed.
struct Stream
{
    std::uint16_t firstSequence = 100;
    std::uint32_t firstTimestamp = 1000;
    std::uint32_t source = ssrc;
    std::vector<std::array<std::uint8_t, 4>> payloads =
        std::vector<std::array<std::uint8_t, 4>>(64);

    RtpPacketView packet(int k)
    {
        auto& bytes = payloads[static_cast<std::size_t>(k % 64)];
        bytes = {static_cast<std::uint8_t>(k), 0xaa, 0xbb, 0xcc};
        RtpPacketView p;
        p.header.sequence = static_cast<std::uint16_t>(firstSequence + k);
        p.header.timestamp = firstTimestamp + static_cast<std::uint32_t>(k * frame);
        p.header.ssrc = source;
        p.header.payloadType = 96;
        p.payload = bytes;
        return p;
    }
};

Nanoseconds at(int k)
{
    return Nanoseconds(k * 10'000'000LL);
}

int packetNumber(const Playout& p)
{
    return p.payload.empty() ? -1 : p.payload[0];
}

} // namespace

TEST_CASE("packets play in sequence order whatever their arrival order", "[receive][JitterBuffer]")
{
    JitterBuffer jb;
    Stream s;
    CHECK(jb.insert(s.packet(0), frame, at(0)).verdict == PacketVerdict::NewStream);
    CHECK(jb.insert(s.packet(2), frame, at(1)).verdict == PacketVerdict::Stored);
    CHECK(jb.insert(s.packet(1), frame, at(2)).verdict == PacketVerdict::Reordered);
    CHECK(jb.insert(s.packet(3), frame, at(3)).verdict == PacketVerdict::Stored);
    CHECK(jb.bufferedPackets() == 4);
    CHECK(jb.bufferedSamples() == 4 * frame);
    jb.startPlayout();
    for (int k = 0; k < 4; ++k)
    {
        const Playout p = jb.next();
        REQUIRE(p.kind == Playout::Kind::Packet);
        CHECK(packetNumber(p) == k);
        CHECK(p.samples == frame);
        CHECK(p.timestamp == 1000 + k * frame);
    }
    CHECK(jb.counts().reordered == 1);
    CHECK(jb.counts().received == 4);
    CHECK(jb.counts().lost == 0);
}

TEST_CASE("a duplicate is counted and played once", "[receive][JitterBuffer]")
{
    JitterBuffer jb;
    Stream s;
    jb.insert(s.packet(0), frame, at(0));
    CHECK(jb.insert(s.packet(0), frame, at(0)).verdict == PacketVerdict::Duplicate);
    jb.insert(s.packet(1), frame, at(1));
    jb.startPlayout();
    CHECK(packetNumber(jb.next()) == 0);
    CHECK(packetNumber(jb.next()) == 1);
    CHECK(jb.counts().duplicated == 1);
}

TEST_CASE("a missing frame with the next packet present is rebuilt from its FEC",
          "[receive][JitterBuffer]")
{
    JitterBuffer jb;
    Stream s;
    jb.insert(s.packet(0), frame, at(0));
    jb.insert(s.packet(2), frame, at(2));
    jb.startPlayout();
    CHECK(jb.next().kind == Playout::Kind::Packet);
    const Playout fec = jb.next();
    REQUIRE(fec.kind == Playout::Kind::Fec);
    CHECK(packetNumber(fec) == 2); // the next packet carries the copy
    CHECK(fec.samples == frame);
    CHECK(fec.timestamp == 1000 + frame);
    const Playout two = jb.next();
    CHECK(two.kind == Playout::Kind::Packet); // and is still played itself
    CHECK(packetNumber(two) == 2);
    CHECK(jb.counts().lost == 1);

    SECTION("the missing packet arriving afterwards is late")
    {
        CHECK(jb.insert(s.packet(1), frame, at(3)).verdict == PacketVerdict::Late);
        CHECK(jb.counts().late == 1);
    }
}

TEST_CASE("two missing frames: the first is concealed, the second rebuilt from FEC",
          "[receive][JitterBuffer]")
{
    JitterBuffer jb;
    Stream s;
    jb.insert(s.packet(0), frame, at(0));
    jb.insert(s.packet(3), frame, at(3));
    jb.startPlayout();
    CHECK(jb.next().kind == Playout::Kind::Packet);
    CHECK(jb.next().kind == Playout::Kind::Lost);
    CHECK(jb.next().kind == Playout::Kind::Fec);
    CHECK(packetNumber(jb.next()) == 3);
    CHECK(jb.counts().lost == 2);
}

TEST_CASE("an empty buffer waits for the due frame instead of skipping it",
          "[receive][JitterBuffer]")
{
    JitterBuffer jb;
    Stream s;
    jb.insert(s.packet(0), frame, at(0));
    jb.startPlayout();
    CHECK(jb.next().kind == Playout::Kind::Packet);
    const Playout wait = jb.next();
    CHECK(wait.kind == Playout::Kind::Underrun);
    CHECK(wait.samples == frame);
    CHECK(jb.nextTimestamp() == 1000 + frame); // still waiting for packet 1
    CHECK(jb.insert(s.packet(1), frame, at(2)).verdict == PacketVerdict::Stored);
    CHECK(packetNumber(jb.next()) == 1);
    CHECK(jb.counts().underruns == 1);
    CHECK(jb.counts().lost == 0);
}

TEST_CASE("a concealment issued while waiting stands in for a frame that turns out lost",
          "[receive][JitterBuffer]")
{
    JitterBuffer jb;
    Stream s;
    jb.insert(s.packet(0), frame, at(0));
    jb.startPlayout();
    CHECK(jb.next().kind == Playout::Kind::Packet);
    CHECK(jb.next().kind == Playout::Kind::Underrun); // waiting for 1, which is lost
    jb.insert(s.packet(2), frame, at(3));
    const Playout two = jb.next();
    CHECK(two.kind == Playout::Kind::Packet); // no second concealment: the delay did not grow
    CHECK(packetNumber(two) == 2);
    CHECK(jb.counts().lost == 1);

    SECTION("waits stand in for as many lost frames as they cover")
    {
        CHECK(jb.next().kind == Playout::Kind::Underrun);
        CHECK(jb.next().kind == Playout::Kind::Underrun);
        jb.insert(s.packet(5), frame, at(8)); // 3 and 4 lost: both already concealed
        CHECK(packetNumber(jb.next()) == 5);
        CHECK(jb.counts().lost == 3);
    }
    SECTION("frames lost beyond the waits are concealed or rebuilt as usual")
    {
        CHECK(jb.next().kind == Playout::Kind::Underrun);
        jb.insert(s.packet(6), frame, at(8));         // 3, 4 and 5 lost; one wait covers 3
        CHECK(jb.next().kind == Playout::Kind::Lost); // 4
        CHECK(jb.next().kind == Playout::Kind::Fec);  // 5 from 6
        CHECK(packetNumber(jb.next()) == 6);
        CHECK(jb.counts().lost == 4);
    }
    SECTION("a waited-for frame that comes late plays: the delay grew by the wait")
    {
        CHECK(jb.next().kind == Playout::Kind::Underrun);
        jb.insert(s.packet(3), frame, at(8));
        CHECK(packetNumber(jb.next()) == 3);
        CHECK(jb.counts().lost == 1);
    }
}

TEST_CASE("sequence numbers and timestamps wrap without a hiccup", "[receive][JitterBuffer]")
{
    JitterBuffer jb;
    Stream s;
    s.firstSequence = 65530;
    s.firstTimestamp = 4294967295u - 3 * frame;
    for (int k = 0; k < 12; ++k)
        jb.insert(s.packet(k), frame, at(k));
    jb.startPlayout();
    for (int k = 0; k < 12; ++k)
    {
        const Playout p = jb.next();
        REQUIRE(p.kind == Playout::Kind::Packet);
        CHECK(packetNumber(p) == k);
    }
    CHECK(jb.counts().lost == 0);
    CHECK(jb.counts().streams == 1);
}

TEST_CASE("before playout a reordered first packet moves the start back", "[receive][JitterBuffer]")
{
    JitterBuffer jb;
    Stream s;
    jb.insert(s.packet(5), frame, at(5));
    CHECK(jb.insert(s.packet(4), frame, at(5)).verdict == PacketVerdict::Reordered);
    jb.startPlayout();
    CHECK(packetNumber(jb.next()) == 4);
    CHECK(packetNumber(jb.next()) == 5);
}

TEST_CASE("another SSRC is refused while the stream lives and followed once it is silent",
          "[receive][JitterBuffer]")
{
    JitterBuffer jb;
    Stream old;
    Stream restarted;
    restarted.source = 0x9999;
    restarted.firstSequence = 7;
    restarted.firstTimestamp = 123456;
    for (int k = 0; k < 10; ++k)
        jb.insert(old.packet(k), frame, at(k));
    jb.startPlayout();
    jb.next();

    // An engine restart: the old stream stops at packet 9 (90 ms), the new one starts at 100 ms.
    CHECK(jb.insert(restarted.packet(0), frame, at(10)).verdict == PacketVerdict::Foreign);
    int k = 1;
    Nanoseconds adopted{-1};
    for (; k < 100; ++k)
    {
        if (jb.insert(restarted.packet(k), frame, at(10 + k)).verdict == PacketVerdict::NewStream)
        {
            adopted = at(10 + k);
            break;
        }
    }
    REQUIRE(adopted.count() > 0);
    CHECK(adopted - at(9) >= 200ms); // the old stream had its timeout ...
    CHECK(adopted - at(10) < 1s);    // ... and the new one was followed well within a second
    CHECK(jb.counts().streams == 2);
    CHECK(jb.counts().foreign == static_cast<std::uint64_t>(k));
    CHECK_FALSE(jb.playing()); // prebuffers again
    jb.startPlayout();
    CHECK(packetNumber(jb.next()) == k);
}

TEST_CASE("a sequence jump is refused once, and followed when it persists",
          "[receive][JitterBuffer]")
{
    JitterBuffer jb;
    Stream s;
    for (int k = 0; k < 5; ++k)
        jb.insert(s.packet(k), frame, at(k));
    jb.startPlayout();
    Stream jumped = s;
    jumped.firstSequence = static_cast<std::uint16_t>(s.firstSequence + 20000);

    CHECK(jb.insert(jumped.packet(5), frame, at(5)).verdict == PacketVerdict::Implausible);
    CHECK(jb.insert(s.packet(5), frame, at(5)).verdict == PacketVerdict::Stored); // stray ignored
    CHECK(jb.insert(jumped.packet(6), frame, at(6)).verdict == PacketVerdict::Implausible);
    CHECK(jb.insert(jumped.packet(7), frame, at(7)).verdict == PacketVerdict::Implausible);
    CHECK(jb.insert(jumped.packet(8), frame, at(8)).verdict == PacketVerdict::NewStream);
    CHECK(jb.counts().implausible == 3);

    SECTION("after a silence a jump is followed at once")
    {
        CHECK(jb.insert(s.packet(9), frame, at(40)).verdict == PacketVerdict::NewStream);
    }
}

TEST_CASE("oversized payloads are refused", "[receive][JitterBuffer]")
{
    JitterBuffer jb;
    std::vector<std::uint8_t> big(JitterBuffer::maxPayloadBytes + 1, 0xf8);
    RtpPacketView p;
    p.payload = big;
    CHECK(jb.insert(p, frame, at(0)).verdict == PacketVerdict::TooLarge);
    CHECK(jb.counts().tooLarge == 1);
    CHECK_FALSE(jb.hasPackets());
}

TEST_CASE("the capacity must be a power of two", "[receive][JitterBuffer]")
{
    JitterBufferConfig config;
    config.capacity = 300;
    CHECK_THROWS_AS(JitterBuffer(config), std::invalid_argument);
}

TEST_CASE("restart drops packets but keeps the stream", "[receive][JitterBuffer]")
{
    JitterBuffer jb;
    Stream s;
    for (int k = 0; k < 5; ++k)
        jb.insert(s.packet(k), frame, at(k));
    jb.restart();
    CHECK_FALSE(jb.hasPackets());
    CHECK(jb.insert(s.packet(30), frame, at(30)).verdict == PacketVerdict::Stored);
    CHECK(jb.counts().streams == 1);
    jb.forgetStream();
    Stream other;
    other.source = 77;
    CHECK(jb.insert(other.packet(0), frame, at(31)).verdict == PacketVerdict::NewStream);
}
