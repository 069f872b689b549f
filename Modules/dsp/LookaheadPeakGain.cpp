#include "dsp/LookaheadPeakGain.h"

#include <algorithm>
#include <cmath>

namespace dragoman
{

void LookaheadPeakGain::prepare(int lookaheadFrames, double releaseFrames)
{
    span = static_cast<std::uint64_t>(std::max(lookaheadFrames, 0)) + 1;
    inverseSpan = 1.0 / static_cast<double>(span);
    ring.assign(static_cast<std::size_t>(span) + 1, Entry{0, 1.0f});
    average.prepare(static_cast<int>(span));
    releaseCoefficient = 1.0 - std::exp(-1.0 / std::max(releaseFrames, 1.0));
    reset();
}

void LookaheadPeakGain::reset() noexcept DRAGOMAN_NONBLOCKING
{
    head = size = 0;
    frame = 0;
    released = 1.0;
    unityRun = span;
    average.fill(1.0); // the silence before the first sample needs no reduction
}

float LookaheadPeakGain::push(float neededGain) noexcept DRAGOMAN_NONBLOCKING
{
    if (neededGain >= 1.0f && unityRun >= span)
    {
        // Everything in both windows is exactly 1 and stays so: skip the bookkeeping (the usual
        // case, and the one that must leave the audio bit-exact).
        ++frame;
        ring[head] = Entry{frame, 1.0f};
        size = 1;
        return 1.0f;
    }

    const std::size_t cap = ring.size();
    auto at = [&](std::size_t i) -> Entry&
    {
        return ring[head + i < cap ? head + i : head + i - cap];
    };
    ++frame;
    // A queued gain that is not below the new one can never be the minimum again.
    while (size > 0 && at(size - 1).gain >= neededGain)
        --size;
    at(size) = Entry{frame, neededGain};
    ++size;
    if (ring[head].frame + span <= frame) // left the window [frame - lookahead, frame]
    {
        head = head + 1 == cap ? 0 : head + 1;
        --size;
    }
    const double minimum = ring[head].gain;

    // Down at once (the moving average spreads it over the look-ahead), up slowly.
    if (minimum < released)
        released = minimum;
    else
    {
        released += (minimum - released) * releaseCoefficient;
        if (minimum - released < 1e-6) // an exponential never arrives; 1e-6 is inaudible
            released = minimum;
    }

    unityRun = released == 1.0 ? unityRun + 1 : 0;
    average.push(released);
    const double gain = average.sum() * inverseSpan;
    return static_cast<float>(std::min(gain, 1.0));
}

} // namespace dragoman
