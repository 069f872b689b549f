#pragma once
// The network thread of remote seats: one poll loop over every remote seat's RTP socket. Each
// datagram is stamped with steady_clock right after recvmmsg() returns and pushed into its
// SeatReceiver's queue; the audio thread plays it out. A full queue drops the datagram and
// counts it. Nothing here touches audio.
//
// Threads: open(), start(), stop() and the destructor: control thread. run() is the network
// thread. received(): any thread.

#include "core/Result.h"
#include "seatlink/SeatReceiver.h"
#include "stream/ReceiveSocket.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

namespace dragoman
{

class RtpInbox
{
public:
    RtpInbox() = default;
    ~RtpInbox();
    RtpInbox(const RtpInbox&) = delete;
    RtpInbox& operator=(const RtpInbox&) = delete;

    // Binds address:port (unicast) and delivers what arrives there to `target`, which must
    // outlive the inbox. Control thread, before start().
    std::optional<Error> listen(const std::string& address, std::uint16_t port,
                                SeatReceiver& target);

    void start();
    void stop(); // idempotent

    std::uint64_t received() const noexcept { return count.load(std::memory_order_relaxed); }

private:
    void run();
    void drain(std::size_t link);

    std::vector<SocketHandle> sockets;
    std::vector<SeatReceiver*> targets;
    std::atomic<bool> stopping{false};
    std::atomic<std::uint64_t> count{0};
    std::thread thread;
};

} // namespace dragoman
