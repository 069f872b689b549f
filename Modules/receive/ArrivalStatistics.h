#pragma once
// What the arrival times of one stream say about the network, packet by packet:
// - transit: arrival time minus the packet's RTP time. Its absolute value means nothing (the two
//   clocks have different origins); its changes are the network's delay variation.
// - relative delay: how much later than the fastest packet of the last two seconds a packet
//   came (WebRTC NetEq's measure). Queueing only ever adds delay, so the fastest recent packet is
//   the best guess of the network's base delay, and a window of seconds follows route changes
//   and clock drift without letting one lucky packet rule for ever.
// - sinceFastestArrival(): how long ago a packet with a given timestamp would have arrived had it
//   been that fast. At the moment a frame is played this is the buffer delay the frame got, free
//   of the jitter of its own arrival.
// - RFC 3550 interarrival jitter, for the statistics a technician reads.
//
// Threads: one owner thread (the audio thread in the receiver); real-time safe, no allocation.

#include "core/Realtime.h"
#include "receive/BlockRing.h"
#include "receive/Timing.h"

#include <cstdint>
#include <limits>

namespace dragoman
{

class ArrivalStatistics
{
public:
    static constexpr double windowSeconds = 2.0;

    // One packet of the stream. Returns its relative delay in seconds (>= 0).
    double add(Nanoseconds arrival, std::int64_t rtpTimestamp) noexcept DRAGOMAN_NONBLOCKING;

    bool empty() const noexcept DRAGOMAN_NONBLOCKING { return !started; }

    // Seconds from the moment a packet with this timestamp would have arrived, as fast as the
    // fastest recent packet, until `now`. Meaningless while empty().
    double sinceFastestArrival(Nanoseconds now,
                               std::int64_t rtpTimestamp) const noexcept DRAGOMAN_NONBLOCKING;

    // RFC 3550 (A.8) interarrival jitter, in seconds.
    double jitterSeconds() const noexcept DRAGOMAN_NONBLOCKING { return jitter; }

    // A new stream: its timestamps have a new origin.
    void reset() noexcept DRAGOMAN_NONBLOCKING;

private:
    static constexpr int blocks = 20; // of windowSeconds / blocks = 100 ms each
    static constexpr std::int64_t blockNanoseconds =
        static_cast<std::int64_t>(windowSeconds * 1e9) / blocks;

    struct Minimum
    {
        double transit = std::numeric_limits<double>::infinity();
    };

    bool started = false;
    Nanoseconds origin{0};
    std::int64_t originTimestamp = 0;
    BlockRing<Minimum, blocks> minima;
    std::int64_t newestBlock = 0;
    double minTransit = 0.0;
    bool haveLast = false;
    double lastTransit = 0.0;
    double jitter = 0.0;
};

} // namespace dragoman
