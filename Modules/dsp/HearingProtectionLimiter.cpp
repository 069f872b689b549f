#include "dsp/HearingProtectionLimiter.h"

#include "dsp/SplCalibration.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dragoman
{
namespace
{

// std::min, std::max and std::clamp by value, with the same comparisons: the std versions
// return references, and against a temporary GCC then selects between two addresses, which
// keeps a loop from vectorising.
float smaller(float a, float b) noexcept
{
    return b < a ? b : a;
}

float larger(float a, float b) noexcept
{
    return a < b ? b : a;
}

float clampTo(float v, float lo, float hi) noexcept
{
    return v < lo ? lo : hi < v ? hi : v;
}

// gain = the smaller of two gains (`first` may be `gain` itself); y = delayed x gain, held under
// the ceiling. Returns the loudest value before the clamp, so the caller knows if it clamped.
float applySmallerGain(const float* first, const float* second, float* gain, const float* delayed,
                       float* y, int n, float ceiling) noexcept
{
    float loudest = 0.0f;
#pragma omp simd reduction(max : loudest)
    for (int i = 0; i < n; ++i)
    {
        gain[i] = smaller(first[i], second[i]);
        const float gained = delayed[i] * gain[i];
        loudest = larger(loudest, std::fabs(gained));
        y[i] = clampTo(gained, -ceiling, ceiling);
    }
    return loudest;
}

} // namespace

void HearingProtectionLimiter::prepare(const HearingProtectionSettings& settings, double sampleRate,
                                       int /*maxBlock*/)
{
    config = settings;
    lookahead = std::max(1, static_cast<int>(std::lround(lookaheadSeconds * sampleRate)));
    line.assign(static_cast<std::size_t>(lookahead + chunkFrames), 0.0f);
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
    // Plain pointers for the loops: GCC reloads a vector's data pointer after every float store
    // through another, and then does not vectorise. The chunk's scratch is on the stack, where
    // every seat's limiter finds it in cache.
    const float* const delayed = line.data();
    float* const x = line.data() + lookahead;
    float peak[chunkFrames];
    float level[chunkFrames];
    float shortTerm[chunkFrames];
    float gain[chunkFrames]; // the smallest of the three, once known
    float y[chunkFrames];

    float inPeak = 0.0f;
#pragma omp simd reduction(max : inPeak)
    for (int i = 0; i < n; ++i)
    {
        // Written so that it vectorises: NaN and infinities fail the comparison.
        const float v = std::fabs(buf[i]) <= std::numeric_limits<float>::max() ? buf[i] : 0.0f;
        x[i] = v;
        inPeak = larger(inPeak, std::fabs(v));
    }
    float outPeak = 0.0f;
#pragma omp simd reduction(max : outPeak)
    for (int i = 0; i < n; ++i)
        outPeak = larger(outPeak, std::fabs(delayed[i]));

    // (a) Both gains look at the newest samples and apply to those `lookahead` frames older.
    bool peakReduces = false;
    if (peakGain.idle() && inPeak <= ceiling)
        peakGain.pushUnity(n);
    else
    {
        float need[chunkFrames];
        const float c = ceiling;
#pragma omp simd
        for (int i = 0; i < n; ++i)
        {
            const float magnitude = std::fabs(x[i]);
            need[i] = magnitude > c ? c / magnitude : 1.0f;
        }
        peakGain.process(need, peak, n);
        peakReduces = true;
    }

    // (b) The level gain depends on the input only; the short-term gain also on the room the
    // backstop has left, which each output changes.
    const std::int64_t start = sustainedGain.inputs().frames();
    sustainedGain.addInput(x, n);
    const bool levelReduces = sustainedGain.levelGains(level);

    // The outputs as they would be without the short-term gain and the backstop. They only make
    // them quieter, so the proofs below about these outputs hold for the real ones.
    const bool untouched = !peakReduces && !levelReduces && outPeak <= ceiling;
    bool unclamped = true;
    if (untouched) // the outputs are the delayed inputs, whose energies are already counted
        sustainedBackstop.proposeCopy(sustainedGain.inputs(), start - lookahead, n);
    else
    {
        // A stage that does not reduce wrote no gains: ones, so that the loop below has no
        // branch and vectorises.
        if (!peakReduces)
            std::fill_n(peak, n, 1.0f);
        if (!levelReduces)
            std::fill_n(level, n, 1.0f);
        unclamped = applySmallerGain(peak, level, gain, delayed, y, n, ceiling) <= ceiling;
        sustainedBackstop.propose(y, n);
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
        if (!sustainedGain.shortTermGains(affordable, shortTerm))
        {
            if (untouched)
                sustainedBackstop.acceptCopy(sustainedGain.inputs(), start - lookahead, n);
            else
                sustainedBackstop.accept(y, n);
            countExposure(n);
            return deliver(buf, y, gain, n,
                           untouched   ? Outputs::delayed
                           : unclamped ? Outputs::gained
                                       : Outputs::limited);
        }
        if (untouched)
            std::fill_n(gain, n, 1.0f);
        const float loudest = applySmallerGain(gain, shortTerm, gain, delayed, y, n, ceiling);
        sustainedBackstop.accept(y, n);
        countExposure(n);
        return deliver(buf, y, gain, n, loudest <= ceiling ? Outputs::gained : Outputs::limited);
    }
    else
    {
        // Coupled: sample by sample, as the stages are defined.
        if (untouched)
            std::fill_n(gain, n, 1.0f);
        for (int i = 0; i < n; ++i)
        {
            gain[i] = smaller(
                gain[i], sustainedGain.shortTermGain(i, sustainedBackstop.affordableMeanSquare()));
            y[i] = sustainedBackstop.limit(clampTo(delayed[i] * gain[i], -ceiling, ceiling));
        }
    }
    countExposure(n);
    return deliver(buf, y, gain, n, Outputs::limited);
}

float HearingProtectionLimiter::deliver(float* buf, const float* y, const float* gain, int n,
                                        Outputs outputs) noexcept DRAGOMAN_NONBLOCKING
{
    const float* const delayed = line.data();
    float smallestGain = 1.0f;
    if (outputs == Outputs::delayed)
        std::copy_n(delayed, n, buf);
    else if (outputs == Outputs::gained) // each output is its delayed input times its gain
    {
#pragma omp simd reduction(min : smallestGain)
        for (int i = 0; i < n; ++i)
            smallestGain = smaller(smallestGain, gain[i]);
        std::copy_n(y, n, buf);
    }
    else
    {
#pragma omp simd reduction(min : smallestGain)
        for (int i = 0; i < n; ++i)
        {
            const float applied =
                y[i] == delayed[i] * gain[i] ? gain[i] : std::fabs(y[i] / delayed[i]);
            smallestGain = smaller(smallestGain, applied);
            buf[i] = y[i];
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
