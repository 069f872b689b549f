#include "dsp/LookaheadPeakGain.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace dragoman
{

void LookaheadPeakGain::prepare(int lookaheadFrames, double releaseFrames)
{
    span = std::int64_t{std::max(lookaheadFrames, 0)} + 1;
    // Reads reach one span back from the newest frame, catchUp() writes one span back.
    const auto size = std::bit_ceil(static_cast<std::uint64_t>(2 * span + 2));
    needs.assign(size, 1.0f);
    suffixMinima.assign(size, 1.0f);
    sums.assign(size, 0);
    mask = size - 1;
    releaseFactor = std::exp(-1.0 / std::max(releaseFrames, 1.0));
    perCount = 1.0 / (countsPerGain * static_cast<double>(span));
    reset();
}

void LookaheadPeakGain::reset() noexcept DRAGOMAN_NONBLOCKING
{
    // The silence before the first sample needs no reduction: ones in every window.
    std::fill(needs.begin(), needs.end(), 1.0f);
    std::fill(suffixMinima.begin(), suffixMinima.end(), 1.0f);
    const auto size = static_cast<std::int64_t>(sums.size());
    for (std::int64_t k = 1 - size; k <= 0; ++k)
        sums[static_cast<std::uint64_t>(k) & mask] = static_cast<std::uint64_t>(k) * unityCounts;
    frame = 0;
    blockPos = 0;
    blockMinimum = 1.0f;
    released = 1.0;
    releaseTarget = 1.0;
    releaseGap = 0.0;
    unityRun = span;
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
    blockPos = (blockPos + n) % span;
    unityFrames = std::min(unityFrames + n, span); // catchUp() looks no further back
}

void LookaheadPeakGain::catchUp() noexcept DRAGOMAN_NONBLOCKING
{
    // idle() held when pushUnity() began: the last `span` pushes left `released` at 1, so each
    // of their windows held only ones: the last 2 * span - 1 needs before it were ones, and so
    // were the released gains of the last span. The rings need one span of that history: write
    // it as ones, with the running sum of released gains going up by one gain per frame (only
    // its differences are ever read, so its starting value does not matter).
    const std::uint64_t base = sums[static_cast<std::uint64_t>(frame - span) & mask];
    for (std::int64_t k = 0; k < span; ++k)
    {
        const auto at = static_cast<std::uint64_t>(frame - span + k) & mask;
        needs[at] = 1.0f;
        suffixMinima[at] = 1.0f;
        sums[(at + 1) & mask] = base + static_cast<std::uint64_t>(k + 1) * unityCounts;
    }
    blockMinimum = 1.0f; // the current block's frames so far are among those ones
    unityFrames = 0;
}

void LookaheadPeakGain::process(const float* in, float* gains, int n) noexcept DRAGOMAN_NONBLOCKING
{
    if (idle())
    {
        float least = 1.0f;
#pragma omp simd reduction(min : least)
        for (int i = 0; i < n; ++i)
            least = std::min(least, in[i]);
        if (least >= 1.0f) // everything stays exactly 1: the usual case, and bit-exact audio
        {
            pushUnity(n);
            std::fill_n(gains, n, 1.0f);
            return;
        }
    }
    if (unityFrames > 0)
        catchUp();

    // The state lives in locals for the loop: the compiler cannot keep members in registers
    // across the stores into the rings, which might alias them.
    float* const needed = needs.data();
    float* const suffix = suffixMinima.data();
    std::uint64_t* const sum = sums.data();
    const std::uint64_t ring = mask;
    const std::int64_t length = span;
    const double factor = releaseFactor;
    const double gainPerCount = perCount;
    float least = blockMinimum;
    std::int64_t pos = blockPos;
    double release = released;
    double target = releaseTarget;
    double gap = releaseGap;
    std::int64_t run = unityRun;
    auto t = static_cast<std::uint64_t>(frame);
    std::uint64_t total = sum[t & ring];

    for (int i = 0; i < n; ++i, ++t)
    {
        const float need = std::min(in[i], 1.0f);
        needed[t & ring] = need;

        // Sliding minimum over [t - span + 1, t]: the suffix of the block where the window
        // starts, and the prefix of the block where it ends (the whole of it at a block's end).
        least = std::min(least, need);
        double minimum = least;
        if (pos == length - 1)
        {
            float m = need;
            suffix[t & ring] = m;
            for (std::int64_t k = 1; k < length; ++k)
            {
                m = std::min(m, needed[(t - k) & ring]);
                suffix[(t - k) & ring] = m;
            }
            least = 1.0f; // the next block's prefix starts afresh
            pos = 0;
        }
        else
        {
            minimum = std::min(suffix[(t + 1 - length) & ring], least);
            ++pos;
        }

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
        run = release >= 1.0 ? run + 1 : 0; // it never exceeds 1

        // Rounded down, so the average never exceeds the released gains it averages. Gains are at
        // most 1, so a window sums to at most span * 2^40, and the average rounds to at most 1.0f.
        total += static_cast<std::uint64_t>(static_cast<std::int64_t>(release * countsPerGain));
        sum[(t + 1) & ring] = total;
        const auto windowSum = static_cast<std::int64_t>(total - sum[(t + 1 - length) & ring]);
        gains[i] = static_cast<float>(static_cast<double>(windowSum) * gainPerCount);
    }

    frame = static_cast<std::int64_t>(t);
    blockPos = pos;
    blockMinimum = least;
    released = release;
    releaseTarget = target;
    releaseGap = gap;
    unityRun = run;
}

} // namespace dragoman
