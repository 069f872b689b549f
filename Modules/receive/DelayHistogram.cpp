#include "receive/DelayHistogram.h"

#include <algorithm>
#include <cmath>

namespace dragoman
{

void DelayHistogram::add(double delaySeconds, double forget) noexcept DRAGOMAN_NONBLOCKING
{
    for (double& w : weights)
    {
        w *= forget;
        if (w < 1e-30) // flush before denormals: they cost a hundred times more to multiply
            w = 0.0;
    }
    const long bucket = std::lround(std::max(0.0, delaySeconds) / bucketSeconds);
    const auto index = static_cast<std::size_t>(std::min<long>(bucket, bucketCount - 1));
    weights[index] += 1.0 - forget;
    total = total * forget + (1.0 - forget);
}

double DelayHistogram::quantile(double q) const noexcept DRAGOMAN_NONBLOCKING
{
    if (total <= 0.0)
        return 0.0;
    const double wanted = q * total;
    double cumulative = 0.0;
    for (int i = 0; i < bucketCount; ++i)
    {
        cumulative += weights[static_cast<std::size_t>(i)];
        if (cumulative >= wanted)
            return i == 0 ? 0.0 : (i + 0.5) * bucketSeconds;
    }
    return (bucketCount - 0.5) * bucketSeconds;
}

void DelayHistogram::reset() noexcept DRAGOMAN_NONBLOCKING
{
    weights.fill(0.0);
    total = 0.0;
}

} // namespace dragoman
