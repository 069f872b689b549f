#pragma once
// A test's ears: two UDP sockets on 127.0.0.1, RTP on an even port and RTCP on the next one.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace dragoman::test
{

class LoopbackReceiver
{
public:
    LoopbackReceiver()
    {
        for (auto port = static_cast<std::uint16_t>(40000 + (::getpid() % 5000) * 2); port < 64000;
             port = static_cast<std::uint16_t>(port + 2))
        {
            rtpFd = bound(port);
            if (rtpFd < 0)
                continue;
            rtcpFd = bound(static_cast<std::uint16_t>(port + 1));
            if (rtcpFd >= 0)
            {
                rtpPort = port;
                return;
            }
            ::close(rtpFd);
        }
    }
    ~LoopbackReceiver()
    {
        ::close(rtpFd);
        ::close(rtcpFd);
    }

    std::uint16_t port() const { return rtpPort; }
    std::optional<std::vector<std::uint8_t>> rtp(int timeoutMs = 1000)
    {
        return take(rtpFd, timeoutMs);
    }
    std::optional<std::vector<std::uint8_t>> rtcp(int timeoutMs = 1000)
    {
        return take(rtcpFd, timeoutMs);
    }

    // The next RTCP datagram and the address it came from: the sender's socket, where a
    // receiver's reports go.
    std::optional<std::vector<std::uint8_t>> rtcpFrom(sockaddr_in& from, int timeoutMs = 1000)
    {
        pollfd p{rtcpFd, POLLIN, 0};
        if (::poll(&p, 1, timeoutMs) != 1)
            return std::nullopt;
        std::vector<std::uint8_t> bytes(2048);
        socklen_t length = sizeof from;
        const auto n = ::recvfrom(rtcpFd, bytes.data(), bytes.size(), 0,
                                  reinterpret_cast<sockaddr*>(&from), &length);
        if (n < 0)
            return std::nullopt;
        bytes.resize(static_cast<std::size_t>(n));
        return bytes;
    }
    // Sends from the RTCP port, as a receiver's report does.
    bool sendRtcp(const sockaddr_in& to, const std::uint8_t* bytes, std::size_t size)
    {
        return ::sendto(rtcpFd, bytes, size, 0, reinterpret_cast<const sockaddr*>(&to),
                        sizeof to) == static_cast<ssize_t>(size);
    }

private:
    static int bound(std::uint16_t port)
    {
        const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
        {
            ::close(fd);
            return -1;
        }
        return fd;
    }
    static std::optional<std::vector<std::uint8_t>> take(int fd, int timeoutMs)
    {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, timeoutMs) != 1)
            return std::nullopt;
        std::vector<std::uint8_t> bytes(2048);
        const auto n = ::recv(fd, bytes.data(), bytes.size(), 0);
        if (n < 0)
            return std::nullopt;
        bytes.resize(static_cast<std::size_t>(n));
        return bytes;
    }

    int rtpFd = -1;
    int rtcpFd = -1;
    std::uint16_t rtpPort = 0;
};

} // namespace dragoman::test
