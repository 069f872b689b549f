#include "dsp/Biquad.h"
#include "SignalHelpers.h"
#include "dsp/KWeighting.h"
#include "dsp/ShelfDesign.h"

#include <catch2/catch.hpp>

using namespace dragoman;
using namespace dragoman::test;

TEST_CASE("a biquad two frames per step matches it one frame at a time", "[dsp][Biquad]")
{
    // The K-weighting filters (a pole pair close to 1 at 38 Hz) and the tone shelves at their
    // extremes: the filters where rounding would show first.
    const std::vector<BiquadCoefficients> designs{
        kWeightingShelf(48000.0),         kWeightingHighPass(48000.0),
        lowShelf(48000.0, 200.0, 12.0),   lowShelf(48000.0, 200.0, -12.0),
        highShelf(48000.0, 5000.0, 12.0), highShelf(44100.0, 5000.0, -12.0)};
    const auto x = concat({noise(1.0, 20000, 4), sine(50.0, 0.5, 20000), silence(5000)});
    for (std::size_t d = 0; d < designs.size(); ++d)
    {
        INFO("design " << d);
        Biquad single;
        Biquad pairs;
        single.setCoefficients(designs[d]);
        pairs.setCoefficients(designs[d]);
        double worst = 0.0;
        double loudest = 0.0;
        for (std::size_t i = 0; i + 1 < x.size(); i += 2)
        {
            const double a = single.process(x[i]);
            const double b = single.process(x[i + 1]);
            double y0 = 0.0;
            double y1 = 0.0;
            pairs.processPair(x[i], x[i + 1], y0, y1);
            worst = std::max({worst, std::fabs(a - y0), std::fabs(b - y1)});
            loudest = std::max({loudest, std::fabs(a), std::fabs(b)});
        }
        INFO("largest difference " << worst << " at outputs up to " << loudest);
        CHECK(worst <= 1e-12 * loudest);
    }
}

TEST_CASE("a biquad that glided pairs its frames with the coefficients it landed on",
          "[dsp][Biquad]")
{
    Biquad single;
    Biquad pairs;
    single.setCoefficients(lowShelf(48000.0, 200.0, 0.0));
    pairs.setCoefficients(lowShelf(48000.0, 200.0, 0.0));
    single.glideTo(lowShelf(48000.0, 200.0, 9.0), 100);
    pairs.glideTo(lowShelf(48000.0, 200.0, 9.0), 100);
    const auto x = noise(0.5, 2000, 8);
    double worst = 0.0;
    for (std::size_t i = 0; i + 1 < x.size(); i += 2)
    {
        const double a = single.process(x[i]);
        const double b = single.process(x[i + 1]);
        double y0 = 0.0;
        double y1 = 0.0;
        if (pairs.gliding())
        {
            y0 = pairs.process(x[i]);
            y1 = pairs.process(x[i + 1]);
        }
        else
            pairs.processPair(x[i], x[i + 1], y0, y1);
        worst = std::max({worst, std::fabs(a - y0), std::fabs(b - y1)});
    }
    CHECK(worst <= 1e-12);
}
