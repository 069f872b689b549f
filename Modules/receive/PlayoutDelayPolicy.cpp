#include "receive/PlayoutDelayPolicy.h"

#include <algorithm>
#include <cmath>

namespace dragoman
{

PlayoutDelayPolicy::PlayoutDelayPolicy(const PlayoutDelayConfig& settings) noexcept
    : config(settings), minimum(settings.minimumSeconds)
{
}

void PlayoutDelayPolicy::setMinimumSeconds(double seconds) noexcept DRAGOMAN_NONBLOCKING
{
    minimum = std::max(0.0, seconds);
}

void PlayoutDelayPolicy::update(Nanoseconds arrival, double relativeDelaySeconds,
                                int frameSamples) noexcept DRAGOMAN_NONBLOCKING
{
    frameSeconds = samplesToSeconds(frameSamples);
    // SILK, and so in-band FEC, needs frames of 10 ms or more (480 samples at 48 kHz).
    fecWaitSeconds = frameSamples >= 480 ? frameSeconds : 0.0;
    const double delay = std::max(0.0, relativeDelaySeconds);

    // Forgetting per packet from a time constant, so that the memory lasts as many seconds
    // whatever the frame size.
    histogram.add(delay, std::exp(-frameSeconds / config.memorySeconds));
    double wanted = histogram.quantile(config.quantile);

    const auto block = floorDiv(arrival.count(), burstBlockNanoseconds);
    if (BurstBlock* b = recent.at(block))
    {
        ++b->packets;
        // Late by more than the histogram's resolution: a LAN's microsecond wobble is no burst.
        if (delay > allowance + DelayHistogram::bucketSeconds)
        {
            ++b->late;
            b->latestDelay = std::max(b->latestDelay, delay);
        }
    }
    int packets = 0;
    int late = 0;
    double latest = 0.0;
    recent.forEachFrom(block - burstBlocks + 1,
                       [&](const BurstBlock& b)
                       {
                           packets += b.packets;
                           late += b.late;
                           latest = std::max(latest, b.latestDelay);
                       });
    if (late >= config.burstLatePackets && late >= config.burstLateFraction * packets &&
        latest > allowance)
    {
        wanted = std::max(wanted, latest);
        ++burstCount;
    }

    const double elapsed = haveArrival ? std::max(0.0, toSeconds(arrival - lastArrival)) : 0.0;
    lastArrival = haveArrival ? std::max(lastArrival, arrival) : arrival;
    haveArrival = true;
    if (wanted >= allowance)
        allowance = wanted;
    else
        allowance =
            std::max(wanted, allowance - elapsed * frameSeconds / config.shrinkSecondsPerFrame);
    allowance = std::clamp(allowance, 0.0, std::max(0.0, config.maximumSeconds - floorSeconds()));
}

void PlayoutDelayPolicy::reset() noexcept DRAGOMAN_NONBLOCKING
{
    histogram.reset();
    recent.clear();
    allowance = 0.0;
    haveArrival = false;
    lastArrival = Nanoseconds{0};
}

} // namespace dragoman
