#include "dsp/ToneControl.h"
#include "SignalHelpers.h"

#include <catch2/catch.hpp>

using namespace dragoman;
using namespace dragoman::test;

namespace
{

// Steady-state gain in dB of a sine through the tone control (the first 0.2 s settle the filters).
double sineGainDb(ToneControl& tone, double frequency)
{
    const auto in = sine(frequency, 0.25, frames(0.5));
    auto out = in;
    tone.reset();
    inBlocks(out, 256, [&](float* b, int n) { tone.process(b, n); });
    const auto from = static_cast<std::size_t>(frames(0.2));
    return 10.0 * std::log10(meanSquare(out, from, out.size()) / meanSquare(in, from, in.size()));
}

std::vector<double> testFrequencies()
{
    std::vector<double> f;
    for (double x = 125.0; x <= 15000.0 * 1.0001; x *= std::pow(2.0, 1.0 / 6.0))
        f.push_back(x);
    f.push_back(15000.0);
    return f;
}

} // namespace

TEST_CASE("flat at 0 dB bass and treble", "[dsp][ToneControl]")
{
    ToneControl tone;
    tone.prepare(sampleRate);
    for (double f : testFrequencies())
    {
        INFO(f << " Hz");
        CHECK(std::fabs(sineGainDb(tone, f)) <= 1.0);
    }

    SECTION("bit-exact, also after a round trip to +12 dB")
    {
        tone.setBassDb(12.0f);
        tone.setTrebleDb(-12.0f);
        auto warmUp = sine(300.0, 0.5, frames(0.1));
        tone.process(warmUp.data(), static_cast<int>(warmUp.size()));
        tone.setBassDb(0.0f);
        tone.setTrebleDb(0.0f);
        auto settle = sine(300.0, 0.5, frames(1.0));
        inBlocks(settle, 256, [&](float* b, int n) { tone.process(b, n); });

        const auto in = noise(0.5, frames(0.1));
        auto out = in;
        tone.process(out.data(), static_cast<int>(out.size()));
        CHECK(out == in);
    }
}

TEST_CASE("bass and treble shelves", "[dsp][ToneControl]")
{
    ToneControl tone;
    tone.prepare(sampleRate);

    tone.setBassDb(12.0f);
    const double at50 = sineGainDb(tone, 50.0);
    CHECK(at50 >= 11.0);
    CHECK(at50 <= 12.0 + 0.01);
    CHECK(std::fabs(sineGainDb(tone, 5000.0)) < 0.1);

    tone.setBassDb(0.0f);
    tone.setTrebleDb(-12.0f);
    CHECK(sineGainDb(tone, 15000.0) == Approx(-12.0).margin(1.0));
    CHECK(std::fabs(sineGainDb(tone, 125.0)) < 0.1);

    tone.setBassDb(40.0f); // clamped
    CHECK(tone.bassDb() == 12.0f);
    tone.setTrebleDb(std::numeric_limits<float>::quiet_NaN());
    CHECK(tone.trebleDb() == 0.0f);
}

TEST_CASE("turning bass or treble on a running sine does not click", "[dsp][ToneControl]")
{
    // A click is a step in the waveform (a large first difference) or a kink (a large second
    // difference). A clean sine of peak A never steps by more than A * 2 sin(pi f / fs), nor
    // kinks by more than A * (2 sin(pi f / fs))^2; A grows during the glide, so the bounds use
    // the larger of the peaks before and after. The kink catches what the step cannot: a low
    // shelf switched at once barely steps a 1 kHz sine, but it bends it.
    const bool bass = GENERATE(true, false);
    const double frequency = GENERATE(1000.0, 100.0);
    const double amplitude = 0.25;
    INFO((bass ? "bass" : "treble") << " 0 -> +12 dB on " << frequency << " Hz");

    ToneControl tone;
    tone.prepare(sampleRate);
    auto x = sine(frequency, amplitude, frames(1.0));
    const auto glideStart = static_cast<std::size_t>(frames(0.2));
    tone.process(x.data(), static_cast<int>(glideStart));
    if (bass)
        tone.setBassDb(12.0f);
    else
        tone.setTrebleDb(12.0f);
    for (std::size_t pos = glideStart; pos < x.size(); pos += 64)
        tone.process(x.data() + pos, static_cast<int>(std::min<std::size_t>(64, x.size() - pos)));

    const double settledPeak = peakOf(std::vector<float>(x.end() - frames(0.1), x.end()));
    const double w = 2.0 * std::sin(std::numbers::pi * frequency / sampleRate);
    const double peak = std::max(settledPeak, amplitude);
    double worstStep = 0.0;
    double worstKink = 0.0;
    for (std::size_t i = glideStart; i < x.size(); ++i)
    {
        worstStep = std::max(worstStep, double(std::fabs(x[i] - x[i - 1])));
        worstKink = std::max(worstKink, double(std::fabs(x[i] - 2.0f * x[i - 1] + x[i - 2])));
    }
    INFO("largest step " << worstStep << " (sine's own " << peak * w << "), largest kink "
                         << worstKink << " (sine's own " << peak * w * w << ")");
    // Margins: 5 %, plus 80 dB under the signal, which no ear finds.
    const double inaudible = amplitude * 1e-4;
    CHECK(worstStep <= peak * w * 1.05 + inaudible);
    CHECK(worstKink <= peak * w * w * 1.05 + inaudible);
}

TEST_CASE("a change glides over about 20 ms", "[dsp][ToneControl]")
{
    // On a 100 Hz sine (one period = 10 ms), bass 0 -> +12 dB: the first period after the change
    // is still well under the new gain, the third one has arrived.
    ToneControl tone;
    tone.prepare(sampleRate);
    const int period = frames(0.01);
    auto x = sine(100.0, 0.25, frames(0.5));
    const std::size_t start = 20 * period;
    tone.process(x.data(), static_cast<int>(start));
    tone.setBassDb(12.0f);
    tone.process(x.data() + start, static_cast<int>(x.size() - start));

    auto gainDb = [&](int p)
    {
        const std::size_t from = start + static_cast<std::size_t>(p * period);
        return 10.0 * std::log10(meanSquare(x, from, from + period) / (0.25 * 0.25 / 2.0));
    };
    const double settled = gainDb(25);
    INFO("periods after the change: " << gainDb(0) << ", " << gainDb(1) << ", " << gainDb(2)
                                      << " dB; settled " << settled << " dB");
    CHECK(gainDb(0) < settled - 4.0);
    CHECK(gainDb(1) < settled - 0.5);
    CHECK(gainDb(2) > settled - 0.5);
}
