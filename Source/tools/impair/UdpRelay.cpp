#include "UdpRelay.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <poll.h>
#include <queue>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace dragoman::impair
{

namespace
{
using Clock = std::chrono::steady_clock;

struct Pending
{
    Clock::time_point due;
    std::uint64_t order; // ties keep arrival order
    std::vector<unsigned char> bytes;
    bool operator>(const Pending& other) const
    {
        return due != other.due ? due > other.due : order > other.order;
    }
};
} // namespace

bool parseEndpoint(const std::string& text, sockaddr_in& out)
{
    const auto colon = text.rfind(':');
    if (colon == std::string::npos)
        return false;
    out = {};
    out.sin_family = AF_INET;
    if (inet_pton(AF_INET, text.substr(0, colon).c_str(), &out.sin_addr) != 1)
        return false;
    char* end = nullptr;
    const long port = std::strtol(text.c_str() + colon + 1, &end, 10);
    if (*end != '\0' || port < 0 || port > 65535)
        return false;
    out.sin_port = htons(static_cast<std::uint16_t>(port));
    return true;
}

std::string UdpRelay::open(const std::string& listen, const std::string& forward,
                           bool anyDestination)
{
    sockaddr_in local{};
    if (!parseEndpoint(listen, local))
        return "--listen " + listen + ": expected IPv4:PORT";
    if (!parseEndpoint(forward, target))
        return "--forward " + forward + ": expected IPv4:PORT";
    const bool loopback = (ntohl(target.sin_addr.s_addr) >> 24) == 127;
    if (!loopback && !anyDestination)
        return "--forward " + forward +
               ": not a loopback address; pass --any-destination only inside a test's own network "
               "namespace";
    socketFd = ::socket(AF_INET, SOCK_DGRAM, 0);
    if (socketFd < 0)
        return std::string("socket: ") + std::strerror(errno);
    if (::bind(socketFd, reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0)
        return "bind " + listen + ": " + std::strerror(errno);
    return {};
}

std::uint16_t UdpRelay::listenPort() const
{
    sockaddr_in local{};
    socklen_t length = sizeof local;
    ::getsockname(socketFd, reinterpret_cast<sockaddr*>(&local), &length);
    return ntohs(local.sin_port);
}

void UdpRelay::run(ImpairmentModel& model, double seconds)
{
    std::priority_queue<Pending, std::vector<Pending>, std::greater<>> queue;
    std::uint64_t order = 0;
    const auto start = Clock::now();
    const auto end = seconds > 0 ? start + std::chrono::duration_cast<Clock::duration>(
                                               std::chrono::duration<double>(seconds))
                                 : Clock::time_point::max();
    std::vector<unsigned char> buffer(65536);

    while (running.load() && Clock::now() < end)
    {
        const auto now = Clock::now();
        while (!queue.empty() && queue.top().due <= now)
        {
            const auto& packet = queue.top();
            if (::sendto(socketFd, packet.bytes.data(), packet.bytes.size(), 0,
                         reinterpret_cast<const sockaddr*>(&target), sizeof target) < 0)
                ++totals.sendErrors;
            else
                ++totals.forwarded;
            queue.pop();
        }
        // Wake for the next packet due, or at least every 10 ms to notice stop().
        int waitMs = 10;
        if (!queue.empty())
            waitMs = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                          queue.top().due - Clock::now())
                                          .count());
        waitMs = std::clamp(waitMs, 0, 10);
        pollfd descriptor{socketFd, POLLIN, 0};
        if (::poll(&descriptor, 1, waitMs) <= 0)
            continue;
        const auto received = ::recv(socketFd, buffer.data(), buffer.size(), 0);
        if (received < 0)
            continue;
        ++totals.received;
        const auto arrival = Clock::now();
        const auto& copies = model.next();
        if (copies.empty())
            ++totals.dropped;
        if (copies.size() > 1)
            ++totals.duplicated;
        for (const double delayMs : copies)
            queue.push({arrival + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double, std::milli>(delayMs)),
                        order++,
                        {buffer.begin(), buffer.begin() + received}});
    }
}

} // namespace dragoman::impair
