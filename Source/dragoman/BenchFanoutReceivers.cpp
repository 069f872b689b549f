#include "BenchFanoutReceivers.h"

#include "BenchOpusMachine.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>

namespace dragoman::cli
{

namespace
{

constexpr std::uint32_t kFirstAddress = 0x7F010001; // 127.1.0.1: receiver slot 0
constexpr std::size_t kDelayBinCount = 20000;       // 200 ms in 10 us bins, then "beyond"
constexpr int kBatch = 64;                          // datagrams per recvmmsg
// Enough to hold a whole frame's datagrams for every receiver of a channel while this core is
// briefly busy elsewhere; root may exceed net.core.rmem_max (SO_RCVBUFFORCE).
constexpr int kReceiveBuffer = 16 << 20;
constexpr std::uint32_t kWakeTag = 0xFFFFFFFF;

int openBound(std::uint16_t port, std::string& error)
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
    {
        error = std::string("socket: ") + std::strerror(errno);
        return -1;
    }
    const int on = 1;
    int size = kReceiveBuffer;
    ::setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &on, sizeof on);
    ::setsockopt(fd, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof on);
    if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0)
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_ANY); // every 127.1.x.y; strays are filtered
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
    {
        error = std::string("bind: ") + std::strerror(errno);
        ::close(fd);
        return -1;
    }
    return fd;
}

std::uint16_t boundPort(int fd)
{
    sockaddr_in address{};
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    return ntohs(address.sin_port);
}

} // namespace

// One receiving socket: all RTP (or all RTCP) receivers of one channel.
struct FanoutReceivers::Socket
{
    int fd = -1;
    int channel = 0;
    bool rtcp = false;
    // RTP only. The channel's first sequence number seen (by any of its receivers) is frame 0:
    // the streams start with the feed. Were frame 0 lost everywhere, frame 1 would be taken for
    // frame 0 and look one frame later than it is: the error can only make the figures worse.
    bool started = false;
    std::int64_t base = 0;
    std::int64_t highest = 0;
    struct Receiver
    {
        std::int64_t last = -1; // extended sequence number; -1: none yet
        std::uint64_t packets = 0;
        std::uint64_t gaps = 0;
    };
    std::vector<Receiver> receivers; // by slot (receiver / channels)
    std::uint32_t kernelDrops = 0;   // SO_RXQ_OVFL: cumulative for the socket

    ~Socket()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

struct FanoutReceivers::Worker
{
    int epoll = -1;
    std::vector<Socket*> sockets;
    std::atomic<std::uint64_t> packets{0};
    std::uint64_t late = 0;
    std::uint64_t early = 0;
    std::uint64_t reports = 0;
    std::uint64_t strays = 0;
    std::vector<std::uint64_t> delayBins = std::vector<std::uint64_t>(kDelayBinCount + 1, 0);
    double maxDelayUs = 0.0;

    ~Worker()
    {
        if (epoll >= 0)
            ::close(epoll);
    }
};

double FanoutReceived::delayPercentileUs(double p) const
{
    std::uint64_t total = 0;
    for (const auto count : delayBins)
        total += count;
    if (total == 0)
        return 0.0;
    const auto rank = static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(total)));
    std::uint64_t seen = 0;
    for (std::size_t bin = 0; bin < delayBins.size(); ++bin)
    {
        seen += delayBins[bin];
        if (seen >= std::max<std::uint64_t>(rank, 1))
            return bin + 1 == delayBins.size() ? maxDelayUs
                                               : static_cast<double>(bin + 1) * kDelayBinUs;
    }
    return maxDelayUs;
}

FanoutReceivers::FanoutReceivers(int channels, int receivers)
    : channelCount(channels), receiverCount(receivers)
{
}

FanoutReceivers::~FanoutReceivers()
{
    stop();
    if (wakeFd >= 0)
        ::close(wakeFd);
}

Result<std::unique_ptr<FanoutReceivers>> FanoutReceivers::open(int channels, int receivers)
{
    std::unique_ptr<FanoutReceivers> result(new FanoutReceivers(channels, receivers));
    const std::size_t slots = static_cast<std::size_t>((receivers + channels - 1) / channels);
    if (slots > 65000)
        return Error{"too many receivers per channel for 127.1.0.0/16"};
    for (int c = 0; c < channels; ++c)
    {
        // An ephemeral port for RTP, and RTCP on the next one up when that is free too.
        std::string error;
        int rtp = -1;
        int rtcp = -1;
        for (int attempt = 0; attempt < 50 && rtcp < 0; ++attempt)
        {
            if (rtp >= 0)
                ::close(rtp);
            rtp = openBound(0, error);
            if (rtp < 0)
                return Error{"receiver socket: " + error};
            rtcp = openBound(static_cast<std::uint16_t>(boundPort(rtp) + 1), error);
        }
        if (rtcp < 0)
        {
            ::close(rtp);
            return Error{"no free RTP/RTCP port pair: " + error};
        }
        result->ports.push_back(boundPort(rtp));
        auto rtpSocket = std::make_unique<Socket>();
        rtpSocket->fd = rtp;
        rtpSocket->channel = c;
        rtpSocket->receivers.resize(slots);
        auto rtcpSocket = std::make_unique<Socket>();
        rtcpSocket->fd = rtcp;
        rtcpSocket->channel = c;
        rtcpSocket->rtcp = true;
        result->sockets.push_back(std::move(rtpSocket));
        result->sockets.push_back(std::move(rtcpSocket));
    }
    result->wakeFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (result->wakeFd < 0)
        return Error{std::string("eventfd: ") + std::strerror(errno)};
    return result;
}

std::string FanoutReceivers::address(int receiver) const
{
    const std::uint32_t host = kFirstAddress + static_cast<std::uint32_t>(receiver / channelCount);
    in_addr address{};
    address.s_addr = htonl(host);
    char text[INET_ADDRSTRLEN] = {};
    ::inet_ntop(AF_INET, &address, text, sizeof text);
    return text;
}

void FanoutReceivers::start(const FrameSchedule& schedule, int threadCount,
                            const std::vector<int>& cpus, bool realtime)
{
    frames = schedule;
    running.store(true);
    threadCount = std::clamp(threadCount, 1, static_cast<int>(sockets.size()));
    for (int t = 0; t < threadCount; ++t)
    {
        auto worker = std::make_unique<Worker>();
        worker->epoll = ::epoll_create1(EPOLL_CLOEXEC);
        epoll_event wake{};
        wake.events = EPOLLIN;
        wake.data.u32 = kWakeTag;
        ::epoll_ctl(worker->epoll, EPOLL_CTL_ADD, wakeFd, &wake);
        workers.push_back(std::move(worker));
    }
    // Channels round-robin over the workers, each channel's RTP and RTCP socket together.
    for (std::size_t s = 0; s < sockets.size(); ++s)
    {
        Worker& worker = *workers[(s / 2) % workers.size()];
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.u32 = static_cast<std::uint32_t>(worker.sockets.size());
        ::epoll_ctl(worker.epoll, EPOLL_CTL_ADD, sockets[s]->fd, &event);
        worker.sockets.push_back(sockets[s].get());
    }
    for (auto& worker : workers)
        threads.emplace_back(
            [this, &worker, cpus, realtime]
            {
                pinCallingThread(cpus);
                if (realtime)
                    makeCallingThreadRealtime(10); // below the feed's priority
                run(*worker);
            });
}

void FanoutReceivers::stop()
{
    if (threads.empty())
        return;
    running.store(false);
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(wakeFd, &one, sizeof one);
    for (auto& thread : threads)
        thread.join();
    threads.clear();
}

std::uint64_t FanoutReceivers::packetsSoFar() const noexcept
{
    std::uint64_t total = 0;
    for (const auto& worker : workers)
        total += worker->packets.load(std::memory_order_relaxed);
    return total;
}

void FanoutReceivers::run(Worker& worker)
{
    std::array<std::array<std::uint8_t, 1500>, kBatch> buffers{};
    std::array<std::array<std::uint8_t, 128>, kBatch> controls{};
    std::array<iovec, kBatch> vectors{};
    std::array<mmsghdr, kBatch> messages{};
    std::array<epoll_event, 64> events{};
    const auto frameDuration =
        std::chrono::nanoseconds(std::int64_t{frames.frameSamples} * 1'000'000'000 / 48000);

    while (running.load(std::memory_order_relaxed))
    {
        const int ready =
            ::epoll_wait(worker.epoll, events.data(), static_cast<int>(events.size()), 100);
        for (int e = 0; e < ready; ++e)
        {
            if (events[e].data.u32 == kWakeTag)
                continue;
            Socket& socket = *worker.sockets[events[e].data.u32];
            for (;;)
            {
                for (int m = 0; m < kBatch; ++m)
                {
                    vectors[m] = {buffers[m].data(), buffers[m].size()};
                    messages[m] = {};
                    messages[m].msg_hdr.msg_iov = &vectors[m];
                    messages[m].msg_hdr.msg_iovlen = 1;
                    messages[m].msg_hdr.msg_control = controls[m].data();
                    messages[m].msg_hdr.msg_controllen = controls[m].size();
                }
                const int count =
                    ::recvmmsg(socket.fd, messages.data(), kBatch, MSG_DONTWAIT, nullptr);
                if (count <= 0)
                    break;
                // One stamp per batch, taken after it: a batch's early datagrams look a little
                // later than they were, never earlier.
                const auto now = std::chrono::steady_clock::now();
                for (int m = 0; m < count; ++m)
                {
                    std::uint32_t destination = 0;
                    bool addressed = false;
                    for (cmsghdr* c = CMSG_FIRSTHDR(&messages[m].msg_hdr); c != nullptr;
                         c = CMSG_NXTHDR(&messages[m].msg_hdr, c))
                    {
                        if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO)
                        {
                            in_pktinfo info{};
                            std::memcpy(&info, CMSG_DATA(c), sizeof info);
                            destination = ntohl(info.ipi_addr.s_addr);
                            addressed = true;
                        }
                        else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL)
                        {
                            std::uint32_t drops = 0;
                            std::memcpy(&drops, CMSG_DATA(c), sizeof drops);
                            socket.kernelDrops = std::max(socket.kernelDrops, drops);
                        }
                    }
                    const std::int64_t slot =
                        static_cast<std::int64_t>(destination) - kFirstAddress;
                    const std::int64_t receiver = slot * channelCount + socket.channel;
                    if (!addressed || slot < 0 || receiver >= receiverCount)
                    {
                        ++worker.strays;
                        continue;
                    }
                    if (socket.rtcp)
                    {
                        ++worker.reports;
                        continue;
                    }
                    const auto* bytes = buffers[m].data();
                    if (messages[m].msg_len < 12 || (bytes[0] >> 6) != 2)
                    {
                        ++worker.strays;
                        continue;
                    }
                    const auto sequence = static_cast<std::uint16_t>((bytes[2] << 8) | bytes[3]);
                    std::int64_t extended = sequence;
                    if (!socket.started)
                    {
                        socket.started = true;
                        socket.base = socket.highest = extended;
                    }
                    else
                    {
                        extended = socket.highest +
                                   static_cast<std::int16_t>(
                                       sequence - static_cast<std::uint16_t>(socket.highest));
                        socket.highest = std::max(socket.highest, extended);
                    }
                    auto& state = socket.receivers[static_cast<std::size_t>(slot)];
                    const std::int64_t expected = state.last < 0 ? socket.base : state.last + 1;
                    if (extended > expected)
                        state.gaps += static_cast<std::uint64_t>(extended - expected);
                    state.last = std::max(state.last, extended);
                    ++state.packets;
                    worker.packets.fetch_add(1, std::memory_order_relaxed);

                    const auto delay = now - frames.due(extended - socket.base);
                    if (delay < std::chrono::nanoseconds(0))
                    {
                        ++worker.early;
                        continue;
                    }
                    if (delay > frameDuration)
                        ++worker.late;
                    const double us = std::chrono::duration<double, std::micro>(delay).count();
                    worker.maxDelayUs = std::max(worker.maxDelayUs, us);
                    const auto bin = static_cast<std::size_t>(us / FanoutReceived::kDelayBinUs);
                    ++worker.delayBins[std::min(bin, kDelayBinCount)];
                }
                if (count < kBatch)
                    break;
            }
        }
    }
}

FanoutReceived FanoutReceivers::result() const
{
    FanoutReceived total;
    total.perReceiver.assign(static_cast<std::size_t>(receiverCount), 0);
    total.delayBins.assign(kDelayBinCount + 1, 0);
    for (const auto& worker : workers)
    {
        total.packets += worker->packets.load();
        total.late += worker->late;
        total.early += worker->early;
        total.reports += worker->reports;
        total.strays += worker->strays;
        total.maxDelayUs = std::max(total.maxDelayUs, worker->maxDelayUs);
        for (std::size_t b = 0; b < total.delayBins.size(); ++b)
            total.delayBins[b] += worker->delayBins[b];
    }
    for (const auto& socket : sockets)
    {
        total.socketDrops += socket->kernelDrops;
        if (socket->rtcp)
            continue;
        for (std::size_t slot = 0; slot < socket->receivers.size(); ++slot)
        {
            const auto receiver = slot * static_cast<std::size_t>(channelCount) +
                                  static_cast<std::size_t>(socket->channel);
            if (receiver < total.perReceiver.size())
            {
                total.perReceiver[receiver] = socket->receivers[slot].packets;
                total.gaps += socket->receivers[slot].gaps;
            }
        }
    }
    return total;
}

} // namespace dragoman::cli
