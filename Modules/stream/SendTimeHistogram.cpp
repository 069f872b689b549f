#include "stream/SendTimeHistogram.h"

#include <algorithm>
#include <cmath>

namespace dragoman
{

void SendTimeHistogram::record(std::chrono::nanoseconds spent) noexcept
{
    const double micros = std::max(1.0, static_cast<double>(spent.count()) / 1000.0);
    const int bin = std::min(kBins - 1, static_cast<int>(4.0 * std::log2(micros)));
    bins[static_cast<std::size_t>(bin)].fetch_add(1, std::memory_order_relaxed);
}

SendTimeHistogram::Counts SendTimeHistogram::counts() const noexcept
{
    Counts result{};
    for (std::size_t b = 0; b < result.size(); ++b)
        result[b] = bins[b].load(std::memory_order_relaxed);
    return result;
}

double SendTimeHistogram::binUpperMicros(int bin) noexcept
{
    return std::exp2(static_cast<double>(bin + 1) / 4.0);
}

double SendTimeHistogram::percentileMicros(const Counts& counts, double p) noexcept
{
    std::uint64_t total = 0;
    for (const auto count : counts)
        total += count;
    if (total == 0)
        return 0.0;
    const auto rank = std::max<std::uint64_t>(
        1, static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(total))));
    std::uint64_t seen = 0;
    for (int b = 0; b < kBins; ++b)
    {
        seen += counts[static_cast<std::size_t>(b)];
        if (seen >= rank)
            return binUpperMicros(b);
    }
    return binUpperMicros(kBins - 1);
}

} // namespace dragoman
