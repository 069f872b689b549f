#pragma once
// UDP sockets for receiving RTP (the delegate's receiver, remote seats): unicast binds the port;
// multicast binds the group's port, joins the group on an explicit interface (never the default
// route: see TOOLCHAIN.md) and shares the port with other receivers on the host.
//
// Threads: control thread opens; the descriptor is then read by the network thread only.

#include "core/Result.h"
#include "core/Session.h"

#include <cstdint>
#include <string>

namespace dragoman
{

class SocketHandle
{
public:
    SocketHandle() = default;
    explicit SocketHandle(int descriptor) : fd(descriptor) {}
    SocketHandle(SocketHandle&& other) noexcept : fd(other.fd) { other.fd = -1; }
    SocketHandle& operator=(SocketHandle&& other) noexcept;
    SocketHandle(const SocketHandle&) = delete;
    SocketHandle& operator=(const SocketHandle&) = delete;
    ~SocketHandle();

    int get() const noexcept { return fd; }

private:
    int fd = -1;
};

// "ADDR:PORT" (IPv4).
Result<StreamEndpoint> parseEndpoint(const std::string& text);

// Non-blocking UDP socket receiving what is sent to address:port. A multicast address is joined
// on `interfaceAddress` (an IPv4 address of that interface; empty is refused for multicast).
Result<SocketHandle> openReceiveSocket(const std::string& address, std::uint16_t port,
                                       const std::string& interfaceAddress);

} // namespace dragoman
