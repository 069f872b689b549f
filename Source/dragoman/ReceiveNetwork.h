#pragma once
// The receiver's network thread: every channel's RTP socket (and RTCP on the next port) in one
// poll loop. RTP datagrams are stamped with steady_clock right after recvmmsg() returns and
// handed to the player's inbox; RTCP sender reports are kept per channel for the mouth-to-ear
// delay. Nothing here touches audio.
//
// RTCP receiver reports (RFC 3550 §6.4.2) about the channel being played go out every 2 s
// (randomised 0.5-1.5x, so that a room of receivers started together does not report in step):
// unicast to the address the channel's sender reports come from, multicast to the group's RTCP
// port. A channel switch and stop() send a BYE, so the engine counts the listener out at once.
//
// Threads: open(), start(), stop(), the destructor: control thread. run() is the network thread.
// senderReport() and the counters: any thread.

#include "ReceiveChannels.h"
#include "receive/ChannelPlayer.h"
#include "receive/SourceReception.h"
#include "stream/ReceiveSocket.h"
#include "stream/UdpSocket.h"

#include "core/Result.h"
#include "net/NtpTime.h"

#include <netinet/in.h>

#include <atomic>
#include <chrono>
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
    std::uint64_t receiverReportsSent() const noexcept
    {
        return sentReports.load(std::memory_order_relaxed);
    }

private:
    explicit ReceiveNetwork(ChannelPlayer& target) : player(target) {}
    void run();
    void readRtp(int channel, int fd);
    void readRtcp(int channel, int fd);
    // Network thread: reports on the channel being played when due, BYE on a switch.
    void reportReception(std::chrono::steady_clock::time_point now, bool leaving);
    void sendReceiverReport(int channel, bool bye);

    ChannelPlayer& player;
    std::vector<SocketHandle> rtpSockets;  // per channel
    std::vector<SocketHandle> rtcpSockets; // per channel; may hold -1 when the port is taken
    std::vector<std::optional<SenderReportTime>> lastReports;
    mutable std::mutex reportLock; // control thread vs network thread; never the audio thread
    std::atomic<bool> stopping{false};
    std::atomic<std::uint64_t> reports{0};
    std::atomic<std::uint64_t> badRtcp{0};
    std::thread thread;

    // Receiver reports; the network thread only, after open().
    std::vector<std::optional<sockaddr_in>> rtcpPeers; // per channel: where reports go
    std::vector<bool> multicastChannels;
    std::unique_ptr<UdpSocket> multicastReports; // a group cannot be a source address
    SourceReception reception;                   // of the channel being played
    int reportedChannel = -1;
    std::chrono::steady_clock::time_point nextReport{};
    std::uint32_t ownSsrc = 0;
    std::string cname;
    std::atomic<std::uint64_t> sentReports{0};
};

} // namespace dragoman::cli
