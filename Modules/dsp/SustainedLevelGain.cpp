#include "dsp/SustainedLevelGain.h"

#include <algorithm>
#include <cmath>

namespace dragoman
{
namespace
{

float gainFor(double meanSquare, double allowed) noexcept
{
    return meanSquare > allowed ? static_cast<float>(std::sqrt(allowed / meanSquare)) : 1.0f;
}

float shortTermNeed(double level, double onset, double target, double affordable) noexcept
{
    return std::min(gainFor(onset, target), gainFor(std::max(level, onset), affordable));
}

} // namespace

void SustainedLevelGain::prepare(double sampleRate, int lookaheadFrames, int maxChunk)
{
    levelFrames = std::max(1, static_cast<int>(std::lround(windowSeconds * sampleRate)));
    onsetFrames = std::max(1, static_cast<int>(std::lround(onsetWindowSeconds * sampleRate)));
    energy.prepare(std::max(levelFrames, onsetFrames), maxChunk);
    const auto chunk = static_cast<std::size_t>(std::max(maxChunk, 1));
    levels.assign(chunk, 0.0);
    onsets.assign(chunk, 0.0);
    needs.assign(chunk, 1.0f);
    perLevelCount = EnergyHistory::quantum / levelFrames;
    perOnsetCount = 0.5 * EnergyHistory::quantum / onsetFrames; // half: see the header
    levelSmoother.prepare(lookaheadFrames, releaseSeconds * sampleRate);
    shortTermSmoother.prepare(lookaheadFrames, shortTermReleaseSeconds * sampleRate);
    reset();
}

void SustainedLevelGain::reset() noexcept DRAGOMAN_NONBLOCKING
{
    energy.clear();
    chunkStart = 0;
    chunkFrames = 0;
    measured = false;
    levelSmoother.reset();
    shortTermSmoother.reset();
}

float SustainedLevelGain::push(float x, double affordableMeanSquare) noexcept DRAGOMAN_NONBLOCKING
{
    addInput(&x, 1);
    float level = 1.0f;
    levelGains(&level);
    return std::min(level, shortTermGain(0, affordableMeanSquare));
}

void SustainedLevelGain::addInput(const float* x, int n) noexcept DRAGOMAN_NONBLOCKING
{
    chunkStart = energy.frames();
    chunkFrames = n;
    measured = false;
    energy.append(x, n);
}

void SustainedLevelGain::measure() noexcept DRAGOMAN_NONBLOCKING
{
    if (measured)
        return;
    for (int i = 0; i < chunkFrames; ++i)
    {
        const std::int64_t end = chunkStart + i + 1; // the windows of sample i end with it
        levels[i] = levelOf(energy.sum(end - levelFrames, end));
        onsets[i] = onsetOf(energy.sum(end - onsetFrames, end));
    }
    measured = true;
}

double SustainedLevelGain::loudestMeanSquare() const noexcept DRAGOMAN_NONBLOCKING
{
    // Energies are never negative, so every window that ends in the chunk sums to at most the
    // span from its first window's start (or earlier) to the chunk's end; and counts convert
    // monotonically.
    const std::int64_t end = chunkStart + chunkFrames;
    return std::max(levelOf(energy.sumFromMark(chunkStart + 1 - levelFrames, end)),
                    onsetOf(energy.sum(chunkStart + 1 - onsetFrames, end)));
}

bool SustainedLevelGain::levelGains(float* gains) noexcept DRAGOMAN_NONBLOCKING
{
    const std::int64_t end = chunkStart + chunkFrames;
    if (levelSmoother.idle() &&
        levelOf(energy.sumFromMark(chunkStart + 1 - levelFrames, end)) <= target)
    {
        levelSmoother.pushUnity(chunkFrames); // every need is 1 (see loudestMeanSquare())
        return false;
    }
    measure();
    const double allowed = target;
    const double* const level = levels.data();
    float* const need = needs.data();
#pragma omp simd
    for (int i = 0; i < chunkFrames; ++i)
        need[i] = gainFor(level[i], allowed);
    levelSmoother.process(need, gains, chunkFrames);
    return true;
}

bool SustainedLevelGain::shortTermGains(double affordable,
                                        float* gains) noexcept DRAGOMAN_NONBLOCKING
{
    const std::int64_t end = chunkStart + chunkFrames;
    if (shortTermSmoother.idle() &&
        onsetOf(energy.sum(chunkStart + 1 - onsetFrames, end)) <= target &&
        loudestMeanSquare() <= affordable)
    {
        shortTermSmoother.pushUnity(chunkFrames);
        return false;
    }
    measure();
    const double allowed = target;
    const double* const level = levels.data();
    const double* const onset = onsets.data();
    float* const need = needs.data();
#pragma omp simd
    for (int i = 0; i < chunkFrames; ++i)
        need[i] = shortTermNeed(level[i], onset[i], allowed, affordable);
    shortTermSmoother.process(need, gains, chunkFrames);
    return true;
}

float SustainedLevelGain::shortTermGain(int i, double affordable) noexcept DRAGOMAN_NONBLOCKING
{
    measure();
    return shortTermSmoother.push(shortTermNeed(levels[i], onsets[i], target, affordable));
}

} // namespace dragoman
