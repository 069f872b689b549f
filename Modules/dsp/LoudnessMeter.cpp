#include "dsp/LoudnessMeter.h"

#include "dsp/KWeighting.h"

#include <algorithm>
#include <cmath>

namespace dragoman
{

void LoudnessMeter::prepare(double sampleRate)
{
    shelf.setCoefficients(kWeightingShelf(sampleRate));
    highPass.setCoefficients(kWeightingHighPass(sampleRate));
    blockFrames = std::max(1, static_cast<int>(std::lround(blockSeconds * sampleRate)));
    blocks.prepare(static_cast<int>(std::lround(windowSeconds / blockSeconds)));
    reset();
}

void LoudnessMeter::reset() noexcept DRAGOMAN_NONBLOCKING
{
    shelf.clear();
    highPass.clear();
    blocks.clear();
    framesInBlock = 0;
    blockEnergy = 0.0;
    lufs.store(floorLufs, std::memory_order_relaxed);
}

void LoudnessMeter::process(const float* buf, int n) noexcept DRAGOMAN_NONBLOCKING
{
    for (int i = 0; i < n; ++i)
    {
        const double k = highPass.process(shelf.process(buf[i]));
        blockEnergy += k * k;
        if (++framesInBlock == blockFrames)
            publish();
    }
    shelf.flushDenormals();
    highPass.flushDenormals();
}

void LoudnessMeter::publish() noexcept DRAGOMAN_NONBLOCKING
{
    blocks.push(blockEnergy);
    framesInBlock = 0;
    blockEnergy = 0.0;
    const double meanSquare =
        blocks.sum() / (static_cast<double>(blocks.filled()) * static_cast<double>(blockFrames));
    // -0.691 dB cancels the K-filter's gain at 1 kHz, so a 1 kHz sine reads its RMS in dBFS.
    const double loudness = meanSquare > 0.0 ? -0.691 + 10.0 * std::log10(meanSquare) : floorLufs;
    lufs.store(static_cast<float>(std::max<double>(loudness, floorLufs)),
               std::memory_order_relaxed);
}

} // namespace dragoman
