#pragma once
// A UDP socket that sends to IPv4 unicast addresses and multicast groups. The multicast
// interface, TTL and loopback are always set explicitly: the defaults follow the routing table,
// which on a machine with a default route sends a LAN's channels out of the wrong card.
//
// Threads: open() on the control thread; sendTo(), sendToMany() and receiveFrom() from one
// thread at a time. None blocks (MSG_DONTWAIT): a full socket buffer is a send error, counted by
// the caller.

#include "core/Result.h"

#include <netinet/in.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace dragoman
{

// Parses dotted IPv4 plus a port into a socket address, or nothing.
std::optional<sockaddr_in> ipv4Endpoint(const std::string& address, std::uint16_t port);

// One datagram waiting on the IPv4 UDP socket `fd`, without blocking: its size, cut to
// `buffer`, or nothing when none is waiting.
std::optional<std::size_t> receiveDatagram(int fd, std::span<std::uint8_t> buffer,
                                           sockaddr_in& from) noexcept;

class UdpSocket
{
public:
    // `interfaceAddress`: the local IPv4 address multicast leaves by; `ttl`: multicast hops.
    static Result<std::unique_ptr<UdpSocket>> open(const std::string& interfaceAddress, int ttl);
    ~UdpSocket();
    UdpSocket(const UdpSocket&) = delete;
    UdpSocket& operator=(const UdpSocket&) = delete;

    // True when the whole datagram was handed to the kernel.
    bool sendTo(const sockaddr_in& destination, std::span<const std::uint8_t> datagram) noexcept;
    // The same datagram to every destination, in batches of system calls (sendmmsg): with a
    // thousand unicast receivers the per-call cost, not the bytes, is what fills a core.
    // Returns how many destinations took the whole datagram.
    std::size_t sendToMany(std::span<const sockaddr_in> destinations,
                           std::span<const std::uint8_t> datagram) noexcept;

    // What came back to this socket's port (receivers' RTCP reports answer the address our
    // sender reports came from), as receiveDatagram().
    std::optional<std::size_t> receiveFrom(std::span<std::uint8_t> buffer,
                                           sockaddr_in& from) noexcept
    {
        return receiveDatagram(fd, buffer, from);
    }

private:
    explicit UdpSocket(int descriptor) : fd(descriptor) {}
    int fd;
};

} // namespace dragoman
