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

} // namespace

void SustainedLevelGain::prepare(double sampleRate, int lookaheadFrames)
{
    energy.prepare(std::max(1, static_cast<int>(std::lround(windowSeconds * sampleRate))));
    onsetEnergy.prepare(
        std::max(1, static_cast<int>(std::lround(onsetWindowSeconds * sampleRate))));
    perLevelFrame = 1.0 / energy.length();
    perOnsetFrame = 0.5 / onsetEnergy.length(); // half: see the header
    levelSmoother.prepare(lookaheadFrames, releaseSeconds * sampleRate);
    shortTermSmoother.prepare(lookaheadFrames, shortTermReleaseSeconds * sampleRate);
    reset();
}

void SustainedLevelGain::reset() noexcept DRAGOMAN_NONBLOCKING
{
    energy.clear();
    onsetEnergy.clear();
    levelSmoother.reset();
    shortTermSmoother.reset();
}

float SustainedLevelGain::push(float x, double affordableMeanSquare) noexcept DRAGOMAN_NONBLOCKING
{
    const double e = static_cast<double>(x) * x;
    energy.push(e);
    onsetEnergy.push(e);
    const double level = energy.sum() * perLevelFrame;
    const double onset = onsetEnergy.sum() * perOnsetFrame;
    const float shortTerm =
        std::min(gainFor(onset, target), gainFor(std::max(level, onset), affordableMeanSquare));
    return std::min(levelSmoother.push(gainFor(level, target)), shortTermSmoother.push(shortTerm));
}

} // namespace dragoman
