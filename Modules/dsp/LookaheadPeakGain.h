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
// Built for blocks: the sliding minimum doubles its span level by level (the minimum over 2k
// frames is that of two overlapping spans of k), each level one pass over the block that
// vectorises; the average is a difference of exact running sums of the released gain, rounded
// down to 2^-40 (so it never exceeds the true average). push() is process() of one sample: the
// two give the same gains, whatever the block sizes.
//
// Threads: prepare() allocates: control thread, before audio starts. The rest on the audio
// thread.

#include "core/Realtime.h"

#include <cstdint>
#include <vector>

namespace dragoman
{

class LookaheadPeakGain
{
public:
    // The chunk's work happens in stack buffers sized for this span, which keeps the state of
    // each instance small: hundreds of them (one per seat and stage) share the cache.
    static constexpr int maxSpan = 256;

    // lookaheadFrames < maxSpan (throws std::length_error otherwise).
    void prepare(int lookaheadFrames, double releaseFrames);
    void reset() noexcept DRAGOMAN_NONBLOCKING;
    // Needs are gains from 0 to 1; above 1 counts as 1.
    float push(float neededGain) noexcept DRAGOMAN_NONBLOCKING;
    // gains[i] = push(needs[i]) for i = 0 .. n-1.
    void process(const float* needs, float* gains, int n) noexcept DRAGOMAN_NONBLOCKING;

    // Every gain in both windows is exactly 1: pushing needs of 1 returns 1 and only moves time.
    bool idle() const noexcept DRAGOMAN_NONBLOCKING { return unity; }
    // n pushes of 1 while idle() (which they leave true), in constant time.
    void pushUnity(int n) noexcept DRAGOMAN_NONBLOCKING;

private:
    static constexpr double countsPerGain = 0x1p40;
    static constexpr std::uint64_t unityCounts = std::uint64_t{1} << 40;
    static constexpr int maxChunk = 64; // process() takes longer blocks in pieces

    void processChunk(const float* in, float* gains, int n) noexcept DRAGOMAN_NONBLOCKING;
    // Writes the history that pushUnity() left out: ones, as far back as a window can reach.
    void catchUp() noexcept DRAGOMAN_NONBLOCKING;

    std::int64_t span = 1; // lookahead + 1: both windows
    std::int64_t frame = 0;

    // Level k of the sliding minimum holds minima over 2^k frames; a chunk needs, of each level,
    // the frames before it that the next level (or the window) reaches back to: histories[k]
    // holds those, levels[k] of them.
    std::vector<std::vector<float>> histories;
    std::vector<int> levels;
    int widest = 0;     // the last level: 2^widest <= span frames
    int widestSpan = 1; // 2^widest

    // Running sum of the released gains, in counts, at the last span + 1 frames: sums[j] is that
    // of the frames before frame - span + j.
    std::vector<std::uint64_t> sums;

    double releaseFactor = 0.0; // per frame, on the gap between `released` and the minimum
    double released = 1.0;
    double releaseTarget = 1.0;   // the minimum `released` last moved toward
    double releaseGap = 0.0;      // minimum - released while it releases
    bool unity = true;            // the last span released gains were exactly 1
    std::int64_t unityFrames = 0; // pushed by pushUnity() and not yet written to the rings
    double perCount = 1.0;        // 2^-40 / span: average gain per count
};

} // namespace dragoman
