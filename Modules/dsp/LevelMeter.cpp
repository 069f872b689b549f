#include "dsp/LevelMeter.h"

#include <algorithm>
#include <cmath>

namespace dragoman
{

void LevelMeter::prepare(double sampleRate)
{
    windowFrames = std::max(1, static_cast<int>(std::lround(windowSeconds * sampleRate)));
    reset();
    clips.store(0, std::memory_order_relaxed);
}

void LevelMeter::reset() noexcept DRAGOMAN_NONBLOCKING
{
    framesInWindow = 0;
    windowPeak = 0.0f;
    windowEnergy = 0.0;
    peak.store(floorDb, std::memory_order_relaxed);
    rms.store(floorDb, std::memory_order_relaxed);
}

void LevelMeter::process(const float* buf, int n) noexcept DRAGOMAN_NONBLOCKING
{
    bool clipped = false;
    for (int i = 0; i < n; ++i)
    {
        const float a = std::fabs(buf[i]);
        clipped = clipped || a >= 1.0f;
        windowPeak = std::max(windowPeak, a);
        windowEnergy += static_cast<double>(buf[i]) * buf[i];
        if (++framesInWindow == windowFrames)
            publish();
    }
    if (clipped) // only this thread writes, so load + store cannot lose a count
        clips.store(clips.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

void LevelMeter::publish() noexcept DRAGOMAN_NONBLOCKING
{
    const double meanSquare = windowEnergy / windowFrames;
    const double peakDbNow = windowPeak > 0.0f ? 20.0 * std::log10(windowPeak) : floorDb;
    const double rmsDbNow = meanSquare > 0.0 ? 10.0 * std::log10(meanSquare) : floorDb;
    peak.store(static_cast<float>(std::max<double>(peakDbNow, floorDb)), std::memory_order_relaxed);
    rms.store(static_cast<float>(std::max<double>(rmsDbNow, floorDb)), std::memory_order_relaxed);
    framesInWindow = 0;
    windowPeak = 0.0f;
    windowEnergy = 0.0;
}

} // namespace dragoman
