#pragma once
// The receiver's network thread: every channel's RTP socket (and RTCP on the next port) in one
// poll loop. RTP datagrams are stamped with steady_clock right after recvmmsg() returns and
// handed to the player's inbox; RTCP sender reports are kept per channel for the mouth-to-ear
// delay. Nothing here touches audio.
//
// Threads: open(), start(), stop(), the destructor: control thread. run() is the network thread.
// senderReport() and the counters: any thread.

#include "ReceiveChannels.h"
#include "stream/ReceiveSocket.h"
#include "receive/ChannelPlayer.h"

#include "core/Result.h"
#include "net/NtpTime.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace dragoman::cli
{

// What an RTCP sender report says: this RTP timestamp was captured at this wall-clock time.
struct SenderReportTime
{
    NtpTime ntp;
    std::uint32_t rtpTimestamp = 0;
    std::uint32_t ssrc = 0;
};

class ReceiveNetwork
{
public:
    static Result<std::unique_ptr<ReceiveNetwork>> open(const std::vector<ReceiveChannel>& channels,
                                                        const std::string& interfaceAddress,
                                                        ChannelPlayer& player);
    ~ReceiveNetwork();

    void start();
    void stop();

    std::optional<SenderReportTime> senderReport(int channel) const;
    std::uint64_t rtcpReports() const noexcept { return reports.load(std::memory_order_relaxed); }
    std::uint64_t rtcpBad() const noexcept { return badRtcp.load(std::memory_order_relaxed); }

private:
    explicit ReceiveNetwork(ChannelPlayer& target) : player(target) {}
    void run();
    void readRtp(int channel, int fd);
    void readRtcp(int channel, int fd);

    ChannelPlayer& player;
    std::vector<SocketHandle> rtpSockets;  // per channel
    std::vector<SocketHandle> rtcpSockets; // per channel; may hold -1 when the port is taken
    std::vector<std::optional<SenderReportTime>> lastReports;
    mutable std::mutex reportLock; // control thread vs network thread; never the audio thread
    std::atomic<bool> stopping{false};
    std::atomic<std::uint64_t> reports{0};
    std::atomic<std::uint64_t> badRtcp{0};
    std::thread thread;
};

} // namespace dragoman::cli
