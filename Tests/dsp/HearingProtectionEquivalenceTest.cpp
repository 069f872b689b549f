// The hearing-protection limiter runs in chunks and skips, by proof, the work that cannot change
// a chunk (see HearingProtectionLimiter.h). These tests hold it to the definition: the same
// stages run sample by sample, as below, must give the same output to the bit, and the same
// readings, on signals that cross every threshold mid-block, whatever the block sizes.

#include "SignalHelpers.h"
#include "dsp/HearingProtectionLimiter.h"
#include "dsp/SplCalibration.h"

#include <catch2/catch.hpp>

#include <limits>

using namespace dragoman;
using namespace dragoman::test;

namespace
{

// The limiter by its definition: every stage pushed one sample at a time, in the order
// HearingProtectionLimiter.h describes, with no shortcut.
class SampleBySampleLimiter
{
public:
    void prepare(const HearingProtectionSettings& settings, double rate)
    {
        config = settings;
        lookahead =
            static_cast<int>(std::lround(HearingProtectionLimiter::lookaheadSeconds * rate));
        delay.assign(static_cast<std::size_t>(lookahead), 0.0f);
        peakGain.prepare(lookahead, HearingProtectionLimiter::ceilingReleaseSeconds * rate);
        sustainedGain.prepare(rate, lookahead, 1);
        backstop.prepare(
            static_cast<int>(std::lround(HearingProtectionLimiter::sustainedWindowSeconds * rate)),
            1);
        exposure.prepare(rate, settings.exposureWindowSeconds);
        setCalibration(settings.splAt0dBFS);
    }

    void setCalibration(double splAt0dBFS)
    {
        config.splAt0dBFS = splAt0dBFS;
        const double peak = std::min(sinePeakAtSpl(config.ceilingSpl, splAt0dBFS),
                                     std::sqrt(EnergyHistory::maxEnergy));
        ceiling = static_cast<float>(peak);
        if (static_cast<double>(ceiling) > peak)
            ceiling = std::nextafter(ceiling, 0.0f);
        sustainedGain.setTargetMeanSquare(sineMeanSquareAtSpl(
            config.sustainedSpl - HearingProtectionLimiter::sustainedAimDb, splAt0dBFS));
        backstop.setMaxMeanSquare(sineMeanSquareAtSpl(config.sustainedSpl, splAt0dBFS));
        exposure.setLevels(splAt0dBFS, config.exposureWarningSpl);
    }

    void reset()
    {
        peakGain.reset();
        sustainedGain.reset();
        backstop.reset();
        exposure.reset();
        std::fill(delay.begin(), delay.end(), 0.0f);
        pos = 0;
    }

    void process(float* buf, int n)
    {
        float smallestGain = 1.0f;
        for (int i = 0; i < n; ++i)
        {
            const float x = std::isfinite(buf[i]) ? buf[i] : 0.0f;
            const float magnitude = std::fabs(x);
            const float peak = peakGain.push(magnitude > ceiling ? ceiling / magnitude : 1.0f);
            const float sustained = sustainedGain.push(x, backstop.affordableMeanSquare());
            const float gain = std::min(peak, sustained);

            const float delayed = delay[pos];
            delay[pos] = x;
            pos = pos + 1 == delay.size() ? 0 : pos + 1;

            float y = std::clamp(delayed * gain, -ceiling, ceiling);
            y = backstop.limit(y);
            exposure.add(EnergyHistory::counts(y), 1);
            buf[i] = y;

            const float applied = y == delayed * gain ? gain : std::fabs(y / delayed);
            smallestGain = std::min(smallestGain, applied);
        }
        reductionDb =
            smallestGain < 1.0f ? std::min(-20.0f * std::log10(smallestGain), 120.0f) : 0.0f;
    }

    HearingProtectionSettings config;
    int lookahead = 48;
    float ceiling = 1.0f;
    LookaheadPeakGain peakGain;
    SustainedLevelGain sustainedGain;
    WindowEnergyLimit backstop;
    ExposureMeter exposure;
    std::vector<float> delay;
    std::size_t pos = 0;
    float reductionDb = 0.0f;
};

// Stretches of silence, speech-like noise, tone and noise bursts, crescendos, clicks and broken
// samples, at levels from far under the limits to 12 dB over full scale.
std::vector<float> eventfulSignal(std::uint32_t seed, double cal, int count)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const auto between = [&](double lo, double hi)
    {
        return lo + (hi - lo) * unit(rng);
    };
    std::vector<float> x;
    x.reserve(static_cast<std::size_t>(count));
    while (static_cast<int>(x.size()) < count)
    {
        const int length = frames(between(0.003, 0.4));
        const double spl = between(55.0, 112.0); // around the 94 and 100 dB SPL limits
        const double peak = std::min(sinePeakAtSpl(spl, cal), 4.0);
        const int kind = static_cast<int>(unit(rng) * 6.0);
        std::vector<float> part;
        switch (kind)
        {
        case 0:
            part = silence(length);
            break;
        case 1: // syllables of noise
        {
            part = noise(peak, length, static_cast<std::uint32_t>(rng()));
            const double rate = between(2.0, 8.0);
            for (int i = 0; i < length; ++i)
                part[i] *= static_cast<float>(std::pow(
                    0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * rate * i / sampleRate), 3.0));
            break;
        }
        case 2:
            part = sine(between(60.0, 12000.0), peak, length);
            break;
        case 3: // a crescendo of 40 dB
        {
            part = noise(peak, length, static_cast<std::uint32_t>(rng()));
            for (int i = 0; i < length; ++i)
                part[i] *= static_cast<float>(std::pow(10.0, (-40.0 + 40.0 * i / length) / 20.0));
            break;
        }
        case 4: // clicks on quiet noise
        {
            part = noise(peak * 0.01, length, static_cast<std::uint32_t>(rng()));
            for (int k = 0; k < 4; ++k)
                part[static_cast<std::size_t>(unit(rng) * (length - 1))] =
                    static_cast<float>(between(-1.0, 1.0) * 4.0 * peak);
            break;
        }
        default: // a broken decoder
        {
            part = noise(peak, length, static_cast<std::uint32_t>(rng()));
            const float broken[] = {std::numeric_limits<float>::quiet_NaN(),
                                    std::numeric_limits<float>::infinity(),
                                    -std::numeric_limits<float>::infinity(), 1e30f};
            for (float b : broken)
                part[static_cast<std::size_t>(unit(rng) * (length - 1))] = b;
            break;
        }
        }
        x.insert(x.end(), part.begin(), part.end());
    }
    x.resize(static_cast<std::size_t>(count));
    return x;
}

HearingProtectionSettings settingsFor(double cal)
{
    HearingProtectionSettings s;
    s.splAt0dBFS = cal;
    return s;
}

} // namespace

TEST_CASE("the chunked limiter gives exactly what the stages give sample by sample",
          "[dsp][HearingProtectionLimiter]")
{
    const std::uint32_t seed = GENERATE(range(1u, 9u));
    const double cal = seed % 3 == 0 ? 96.0 : seed % 3 == 1 ? 110.0 : 120.0;
    const int maxBlock = seed % 2 == 0 ? 64 : 300; // the engine's size, and chunks plus a rest
    INFO("seed " << seed << ", " << cal << " dB SPL at 0 dBFS, blocks of 1.." << maxBlock);

    const auto in = eventfulSignal(seed, cal, frames(8.0));
    HearingProtectionLimiter chunked;
    chunked.prepare(settingsFor(cal), sampleRate, maxBlock);
    SampleBySampleLimiter reference;
    reference.prepare(settingsFor(cal), sampleRate);

    std::mt19937 sizes(seed);
    std::uniform_int_distribution<int> size(1, maxBlock);
    std::vector<float> a;
    std::vector<float> b;
    std::size_t pos = 0;
    int mismatches = 0;
    bool reduced = false;
    for (int block = 0; pos < in.size(); ++block)
    {
        if (block == 700) // new headphones mid-signal: thresholds move, state stays
        {
            chunked.setCalibration(cal + 6.0);
            reference.setCalibration(cal + 6.0);
        }
        if (block == 1500)
        {
            chunked.reset();
            reference.reset();
        }
        const auto n =
            std::min<std::size_t>(static_cast<std::size_t>(size(sizes)), in.size() - pos);
        a.assign(in.begin() + pos, in.begin() + pos + n);
        b = a;
        chunked.process(a.data(), static_cast<int>(n));
        reference.process(b.data(), static_cast<int>(n));
        pos += n;

        if (a != b || chunked.gainReductionDb() != reference.reductionDb ||
            chunked.leqSpl() != reference.exposure.leqSpl() ||
            chunked.exposureWarning() != reference.exposure.warning())
        {
            if (++mismatches <= 3)
                FAIL_CHECK("block " << block << " (frames " << pos - n << ".." << pos
                                    << ") differs");
        }
        reduced = reduced || chunked.gainReductionDb() > 6.0f;
    }
    CHECK(mismatches == 0);
    CHECK(reduced); // the signal did cross the limits
}

TEST_CASE("the limiter's output does not depend on the block sizes",
          "[dsp][HearingProtectionLimiter]")
{
    const double cal = GENERATE(96.0, 110.0);
    const auto in = eventfulSignal(42, cal, frames(6.0));
    auto run = [&](int maxBlock, std::uint32_t seed)
    {
        HearingProtectionLimiter limiter;
        limiter.prepare(settingsFor(cal), sampleRate, maxBlock);
        auto out = in;
        std::mt19937 sizes(seed);
        std::uniform_int_distribution<int> size(1, maxBlock);
        for (std::size_t pos = 0; pos < out.size();)
        {
            const auto n =
                std::min<std::size_t>(static_cast<std::size_t>(size(sizes)), out.size() - pos);
            limiter.process(out.data() + pos, static_cast<int>(n));
            pos += n;
        }
        return out;
    };
    const auto reference = run(1, 1);
    CHECK(run(64, 2) == reference);
    CHECK(run(1024, 3) == reference);
}
