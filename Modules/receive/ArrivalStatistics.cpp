#include "receive/ArrivalStatistics.h"

#include <algorithm>
#include <cmath>

namespace dragoman
{

double ArrivalStatistics::add(Nanoseconds arrival,
                              std::int64_t rtpTimestamp) noexcept DRAGOMAN_NONBLOCKING
{
    if (!started)
    {
        started = true;
        origin = arrival;
        originTimestamp = rtpTimestamp;
        newestBlock = 0;
    }
    // Seconds relative to the stream's first packet keep full double precision over days.
    const double transit = toSeconds(arrival - origin) -
                           samplesToSeconds(static_cast<double>(rtpTimestamp - originTimestamp));

    const auto block = floorDiv((arrival - origin).count(), blockNanoseconds);
    newestBlock = std::max(newestBlock, block);
    if (Minimum* m = minima.at(block))
        m->transit = std::min(m->transit, transit);
    double lowest = transit;
    minima.forEachFrom(newestBlock - blocks + 1,
                       [&](const Minimum& m) { lowest = std::min(lowest, m.transit); });
    minTransit = lowest;

    if (haveLast)
        jitter += (std::abs(transit - lastTransit) - jitter) / 16.0;
    lastTransit = transit;
    haveLast = true;

    return transit - minTransit;
}

double ArrivalStatistics::sinceFastestArrival(
    Nanoseconds now, std::int64_t rtpTimestamp) const noexcept DRAGOMAN_NONBLOCKING
{
    return toSeconds(now - origin) - minTransit -
           samplesToSeconds(static_cast<double>(rtpTimestamp - originTimestamp));
}

void ArrivalStatistics::reset() noexcept DRAGOMAN_NONBLOCKING
{
    started = false;
    haveLast = false;
    minima.clear();
    minTransit = lastTransit = jitter = 0.0;
}

} // namespace dragoman
