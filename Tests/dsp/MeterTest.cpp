#include "SignalHelpers.h"
#include "dsp/KWeighting.h"
#include "dsp/LevelMeter.h"
#include "dsp/LoudnessMeter.h"

#include <catch2/catch.hpp>

using namespace dragoman;
using namespace dragoman::test;

TEST_CASE("level meter reads peak and RMS of the last 100 ms", "[dsp][LevelMeter]")
{
    LevelMeter meter;
    meter.prepare(sampleRate);
    CHECK(meter.rmsDb() <= LevelMeter::floorDb);

    auto x = sine(1000.0, 1.0, frames(0.5));
    inBlocks(x, 256, [&](float* b, int n) { meter.process(b, n); });
    CHECK(meter.peakDb() == Approx(0.0).margin(0.01));
    CHECK(meter.rmsDb() == Approx(-3.0103).margin(0.01));
    CHECK(meter.clipCount() >= 1); // peaks of exactly 1.0 count as clipping

    auto quiet = sine(1000.0, 0.1, frames(0.5));
    inBlocks(quiet, 256, [&](float* b, int n) { meter.process(b, n); });
    CHECK(meter.peakDb() == Approx(-20.0).margin(0.01));
    CHECK(meter.rmsDb() == Approx(-23.0103).margin(0.01));

    const auto clipsBefore = meter.clipCount();
    auto silent = silence(frames(0.5));
    inBlocks(silent, 256, [&](float* b, int n) { meter.process(b, n); });
    CHECK(meter.peakDb() <= -100.0);
    CHECK(meter.rmsDb() <= -100.0);
    CHECK(meter.clipCount() == clipsBefore);
}

TEST_CASE("level meter counts blocks that clip", "[dsp][LevelMeter]")
{
    LevelMeter meter;
    meter.prepare(sampleRate);
    std::vector<float> block(64, 0.5f);
    meter.process(block.data(), 64);
    CHECK(meter.clipCount() == 0);
    block[10] = -1.2f;
    block[20] = 1.5f;
    meter.process(block.data(), 64);
    meter.process(block.data(), 64);
    CHECK(meter.clipCount() == 2);
}

TEST_CASE("K-weighting matches the BS.1770 table at 48 kHz", "[dsp][LoudnessMeter]")
{
    const auto shelf = kWeightingShelf(48000.0);
    CHECK(shelf.b0 == Approx(1.53512485958697).margin(1e-9));
    CHECK(shelf.b1 == Approx(-2.69169618940638).margin(1e-9));
    CHECK(shelf.b2 == Approx(1.19839281085285).margin(1e-9));
    CHECK(shelf.a1 == Approx(-1.69065929318241).margin(1e-9));
    CHECK(shelf.a2 == Approx(0.73248077421585).margin(1e-9));
    const auto highPass = kWeightingHighPass(48000.0);
    CHECK(highPass.b0 == 1.0);
    CHECK(highPass.b1 == -2.0);
    CHECK(highPass.b2 == 1.0);
    CHECK(highPass.a1 == Approx(-1.99004745483398).margin(1e-9));
    CHECK(highPass.a2 == Approx(0.99007225036621).margin(1e-9));
}

TEST_CASE("short-term loudness of sines", "[dsp][LoudnessMeter]")
{
    const double rate = GENERATE(48000.0, 44100.0);
    INFO(rate << " Hz");
    LoudnessMeter meter;
    meter.prepare(rate);
    CHECK(meter.shortTermLufs() == LoudnessMeter::floorLufs);

    auto fullScale = sine(997.0, 1.0, frames(3.0, rate), rate);
    inBlocks(fullScale, 256, [&](float* b, int n) { meter.process(b, n); });
    CHECK(meter.shortTermLufs() == Approx(-3.01).margin(0.1));

    auto minus20 = sine(997.0, 0.1, frames(3.0, rate), rate);
    inBlocks(minus20, 256, [&](float* b, int n) { meter.process(b, n); });
    CHECK(meter.shortTermLufs() == Approx(-23.01).margin(0.1));

    auto silent = silence(frames(3.0, rate));
    inBlocks(silent, 256, [&](float* b, int n) { meter.process(b, n); });
    CHECK(meter.shortTermLufs() == LoudnessMeter::floorLufs);
}

TEST_CASE("loudness weights low frequencies down", "[dsp][LoudnessMeter]")
{
    // The RLB high-pass takes about 1 dB off 50 Hz, against a 1 kHz sine of the same level.
    LoudnessMeter meter;
    meter.prepare(sampleRate);
    auto low = sine(50.0, 0.5, frames(3.0));
    inBlocks(low, 256, [&](float* b, int n) { meter.process(b, n); });
    const double at50 = meter.shortTermLufs();
    meter.reset();
    auto mid = sine(1000.0, 0.5, frames(3.0));
    inBlocks(mid, 256, [&](float* b, int n) { meter.process(b, n); });
    CHECK(meter.shortTermLufs() - at50 > 0.5);
}
