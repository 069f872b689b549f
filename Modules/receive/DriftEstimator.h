#pragma once
// Estimates how fast the sender's sample clock runs against the receiver's clock, in ppm, from
// arrival times and RTP timestamps. Positive: the sender is faster, packets carry more audio per
// second than the receiver plays, and the buffer would grow.
//
// How: transit (arrival time minus RTP time) drifts along a line whose slope is the clock
// difference. Jitter only ever adds delay, so each half-second block keeps its fastest packet
// (the lower envelope, nearly free of queueing noise), and a least-squares line is fitted to
// those minima with exponential forgetting (memory of about two minutes). A route change moves
// the envelope in one step; several blocks in a row far off the line restart the fit, and the
// last estimate is held until the new fit has enough blocks.
//
// Threads: one owner thread (the audio thread in the receiver); real-time safe, no allocation.

#include "core/Realtime.h"
#include "receive/Timing.h"

#include <cstdint>

namespace dragoman
{

struct DriftEstimatorConfig
{
    double blockSeconds = 0.5;  // each block contributes its fastest packet
    double memorySeconds = 120; // time constant of the fit's forgetting
    int minimumBlocks = 20;     // blocks before a fit is trusted (10 s)
    double stepSeconds = 0.003; // a block minimum this far off the line is a step ...
    int stepBlocks = 3;         // ... when this many in a row agree
};

class DriftEstimator
{
public:
    explicit DriftEstimator(const DriftEstimatorConfig& config = {}) noexcept;

    void add(Nanoseconds arrival, std::int64_t rtpTimestamp) noexcept DRAGOMAN_NONBLOCKING;

    bool valid() const noexcept DRAGOMAN_NONBLOCKING;
    // Sender clock relative to the receiver's, in ppm (0 until valid()).
    double ppm() const noexcept DRAGOMAN_NONBLOCKING;
    std::uint64_t steps() const noexcept DRAGOMAN_NONBLOCKING { return stepCount; }

    // A new stream: possibly another sender, certainly another timestamp origin.
    void reset() noexcept DRAGOMAN_NONBLOCKING;

private:
    void commit(double x, double y) noexcept DRAGOMAN_NONBLOCKING;
    bool fitted(int atLeast) const noexcept DRAGOMAN_NONBLOCKING { return points >= atLeast; }
    double slope() const noexcept DRAGOMAN_NONBLOCKING;
    void restartFit() noexcept DRAGOMAN_NONBLOCKING;

    DriftEstimatorConfig config;
    double forget;

    bool started = false;
    Nanoseconds origin{0};
    std::int64_t originTimestamp = 0;

    // The current block's fastest packet.
    bool haveBlock = false;
    std::int64_t block = 0;
    double blockX = 0.0;
    double blockY = 0.0;

    // Weighted sums of the fit, x measured from xRef (the newest point), which keeps them small.
    double xRef = 0.0;
    double w = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0;
    int points = 0;

    int offLine = 0; // consecutive block minima off the line, on the same side
    int offSide = 0;
    bool holding = false;
    double heldPpm = 0.0;
    std::uint64_t stepCount = 0;
};

} // namespace dragoman
