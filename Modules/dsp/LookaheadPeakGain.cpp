#include "dsp/LookaheadPeakGain.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>
#include <string>

namespace dragoman
{
namespace
{

// std::min by value: std::min returns a reference, and against a constant GCC then selects
// between two addresses, which keeps the loop from vectorising.
float smaller(float a, float b) noexcept
{
    return b < a ? b : a;
}

} // namespace

void LookaheadPeakGain::prepare(int lookaheadFrames, double releaseFrames)
{
    if (lookaheadFrames + 1 > maxSpan)
        throw std::length_error("LookaheadPeakGain: a look-ahead of " +
                                std::to_string(lookaheadFrames) + " frames is over " +
                                std::to_string(maxSpan - 1));
    span = std::int64_t{std::max(lookaheadFrames, 0)} + 1;
    widest = static_cast<int>(std::bit_width(static_cast<std::uint64_t>(span))) - 1;
    widestSpan = 1 << widest;
    levels.assign(static_cast<std::size_t>(widest) + 1, 0);
    histories.assign(static_cast<std::size_t>(widest) + 1, {});
    for (int k = 0; k <= widest; ++k)
    {
        // Level k + 1 reads level k 2^k frames back; the window reads the widest level
        // span - 2^widest frames back.
        const int back = k < widest ? 1 << k : static_cast<int>(span) - widestSpan;
        levels[static_cast<std::size_t>(k)] = back;
        histories[static_cast<std::size_t>(k)].assign(static_cast<std::size_t>(back), 1.0f);
    }
    sums.assign(static_cast<std::size_t>(span) + 1, 0);
    releaseFactor = std::exp(-1.0 / std::max(releaseFrames, 1.0));
    perCount = 1.0 / (countsPerGain * static_cast<double>(span));
    reset();
}

void LookaheadPeakGain::reset() noexcept DRAGOMAN_NONBLOCKING
{
    // The silence before the first sample needs no reduction: ones in every window.
    for (auto& history : histories)
        std::fill(history.begin(), history.end(), 1.0f);
    for (std::size_t j = 0; j < sums.size(); ++j)
        sums[j] = j * unityCounts;
    frame = 0;
    released = 1.0;
    releaseTarget = 1.0;
    releaseGap = 0.0;
    unity = true;
    unityFrames = 0;
}

float LookaheadPeakGain::push(float neededGain) noexcept DRAGOMAN_NONBLOCKING
{
    float gain = 1.0f;
    process(&neededGain, &gain, 1);
    return gain;
}

void LookaheadPeakGain::pushUnity(int n) noexcept DRAGOMAN_NONBLOCKING
{
    frame += n;
    unityFrames = std::min(unityFrames + n, span); // catchUp() looks no further back
}

void LookaheadPeakGain::catchUp() noexcept DRAGOMAN_NONBLOCKING
{
    // idle() held when pushUnity() began: the last `span` pushes left `released` at 1, so each
    // of their windows held only ones: the last 2 * span - 1 needs before it were ones, and so
    // were the released gains of the last span. The windows ahead reach back at most 2 * span - 2
    // frames: write that history as ones, with the running sum of released gains going up by one
    // gain per frame (only its differences are ever read, so its starting value does not matter).
    for (auto& history : histories)
        std::fill(history.begin(), history.end(), 1.0f);
    for (std::size_t j = 0; j < sums.size(); ++j)
        sums[j] = j * unityCounts;
    unityFrames = 0;
}

void LookaheadPeakGain::process(const float* in, float* gains, int n) noexcept DRAGOMAN_NONBLOCKING
{
    if (idle())
    {
        float least = 1.0f;
#pragma omp simd reduction(min : least)
        for (int i = 0; i < n; ++i)
            least = smaller(least, in[i]);
        if (least >= 1.0f) // everything stays exactly 1: the usual case, and bit-exact audio
        {
            pushUnity(n);
            std::fill_n(gains, n, 1.0f);
            return;
        }
    }
    if (unityFrames > 0)
        catchUp();
    for (int done = 0; done < n; done += maxChunk)
        processChunk(in + done, gains + done, std::min(maxChunk, n - done));
}

void LookaheadPeakGain::processChunk(const float* in, float* gains,
                                     int n) noexcept DRAGOMAN_NONBLOCKING
{
    // Sliding minimum over the span: level k holds minima over 2^k frames, each the smaller of
    // two from the level below, 2^(k-1) frames apart; the span is covered by two overlapping
    // spans of the widest level. Independent per frame, so every pass vectorises. Each level
    // is laid out after its history, in two stack buffers taking turns.
    float first[maxSpan + maxChunk];
    float second[maxSpan + maxChunk];
    float* level = first;
    float* next = second;
    int back = levels[0];
    std::copy_n(histories[0].begin(), back, level);
    {
        float* const needs = level + back;
#pragma omp simd
        for (int i = 0; i < n; ++i)
            needs[i] = smaller(in[i], 1.0f);
    }
    std::copy_n(level + n, back, histories[0].begin());
    for (int k = 1; k <= widest; ++k)
    {
        const auto at = static_cast<std::size_t>(k);
        const int nextBack = levels[at];
        std::copy_n(histories[at].begin(), nextBack, next);
        const float* const below = level + back;
        float* const above = next + nextBack;
        const int apart = 1 << (k - 1); // == back
#pragma omp simd
        for (int i = 0; i < n; ++i)
            above[i] = smaller(below[i], below[i - apart]);
        std::copy_n(next + n, nextBack, histories[at].begin());
        std::swap(level, next);
        back = nextBack;
    }
    float windowMinimum[maxChunk];
    {
        const float* const top = level + back;
        const int apart = static_cast<int>(span) - widestSpan; // == back
#pragma omp simd
        for (int i = 0; i < n; ++i)
            windowMinimum[i] = smaller(top[i], top[i - apart]);
    }

    // The release and the average, frame by frame. The running sum continues from its history
    // (the last span + 1 frames) into the chunk's slots; a window starts in the history for the
    // first frames and among the chunk's own after. The state lives in locals: the compiler
    // cannot keep members in registers across the stores.
    const std::uint64_t* const before = sums.data();
    std::uint64_t fresh[maxChunk];
    const auto length = static_cast<int>(span);
    const double factor = releaseFactor;
    const double gainPerCount = perCount;
    double release = released;
    double target = releaseTarget;
    double gap = releaseGap;
    std::uint64_t total = before[length];
    std::uint64_t windowSum = 0;

    for (int i = 0; i < n; ++i)
    {
        const double minimum = windowMinimum[i];
        // Down at once (the moving average spreads it over the look-ahead), up slowly: the gap
        // to the minimum shrinks by a constant factor per frame. Kept as a gap while the
        // minimum stays, so that one multiplication per frame is all that waits on the last.
        if (minimum < release)
        {
            release = minimum;
            gap = 0.0;
        }
        else
        {
            if (minimum != target)
                gap = minimum - release;
            gap *= factor;
            if (gap < 1e-6) // an exponential never arrives; 1e-6 is inaudible
                gap = 0.0;
            release = minimum - gap;
        }
        target = minimum;

        // Rounded down, so the average never exceeds the released gains it averages. Gains are at
        // most 1, so a window sums to at most span * 2^40, and the average rounds to at most 1.0f.
        total += static_cast<std::uint64_t>(static_cast<std::int64_t>(release * countsPerGain));
        fresh[i] = total;
        windowSum = total - (i < length ? before[i + 1] : fresh[i - length]);
        gains[i] = static_cast<float>(static_cast<double>(static_cast<std::int64_t>(windowSum)) *
                                      gainPerCount);
    }
    // A released gain counts 2^40 exactly when it is 1, and never more: the window's sum tells
    // whether all of the last span were 1.
    unity = windowSum == static_cast<std::uint64_t>(span) * unityCounts;
    // The last span + 1 running sums become the history: the old ones shifted, then the chunk's.
    if (n <= length)
        std::copy(sums.begin() + n, sums.end(), sums.begin());
    std::copy(fresh + std::max(0, n - length - 1), fresh + n, sums.end() - std::min(n, length + 1));

    frame += n;
    released = release;
    releaseTarget = target;
    releaseGap = gap;
}

} // namespace dragoman
