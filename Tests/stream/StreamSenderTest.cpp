// The senders on loopback: RTP packets as RFC 3550/7587 want them, sender reports with CNAME and
// BYE on the next port, SDP files that parse back with the channel's language, and the whole
// StreamSender fed through the tap.

#include "LoopbackReceiver.h"

#include "net/Rtcp.h"
#include "net/Rtp.h"
#include "net/Sdp.h"
#include "stream/ChannelSdp.h"
#include "stream/RtpStreamSender.h"
#include "stream/StreamSender.h"

#include <catch2/catch.hpp>
#include <opus.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace dragoman;

namespace
{

NetworkSpec loopbackNetwork(std::uint16_t port)
{
    NetworkSpec network;
    network.sap.enabled = false; // SAP is multicast: never in the root namespace
    ChannelDestinations destinations;
    destinations.channel = "en";
    destinations.unicast.push_back({"127.0.0.1", port});
    network.channels.push_back(destinations);
    return network;
}

} // namespace

TEST_CASE("RTP packets carry PT 96, running sequence and 48 kHz timestamps", "[stream][rtp]")
{
    test::LoopbackReceiver ears;
    REQUIRE(ears.port() != 0);
    const NetworkSpec network = loopbackNetwork(ears.port());
    RtpStart start{0x12345678, 65534, 0xFFFFFE00};
    auto sender = RtpStreamSender::create(network.channels[0], network, "test@host", start);
    REQUIRE(sender.ok());
    const std::uint8_t payload[] = {1, 2, 3};
    for (int i = 0; i < 3; ++i)
        sender.value()->sendFrame(payload, 480, std::chrono::system_clock::now());
    for (int i = 0; i < 3; ++i)
    {
        const auto bytes = ears.rtp();
        REQUIRE(bytes);
        const auto packet = parseRtp(*bytes);
        REQUIRE(packet.ok());
        CHECK(packet.value().header.payloadType == 96);
        CHECK(packet.value().header.ssrc == 0x12345678u);
        CHECK(packet.value().header.sequence == static_cast<std::uint16_t>(65534 + i));
        CHECK(packet.value().header.timestamp == 0xFFFFFE00u + 480u * static_cast<unsigned>(i));
        CHECK(packet.value().header.marker == (i == 0));
        CHECK(packet.value().payload.size() == 3);
    }
    sender.value()->sendReport(true);
    const auto report = ears.rtcp();
    REQUIRE(report);
    const auto compound = parseRtcp(*report);
    REQUIRE(compound.ok());
    REQUIRE(compound.value().sender);
    CHECK(compound.value().sender->packetCount == 3);
    CHECK(compound.value().sender->octetCount == 9);
    // The SR's RTP time is the instant it left, carried on from the last frame's capture.
    const std::uint32_t sinceLastFrame =
        compound.value().sender->rtpTimestamp - (0xFFFFFE00u + 3u * 480u);
    CHECK(sinceLastFrame < 48u); // under 1 ms at 48 kHz
    REQUIRE(compound.value().cnames.size() == 1);
    CHECK(compound.value().cnames[0].cname == "test@host");
    CHECK(compound.value().bye);
    CHECK(sender.value()->counters().sendErrors.load() == 0);
}

TEST_CASE("A sender report is stamped when it leaves, its RTP time carried on from the frame",
          "[stream][rtp]")
{
    test::LoopbackReceiver ears;
    REQUIRE(ears.port() != 0);
    const NetworkSpec network = loopbackNetwork(ears.port());
    auto sender =
        RtpStreamSender::create(network.channels[0], network, "test@host", RtpStart{1, 0, 1000});
    REQUIRE(sender.ok());
    // The frame's last sample was captured 8 ms before the report: 384 samples at 48 kHz.
    const std::uint8_t payload[] = {1, 2, 3};
    const auto captured = std::chrono::system_clock::now() - std::chrono::milliseconds(8);
    sender.value()->sendFrame(payload, 480, captured);
    const auto before = std::chrono::system_clock::now();
    sender.value()->sendReport(false);
    const auto after = std::chrono::system_clock::now();
    REQUIRE(ears.rtp());
    const auto report = ears.rtcp();
    REQUIRE(report);
    const auto compound = parseRtcp(*report);
    REQUIRE(compound.ok());
    REQUIRE(compound.value().sender);
    // Its NTP time is the send time (so a listener's LSR/DLSR round trip holds no frame wait)...
    const auto sent = compound.value().sender->ntp.toSystemClock();
    CHECK(sent >= before - std::chrono::microseconds(1));
    CHECK(sent <= after + std::chrono::microseconds(1));
    // ...and its RTP time the same instant on the media clock.
    const auto elapsed = std::chrono::duration<double>(sent - captured).count() * 48000.0;
    const auto rtp = compound.value().sender->rtpTimestamp - (1000u + 480u);
    CHECK(static_cast<double>(rtp) == Approx(elapsed).margin(2.0));
}

TEST_CASE("A channel's SDP names its language, group and frame size", "[stream][sdp]")
{
    NetworkSpec network;
    network.ttl = 3;
    network.opus.frameMicroseconds = 5000;
    ChannelDestinations destinations;
    destinations.channel = "kk";
    destinations.multicast = StreamEndpoint{"239.69.0.5", 5004};
    destinations.unicast.push_back({"127.0.0.1", 6008});
    const auto text =
        writeSdp(channelSdp(network, destinations, {"kk", "kk", "Kazakh Қазақша"}, "Astana", 42));
    REQUIRE(text.ok());
    const auto parsed = parseSdp(text.value());
    REQUIRE(parsed.ok());
    CHECK(parsed.value().connectionAddress == "239.69.0.5");
    CHECK(parsed.value().ttl == 3);
    CHECK(parsed.value().language == "kk");
    CHECK(parsed.value().sessionName == "Kazakh Қазақша");
    CHECK(parsed.value().ptimeMicroseconds == 5000);
    // 5 ms frames have no SILK, so no FEC to promise.
    CHECK_FALSE(formatParameter(parsed.value().formatParameters, "useinbandfec"));
}

TEST_CASE("The stream sender encodes what the tap hands it and writes the SDP", "[stream]")
{
    test::LoopbackReceiver ears;
    REQUIRE(ears.port() != 0);
    Session session;
    session.name = "Test";
    session.channels.push_back({"en", "en", "English", IdleFeed::floor});
    session.network = loopbackNetwork(ears.port());
    const auto streamed = StreamSender::streamedChannels(session);
    REQUIRE(streamed == std::vector<bool>{false, true});
    ChannelTap tap(streamed, 48000, 64);
    const auto dir =
        std::filesystem::temp_directory_path() / ("dragoman-sdp-" + std::to_string(::getpid()));
    auto sender = StreamSender::create(session, tap, dir);
    REQUIRE(sender.ok());
    sender.value()->start();
    std::vector<float> block(64, 0.1f);
    const float* blocks[] = {nullptr, block.data()};
    for (int i = 0; i < 30; ++i) // 1920 samples: four 10 ms frames
        tap.write(blocks, 64);
    int decodable = 0;
    int error = 0;
    OpusDecoder* decoder = opus_decoder_create(48000, 1, &error);
    std::vector<float> pcm(5760);
    for (int i = 0; i < 4; ++i)
        if (const auto bytes = ears.rtp())
        {
            const auto packet = parseRtp(*bytes);
            REQUIRE(packet.ok());
            decodable += opus_decode_float(decoder, packet.value().payload.data(),
                                           static_cast<opus_int32>(packet.value().payload.size()),
                                           pcm.data(), 5760, 0) == 480;
        }
    opus_decoder_destroy(decoder);
    CHECK(decodable == 4);
    sender.value()->stop();
    const auto stats = sender.value()->stats();
    REQUIRE(stats.size() == 1);
    CHECK(stats[0].packets == 4);
    CHECK(stats[0].sendErrors == 0);
    // The BYE on stop.
    bool bye = false;
    while (const auto report = ears.rtcp(200))
        if (const auto compound = parseRtcp(*report); compound.ok())
            bye = bye || compound.value().bye;
    CHECK(bye);

    std::ifstream in(dir / "en.sdp");
    std::stringstream text;
    text << in.rdbuf();
    const auto sdp = parseSdp(text.str());
    REQUIRE(sdp.ok());
    CHECK(sdp.value().port == ears.port());
    CHECK(sdp.value().language == "en");
    std::filesystem::remove_all(dir);
}

TEST_CASE("Encoding and sending add less than one 64-frame engine block", "[stream][latency]")
{
    test::LoopbackReceiver ears;
    REQUIRE(ears.port() != 0);
    Session session;
    session.name = "Test";
    session.channels.push_back({"en", "en", "English", IdleFeed::floor});
    session.network = loopbackNetwork(ears.port());
    ChannelTap tap(StreamSender::streamedChannels(session), 48000, 480);
    auto sender = StreamSender::create(session, tap, {});
    REQUIRE(sender.ok());
    sender.value()->start();
    std::vector<float> frame(480, 0.1f);
    const float* blocks[] = {nullptr, frame.data()};
    std::vector<double> delays;
    for (int i = 0; i < 100; ++i)
    {
        // The frame's last sample arrives, as the audio thread would hand it over.
        const auto handed = std::chrono::steady_clock::now();
        tap.write(blocks, 480);
        REQUIRE(ears.rtp());
        delays.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - handed)
                .count());
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    sender.value()->stop();
    std::sort(delays.begin(), delays.end());
    std::printf("tap to packet (10 ms frames): median %.3f ms, p95 %.3f ms, max %.3f ms\n",
                delays[50], delays[95], delays.back());
    CHECK(delays[50] < 64.0 / 48.0); // the median: a loaded CI machine may preempt a few
}

TEST_CASE("Many channels are shared among encoder threads, each its own stream", "[stream]")
{
    test::LoopbackReceiver ears;
    REQUIRE(ears.port() != 0);
    Session session;
    session.name = "Test";
    NetworkSpec network;
    network.sap.enabled = false;
    for (int c = 0; c < 12; ++c)
    {
        const std::string id = "c" + std::to_string(c);
        session.channels.push_back({id, "en", id, IdleFeed::floor});
        network.channels.push_back({id, std::nullopt, {{"127.0.0.1", ears.port()}}});
    }
    session.network = network;
    ChannelTap tap(StreamSender::streamedChannels(session), 48000, 480);
    auto sender = StreamSender::create(session, tap, {});
    REQUIRE(sender.ok());
    sender.value()->start();
    std::vector<float> frame(480, 0.1f);
    std::vector<const float*> blocks(13, frame.data());
    blocks[0] = nullptr; // the floor is not streamed
    tap.write(blocks.data(), 480);
    std::vector<std::uint32_t> sources;
    for (int i = 0; i < 12; ++i)
    {
        const auto bytes = ears.rtp();
        REQUIRE(bytes);
        const auto packet = parseRtp(*bytes);
        REQUIRE(packet.ok());
        sources.push_back(packet.value().header.ssrc);
    }
    sender.value()->stop();
    std::sort(sources.begin(), sources.end());
    CHECK(std::unique(sources.begin(), sources.end()) == sources.end());
    for (const auto& stats : sender.value()->stats())
        CHECK(stats.packets == 1);
}
