#include "receive/DriftEstimator.h"

#include <cmath>

namespace dragoman
{

DriftEstimator::DriftEstimator(const DriftEstimatorConfig& settings) noexcept
    : config(settings), forget(std::exp(-settings.blockSeconds / settings.memorySeconds))
{
}

void DriftEstimator::add(Nanoseconds arrival,
                         std::int64_t rtpTimestamp) noexcept DRAGOMAN_NONBLOCKING
{
    if (!started)
    {
        started = true;
        origin = arrival;
        originTimestamp = rtpTimestamp;
    }
    const double x = toSeconds(arrival - origin);
    const double y = x - samplesToSeconds(static_cast<double>(rtpTimestamp - originTimestamp));
    const auto index = static_cast<std::int64_t>(std::floor(x / config.blockSeconds));
    if (haveBlock && index != block)
    {
        commit(blockX, blockY);
        haveBlock = false;
    }
    if (!haveBlock || y < blockY)
    {
        haveBlock = true;
        block = index;
        blockX = x;
        blockY = y;
    }
}

double DriftEstimator::slope() const noexcept DRAGOMAN_NONBLOCKING
{
    const double det = w * sxx - sx * sx;
    return det > 1e-12 ? (w * sxy - sx * sy) / det : 0.0;
}

void DriftEstimator::restartFit() noexcept DRAGOMAN_NONBLOCKING
{
    w = sx = sy = sxx = sxy = 0.0;
    points = 0;
    offLine = 0;
}

void DriftEstimator::commit(double x, double y) noexcept DRAGOMAN_NONBLOCKING
{
    if (fitted(5))
    {
        const double b = slope();
        const double predicted = sy / w + b * ((x - xRef) - sx / w);
        const double residual = y - predicted;
        const int side = residual > 0 ? 1 : -1;
        if (std::abs(residual) > config.stepSeconds)
        {
            offLine = (offLine > 0 && side == offSide) ? offLine + 1 : 1;
            offSide = side;
            if (offLine >= config.stepBlocks)
            {
                if (valid())
                {
                    heldPpm = ppm();
                    holding = true;
                }
                ++stepCount;
                restartFit();
            }
            else
            {
                return; // an outlier until proven a step: keep it out of the fit
            }
        }
        else
        {
            offLine = 0;
        }
    }

    // Move the origin of x to this point, then forget a little and add it (at x = 0).
    const double shift = x - xRef;
    sxx += shift * shift * w - 2.0 * shift * sx;
    sxy -= shift * sy;
    sx -= shift * w;
    xRef = x;
    w = w * forget + 1.0;
    sx *= forget;
    sy = sy * forget + y;
    sxx *= forget;
    sxy *= forget;
    ++points;
}

bool DriftEstimator::valid() const noexcept DRAGOMAN_NONBLOCKING
{
    return fitted(config.minimumBlocks) || holding;
}

double DriftEstimator::ppm() const noexcept DRAGOMAN_NONBLOCKING
{
    if (fitted(config.minimumBlocks))
        return -slope() * 1e6; // transit falls when the sender's clock runs fast
    return holding ? heldPpm : 0.0;
}

void DriftEstimator::reset() noexcept DRAGOMAN_NONBLOCKING
{
    started = haveBlock = holding = false;
    heldPpm = 0.0;
    xRef = 0.0;
    restartFit();
}

} // namespace dragoman
