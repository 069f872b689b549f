#pragma once
// The delegates of `bench fanout`: thousands of unicast receivers on loopback that count every
// packet, find lost ones (sequence gaps, short counts) and late ones (arrival after the frame's
// due time plus one frame).
//
// Receiver r listens on channel c = r % channels at its own address 127.1.x.y (x.y from
// r / channels) and the channel's port pair (RTP, RTCP = RTP + 1). All of a channel's receivers
// share one socket per port, bound on every address: the datagram's destination address
// (IP_PKTINFO) says whose it is. To the sender each receiver is still its own sockaddr, its own
// send and its own datagram through the stack; only the counting side is cheap, so that the
// receivers' core, not the sender's, is the one with headroom (thousands of sockets polled one
// datagram at a time would saturate the receiving core first and measure the bench).
//
// Threads: open() and result() on the control thread. start() runs `threads` receiving threads
// (epoll + recvmmsg), stop() joins them; between the two the control thread only reads the
// atomic counters through progress().

#include "core/Result.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace dragoman::cli
{

// When a frame is due: the feed writes 64-frame blocks at a steady pace from `start` on, and a
// frame is complete when the block holding its last sample has been written.
struct FrameSchedule
{
    std::chrono::steady_clock::time_point start; // block 0 written
    std::chrono::nanoseconds blockPeriod{};
    int blockFrames = 64;
    int frameSamples = 480;

    std::chrono::steady_clock::time_point due(std::int64_t frame) const noexcept
    {
        const std::int64_t lastSample = (frame + 1) * frameSamples;
        const std::int64_t block = (lastSample + blockFrames - 1) / blockFrames - 1;
        return start + block * blockPeriod;
    }
};

struct FanoutReceived
{
    std::uint64_t packets = 0;              // RTP datagrams received
    std::uint64_t gaps = 0;                 // RTP packets missing between received ones
    std::uint64_t late = 0;                 // arrived more than one frame after the frame was due
    std::uint64_t reports = 0;              // RTCP datagrams received
    std::uint64_t socketDrops = 0;          // dropped by the kernel at our receiving sockets (full)
    std::uint64_t strays = 0;               // datagrams for no receiver of ours (ignored)
    std::uint64_t early = 0;                // arrived before the frame was due: a bench bug if any
    std::vector<std::uint64_t> perReceiver; // RTP packets per receiver
    // Arrival minus due time of every RTP packet, in bins of kDelayBinUs (the last: beyond).
    std::vector<std::uint64_t> delayBins;
    double maxDelayUs = 0.0;

    static constexpr double kDelayBinUs = 10.0;
    double delayPercentileUs(double p) const; // upper edge of the bin holding percentile p
};

class FanoutReceivers
{
public:
    static Result<std::unique_ptr<FanoutReceivers>> open(int channels, int receivers);
    ~FanoutReceivers();

    int channels() const noexcept { return channelCount; }
    int receivers() const noexcept { return receiverCount; }
    // Receiver r's address (dotted IPv4) and RTP port.
    std::string address(int receiver) const;
    std::uint16_t rtpPort(int channel) const { return ports[static_cast<std::size_t>(channel)]; }

    // `schedule.start` must be set before the first packet can arrive; threads pinned to `cpus`.
    void start(const FrameSchedule& schedule, int threads, const std::vector<int>& cpus,
               bool realtime);
    void stop();
    std::uint64_t packetsSoFar() const noexcept;
    FanoutReceived result() const;

private:
    struct Socket;
    struct Worker;
    FanoutReceivers(int channels, int receivers);
    void run(Worker& worker);

    int channelCount;
    int receiverCount;
    std::vector<std::uint16_t> ports;
    std::vector<std::unique_ptr<Socket>> sockets; // per channel: RTP, RTCP
    std::vector<std::unique_ptr<Worker>> workers;
    std::vector<std::thread> threads;
    FrameSchedule frames;
    std::atomic<bool> running{false};
    int wakeFd = -1; // eventfd: tells the workers to stop
};

} // namespace dragoman::cli
