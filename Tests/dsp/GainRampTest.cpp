#include "dsp/GainRamp.h"
#include "dsp/Decibels.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

using namespace dragoman;

namespace
{

// The gains a ramp applies, read by ramping a buffer of ones.
std::vector<float> gains(GainRamp& ramp, int n)
{
    std::vector<float> ones(static_cast<std::size_t>(n), 1.0f);
    ramp.apply(ones.data(), n);
    return ones;
}

} // namespace

TEST_CASE("a ramp is linear and lands exactly on its target", "[dsp][GainRamp]")
{
    GainRamp ramp(0.0f);
    ramp.setTarget(1.0f, 480);
    REQUIRE(ramp.ramping());

    const auto g = gains(ramp, 600);
    const float step = 1.0f / 480.0f;
    for (int i = 0; i < 480; ++i)
        REQUIRE(g[i] == Approx(step * static_cast<float>(i + 1)).margin(1e-6));
    for (int i = 1; i < 600; ++i)
        REQUIRE(g[i] - g[i - 1] <= step + 1e-6f); // no step larger than the slope
    CHECK(g[479] == 1.0f);
    CHECK(g[599] == 1.0f);
    CHECK_FALSE(ramp.ramping());
    CHECK(ramp.current() == 1.0f);
}

TEST_CASE("a ramp lands exactly on any target", "[dsp][GainRamp]")
{
    // start + step * n rounds past the target for about one ramp in five; a fader left at
    // 0.37314343 instead of 0.37314346 would also never count as "arrived".
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> level(0.0f, 1.0f);
    std::uniform_int_distribution<int> length(2, 5000);
    for (int i = 0; i < 200; ++i)
    {
        GainRamp ramp(level(rng));
        const float target = level(rng);
        const int n = length(rng);
        ramp.setTarget(target, n);
        const auto g = gains(ramp, n);
        INFO("ramp " << i << " to " << target << " over " << n);
        REQUIRE(g.back() == target);
        REQUIRE(ramp.current() == target);
    }
}

TEST_CASE("a ramp runs on across blocks of any size", "[dsp][GainRamp]")
{
    GainRamp whole(1.0f);
    GainRamp pieces(1.0f);
    whole.setTarget(0.25f, 1000);
    pieces.setTarget(0.25f, 1000);
    const auto expected = gains(whole, 1200);
    std::vector<float> got;
    for (int n : {1, 7, 64, 300, 500, 328})
    {
        const auto part = gains(pieces, n);
        got.insert(got.end(), part.begin(), part.end());
    }
    CHECK(got == expected);
}

TEST_CASE("a new target mid-ramp starts from the current gain", "[dsp][GainRamp]")
{
    GainRamp ramp(0.0f);
    ramp.setTarget(1.0f, 100);
    gains(ramp, 50);
    REQUIRE(ramp.current() == Approx(0.5f));
    ramp.setTarget(0.0f, 100);
    CHECK(ramp.target() == 0.0f);
    const auto g = gains(ramp, 100);
    CHECK(g[0] == Approx(0.495f).margin(1e-6)); // one step of 0.5/100 down, no jump
    CHECK(g[99] == 0.0f);
}

TEST_CASE("addTo mixes with the ramped gain", "[dsp][GainRamp]")
{
    GainRamp ramp(0.0f);
    ramp.setTarget(1.0f, 4);
    const std::vector<float> src{2.0f, 2.0f, 2.0f, 2.0f, 2.0f, 2.0f};
    std::vector<float> dst(6, 1.0f);
    ramp.addTo(src.data(), dst.data(), 6);
    CHECK(dst == std::vector<float>{1.5f, 2.0f, 2.5f, 3.0f, 3.0f, 3.0f});
}

TEST_CASE("unity gain leaves samples bit-exact; zero frames jumps", "[dsp][GainRamp]")
{
    GainRamp ramp(1.0f);
    std::vector<float> x{0.1f, -0.3f, 0.7f};
    const auto before = x;
    ramp.apply(x.data(), 3);
    CHECK(x == before);
    ramp.setTarget(0.5f, 0);
    CHECK_FALSE(ramp.ramping());
    CHECK(ramp.current() == 0.5f);
}

TEST_CASE("decibel conversions", "[dsp][Decibels]")
{
    const float inf = std::numeric_limits<float>::infinity();
    CHECK(dbToGain(0.0f) == 1.0f);
    CHECK(dbToGain(-6.0206f) == Approx(0.5f).margin(1e-5));
    CHECK(dbToGain(20.0f) == Approx(10.0f));
    CHECK(dbToGain(-inf) == 0.0f);
    CHECK(gainToDb(1.0f) == 0.0f);
    CHECK(gainToDb(0.1f) == Approx(-20.0f));
    CHECK(gainToDb(0.0f) == -inf);
    CHECK(gainToDb(dbToGain(-37.5f)) == Approx(-37.5f).margin(1e-4));
}

TEST_CASE("setTo gives what addTo into zeros gives, bit for bit", "[dsp][GainRamp]")
{
    std::vector<float> src(300);
    for (std::size_t i = 0; i < src.size(); ++i)
        src[i] = i % 5 == 0 ? -0.0f : std::sin(0.1f * static_cast<float>(i));
    for (const float from : {0.0f, 0.5f, 1.0f})
        for (const float to : {0.0f, 1.0f, 0.25f})
        {
            GainRamp added(from);
            GainRamp set(from);
            added.setTarget(to, 100);
            set.setTarget(to, 100);
            for (int block = 0; block < 3; ++block)
            {
                std::vector<float> a(src.size(), 0.0f);
                std::vector<float> b(src.size(), 7.0f); // whatever was there
                added.addTo(src.data(), a.data(), static_cast<int>(src.size()));
                set.setTo(src.data(), b.data(), static_cast<int>(src.size()));
                INFO("from " << from << " to " << to << ", block " << block);
                REQUIRE(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
            }
        }
}
