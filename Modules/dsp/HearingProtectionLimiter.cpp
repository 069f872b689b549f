#include "dsp/HearingProtectionLimiter.h"

#include "dsp/SplCalibration.h"

#include <algorithm>
#include <cmath>

namespace dragoman
{

void HearingProtectionLimiter::prepare(const HearingProtectionSettings& settings, double sampleRate,
                                       int /*maxBlock*/)
{
    config = settings;
    lookahead = std::max(1, static_cast<int>(std::lround(lookaheadSeconds * sampleRate)));
    delay.assign(static_cast<std::size_t>(lookahead), 0.0f);
    peakGain.prepare(lookahead, ceilingReleaseSeconds * sampleRate);
    sustainedGain.prepare(sampleRate, lookahead);
    sustainedBackstop.prepare(
        std::max(1, static_cast<int>(std::lround(sustainedWindowSeconds * sampleRate))));
    exposure.prepare(sampleRate, settings.exposureWindowSeconds);
    setCalibration(settings.splAt0dBFS);
    reset();
}

void HearingProtectionLimiter::setCalibration(double splAt0dBFS) noexcept DRAGOMAN_NONBLOCKING
{
    config.splAt0dBFS = splAt0dBFS;
    // Rounded down, so that the float ceiling is never above the true one.
    const double peak = sinePeakAtSpl(config.ceilingSpl, splAt0dBFS);
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
    std::fill(delay.begin(), delay.end(), 0.0f);
    delayPos = 0;
    reductionDb = 0.0f;
}

void HearingProtectionLimiter::process(float* buf, int n) noexcept DRAGOMAN_NONBLOCKING
{
    float smallestGain = 1.0f;
    for (int i = 0; i < n; ++i)
    {
        const float x = std::isfinite(buf[i]) ? buf[i] : 0.0f;
        const float magnitude = std::fabs(x);

        // Both gains look at the newest sample and apply to the one `lookahead` frames older.
        const float peak = peakGain.push(magnitude > ceiling ? ceiling / magnitude : 1.0f);
        const float sustained = sustainedGain.push(x, sustainedBackstop.affordableMeanSquare());
        const float gain = std::min(peak, sustained);

        const float delayed = delay[delayPos];
        delay[delayPos] = x;
        if (++delayPos == delay.size())
            delayPos = 0;

        float y = delayed * gain;
        y = std::clamp(y, -ceiling, ceiling);
        y = sustainedBackstop.limit(y);
        exposure.add(y);
        buf[i] = y;

        const float applied = y == delayed * gain ? gain : std::fabs(y / delayed);
        smallestGain = std::min(smallestGain, applied);
    }
    // Capped so that a muted sample reads a finite number that a UI and JSON can carry.
    reductionDb = smallestGain < 1.0f ? std::min(-20.0f * std::log10(smallestGain), 120.0f) : 0.0f;
}

} // namespace dragoman
