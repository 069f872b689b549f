#pragma once
// The jitter buffer's policy: how much delay to buffer. A pure function of the packets' relative
// delays (ArrivalStatistics) and arrival times, so that every behaviour can be shown with
// synthetic arrivals.
//
//   target = floor + allowance
//   floor  = one frame (where FEC can exist) + minimum
//   allowance ~ the 97th percentile of recent relative delay (DelayHistogram, forgetting over
//               about 30 s, as NetEq does)
//
// Why a frame in the floor: Opus carries a lost frame's FEC copy in the next packet, which can
// only help if that packet is here when the lost frame is due. With the floor, a single loss (or
// a single packet later than the allowance) is recovered by FEC instead of concealed, and on a
// wired LAN with no loss and no jitter the target sits exactly at the floor. Frames under 10 ms
// are CELT only, which has no FEC: waiting a frame for them buys nothing, so their floor is the
// minimum alone (`dragoman bench latency`: 2.5 ms frames, 2.5 ms less delay end to end).
//
// The allowance grows at once when the percentile grows, and also on a burst of late packets
// (many in half a second, far more than the 3 % the percentile lets through): the histogram
// needs dozens of seconds to move its tail, the listener cannot wait that long. It shrinks no
// faster than one frame per `shrinkSecondsPerFrame` seconds, so that a calm minute after a storm
// gives the delay back gently and a storm that returns does not find the buffer empty.
//
// Threads: one owner thread (the audio thread in the receiver); real-time safe, no allocation.

#include "core/Realtime.h"
#include "receive/BlockRing.h"
#include "receive/DelayHistogram.h"
#include "receive/Timing.h"

#include <cstdint>

namespace dragoman
{

struct PlayoutDelayConfig
{
    double minimumSeconds = 0.001;      // added to one frame: the floor
    double quantile = 0.97;             // of relative delay that the allowance covers
    double memorySeconds = 30.0;        // time constant of the histogram's forgetting
    double shrinkSecondsPerFrame = 4.0; // the allowance shrinks by a frame per this many seconds
    double maximumSeconds = 0.4;        // the target never exceeds this
    int burstLatePackets = 8;           // late packets within half a second that make a burst ...
    double burstLateFraction = 0.15;    // ... if they are also this fraction of the packets
};

class PlayoutDelayPolicy
{
public:
    explicit PlayoutDelayPolicy(const PlayoutDelayConfig& config = {}) noexcept;

    // One packet of the stream (including late ones: they are why the buffer must grow).
    void update(Nanoseconds arrival, double relativeDelaySeconds,
                int frameSamples) noexcept DRAGOMAN_NONBLOCKING;

    double targetSeconds() const noexcept DRAGOMAN_NONBLOCKING
    {
        return floorSeconds() + allowance;
    }
    double floorSeconds() const noexcept DRAGOMAN_NONBLOCKING { return fecWaitSeconds + minimum; }
    // The part of the target that covers network jitter: a packet later than this is late.
    double allowanceSeconds() const noexcept DRAGOMAN_NONBLOCKING { return allowance; }
    std::uint64_t bursts() const noexcept DRAGOMAN_NONBLOCKING { return burstCount; }

    // The receiver adds half its output block: a frame is decided at the start of the block that
    // plays it, up to a block before its time.
    void setMinimumSeconds(double seconds) noexcept DRAGOMAN_NONBLOCKING;

    // Forgets the network (histogram, bursts, allowance); the configuration stays.
    void reset() noexcept DRAGOMAN_NONBLOCKING;

private:
    static constexpr int burstBlocks = 10; // of 50 ms: half a second
    static constexpr std::int64_t burstBlockNanoseconds = 50'000'000;

    struct BurstBlock
    {
        int packets = 0;
        int late = 0;
        double latestDelay = 0.0; // largest relative delay among the late packets
    };

    PlayoutDelayConfig config;
    double minimum;
    double frameSeconds = 0.010;   // until the first packet says otherwise
    double fecWaitSeconds = 0.010; // a frame where FEC can exist (10 ms or more), else 0
    double allowance = 0.0;
    bool haveArrival = false;
    Nanoseconds lastArrival{0};
    std::uint64_t burstCount = 0;
    DelayHistogram histogram;
    BlockRing<BurstBlock, burstBlocks> recent;
};

} // namespace dragoman
