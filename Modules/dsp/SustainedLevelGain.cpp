#include "dsp/SustainedLevelGain.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>
#include <string>

namespace dragoman
{
namespace
{

// In float, four to a vector: the needs are floats anyway. The proofs that a chunk needs no
// reduction compare in double, and rounding to float is monotonic, so what is at most the
// target in double is at most it in float too.
float gainFor(float meanSquare, float allowed) noexcept
{
    return meanSquare > allowed ? std::sqrt(allowed / meanSquare) : 1.0f;
}

// A window sum (below 2^63) as a double, rounded as a conversion would round it, from its two
// halves: each converts exactly through the bits of 2^52 + half, and only the final addition
// rounds. Unlike a conversion instruction, this vectorises on any x86-64.
double exactly(std::uint64_t sum) noexcept
{
    constexpr auto bits52 = std::bit_cast<std::uint64_t>(0x1p52);
    const double high = std::bit_cast<double>((sum >> 32) | bits52) - 0x1p52;
    const double low = std::bit_cast<double>((sum & 0xffffffffu) | bits52) - 0x1p52;
    return high * 0x1p32 + low;
}

float shortTermNeed(float level, float onset, float target, float affordable) noexcept
{
    const float loudest = onset > level ? onset : level;
    const float forOnset = gainFor(onset, target);
    const float forRoom = gainFor(loudest, affordable);
    return forRoom < forOnset ? forRoom : forOnset;
}

} // namespace

void SustainedLevelGain::prepare(double sampleRate, int lookaheadFrames, int largestChunk)
{
    if (largestChunk > maxChunk)
        throw std::length_error("SustainedLevelGain: chunks of " + std::to_string(largestChunk) +
                                " frames are over " + std::to_string(maxChunk));
    levelFrames = std::max(1, static_cast<int>(std::lround(windowSeconds * sampleRate)));
    onsetFrames = std::max(1, static_cast<int>(std::lround(onsetWindowSeconds * sampleRate)));
    energy.prepare(std::max(levelFrames, onsetFrames), largestChunk);
    const auto chunk = static_cast<std::size_t>(std::max(largestChunk, 1));
    levels.assign(chunk, 0.0f);
    onsets.assign(chunk, 0.0f);
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
    // The windows of the chunk's sample i end after it, at chunkStart + i + 1: the totals there
    // and a window before, copied out of the ring so that the loop below vectorises.
    const std::int64_t firstEnd = chunkStart + 1;
    std::uint64_t end[maxChunk];
    std::uint64_t levelStart[maxChunk];
    std::uint64_t onsetStart[maxChunk];
    energy.copyTotals(firstEnd, chunkFrames, end);
    energy.copyTotals(firstEnd - levelFrames, chunkFrames, levelStart);
    energy.copyTotals(firstEnd - onsetFrames, chunkFrames, onsetStart);
    float* const level = levels.data();
    float* const onset = onsets.data();
    const double perLevel = perLevelCount;
    const double perOnset = perOnsetCount;
#pragma omp simd
    for (int i = 0; i < chunkFrames; ++i)
    {
        level[i] = static_cast<float>(exactly(end[i] - levelStart[i]) * perLevel);
        onset[i] = static_cast<float>(exactly(end[i] - onsetStart[i]) * perOnset);
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
    const auto allowed = static_cast<float>(target);
    const float* const level = levels.data();
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
    const auto allowed = static_cast<float>(target);
    const auto room = static_cast<float>(affordable);
    const float* const level = levels.data();
    const float* const onset = onsets.data();
    float* const need = needs.data();
#pragma omp simd
    for (int i = 0; i < chunkFrames; ++i)
        need[i] = shortTermNeed(level[i], onset[i], allowed, room);
    shortTermSmoother.process(need, gains, chunkFrames);
    return true;
}

float SustainedLevelGain::shortTermGain(int i, double affordable) noexcept DRAGOMAN_NONBLOCKING
{
    measure();
    return shortTermSmoother.push(shortTermNeed(levels[i], onsets[i], static_cast<float>(target),
                                                static_cast<float>(affordable)));
}

} // namespace dragoman
