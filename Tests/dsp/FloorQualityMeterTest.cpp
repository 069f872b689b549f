// The floor's quality as the interpreter sees it: level, clipping and the bandwidth that tells a
// telephone line (3.4 kHz) from a studio microphone (15 kHz).

#include "dsp/FloorQualityMeter.h"
#include "SignalHelpers.h"
#include "dsp/PowerSpectrum.h"

#include <catch2/catch.hpp>

using namespace dragoman;
using namespace dragoman::test;

namespace
{

// Band-limited noise like sox's `synth noise sinc -CUTOFF`, made of random-phase sines between
// 100 Hz and `cutoff` so that nothing leaks above it; `tiltDbPerOctave` < 0 gives the falling
// spectrum of speech.
std::vector<float> bandNoise(double cutoff, double seconds, double tiltDbPerOctave = 0.0,
                             std::uint32_t seed = 7)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const int n = frames(seconds);
    std::vector<double> sum(static_cast<std::size_t>(n), 0.0);
    constexpr int kPartials = 120;
    for (int p = 0; p < kPartials; ++p)
    {
        // Evenly over the band like white noise, jittered, the last one at the cutoff itself.
        const double step = (cutoff - 100.0) / (kPartials - 1.0);
        const double freq = std::min(cutoff, 100.0 + step * (p + 0.9 * unit(rng)));
        const double amp = std::pow(10.0, tiltDbPerOctave * std::log2(freq / 100.0) / 20.0);
        const double phase = 2.0 * std::numbers::pi * unit(rng);
        for (int i = 0; i < n; ++i)
            sum[i] += amp * std::sin(2.0 * std::numbers::pi * freq * i / sampleRate + phase);
    }
    double peak = 0.0;
    for (double s : sum)
        peak = std::max(peak, std::fabs(s));
    std::vector<float> out(sum.size());
    for (std::size_t i = 0; i < sum.size(); ++i)
        out[i] = static_cast<float>(0.5 * sum[i] / peak);
    return out;
}

// What the meter reads after the whole signal (the meter itself holds atomics: not copyable).
struct Reading
{
    float bandwidthHz, levelDb;
    bool clipping;
};

Reading measure(const std::vector<float>& signal, int block = 64)
{
    FloorQualityMeter meter;
    meter.prepare(sampleRate);
    for (std::size_t i = 0; i + block <= signal.size(); i += block)
        meter.process(signal.data() + i, block);
    return {meter.bandwidthHz(), meter.levelDb(), meter.clipping()};
}

} // namespace

TEST_CASE("PowerSpectrum puts a tone in its bin", "[dsp][floorquality]")
{
    PowerSpectrum spectrum;
    spectrum.prepare(1024);
    const double freq = 100.0 * sampleRate / 1024; // exactly bin 100
    const auto tone = sine(freq, 0.5, 1024);
    spectrum.analyse(tone.data());
    int strongest = 0;
    for (int k = 0; k < spectrum.bins(); ++k)
        if (spectrum.power(k) > spectrum.power(strongest))
            strongest = k;
    CHECK(strongest == 100);
    CHECK(spectrum.power(300) < spectrum.power(100) * 1e-8f);
}

TEST_CASE("Floor quality: telephone band against a full-band floor", "[dsp][floorquality]")
{
    const auto telephone = measure(bandNoise(3400.0, 4.0));
    const auto studio = measure(bandNoise(15000.0, 4.0));
    INFO("telephone " << telephone.bandwidthHz << " Hz, studio " << studio.bandwidthHz);
    CHECK(telephone.bandwidthHz > 3000.0f);
    CHECK(telephone.bandwidthHz < 4000.0f);
    CHECK(studio.bandwidthHz > 14000.0f);
    CHECK(studio.bandwidthHz < 16000.0f);
    CHECK(telephone.levelDb > -20.0f);
    CHECK_FALSE(telephone.clipping);
}

TEST_CASE("Floor quality: speech's falling spectrum still reads full band", "[dsp][floorquality]")
{
    // -6 dB per octave from 100 Hz puts 15 kHz some 43 dB under the bass; a 99 %-energy
    // measure would read a few kHz here, this one reads the band the floor actually carries.
    const auto speechLike = measure(bandNoise(15000.0, 4.0, -6.0));
    INFO(speechLike.bandwidthHz);
    CHECK(speechLike.bandwidthHz > 13000.0f);
}

TEST_CASE("Floor quality: a tone is narrow, silence has no bandwidth", "[dsp][floorquality]")
{
    const auto tone = measure(sine(1000.0, 0.5, frames(3.0)));
    CHECK(tone.bandwidthHz > 900.0f);
    CHECK(tone.bandwidthHz < 1600.0f);
    CHECK(tone.levelDb == Approx(-9.0).margin(0.5)); // RMS of a 0.5 sine

    const auto quiet = measure(silence(frames(2.0)));
    CHECK(quiet.bandwidthHz == 0.0f);
    CHECK(quiet.levelDb <= LevelMeter::floorDb + 1.0f);
}

TEST_CASE("Floor quality: clipping is counted and held for a few seconds", "[dsp][floorquality]")
{
    FloorQualityMeter meter;
    meter.prepare(sampleRate);
    auto loud = sine(440.0, 1.2, 4800);
    for (auto& s : loud)
        s = std::clamp(s, -1.0f, 1.0f);
    meter.process(loud.data(), static_cast<int>(loud.size()));
    CHECK(meter.clipping());
    CHECK(meter.clipCount() > 100);

    const auto calm = sine(440.0, 0.3, frames(2.0));
    meter.process(calm.data(), static_cast<int>(calm.size()));
    CHECK(meter.clipping()); // held: the interpreter may have looked away
    const auto more = sine(440.0, 0.3, frames(1.5));
    meter.process(more.data(), static_cast<int>(more.size()));
    CHECK_FALSE(meter.clipping());
}
