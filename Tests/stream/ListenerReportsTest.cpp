// Receivers' RTCP reports back to the sender, on real sockets on 127.0.0.1: N fake receivers
// answer the sender report with a receiver report to the address it came from, and the stream's
// counters show N listeners and their loss; BYE counts one out; garbage is counted, not fatal.

#include "LoopbackReceiver.h"

#include "SenderReportSteps.h"
#include "net/Rtcp.h"
#include "stream/RtpStreamSender.h"

#include <catch2/catch.hpp>

#include <array>
#include <memory>
#include <thread>
#include <vector>

using namespace dragoman;

namespace
{

struct Rig
{
    std::vector<std::unique_ptr<test::LoopbackReceiver>> receivers;
    std::unique_ptr<RtpStreamSender> sender;
};

Rig makeRig(std::size_t count)
{
    Rig rig;
    NetworkSpec network;
    network.sap.enabled = false;
    ChannelDestinations destinations;
    destinations.channel = "en";
    for (std::size_t i = 0; i < count; ++i)
    {
        rig.receivers.push_back(std::make_unique<test::LoopbackReceiver>());
        destinations.unicast.push_back({"127.0.0.1", rig.receivers.back()->port()});
    }
    network.channels.push_back(destinations);
    auto sender = RtpStreamSender::create(network.channels[0], network, "test@host",
                                          RtpStart{0x5eed0001, 100, 1000});
    REQUIRE(sender);
    rig.sender = std::move(sender.value());
    return rig;
}

// The receiver's answer to the SR it just got: an RR about the sender's stream.
bool answer(test::LoopbackReceiver& receiver, std::uint32_t reporter, std::uint8_t fractionLost,
            bool bye = false)
{
    sockaddr_in from{};
    const auto sr = receiver.rtcpFrom(from);
    if (!sr)
        return false;
    const auto parsed = parseRtcp(*sr);
    if (!parsed || !parsed->sender)
        return false;
    RtcpCompound rr;
    rr.reporterSsrc = reporter;
    ReportBlock block;
    block.ssrc = parsed->reporterSsrc;
    block.fractionLost = fractionLost;
    block.jitter = 96; // 2 ms at 48 kHz
    block.lastSenderReport = parsed->sender->ntp.middle32();
    block.delaySinceLastReport = 0; // answered at once: the round trip is all the sender's wait
    rr.reports.push_back(block);
    rr.cnames.push_back({reporter, "receiver@test"});
    if (bye)
    {
        rr.bye = true;
        rr.byeSources.push_back(reporter);
    }
    std::array<std::uint8_t, 256> out{};
    const std::size_t size = writeRtcp(rr, out);
    return size > 0 && receiver.sendRtcp(from, out.data(), size);
}

} // namespace

TEST_CASE("Receivers' reports on loopback: listeners counted, loss and round trip reported",
          "[stream][rtcp]")
{
    constexpr std::size_t count = 5;
    Rig rig = makeRig(count);
    test::sendOneFrameAndReport(*rig.sender);
    // The last receiver loses 25% (64/256), the others nothing: mean 5%.
    for (std::size_t i = 0; i < count; ++i)
    {
        // Each receiver reads its RTP packet first, as a real one would.
        REQUIRE(rig.receivers[i]->rtp());
        const auto fraction = static_cast<std::uint8_t>(i == count - 1 ? 64 : 0);
        REQUIRE(answer(*rig.receivers[i], 0xabc00000u + static_cast<std::uint32_t>(i), fraction));
    }
    test::readUntil(*rig.sender, count);
    const auto& c = rig.sender->counters();
    CHECK(c.listeners.load() == count);
    CHECK(c.worstLossPercent.load() == Approx(25.0));
    CHECK(c.lossPercent.load() == Approx(5.0));
    CHECK(c.jitterMs.load() == Approx(2.0));
    // A round trip on loopback, from the SR's NTP time to the RR's arrival.
    CHECK(c.rttMs.load() >= 0.0);
    CHECK(c.rttMs.load() < 100.0);
    CHECK(c.rtcpMalformed.load() == 0);
    CHECK(c.rtcpForeign.load() == 0);
}

TEST_CASE("The round trip ends when the report arrived, not when the sender got round to it",
          "[stream][rtcp]")
{
    Rig rig = makeRig(1);
    test::sendOneFrameAndReport(*rig.sender);
    REQUIRE(answer(*rig.receivers[0], 1, 0));
    // The encoder thread reads reports every 50 ms; here it is much later still.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    test::readUntil(*rig.sender, 1);
    REQUIRE(rig.sender->counters().listeners.load() == 1);
    CHECK(rig.sender->counters().rttMs.load() >= 0.0);
    CHECK(rig.sender->counters().rttMs.load() < 150.0);
}

TEST_CASE("A receiver's BYE counts it out at once", "[stream][rtcp]")
{
    Rig rig = makeRig(2);
    test::sendOneFrameAndReport(*rig.sender);
    REQUIRE(answer(*rig.receivers[0], 1, 0));
    REQUIRE(answer(*rig.receivers[1], 2, 0));
    test::readUntil(*rig.sender, 2);
    REQUIRE(rig.sender->counters().listeners.load() == 2);
    test::sendOneFrameAndReport(*rig.sender);
    REQUIRE(answer(*rig.receivers[1], 2, 0, true));
    REQUIRE(answer(*rig.receivers[0], 1, 0));
    test::readUntil(*rig.sender, 1);
    CHECK(rig.sender->counters().listeners.load() == 1);
}

TEST_CASE("Garbage and other streams' reports on the RTCP port are counted, never fatal",
          "[stream][rtcp]")
{
    Rig rig = makeRig(1);
    test::sendOneFrameAndReport(*rig.sender);
    auto& receiver = *rig.receivers[0];
    sockaddr_in from{};
    REQUIRE(receiver.rtcpFrom(from));
    const std::uint8_t garbage[] = {0x12, 0x34, 0x56};
    REQUIRE(receiver.sendRtcp(from, garbage, sizeof garbage));
    // A valid RR, but about an SSRC that is not ours.
    RtcpCompound rr;
    rr.reporterSsrc = 7;
    ReportBlock block;
    block.ssrc = 0x0badf00d;
    rr.reports.push_back(block);
    std::array<std::uint8_t, 128> out{};
    const std::size_t size = writeRtcp(rr, out);
    REQUIRE(receiver.sendRtcp(from, out.data(), size));
    for (int i = 0; i < 50 && rig.sender->counters().rtcpReceived.load() < 2; ++i)
    {
        rig.sender->readReports(std::chrono::steady_clock::now());
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    const auto& c = rig.sender->counters();
    CHECK(c.rtcpMalformed.load() == 1);
    CHECK(c.rtcpForeign.load() == 1);
    CHECK(c.listeners.load() == 0);
}
