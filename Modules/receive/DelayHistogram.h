#pragma once
// A histogram of packet delays with exponential forgetting, read by quantile: NetEq's way of
// asking "which delay covers 97 % of recent packets" without keeping the packets. Old packets
// fade instead of dropping out of a window, so the answer moves smoothly.
//
// Buckets are 0.5 ms wide and centred on multiples of 0.5 ms (bucket 0 holds delays below
// 0.25 ms, so a jitter-free network reads exactly 0); delays past 500 ms fall in the last one.
//
// Threads: one owner thread; real-time safe (a fixed array, no allocation).

#include "core/Realtime.h"

#include <array>

namespace dragoman
{

class DelayHistogram
{
public:
    static constexpr int bucketCount = 1000;
    static constexpr double bucketSeconds = 0.0005;

    // Every weight is multiplied by `forget` (0 < forget < 1), then this delay gains 1 - forget:
    // the weights stay a distribution that sums to at most 1.
    void add(double delaySeconds, double forget) noexcept DRAGOMAN_NONBLOCKING;

    // The smallest delay that covers fraction q of the weight: the upper edge of the bucket where
    // the cumulative weight reaches q (0 for bucket 0). 0 when empty.
    double quantile(double q) const noexcept DRAGOMAN_NONBLOCKING;

    double totalWeight() const noexcept DRAGOMAN_NONBLOCKING { return total; }
    void reset() noexcept DRAGOMAN_NONBLOCKING;

private:
    std::array<double, bucketCount> weights{};
    double total = 0.0;
};

} // namespace dragoman
