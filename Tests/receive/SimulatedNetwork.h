#pragma once
// A seeded network between a sender and the receiver: when each packet of a stream arrives, if
// at all. The sender's clock may drift; the network adds a base delay, uniform random jitter,
// random loss and optional delay bursts. The same profile and seed give the same arrivals.

#include "receive/Timing.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace dragoman::test
{

struct NetworkProfile
{
    double lossRate = 0.0;
    double jitterSeconds = 0.0; // each packet gets an extra delay uniform in [0, jitter)
    double baseDelaySeconds = 0.002;
    double senderPpm = 0.0; // sender's sample clock against the receiver's
    std::uint64_t seed = 1;
    // Extra delay for packets sent in [burstStart, burstEnd) (seconds of sender time).
    double burstStartSeconds = -1.0;
    double burstEndSeconds = -1.0;
    double burstExtraSeconds = 0.0;
};

struct Arrival
{
    int index = 0; // packet number: sequence and timestamp follow from it
    Nanoseconds time{0};
};

inline Nanoseconds fromSeconds(double seconds)
{
    return Nanoseconds(static_cast<std::int64_t>(std::llround(seconds * 1e9)));
}

// Arrivals of packets 0..count-1, each frameSamples long, sorted by arrival time.
inline std::vector<Arrival> simulateArrivals(int count, int frameSamples,
                                             const NetworkProfile& profile)
{
    std::mt19937_64 rng(profile.seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<Arrival> arrivals;
    arrivals.reserve(static_cast<std::size_t>(count));
    const double sampleRate = receiveSampleRate * (1.0 + profile.senderPpm * 1e-6);
    for (int k = 0; k < count; ++k)
    {
        const double sent = static_cast<double>(k) * frameSamples / sampleRate;
        const double jitter = unit(rng) * profile.jitterSeconds;
        const bool lost = unit(rng) < profile.lossRate;
        if (lost)
            continue;
        double arrival = sent + profile.baseDelaySeconds + jitter;
        if (sent >= profile.burstStartSeconds && sent < profile.burstEndSeconds)
            arrival += profile.burstExtraSeconds;
        arrivals.push_back({k, fromSeconds(arrival)});
    }
    std::stable_sort(arrivals.begin(), arrivals.end(),
                     [](const Arrival& a, const Arrival& b) { return a.time < b.time; });
    return arrivals;
}

} // namespace dragoman::test
