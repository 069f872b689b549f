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
    peak.store(0.0f, std::memory_order_relaxed);
    meanSquare.store(0.0, std::memory_order_relaxed);
}

void LevelMeter::process(const float* buf, int n) noexcept DRAGOMAN_NONBLOCKING
{
    float blockPeak = 0.0f;
    for (int done = 0; done < n;)
    {
        // Up to the end of the window, in locals, so that the loop vectorises.
        const int end = done + std::min(n - done, windowFrames - framesInWindow);
        float stretchPeak = 0.0f;
        double energy = 0.0;
#pragma omp simd reduction(max : stretchPeak) reduction(+ : energy)
        for (int i = done; i < end; ++i)
        {
            stretchPeak = std::max(stretchPeak, std::fabs(buf[i]));
            energy += static_cast<double>(buf[i]) * buf[i];
        }
        blockPeak = std::max(blockPeak, stretchPeak);
        windowPeak = std::max(windowPeak, stretchPeak);
        windowEnergy += energy;
        framesInWindow += end - done;
        done = end;
        if (framesInWindow == windowFrames)
            publish();
    }
    if (blockPeak >= 1.0f) // only this thread writes, so load + store cannot lose a count
        clips.store(clips.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

void LevelMeter::publish() noexcept DRAGOMAN_NONBLOCKING
{
    peak.store(windowPeak, std::memory_order_relaxed);
    meanSquare.store(windowEnergy / windowFrames, std::memory_order_relaxed);
    framesInWindow = 0;
    windowPeak = 0.0f;
    windowEnergy = 0.0;
}

float LevelMeter::peakDb() const noexcept
{
    const float p = peak.load(std::memory_order_relaxed);
    const double db = p > 0.0f ? 20.0 * std::log10(p) : floorDb;
    return static_cast<float>(std::max<double>(db, floorDb));
}

float LevelMeter::rmsDb() const noexcept
{
    const double ms = meanSquare.load(std::memory_order_relaxed);
    const double db = ms > 0.0 ? 10.0 * std::log10(ms) : floorDb;
    return static_cast<float>(std::max<double>(db, floorDb));
}

} // namespace dragoman
