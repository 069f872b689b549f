#include "stream/UdpSocket.h"

#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>

namespace dragoman
{

std::optional<sockaddr_in> ipv4Endpoint(const std::string& address, std::uint16_t port)
{
    sockaddr_in result{};
    result.sin_family = AF_INET;
    result.sin_port = htons(port);
    if (inet_pton(AF_INET, address.c_str(), &result.sin_addr) != 1)
        return std::nullopt;
    return result;
}

Result<std::unique_ptr<UdpSocket>> UdpSocket::open(const std::string& interfaceAddress, int ttl)
{
    in_addr interface {
    };
    if (inet_pton(AF_INET, interfaceAddress.c_str(), &interface) != 1)
        return Error{"'" + interfaceAddress + "' is not an IPv4 interface address"};
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return Error{std::string("cannot open a UDP socket: ") + std::strerror(errno)};
    std::unique_ptr<UdpSocket> socket(new UdpSocket(fd));
    const unsigned char hops = static_cast<unsigned char>(ttl);
    const unsigned char loop = 1; // receivers on this host (a monitor, the tests) hear it too
    if (::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &interface, sizeof interface) != 0 ||
        ::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &hops, sizeof hops) != 0 ||
        ::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop) != 0)
        return Error{"cannot set the multicast interface " + interfaceAddress + ": " +
                     std::strerror(errno)};
    stampArrivals(fd); // without stamps, arrivals are when they are read: still usable
    return socket;
}

UdpSocket::~UdpSocket()
{
    ::close(fd);
}

bool UdpSocket::sendTo(const sockaddr_in& destination,
                       std::span<const std::uint8_t> datagram) noexcept
{
    const auto sent = ::sendto(fd, datagram.data(), datagram.size(), MSG_DONTWAIT,
                               reinterpret_cast<const sockaddr*>(&destination), sizeof destination);
    return sent == static_cast<ssize_t>(datagram.size());
}

std::size_t UdpSocket::sendToMany(std::span<const sockaddr_in> destinations,
                                  std::span<const std::uint8_t> datagram) noexcept
{
    // One system call per kBatch destinations instead of one each: the datagram is the same for
    // all of them, so every message points at the same bytes and only the address differs.
    constexpr std::size_t kBatch = 64;
    std::array<mmsghdr, kBatch> messages{};
    iovec bytes{const_cast<std::uint8_t*>(datagram.data()), datagram.size()};
    std::size_t sent = 0;
    std::size_t next = 0;
    while (next < destinations.size())
    {
        const std::size_t count = std::min(kBatch, destinations.size() - next);
        for (std::size_t m = 0; m < count; ++m)
        {
            auto& header = messages[m].msg_hdr;
            header = {};
            header.msg_name = const_cast<sockaddr_in*>(&destinations[next + m]);
            header.msg_namelen = sizeof(sockaddr_in);
            header.msg_iov = &bytes;
            header.msg_iovlen = 1;
        }
        const int done =
            ::sendmmsg(fd, messages.data(), static_cast<unsigned>(count), MSG_DONTWAIT);
        // sendmmsg stops at the first message that fails: skip that one (counted by the caller
        // as not sent) and go on with the rest, as a loop of sendto() would.
        const std::size_t accepted = done > 0 ? static_cast<std::size_t>(done) : 0;
        for (std::size_t m = 0; m < accepted; ++m)
            sent += messages[m].msg_len == datagram.size() ? 1 : 0;
        next += accepted < count ? accepted + 1 : count;
    }
    return sent;
}

bool stampArrivals(int fd) noexcept
{
    const int on = 1;
    return ::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) == 0;
}

std::optional<ReceivedDatagram> receiveDatagram(int fd, std::span<std::uint8_t> buffer,
                                                sockaddr_in& from) noexcept
{
    iovec bytes{buffer.data(), buffer.size()};
    alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(timespec))> control{};
    msghdr message{};
    message.msg_name = &from;
    message.msg_namelen = sizeof from;
    message.msg_iov = &bytes;
    message.msg_iovlen = 1;
    message.msg_control = control.data();
    message.msg_controllen = control.size();
    const auto received = ::recvmsg(fd, &message, MSG_DONTWAIT);
    if (received < 0 || message.msg_namelen != sizeof from || from.sin_family != AF_INET)
        return std::nullopt;
    ReceivedDatagram result;
    result.size = std::min(static_cast<std::size_t>(received), buffer.size());
    result.arrival = std::chrono::system_clock::now();
    for (cmsghdr* part = CMSG_FIRSTHDR(&message); part != nullptr;
         part = CMSG_NXTHDR(&message, part))
        if (part->cmsg_level == SOL_SOCKET && part->cmsg_type == SCM_TIMESTAMPNS)
        {
            timespec stamp{};
            std::memcpy(&stamp, CMSG_DATA(part), sizeof stamp);
            result.arrival = std::chrono::system_clock::time_point(
                std::chrono::duration_cast<std::chrono::system_clock::duration>(
                    std::chrono::seconds(stamp.tv_sec) + std::chrono::nanoseconds(stamp.tv_nsec)));
        }
    return result;
}

} // namespace dragoman
