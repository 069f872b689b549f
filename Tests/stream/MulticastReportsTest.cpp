// Listeners of a multicast stream report to the group's RTCP port (RFC 3550 §6), not to the
// sender's socket: the sender joins that port and counts them in the same roster as unicast
// ones, while its own sender reports, looped back by the group, and other senders' reports are
// no listener. On a private network namespace's loopback (never multicast on the host's).

#include "PrivateNetwork.h"

#include "SenderReportSteps.h"
#include "net/Rtcp.h"
#include "stream/ReceiveSocket.h"
#include "stream/RtpStreamSender.h"

#include <catch2/catch.hpp>

#include <poll.h>

#include <array>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

using namespace dragoman;

namespace
{

constexpr std::uint32_t kOurSsrc = 0x5eed0002;
const StreamEndpoint kGroup{"239.69.0.3", 5004};

// A delegate's receiver as `dragoman receive` is one: it hears the group's RTCP port and
// reports to it from a socket of its own.
struct GroupListener
{
    SocketHandle rtcp;
    std::unique_ptr<UdpSocket> out;
};

struct Rig
{
    std::unique_ptr<RtpStreamSender> sender;
    std::vector<GroupListener> listeners;
};

// Nothing when this machine cannot give the test a network namespace.
std::optional<Rig> makeRig(std::size_t count)
{
    Rig rig;
    const bool made = test::inPrivateNetwork(
        [&]
        {
            NetworkSpec network;
            network.interface = "127.0.0.1";
            network.sap.enabled = false;
            ChannelDestinations destinations;
            destinations.channel = "en";
            destinations.multicast = kGroup;
            auto sender = RtpStreamSender::create(destinations, network, "engine@test",
                                                  RtpStart{kOurSsrc, 1, 1});
            if (sender)
                rig.sender = std::move(sender.value());
            for (std::size_t i = 0; i < count; ++i)
            {
                auto rtcp = openReceiveSocket(kGroup.address, kGroup.port + 1, "127.0.0.1");
                auto out = UdpSocket::open("127.0.0.1", 1);
                if (rtcp && out)
                    rig.listeners.push_back({std::move(rtcp.value()), std::move(out.value())});
            }
        });
    if (!made)
        return std::nullopt;
    return rig;
}

// The next sender report the listener hears, past the other listeners' receiver reports.
std::optional<RtcpCompound> nextSenderReport(GroupListener& listener,
                                             std::vector<std::uint8_t>& bytes)
{
    for (int i = 0; i < 20; ++i)
    {
        pollfd p{listener.rtcp.get(), POLLIN, 0};
        if (::poll(&p, 1, 1000) != 1)
            return std::nullopt;
        bytes.resize(2048);
        const auto n = ::recv(listener.rtcp.get(), bytes.data(), bytes.size(), 0);
        if (n <= 0)
            return std::nullopt;
        bytes.resize(static_cast<std::size_t>(n));
        const auto parsed = parseRtcp(bytes);
        if (parsed && parsed->sender)
            return parsed.value();
    }
    return std::nullopt;
}

bool sendToGroup(GroupListener& listener, const RtcpCompound& compound)
{
    std::array<std::uint8_t, 256> out{};
    const std::size_t size = writeRtcp(compound, out);
    return size > 0 && listener.out->sendTo(*ipv4Endpoint(kGroup.address, kGroup.port + 1),
                                            std::span<const std::uint8_t>(out.data(), size));
}

// The listener's answer to the SR it hears: an RR about it, to the group.
bool answer(GroupListener& listener, std::uint32_t reporter, std::uint8_t fractionLost,
            bool bye = false)
{
    std::vector<std::uint8_t> bytes;
    const auto sr = nextSenderReport(listener, bytes);
    if (!sr)
        return false;
    ReportBlock block;
    block.ssrc = sr->reporterSsrc;
    block.fractionLost = fractionLost;
    block.jitter = 144; // 3 ms at 48 kHz
    block.lastSenderReport = sr->sender->ntp.middle32();
    RtcpCompound rr;
    rr.reporterSsrc = reporter;
    rr.reports.push_back(block);
    rr.cnames.push_back({reporter, "listener@test"});
    rr.bye = bye;
    if (bye)
        rr.byeSources.push_back(reporter);
    return sendToGroup(listener, rr);
}

} // namespace

TEST_CASE("Multicast listeners reporting to the group are counted; a BYE counts one out",
          "[stream][rtcp][multicast]")
{
    constexpr std::size_t count = 3;
    auto rig = makeRig(count);
    if (!rig)
    {
        WARN("skipped: no network namespace for multicast (needs root)");
        return;
    }
    REQUIRE(rig->sender);
    REQUIRE(rig->listeners.size() == count);
    test::sendOneFrameAndReport(*rig->sender);
    // The last listener loses 25 % (64/256), the others nothing.
    for (std::size_t i = 0; i < count; ++i)
        REQUIRE(answer(rig->listeners[i], 0xc0de0000u + static_cast<std::uint32_t>(i),
                       static_cast<std::uint8_t>(i == count - 1 ? 64 : 0)));
    test::readUntil(*rig->sender, count);
    const auto& c = rig->sender->counters();
    CHECK(c.listeners.load() == count);
    CHECK(c.worstLossPercent.load() == Approx(25.0));
    CHECK(c.lossPercent.load() == Approx(25.0 / 3.0));
    CHECK(c.jitterMs.load() == Approx(3.0));
    CHECK(c.rttMs.load() >= 0.0);
    CHECK(c.rttMs.load() < 100.0);
    // Our own SR came back from the group too: neither a report received nor a foreign one.
    CHECK(c.rtcpReceived.load() == count);
    CHECK(c.rtcpForeign.load() == 0);
    CHECK(c.rtcpMalformed.load() == 0);

    test::sendOneFrameAndReport(*rig->sender);
    REQUIRE(answer(rig->listeners[0], 0xc0de0000u, 0, true));
    test::readUntil(*rig->sender, count - 1);
    CHECK(c.listeners.load() == count - 1);
}

TEST_CASE("Another sender on the group is no listener, even when it reports on us",
          "[stream][rtcp][multicast]")
{
    auto rig = makeRig(1);
    if (!rig)
    {
        WARN("skipped: no network namespace for multicast (needs root)");
        return;
    }
    REQUIRE(rig->sender);
    REQUIRE(rig->listeners.size() == 1);
    RtcpCompound sr;
    sr.reporterSsrc = 0x07e00000;
    sr.sender = SenderInfo{};
    ReportBlock block;
    block.ssrc = kOurSsrc;
    sr.reports.push_back(block);
    REQUIRE(sendToGroup(rig->listeners[0], sr));
    for (int i = 0; i < 50 && rig->sender->counters().rtcpReceived.load() < 1; ++i)
    {
        rig->sender->readReports(std::chrono::steady_clock::now());
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(rig->sender->counters().rtcpForeign.load() == 1);
    CHECK(rig->sender->counters().listeners.load() == 0);
}
