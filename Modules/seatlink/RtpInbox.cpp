#include "seatlink/RtpInbox.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <chrono>

namespace dragoman
{

namespace
{
// Datagrams read per system call: a burst (a relay catching up) costs one call.
constexpr unsigned batch = 16;
} // namespace

RtpInbox::~RtpInbox()
{
    stop();
}

std::optional<Error> RtpInbox::listen(const std::string& address, std::uint16_t port,
                                      SeatReceiver& target)
{
    auto socket = openReceiveSocket(address, port, "");
    if (!socket)
        return Error{socket.error()};
    sockets.push_back(std::move(socket.value()));
    targets.push_back(&target);
    return std::nullopt;
}

void RtpInbox::start()
{
    stopping = false;
    thread = std::thread([this] { run(); });
}

void RtpInbox::stop()
{
    stopping = true;
    if (thread.joinable())
        thread.join();
}

void RtpInbox::run()
{
    std::vector<pollfd> fds;
    for (const auto& socket : sockets)
        fds.push_back({socket.get(), POLLIN, 0});
    while (!stopping.load(std::memory_order_relaxed))
    {
        // The timeout only bounds how long stop() waits.
        if (::poll(fds.data(), fds.size(), 50) <= 0)
            continue;
        for (std::size_t i = 0; i < fds.size(); ++i)
            if ((fds[i].revents & POLLIN) != 0)
                drain(i);
    }
}

void RtpInbox::drain(std::size_t link)
{
    static thread_local std::array<Datagram, batch> items;
    std::array<iovec, batch> vectors{};
    std::array<mmsghdr, batch> messages{};
    for (unsigned i = 0; i < batch; ++i)
    {
        vectors[i] = {items[i].bytes.data(), Datagram::capacity};
        messages[i].msg_hdr.msg_iov = &vectors[i];
        messages[i].msg_hdr.msg_iovlen = 1;
    }
    SeatReceiver& target = *targets[link];
    for (;;)
    {
        const int n =
            ::recvmmsg(sockets[link].get(), messages.data(), batch, MSG_DONTWAIT, nullptr);
        if (n <= 0)
            return;
        const auto arrival = std::chrono::duration_cast<Nanoseconds>(
            std::chrono::steady_clock::now().time_since_epoch());
        for (int i = 0; i < n; ++i)
        {
            auto& item = items[static_cast<std::size_t>(i)];
            item.arrival = arrival;
            // Longer than an MTU: cut, and then refused as RTP by the pipeline (counted there).
            item.size = static_cast<std::uint16_t>(std::min<unsigned>(
                messages[static_cast<std::size_t>(i)].msg_len, Datagram::capacity));
            if (!target.inbox().push(item))
                target.noteDropped();
        }
        count.fetch_add(static_cast<std::uint64_t>(n), std::memory_order_relaxed);
        if (n < static_cast<int>(batch))
            return;
    }
}

} // namespace dragoman
