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

#include <chrono>
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

// Asks the kernel to stamp each datagram's arrival on `fd` (SO_TIMESTAMPNS): a reader that
// drains the socket every 50 ms still knows when each report came, for the round trip.
bool stampArrivals(int fd) noexcept;

struct ReceivedDatagram
{
    std::size_t size = 0;                          // cut to the caller's buffer
    std::chrono::system_clock::time_point arrival; // the kernel's stamp, else when it was read
};

// One datagram waiting on the IPv4 UDP socket `fd`, without blocking, or nothing when none is.
std::optional<ReceivedDatagram> receiveDatagram(int fd, std::span<std::uint8_t> buffer,
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
    std::optional<ReceivedDatagram> receiveFrom(std::span<std::uint8_t> buffer,
                                                sockaddr_in& from) noexcept
    {
        return receiveDatagram(fd, buffer, from);
    }

private:
    explicit UdpSocket(int descriptor) : fd(descriptor) {}
    int fd;
};

} // namespace dragoman
