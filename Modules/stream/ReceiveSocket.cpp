#include "stream/ReceiveSocket.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace dragoman
{

SocketHandle& SocketHandle::operator=(SocketHandle&& other) noexcept
{
    if (this != &other)
    {
        if (fd >= 0)
            ::close(fd);
        fd = other.fd;
        other.fd = -1;
    }
    return *this;
}

SocketHandle::~SocketHandle()
{
    if (fd >= 0)
        ::close(fd);
}

Result<StreamEndpoint> parseEndpoint(const std::string& text)
{
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
        return Error{text + ": expected ADDR:PORT"};
    const int port = std::atoi(text.substr(colon + 1).c_str());
    if (port <= 0 || port > 65535)
        return Error{text + ": bad port"};
    in_addr probe{};
    if (::inet_pton(AF_INET, text.substr(0, colon).c_str(), &probe) != 1)
        return Error{text + ": not an IPv4 address"};
    return StreamEndpoint{text.substr(0, colon), static_cast<std::uint16_t>(port)};
}

Result<SocketHandle> openReceiveSocket(const std::string& address, std::uint16_t port,
                                       const std::string& interfaceAddress)
{
    in_addr group{};
    if (::inet_pton(AF_INET, address.c_str(), &group) != 1)
        return Error{address + ": not an IPv4 address"};
    const bool multicast = IN_MULTICAST(ntohl(group.s_addr));
    SocketHandle socket(::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (socket.get() < 0)
        return Error{std::string("socket: ") + std::strerror(errno)};
    const int yes = 1;
    if (multicast)
        ::setsockopt(socket.get(), SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    // A burst after a scheduling hiccup must wait in the kernel, not be dropped there.
    const int buffer = 1 << 20;
    ::setsockopt(socket.get(), SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_port = htons(port);
    // Unicast to one of our addresses: bind it; a multicast group: bind the group, so that
    // other groups on the same port do not leak in.
    local.sin_addr = group;
    if (::bind(socket.get(), reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0)
        return Error{"bind " + address + ":" + std::to_string(port) + ": " + std::strerror(errno)};
    if (multicast)
    {
        if (interfaceAddress.empty())
            return Error{"joining " + address + " needs an interface address (--interface)"};
        ip_mreq request{};
        request.imr_multiaddr = group;
        if (::inet_pton(AF_INET, interfaceAddress.c_str(), &request.imr_interface) != 1)
            return Error{interfaceAddress + ": not an IPv4 interface address"};
        if (::setsockopt(socket.get(), IPPROTO_IP, IP_ADD_MEMBERSHIP, &request, sizeof request) !=
            0)
            return Error{"join " + address + " on " + interfaceAddress + ": " +
                         std::strerror(errno)};
    }
    return socket;
}

} // namespace dragoman
