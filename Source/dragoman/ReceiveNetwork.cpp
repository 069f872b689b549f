#include "ReceiveNetwork.h"

#include "net/Rtcp.h"

#include <array>
#include <chrono>
#include <poll.h>
#include <sys/socket.h>

namespace dragoman::cli
{

namespace
{

// Datagrams read per system call: a burst (a sender catching up, a flood) costs one call.
constexpr unsigned batch = 16;

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
        // The timeout only bounds how long stop() waits.
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
        const auto n = ::recv(fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
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
        const std::lock_guard lock(reportLock);
        lastReports[static_cast<std::size_t>(channel)] = SenderReportTime{
            parsed->sender->ntp, parsed->sender->rtpTimestamp, parsed->reporterSsrc};
    }
}

} // namespace dragoman::cli
