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
    meanSquare.store(0.0, std::memory_order_relaxed);
}

void LoudnessMeter::process(const float* buf, int n) noexcept DRAGOMAN_NONBLOCKING
{
    for (int done = 0; done < n;)
    {
        // Up to the end of the 100 ms block, summing in a local.
        const int end = done + std::min(n - done, blockFrames - framesInBlock);
        double energy = 0.0;
        int i = done;
        for (; i + 1 < end; i += 2) // two frames per step: see Biquad::processPair()
        {
            double s0 = 0.0;
            double s1 = 0.0;
            double k0 = 0.0;
            double k1 = 0.0;
            shelf.processPair(buf[i], buf[i + 1], s0, s1);
            highPass.processPair(s0, s1, k0, k1);
            energy += k0 * k0 + k1 * k1;
        }
        if (i < end)
        {
            const double k = highPass.process(shelf.process(buf[i]));
            energy += k * k;
        }
        blockEnergy += energy;
        framesInBlock += end - done;
        done = end;
        if (framesInBlock == blockFrames)
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
    meanSquare.store(blocks.sum() /
                         (static_cast<double>(blocks.filled()) * static_cast<double>(blockFrames)),
                     std::memory_order_relaxed);
}

float LoudnessMeter::shortTermLufs() const noexcept
{
    const double ms = meanSquare.load(std::memory_order_relaxed);
    // -0.691 dB cancels the K-filter's gain at 1 kHz, so a 1 kHz sine reads its RMS in dBFS.
    const double loudness = ms > 0.0 ? -0.691 + 10.0 * std::log10(ms) : floorLufs;
    return static_cast<float>(std::max<double>(loudness, floorLufs));
}

} // namespace dragoman
