#include "dsp/HearingProtectionLimiter.h"

#include "dsp/SplCalibration.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dragoman
{

void HearingProtectionLimiter::prepare(const HearingProtectionSettings& settings, double sampleRate,
                                       int /*maxBlock*/)
{
    config = settings;
    lookahead = std::max(1, static_cast<int>(std::lround(lookaheadSeconds * sampleRate)));
    line.assign(static_cast<std::size_t>(lookahead + chunkFrames), 0.0f);
    for (auto* scratch : {&needs, &peakGains, &levelGains, &shortTermGains, &gains, &out})
        scratch->assign(static_cast<std::size_t>(chunkFrames), 1.0f);
    peakGain.prepare(lookahead, ceilingReleaseSeconds * sampleRate);
    sustainedGain.prepare(sampleRate, lookahead, chunkFrames);
    sustainedBackstop.prepare(
        std::max(1, static_cast<int>(std::lround(sustainedWindowSeconds * sampleRate))),
        chunkFrames);
    exposure.prepare(sampleRate, settings.exposureWindowSeconds);
    setCalibration(settings.splAt0dBFS);
    reset();
}

void HearingProtectionLimiter::setCalibration(double splAt0dBFS) noexcept DRAGOMAN_NONBLOCKING
{
    config.splAt0dBFS = splAt0dBFS;
    // Rounded down, so that the float ceiling is never above the true one; and no higher than
    // +30 dBFS (a calibration under 73 dB SPL), where the backstop's energy counts saturate.
    const double peak =
        std::min(sinePeakAtSpl(config.ceilingSpl, splAt0dBFS), std::sqrt(EnergyHistory::maxEnergy));
    ceiling = static_cast<float>(peak);
    if (static_cast<double>(ceiling) > peak)
        ceiling = std::nextafter(ceiling, 0.0f);
    sustainedGain.setTargetMeanSquare(
        sineMeanSquareAtSpl(config.sustainedSpl - sustainedAimDb, splAt0dBFS));
    sustainedBackstop.setMaxMeanSquare(sineMeanSquareAtSpl(config.sustainedSpl, splAt0dBFS));
    exposure.setLevels(splAt0dBFS, config.exposureWarningSpl);
}

void HearingProtectionLimiter::reset() noexcept DRAGOMAN_NONBLOCKING
{
    peakGain.reset();
    sustainedGain.reset();
    sustainedBackstop.reset();
    exposure.reset();
    std::fill(line.begin(), line.end(), 0.0f);
    reductionDb = 0.0f;
}

void HearingProtectionLimiter::process(float* buf, int n) noexcept DRAGOMAN_NONBLOCKING
{
    float smallestGain = 1.0f;
    for (int done = 0; done < n; done += chunkFrames)
        smallestGain =
            std::min(smallestGain, processChunk(buf + done, std::min(chunkFrames, n - done)));
    // Capped so that a muted sample reads a finite number that a UI and JSON can carry.
    reductionDb = smallestGain < 1.0f ? std::min(-20.0f * std::log10(smallestGain), 120.0f) : 0.0f;
}

float HearingProtectionLimiter::processChunk(float* buf, int n) noexcept DRAGOMAN_NONBLOCKING
{
    const float* const delayed = line.data();
    float* const x = line.data() + lookahead;

    float inPeak = 0.0f;
#pragma omp simd reduction(max : inPeak)
    for (int i = 0; i < n; ++i)
    {
        // Written so that it vectorises: NaN and infinities fail the comparison.
        const float v = std::fabs(buf[i]) <= std::numeric_limits<float>::max() ? buf[i] : 0.0f;
        x[i] = v;
        inPeak = std::max(inPeak, std::fabs(v));
    }
    float outPeak = 0.0f;
#pragma omp simd reduction(max : outPeak)
    for (int i = 0; i < n; ++i)
        outPeak = std::max(outPeak, std::fabs(delayed[i]));

    // (a) Both gains look at the newest samples and apply to those `lookahead` frames older.
    bool peakReduces = false;
    if (peakGain.idle() && inPeak <= ceiling)
        peakGain.pushUnity(n);
    else
    {
#pragma omp simd
        for (int i = 0; i < n; ++i)
        {
            const float magnitude = std::fabs(x[i]);
            needs[i] = magnitude > ceiling ? ceiling / magnitude : 1.0f;
        }
        peakGain.process(needs.data(), peakGains.data(), n);
        peakReduces = true;
    }

    // (b) The level gain depends on the input only; the short-term gain also on the room the
    // backstop has left, which each output changes.
    const std::int64_t start = sustainedGain.inputs().frames();
    sustainedGain.addInput(x, n);
    const bool levelReduces = sustainedGain.levelGains(levelGains.data());

    // The outputs as they would be without the short-term gain and the backstop. They only make
    // them quieter, so the proofs below about these outputs hold for the real ones.
    const bool untouched = !peakReduces && !levelReduces && outPeak <= ceiling;
    if (untouched) // the outputs are the delayed inputs, whose energies are already counted
        sustainedBackstop.proposeCopy(sustainedGain.inputs(), start - lookahead, n);
    else
    {
        // A stage that does not reduce wrote no gains: ones, so that the loop below has no
        // branch and vectorises.
        if (!peakReduces)
            std::fill_n(peakGains.begin(), n, 1.0f);
        if (!levelReduces)
            std::fill_n(levelGains.begin(), n, 1.0f);
#pragma omp simd
        for (int i = 0; i < n; ++i)
        {
            gains[i] = std::min(peakGains[i], levelGains[i]);
            out[i] = std::clamp(delayed[i] * gains[i], -ceiling, ceiling);
        }
        sustainedBackstop.propose(out.data(), n);
    }

    // Decoupled when the backstop cannot act in this chunk and the affordable mean square is
    // either the same for every sample (the limit itself: the window is not nearly spent) or
    // never below anything it is compared with.
    const double floor = sustainedBackstop.affordableFloor();
    const double limit = sustainedBackstop.maxMeanSquareLimit();
    if (sustainedBackstop.proposalFits() &&
        (floor >= limit || sustainedGain.loudestMeanSquare() <= floor))
    {
        const double affordable = floor >= limit ? limit : floor;
        if (!sustainedGain.shortTermGains(affordable, shortTermGains.data()))
        {
            if (untouched)
                sustainedBackstop.acceptCopy(sustainedGain.inputs(), start - lookahead, n);
            else
                sustainedBackstop.accept(out.data(), n);
            countExposure(n);
            return deliver(buf, n, untouched);
        }
        if (untouched)
            std::fill_n(gains.begin(), n, 1.0f);
#pragma omp simd
        for (int i = 0; i < n; ++i)
        {
            gains[i] = std::min(gains[i], shortTermGains[i]);
            out[i] = std::clamp(delayed[i] * gains[i], -ceiling, ceiling);
        }
        sustainedBackstop.accept(out.data(), n);
    }
    else
    {
        // Coupled: sample by sample, as the stages are defined.
        if (untouched)
            std::fill_n(gains.begin(), n, 1.0f);
        for (int i = 0; i < n; ++i)
        {
            const float shortTerm =
                sustainedGain.shortTermGain(i, sustainedBackstop.affordableMeanSquare());
            gains[i] = std::min(gains[i], shortTerm);
            const float y = std::clamp(delayed[i] * gains[i], -ceiling, ceiling);
            out[i] = sustainedBackstop.limit(y);
        }
    }
    countExposure(n);
    return deliver(buf, n, false);
}

float HearingProtectionLimiter::deliver(float* buf, int n,
                                        bool untouched) noexcept DRAGOMAN_NONBLOCKING
{
    float smallestGain = 1.0f;
    if (untouched)
        std::copy(line.begin(), line.begin() + n, buf);
    else
    {
#pragma omp simd reduction(min : smallestGain)
        for (int i = 0; i < n; ++i)
        {
            const float y = out[i];
            const float gain = gains[i];
            const float applied = y == line[i] * gain ? gain : std::fabs(y / line[i]);
            smallestGain = std::min(smallestGain, applied);
            buf[i] = y;
        }
    }
    // The newest `lookahead` inputs become the look-ahead of the next chunk.
    std::copy(line.begin() + n, line.begin() + n + lookahead, line.begin());
    return smallestGain;
}

void HearingProtectionLimiter::countExposure(int n) noexcept DRAGOMAN_NONBLOCKING
{
    const EnergyHistory& heard = sustainedBackstop.outputs();
    std::int64_t from = heard.frames() - n;
    while (n > 0)
    {
        const int frames = std::min(n, exposure.framesToBucketEnd());
        exposure.add(heard.sum(from, from + frames), frames);
        from += frames;
        n -= frames;
    }
}

} // namespace dragoman
