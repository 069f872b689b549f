// Hearing protection is the trade's first health issue (see DOMAIN.md): these tests state its
// guarantees in dB SPL, at two calibrations, for the signals that hurt: bursts of tone and noise,
// up to 12 dB over full scale.

#include "dsp/HearingProtectionLimiter.h"
#include "SignalHelpers.h"
#include "dsp/SplCalibration.h"

#include <catch2/catch.hpp>

#include <string>

using namespace dragoman;
using namespace dragoman::test;

namespace
{

constexpr int maxBlock = 256;
const int window100ms = frames(0.1);

HearingProtectionSettings settingsFor(double splAt0dBFS)
{
    HearingProtectionSettings s;
    s.splAt0dBFS = splAt0dBFS;
    return s;
}

std::vector<float> limit(std::vector<float> x, double splAt0dBFS)
{
    HearingProtectionLimiter limiter;
    limiter.prepare(settingsFor(splAt0dBFS), sampleRate, maxBlock);
    inBlocks(x, maxBlock, [&](float* b, int n) { limiter.process(b, n); });
    return x;
}

double splOfWindow(double meanSquare, double cal)
{
    return splOfMeanSquare(meanSquare, cal);
}

// Amplitude-modulated noise like speech at syllable rate: Leq `leqSpl`, peaks ~15 dB higher.
std::vector<float> speechLike(double leqSpl, double cal, int count)
{
    auto x = noise(1.0, count, 3);
    for (int i = 0; i < count; ++i)
    {
        const double syllable = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * 4.0 * i / sampleRate);
        const double phrase = 0.6 + 0.4 * std::sin(2.0 * std::numbers::pi * 0.3 * i / sampleRate);
        x[i] = static_cast<float>(x[i] * std::pow(syllable, 6.0) * phrase);
    }
    const double scale = std::sqrt(sineMeanSquareAtSpl(leqSpl, cal) / meanSquare(x, 0, x.size()));
    for (auto& s : x)
        s = static_cast<float>(s * scale);
    return x;
}

} // namespace

TEST_CASE("no sample above the ceiling, no 100 ms window above the sustained limit",
          "[dsp][HearingProtectionLimiter]")
{
    const double cal = GENERATE(110.0, 120.0);
    const double levelDbfs = GENERATE(-12.0, 0.0, 12.0);
    const double burstMs = GENERATE(2.0, 20.0, 50.0, 200.0, 2000.0);
    const std::string kind = GENERATE(as<std::string>{}, "sine 1 kHz", "sine 125 Hz", "noise");

    const double peak = std::pow(10.0, levelDbfs / 20.0);
    const int burst = frames(burstMs / 1000.0);
    const auto loud = kind == "noise" ? noise(peak, burst)
                                      : sine(kind == "sine 1 kHz" ? 1000.0 : 125.0, peak, burst);
    const auto in = concat({silence(frames(0.05)), loud, silence(frames(0.3))});
    const auto out = limit(in, cal);

    INFO(kind << " at " << levelDbfs << " dBFS for " << burstMs << " ms, " << cal
              << " dB SPL at 0 dBFS");
    const double ceilingPeak = sinePeakAtSpl(100.0, cal);
    CHECK(peakOf(out) <= ceilingPeak);
    const double worst = windowMeanSquares(out, window100ms).max;
    INFO("loudest 100 ms: " << splOfWindow(worst, cal) << " dB SPL");
    CHECK(splOfWindow(worst, cal) <= 94.0 + 0.01);

    // The ceiling must come from a smooth gain, not from clipping: a moving average over the
    // look-ahead (latency + 1 frames) of gains in [0, 1] moves by at most 1/49 per frame.
    const int latency = 48;
    double steepest = 0.0;
    double previous = -1.0;
    for (std::size_t i = latency; i < out.size(); ++i)
    {
        const double x = in[i - latency];
        if (std::fabs(x) < 1e-3 * peak) // the ratio says nothing near zero crossings
        {
            previous = -1.0;
            continue;
        }
        const double gain = out[i] / x;
        if (previous >= 0.0)
            steepest = std::max(steepest, std::fabs(gain - previous));
        previous = gain;
    }
    INFO("steepest gain change " << steepest << " per frame");
    CHECK(steepest <= 1.0 / (latency + 1) + 1e-4);
}

TEST_CASE("a steep crescendo stays under the limit and fades rather than drops out",
          "[dsp][HearingProtectionLimiter]")
{
    // Rising 64 dB in 50..200 ms (think of acoustic feedback building up) outruns the smooth
    // gain's 10 ms level detector; only the window backstop keeps the 100 ms limit then.
    const double cal = GENERATE(110.0, 120.0);
    const double riseMs = GENERATE(50.0, 100.0, 200.0);
    const double frequency = GENERATE(1000.0, 0.0); // 0: noise
    const int rise = frames(riseMs / 1000.0);
    auto x =
        frequency > 0.0 ? sine(frequency, 1.0, rise + frames(0.5)) : noise(1.0, rise + frames(0.5));
    for (int i = 0; i < static_cast<int>(x.size()); ++i)
    {
        const double db = i < rise ? -40.0 + 64.0 * i / rise : 24.0;
        x[i] = static_cast<float>(x[i] * std::pow(10.0, db / 20.0));
    }
    const auto out = limit(x, cal);

    INFO((frequency > 0.0 ? "sine" : "noise")
         << " rising in " << riseMs << " ms, " << cal << " dB SPL at 0 dBFS");
    CHECK(peakOf(out) <= sinePeakAtSpl(100.0, cal));
    const double worst = windowMeanSquares(out, window100ms).max;
    INFO("loudest 100 ms: " << splOfWindow(worst, cal) << " dB SPL");
    CHECK(splOfWindow(worst, cal) <= 94.0 + 0.01);
    // Once loud, no 5 ms stretch drops more than 10 dB under the limit.
    const int chunk = frames(0.005);
    double quietest = 1e300;
    for (int begin = rise; begin + chunk <= static_cast<int>(out.size()); begin += chunk)
        quietest = std::min(quietest, meanSquare(out, begin, begin + chunk));
    INFO("quietest 5 ms once loud: " << splOfWindow(quietest, cal) << " dB SPL");
    CHECK(splOfWindow(quietest, cal) >= 94.0 - 10.0);
}

TEST_CASE("speech levels pass bit-exact, only delayed", "[dsp][HearingProtectionLimiter]")
{
    const double cal = GENERATE(110.0, 120.0);
    const int count = frames(3.0);
    std::vector<std::pair<std::string, std::vector<float>>> signals;
    for (double f : {125.0, 1000.0, 15000.0})
        signals.emplace_back(std::to_string(f) + " Hz at 75 dB SPL",
                             sine(f, sinePeakAtSpl(75.0, cal), count));
    signals.emplace_back("speech-like noise, Leq 75 dB SPL", speechLike(75.0, cal, count));

    for (const auto& [name, in] : signals)
    {
        INFO(name << ", " << cal << " dB SPL at 0 dBFS");
        if (name.starts_with("speech"))
        {
            const double peakSpl = cal + toDb(peakOf(in));
            INFO("peaks at " << peakSpl << " dB SPL (sine peak)");
            REQUIRE(peakSpl > 87.0); // the test signal must really be peaky
            REQUIRE(peakSpl < 95.0);
        }
        HearingProtectionLimiter limiter;
        limiter.prepare(settingsFor(cal), sampleRate, maxBlock);
        auto out = in;
        float worstReduction = 0.0f;
        inBlocks(out, maxBlock,
                 [&](float* b, int n)
                 {
                     limiter.process(b, n);
                     worstReduction = std::max(worstReduction, limiter.gainReductionDb());
                 });
        const int latency = limiter.latencyFrames();
        CHECK(latency == 48);
        double worstError = 0.0;
        for (std::size_t i = 0; i < out.size(); ++i)
        {
            const float expected = i >= std::size_t(latency) ? in[i - latency] : 0.0f;
            worstError = std::max(worstError, double(std::fabs(out[i] - expected)));
        }
        CHECK(worstError <= 1e-6);
        CHECK(worstReduction == 0.0f);
    }
}

TEST_CASE("flat from 125 Hz to 15 kHz at normal level", "[dsp][HearingProtectionLimiter]")
{
    const double cal = 110.0;
    for (double f : {125.0, 1000.0, 15000.0})
    {
        const auto in = sine(f, sinePeakAtSpl(80.0, cal), frames(1.0));
        const auto out = limit(in, cal);
        const double gainDb = 10.0 * std::log10(meanSquare(out, frames(0.5), out.size()) /
                                                meanSquare(in, frames(0.5), in.size()));
        INFO(f << " Hz: " << gainDb << " dB");
        CHECK(std::fabs(gainDb) <= 0.1);
    }
}

TEST_CASE("a sustained loud sound settles just under the limit, without pumping",
          "[dsp][HearingProtectionLimiter]")
{
    const double cal = GENERATE(110.0, 120.0);
    const double levelDbfs = GENERATE(-12.0, 0.0, 12.0);
    const std::string kind = GENERATE(as<std::string>{}, "sine 1 kHz", "sine 125 Hz", "noise");

    const double peak = std::pow(10.0, levelDbfs / 20.0);
    const int count = frames(4.0);
    const auto in = kind == "noise" ? noise(peak, count)
                                    : sine(kind == "sine 1 kHz" ? 1000.0 : 125.0, peak, count);
    const auto out = limit(concat({silence(frames(0.5)), in}), cal);

    INFO(kind << " at " << levelDbfs << " dBFS, " << cal << " dB SPL at 0 dBFS");
    // Settled: from 0.5 s after the onset on, every 100 ms window sits 0..1.5 dB under 94.
    const auto settled = windowMeanSquares(out, window100ms, frames(1.0));
    INFO("settled between " << splOfWindow(settled.min, cal) << " and "
                            << splOfWindow(settled.max, cal) << " dB SPL");
    CHECK(splOfWindow(settled.max, cal) <= 94.0 + 0.01);
    CHECK(splOfWindow(settled.min, cal) >= 94.0 - 1.5);
    // No pumping right after the onset either: once the first 100 ms of sound have passed, no
    // window falls more than 3 dB under the limit.
    const auto early = windowMeanSquares(out, window100ms, frames(0.6));
    INFO("after onset between " << splOfWindow(early.min, cal) << " and "
                                << splOfWindow(early.max, cal) << " dB SPL");
    CHECK(splOfWindow(early.min, cal) >= 94.0 - 3.0);
    // Nor within the windows: a gain that alternates between loud and muted can keep every
    // 100 ms window at the limit. Every 10 ms stretch stays within 3 dB under the limit.
    const int chunk = frames(0.01);
    double quietest = 1e300;
    for (int begin = frames(0.6); begin + chunk <= static_cast<int>(out.size()); begin += chunk)
        quietest = std::min(quietest, meanSquare(out, begin, begin + chunk));
    INFO("quietest 10 ms after onset: " << splOfWindow(quietest, cal) << " dB SPL");
    CHECK(splOfWindow(quietest, cal) >= 94.0 - 3.0);
}

TEST_CASE("exposure warning follows the Leq of the last minute", "[dsp][HearingProtectionLimiter]")
{
    const double cal = GENERATE(110.0, 120.0);
    INFO(cal << " dB SPL at 0 dBFS");
    HearingProtectionLimiter limiter;
    limiter.prepare(settingsFor(cal), sampleRate, maxBlock);
    const int block = 240; // 5 ms

    auto play = [&](double spl, double seconds, auto&& eachBlock)
    {
        const auto x = sine(1000.0, sinePeakAtSpl(spl, cal), frames(seconds));
        std::vector<float> buf(block);
        for (std::size_t pos = 0; pos + block <= x.size(); pos += block)
        {
            std::copy_n(x.begin() + pos, block, buf.begin());
            limiter.process(buf.data(), block);
            eachBlock();
        }
    };

    SECTION("78 dB SPL for a minute never warns; 82 dB SPL warns")
    {
        bool everWarned = false;
        play(78.0, 60.0, [&] { everWarned = everWarned || limiter.exposureWarning(); });
        CHECK_FALSE(everWarned);
        CHECK(limiter.leqSpl() == Approx(78.0).margin(0.05));

        limiter.reset();
        play(82.0, 60.0, [] {});
        CHECK(limiter.exposureWarning());
        CHECK(limiter.leqSpl() == Approx(82.0).margin(0.05));
    }

    SECTION("the warning comes when the minute's Leq passes 80 dB SPL, and leaves below 79")
    {
        play(78.0, 60.0, [] {});
        REQUIRE_FALSE(limiter.exposureWarning());
        // Then 86 dB SPL: the Leq of the last 60 s reaches 80 after t seconds, where
        // (60 - t) * 10^7.8 + t * 10^8.6 = 60 * 10^8.
        const double expectedOn =
            60.0 * (1e8 - std::pow(10.0, 7.8)) / (std::pow(10.0, 8.6) - std::pow(10.0, 7.8));
        double elapsed = 0.0;
        double onAt = -1.0;
        play(86.0, 20.0,
             [&]
             {
                 elapsed += block / sampleRate;
                 if (onAt < 0.0 && limiter.exposureWarning())
                     onAt = elapsed;
             });
        INFO("expected on after " << expectedOn << " s, was on after " << onAt << " s");
        CHECK(onAt == Approx(expectedOn).margin(0.15));

        // Quieter again: the warning stays on between 80 and 79 dB SPL (hysteresis, so that it
        // does not flicker) and goes off in the first 100 ms update under 79.
        bool heldInHysteresis = false;
        bool missedRelease = false;
        double offLeq = 0.0;
        play(60.0, 60.0,
             [&]
             {
                 const bool on = limiter.exposureWarning();
                 const double leq = limiter.leqSpl();
                 heldInHysteresis = heldInHysteresis || (on && leq < 80.0 && leq >= 79.0);
                 missedRelease = missedRelease || (on && leq < 79.0);
                 if (!on && offLeq == 0.0)
                     offLeq = leq;
             });
        INFO("warning went off at Leq " << offLeq);
        CHECK(heldInHysteresis);
        CHECK_FALSE(missedRelease);
        CHECK(offLeq < 79.0);
        CHECK(offLeq > 78.5);
    }

    SECTION("the first minute counts the time before the start as silence")
    {
        // A loud first second is not a loud minute: 0.5 s at 90 dB SPL averages to
        // 90 + 10 log10(0.5 / 60) = 69.2 dB SPL.
        play(90.0, 0.5, [] {});
        CHECK_FALSE(limiter.exposureWarning());
        CHECK(limiter.leqSpl() == Approx(90.0 + 10.0 * std::log10(0.5 / 60.0)).margin(0.1));
        // Then 86 dB SPL: 0.5 * 10^9 + t * 10^8.6 = 60 * 10^8 after t = 13.8 s of it.
        double elapsed = 0.5, onAt = -1.0;
        play(86.0, 20.0,
             [&]
             {
                 elapsed += block / sampleRate;
                 if (onAt < 0.0 && limiter.exposureWarning())
                     onAt = elapsed;
             });
        const double expectedOn = 0.5 + (60.0 * 1e8 - 0.5 * 1e9) / std::pow(10.0, 8.6);
        INFO("expected on after " << expectedOn << " s, was on after " << onAt << " s");
        CHECK(onAt == Approx(expectedOn).margin(0.15));
    }
}

TEST_CASE("reports its gain reduction", "[dsp][HearingProtectionLimiter]")
{
    HearingProtectionLimiter limiter;
    limiter.prepare(settingsFor(110.0), sampleRate, maxBlock);
    auto loud = sine(1000.0, 1.0, frames(1.0)); // 110 dB SPL: 16 dB over 94
    inBlocks(loud, maxBlock, [&](float* b, int n) { limiter.process(b, n); });
    CHECK(limiter.gainReductionDb() == Approx(17.0).margin(1.5));
}

TEST_CASE("follows a new calibration at once", "[dsp][HearingProtectionLimiter]")
{
    HearingProtectionLimiter limiter;
    limiter.prepare(settingsFor(110.0), sampleRate, maxBlock);
    auto x = sine(1000.0, 0.3, frames(0.5));
    inBlocks(x, maxBlock, [&](float* b, int n) { limiter.process(b, n); });
    limiter.setCalibration(120.0);
    auto y = sine(1000.0, 0.3, frames(0.5));
    inBlocks(y, maxBlock, [&](float* b, int n) { limiter.process(b, n); });
    CHECK(peakOf(y) <= sinePeakAtSpl(100.0, 120.0));
}

TEST_CASE("non-finite input comes out as silence", "[dsp][HearingProtectionLimiter]")
{
    HearingProtectionLimiter limiter;
    limiter.prepare(settingsFor(110.0), sampleRate, maxBlock);
    auto x = sine(1000.0, 0.01, 1000);
    x[100] = std::numeric_limits<float>::quiet_NaN();
    x[200] = std::numeric_limits<float>::infinity();
    x[300] = -std::numeric_limits<float>::infinity();
    limiter.process(x.data(), 1000);
    for (float s : x)
        REQUIRE(std::isfinite(s));
}
