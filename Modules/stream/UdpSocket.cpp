#include "stream/UdpSocket.h"

#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

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

} // namespace dragoman
