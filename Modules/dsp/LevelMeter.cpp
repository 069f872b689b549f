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
        // Float sums over at most 256 samples (64 per vector lane) are good to 1e-5 dB, plenty
        // for a meter, and twice as fast as double ones; the window adds them up in double.
        for (int from = done; from < end; from += 256)
        {
            const int to = std::min(end, from + 256);
            float sum = 0.0f;
#pragma omp simd reduction(max : stretchPeak) reduction(+ : sum)
            for (int i = from; i < to; ++i)
            {
                stretchPeak = std::max(stretchPeak, std::fabs(buf[i]));
                sum += buf[i] * buf[i];
            }
            energy += sum;
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
