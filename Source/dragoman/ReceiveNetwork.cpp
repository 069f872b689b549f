#include "ReceiveNetwork.h"

#include "net/Rtcp.h"
#include "net/Rtp.h"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <chrono>
#include <cstdio>
#include <poll.h>
#include <random>
#include <sys/socket.h>
#include <unistd.h>

namespace dragoman::cli
{

namespace
{

// Datagrams read per system call: a burst (a sender catching up, a flood) costs one call.
constexpr unsigned batch = 16;
// A group's SDP without a TTL (RFC 4566 wants one): a site's routed LAN, as before.
constexpr int kReportTtlUnknown = 16;

// RFC 3550 §6.2's interval, simplified: a handful of senders and no bandwidth to share out, so a
// fixed 2 s randomised to 0.5-1.5x (§6.3.1) instead of the computed one.
std::chrono::steady_clock::duration reportInterval()
{
    static thread_local std::mt19937 random{std::random_device{}()};
    std::uniform_real_distribution<double> factor(0.5, 1.5);
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(2.0 * factor(random)));
}

std::string receiverCname()
{
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0)
        std::snprintf(host, sizeof host, "localhost");
    return "dragoman-receive-" + std::to_string(::getpid()) + "@" + host;
}

} // namespace

Result<std::unique_ptr<ReceiveNetwork>>
ReceiveNetwork::open(const std::vector<ReceiveChannel>& channels,
                     const std::string& interfaceAddress, ChannelPlayer& player)
{
    std::unique_ptr<ReceiveNetwork> network(new ReceiveNetwork(player));
    for (const auto& channel : channels)
    {
        auto rtp = openReceiveSocket(channel.address, channel.port, interfaceAddress);
        if (!rtp)
            return Error{channel.id + ": " + rtp.error()};
        network->rtpSockets.push_back(std::move(rtp.value()));
        // RTCP is optional (a sender may send none): without it only the mouth-to-ear delay is
        // missing.
        auto rtcp = openReceiveSocket(channel.address, static_cast<std::uint16_t>(channel.port + 1),
                                      interfaceAddress);
        network->rtcpSockets.push_back(rtcp ? std::move(rtcp.value()) : SocketHandle{});
    }
    network->lastReports.resize(channels.size());
    network->rtcpPeers.resize(channels.size());
    // Reports reach as far as the streams do (the SDP's c=ADDR/TTL), not further.
    int reportTtl = 0;
    for (const auto& channel : channels)
        if (channel.multicast())
            reportTtl = std::max(reportTtl, channel.ttl);
    if (reportTtl == 0)
        reportTtl = kReportTtlUnknown;
    for (std::size_t i = 0; i < channels.size(); ++i)
    {
        const auto& channel = channels[i];
        const bool multicast = channel.multicast();
        network->multicastChannels.push_back(multicast);
        if (!multicast)
            continue; // the engine's unicast reports come from its socket, learnt from an SR
        // A group's members all hear each other's reports on its RTCP port (RFC 3550 §6).
        network->rtcpPeers[i] =
            ipv4Endpoint(channel.address, static_cast<std::uint16_t>(channel.port + 1));
        if (!network->multicastReports && !interfaceAddress.empty())
            if (auto socket = UdpSocket::open(interfaceAddress, reportTtl))
                network->multicastReports = std::move(socket.value());
    }
    network->ownSsrc = std::random_device{}();
    network->cname = receiverCname();
    return network;
}

ReceiveNetwork::~ReceiveNetwork()
{
    stop();
}

void ReceiveNetwork::start()
{
    stopping = false;
    thread = std::thread([this] { run(); });
}

void ReceiveNetwork::stop()
{
    stopping = true;
    if (thread.joinable())
        thread.join();
}

std::optional<SenderReportTime> ReceiveNetwork::senderReport(int channel) const
{
    const std::lock_guard lock(reportLock);
    return lastReports[static_cast<std::size_t>(channel)];
}

void ReceiveNetwork::run()
{
    std::vector<pollfd> fds;
    std::vector<std::pair<int, bool>> owners; // channel, is RTCP
    for (std::size_t i = 0; i < rtpSockets.size(); ++i)
    {
        fds.push_back({rtpSockets[i].get(), POLLIN, 0});
        owners.emplace_back(static_cast<int>(i), false);
        if (rtcpSockets[i].get() >= 0)
        {
            fds.push_back({rtcpSockets[i].get(), POLLIN, 0});
            owners.emplace_back(static_cast<int>(i), true);
        }
    }
    while (!stopping.load(std::memory_order_relaxed))
    {
        reportReception(std::chrono::steady_clock::now(), false);
        // The timeout bounds how long stop() waits and how late a report goes out.
        if (::poll(fds.data(), fds.size(), 50) <= 0)
            continue;
        for (std::size_t i = 0; i < fds.size(); ++i)
        {
            if ((fds[i].revents & POLLIN) == 0)
                continue;
            if (owners[i].second)
                readRtcp(owners[i].first, fds[i].fd);
            else
                readRtp(owners[i].first, fds[i].fd);
        }
    }
    reportReception(std::chrono::steady_clock::now(), true);
}

void ReceiveNetwork::reportReception(std::chrono::steady_clock::time_point now, bool leaving)
{
    const int current = player.requestedChannel();
    if (leaving || current != reportedChannel)
    {
        if (reportedChannel >= 0 && reception.hasSource())
            sendReceiverReport(reportedChannel, true);
        reception.reset();
        reportedChannel = current;
        nextReport = now + reportInterval();
        return;
    }
    if (now < nextReport || current < 0)
        return;
    sendReceiverReport(current, false);
    nextReport = now + reportInterval();
}

void ReceiveNetwork::sendReceiverReport(int channel, bool bye)
{
    const auto index = static_cast<std::size_t>(channel);
    if (index >= rtcpPeers.size() || !rtcpPeers[index])
        return; // no sender report heard yet: nowhere to send
    const auto now = std::chrono::steady_clock::now().time_since_epoch();
    const auto block = reception.takeReportBlock(std::chrono::duration_cast<Nanoseconds>(now));
    std::array<std::uint8_t, 512> out{};
    const std::size_t size = writeRtcp(receiverReport(ownSsrc, cname, block, bye), out);
    if (size == 0)
        return;
    const std::span<const std::uint8_t> datagram(out.data(), size);
    bool sent = false;
    if (multicastChannels[index])
        sent = multicastReports && multicastReports->sendTo(*rtcpPeers[index], datagram);
    else if (rtcpSockets[index].get() >= 0)
        // From the port the SRs reach, so the engine sees the same reporter every time.
        sent = ::sendto(rtcpSockets[index].get(), out.data(), size, MSG_DONTWAIT,
                        reinterpret_cast<const sockaddr*>(&*rtcpPeers[index]),
                        sizeof(sockaddr_in)) == static_cast<ssize_t>(size);
    if (sent)
        sentReports.fetch_add(1, std::memory_order_relaxed);
}

void ReceiveNetwork::readRtp(int channel, int fd)
{
    static thread_local std::array<ChannelDatagram, batch> items;
    std::array<iovec, batch> vectors{};
    std::array<mmsghdr, batch> messages{};
    for (unsigned i = 0; i < batch; ++i)
    {
        vectors[i] = {items[i].datagram.bytes.data(), Datagram::capacity};
        messages[i].msg_hdr.msg_iov = &vectors[i];
        messages[i].msg_hdr.msg_iovlen = 1;
    }
    for (;;)
    {
        const int n = ::recvmmsg(fd, messages.data(), batch, MSG_DONTWAIT, nullptr);
        if (n <= 0)
            return;
        const auto arrival = std::chrono::steady_clock::now().time_since_epoch();
        for (int i = 0; i < n; ++i)
        {
            auto& item = items[static_cast<std::size_t>(i)];
            item.channel = channel;
            item.datagram.arrival = std::chrono::duration_cast<Nanoseconds>(arrival);
            // A datagram longer than an MTU is cut to it and then refused as RTP downstream.
            item.datagram.size = static_cast<std::uint16_t>(std::min<unsigned>(
                messages[static_cast<std::size_t>(i)].msg_len, Datagram::capacity));
            if (!player.inbox().push(item))
                player.noteDropped();
            if (channel == reportedChannel)
                if (const auto packet = parseRtp(std::span<const std::uint8_t>(
                        item.datagram.bytes.data(), item.datagram.size)))
                    reception.onRtp(packet->header.ssrc, packet->header.sequence,
                                    packet->header.timestamp, item.datagram.arrival);
        }
        if (n < static_cast<int>(batch))
            return;
    }
}

void ReceiveNetwork::readRtcp(int channel, int fd)
{
    std::array<std::uint8_t, 2048> buffer{};
    for (;;)
    {
        sockaddr_in from{};
        socklen_t fromLength = sizeof from;
        const auto n = ::recvfrom(fd, buffer.data(), buffer.size(), MSG_DONTWAIT,
                                  reinterpret_cast<sockaddr*>(&from), &fromLength);
        if (n <= 0)
            return;
        const auto parsed = parseRtcp(std::span(buffer.data(), static_cast<std::size_t>(n)));
        if (!parsed)
        {
            badRtcp.fetch_add(1, std::memory_order_relaxed);
            continue;
        }
        if (!parsed->sender)
            continue;
        reports.fetch_add(1, std::memory_order_relaxed);
        const auto index = static_cast<std::size_t>(channel);
        if (!multicastChannels[index] && fromLength == sizeof from)
            rtcpPeers[index] = from; // the engine's RTCP socket: where our reports go
        if (channel == reportedChannel)
            reception.onSenderReport(parsed->reporterSsrc, parsed->sender->ntp,
                                     std::chrono::duration_cast<Nanoseconds>(
                                         std::chrono::steady_clock::now().time_since_epoch()));
        const std::lock_guard lock(reportLock);
        lastReports[static_cast<std::size_t>(channel)] = SenderReportTime{
            parsed->sender->ntp, parsed->sender->rtpTimestamp, parsed->reporterSsrc};
    }
}

} // namespace dragoman::cli
