#pragma once
// The smooth gain of a look-ahead limiter: the hearing-protection limiter's peak stage (a), and
// the smoothing of its sustained stage (b).
//
// Fed the gain each new sample needs (to stay under the ceiling, say), it returns the gain for
// the sample `lookahead` frames older. That gain is the moving average (over lookahead + 1
// frames) of a released sliding minimum (over the same span) of the needed gains. Every term of
// the average is at most the need of the sample it is applied to, so the average is too: the
// limit holds without overshoot, and the gain moves smoothly (by at most 1/(lookahead + 1) per
// frame: no step, no click). Release is exponential, with the given time constant.
//
// Threads: prepare() allocates: control thread, before audio starts. reset() and push() on the
// audio thread.

#include "core/Realtime.h"
#include "dsp/WindowSum.h"

#include <cstdint>
#include <vector>

namespace dragoman
{

class LookaheadPeakGain
{
public:
    void prepare(int lookaheadFrames, double releaseFrames);
    void reset() noexcept DRAGOMAN_NONBLOCKING;
    float push(float neededGain) noexcept DRAGOMAN_NONBLOCKING;

private:
    struct Entry
    {
        std::uint64_t frame;
        float gain;
    };

    // Sliding minimum: a deque, kept in a ring, of gains that may still become the minimum.
    std::vector<Entry> ring;
    std::size_t head = 0;
    std::size_t size = 0;
    std::uint64_t frame = 0;
    std::uint64_t span = 1; // lookahead + 1
    double inverseSpan = 1.0;

    double releaseCoefficient = 0.0;
    double released = 1.0;
    std::uint64_t unityRun = 0; // pushes in a row that left `released` at exactly 1
    WindowSum average;
};

} // namespace dragoman
