#include "stream/RtpStreamSender.h"

#include "net/Rtcp.h"
#include "net/Rtp.h"

#include <array>
#include <random>

namespace dragoman
{

RtpStart RtpStart::random()
{
    std::random_device device;
    RtpStart start;
    start.ssrc = device();
    start.sequence = static_cast<std::uint16_t>(device());
    start.timestamp = device();
    return start;
}

Result<std::unique_ptr<RtpStreamSender>>
RtpStreamSender::create(const ChannelDestinations& destinations, const NetworkSpec& network,
                        std::string cname, RtpStart start)
{
    std::vector<StreamEndpoint> endpoints = destinations.unicast;
    if (destinations.multicast)
        endpoints.insert(endpoints.begin(), *destinations.multicast);
    std::vector<sockaddr_in> rtp;
    std::vector<sockaddr_in> rtcp;
    for (const auto& endpoint : endpoints)
    {
        const auto address = ipv4Endpoint(endpoint.address, endpoint.port);
        const auto control =
            ipv4Endpoint(endpoint.address, static_cast<std::uint16_t>(endpoint.port + 1));
        if (!address || !control)
            return Error{destinations.channel + ": '" + endpoint.address +
                         "' is not an IPv4 address"};
        rtp.push_back(*address);
        rtcp.push_back(*control);
    }
    auto socket = UdpSocket::open(network.interface, network.ttl);
    if (!socket)
        return Error{destinations.channel + ": " + socket.error()};
    // A group's receivers report to the group (RFC 3550 §6), never to our socket: without
    // joining it the engine would count none of them.
    SocketHandle groupReports;
    if (const auto& group = destinations.multicast)
    {
        auto joined = openReceiveSocket(group->address, static_cast<std::uint16_t>(group->port + 1),
                                        network.interface);
        if (!joined)
            return Error{destinations.channel +
                         ": cannot hear the listeners' reports: " + joined.error()};
        groupReports = std::move(joined.value());
        stampArrivals(groupReports.get());
    }
    return std::unique_ptr<RtpStreamSender>(
        new RtpStreamSender(std::move(socket.value()), std::move(groupReports), std::move(rtp),
                            std::move(rtcp), std::move(cname), start));
}

RtpStreamSender::RtpStreamSender(std::unique_ptr<UdpSocket> udp, SocketHandle group,
                                 std::vector<sockaddr_in> rtp, std::vector<sockaddr_in> rtcp,
                                 std::string cname, RtpStart first)
    : socket(std::move(udp)), groupReports(std::move(group)), rtpDestinations(std::move(rtp)),
      rtcpDestinations(std::move(rtcp)), canonicalName(std::move(cname)), start(first),
      sequence(first.sequence), timestamp(first.timestamp), buffer(rtpFixedHeaderSize + 1500),
      listeners(first.ssrc, count)
{
}

void RtpStreamSender::sendAll(const std::vector<sockaddr_in>& to,
                              std::span<const std::uint8_t> datagram) noexcept
{
    const std::size_t sent = socket->sendToMany(to, datagram);
    if (sent < to.size())
        count.sendErrors.fetch_add(to.size() - sent, std::memory_order_relaxed);
}

void RtpStreamSender::sendFrame(std::span<const std::uint8_t> payload, std::uint32_t frameSamples,
                                std::chrono::system_clock::time_point captured) noexcept
{
    RtpHeader header;
    header.payloadType = rtpOpusPayloadType;
    header.marker = !sentAny; // RFC 7587 §4.2: the first packet of a talkspurt
    header.sequence = sequence;
    header.timestamp = timestamp;
    header.ssrc = start.ssrc;
    const std::size_t size = writeRtpPacket(header, payload, buffer);
    if (size == 0)
    {
        count.encodeErrors.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    const auto fanoutStart = std::chrono::steady_clock::now();
    sendAll(rtpDestinations, std::span(buffer.data(), size));
    fanoutTimes.record(std::chrono::steady_clock::now() - fanoutStart);
    ++sequence;
    timestamp += frameSamples;
    lastCapture = captured;
    sentAny = true;
    ++packetCount;
    octetCount += static_cast<std::uint32_t>(payload.size());
    count.packets.fetch_add(1, std::memory_order_relaxed);
    count.bytes.fetch_add(payload.size(), std::memory_order_relaxed);
}

void RtpStreamSender::sendReport(bool bye) noexcept
{
    if (!sentAny && !bye)
        return; // no NTP <-> RTP pair to give yet
    RtcpCompound compound;
    compound.reporterSsrc = start.ssrc;
    SenderInfo sender;
    // RFC 3550 §6.4.1: the NTP time is when the SR leaves, and its RTP timestamp the same
    // instant on the 48 kHz media clock, carried on from `timestamp` (the sample after the last
    // one sent, captured at about lastCapture). Stamping lastCapture itself would add up to a
    // frame to every listener's round trip (LSR). Past a stall (no frame for longer than any
    // frame lasts) the capture's own pair stays the exact one.
    constexpr auto kLongestFrame = std::chrono::milliseconds(60);
    const auto now = std::chrono::system_clock::now();
    auto instant = sentAny ? lastCapture : now;
    std::uint32_t rtp = timestamp;
    if (sentAny && now >= lastCapture && now - lastCapture <= kLongestFrame)
    {
        const auto micros =
            std::chrono::duration_cast<std::chrono::microseconds>(now - lastCapture).count();
        rtp += static_cast<std::uint32_t>(micros * 48 / 1000);
        instant = now;
    }
    sender.ntp = NtpTime::fromSystemClock(instant);
    sender.rtpTimestamp = rtp;
    sender.packetCount = packetCount;
    sender.octetCount = octetCount;
    compound.sender = sender;
    compound.cnames.push_back({start.ssrc, canonicalName});
    if (bye)
    {
        compound.bye = true;
        compound.byeSources.push_back(start.ssrc);
    }
    std::uint8_t out[512];
    const std::size_t size = writeRtcp(compound, out);
    if (size == 0)
    {
        count.encodeErrors.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    sendAll(rtcpDestinations, std::span<const std::uint8_t>(out, size));
    count.reports.fetch_add(1, std::memory_order_relaxed);
}

void RtpStreamSender::readReports(std::chrono::steady_clock::time_point now)
{
    // Bounded per socket and call, so a flood cannot hold the encoder thread away from its
    // frames, nor a flood on one socket hide the listeners on the other.
    constexpr int kMaxPerSocket = 256;
    std::array<std::uint8_t, 1500> datagram{};
    const auto drain = [&](auto receive)
    {
        for (int n = 0; n < kMaxPerSocket; ++n)
        {
            sockaddr_in from{};
            const auto received = receive(from);
            if (!received)
                return;
            listeners.take(std::span<const std::uint8_t>(datagram.data(), received->size), from,
                           NtpTime::fromSystemClock(received->arrival), now);
        }
    };
    drain([&](sockaddr_in& from) { return socket->receiveFrom(datagram, from); });
    if (groupReports.get() >= 0)
        drain([&](sockaddr_in& from)
              { return receiveDatagram(groupReports.get(), datagram, from); });
    listeners.publish(now);
}

} // namespace dragoman
