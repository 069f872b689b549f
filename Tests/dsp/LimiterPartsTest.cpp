// The parts the hearing-protection limiter is built from, each against a plain model of what it
// promises: exact energy sums, a look-ahead gain that never exceeds the need and moves smoothly,
// and running sums that renew themselves without drifting.

#include "SignalHelpers.h"
#include "dsp/EnergyHistory.h"
#include "dsp/LookaheadPeakGain.h"
#include "dsp/WindowSum.h"

#include <catch2/catch.hpp>

#include <deque>
#include <limits>

using namespace dragoman;
using namespace dragoman::test;

TEST_CASE("energy counts never understate the energy, and overstate it by at most a count",
          "[dsp][EnergyHistory]")
{
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> db(-140.0, 30.0);
    for (int k = 0; k < 100000; ++k)
    {
        const auto x =
            static_cast<float>((k % 2 == 0 ? 1.0 : -1.0) * std::pow(10.0, db(rng) / 20.0));
        const double energy = static_cast<double>(x) * x;
        const double counted =
            static_cast<double>(EnergyHistory::counts(x)) * EnergyHistory::quantum;
        INFO("x = " << x);
        REQUIRE(counted >= energy);
        REQUIRE(counted <= energy + EnergyHistory::quantum);
    }
    CHECK(EnergyHistory::counts(0.0f) == 0);
    CHECK(EnergyHistory::counts(-0.0f) == 0);
    const auto most = EnergyHistory::counts(32.0f);
    CHECK(static_cast<double>(most) * EnergyHistory::quantum == EnergyHistory::maxEnergy);
    CHECK(EnergyHistory::counts(1e30f) == most);
    CHECK(EnergyHistory::counts(std::numeric_limits<float>::infinity()) == most);
    CHECK(EnergyHistory::counts(std::numeric_limits<float>::quiet_NaN()) == most);
}

TEST_CASE("energy sums are exact and the same in any chunking", "[dsp][EnergyHistory]")
{
    const int window = 960;
    const auto x = concat({noise(0.5, 20000, 11), sine(440.0, 3.0, 5000), silence(3000)});
    EnergyHistory bySample;
    EnergyHistory byChunk;
    bySample.prepare(window, 1);
    byChunk.prepare(window, 64);
    std::mt19937 sizes(3);
    std::uniform_int_distribution<int> size(1, 64);
    for (std::size_t pos = 0; pos < x.size();)
    {
        const int n = std::min(size(sizes), static_cast<int>(x.size() - pos));
        for (int i = 0; i < n; ++i)
            bySample.append(x[pos + i]);
        // A proposal first, overwritten by the real chunk: what the limiter does.
        std::vector<float> louder(x.begin() + pos, x.begin() + pos + n);
        for (auto& v : louder)
            v *= 2.0f;
        byChunk.write(louder.data(), n);
        byChunk.append(x.data() + pos, n);
        pos += n;

        const std::int64_t now = byChunk.frames();
        REQUIRE(bySample.frames() == now);
        for (std::int64_t from : {now - window, now - 333, now - 48, now - 1})
        {
            std::uint64_t expected = 0;
            for (std::int64_t k = std::max<std::int64_t>(from, 0); k < now; ++k)
                expected += EnergyHistory::counts(x[static_cast<std::size_t>(k)]);
            REQUIRE(byChunk.sum(from, now) == expected);
            REQUIRE(bySample.sum(from, now) == expected);
            // The checkpointed sum may start earlier, never later.
            REQUIRE(byChunk.sumFromMark(from, now) >= expected);
            REQUIRE(byChunk.sumFromMark(from, now) <= byChunk.sum(from - 63, now));
        }
    }
}

namespace
{

// LookaheadPeakGain by its definition, with the obvious data structures: the minimum of the last
// span needs, released exponentially, averaged over the last span frames.
class PlainLookaheadGain
{
public:
    PlainLookaheadGain(int lookahead, double releaseFrames)
        : span(static_cast<std::size_t>(lookahead) + 1),
          coefficient(1.0 - std::exp(-1.0 / releaseFrames)), needs(span, 1.0f),
          releasedGains(span, 1.0)
    {
    }

    double push(float need)
    {
        needs.pop_front();
        needs.push_back(std::min(need, 1.0f));
        const double minimum = *std::min_element(needs.begin(), needs.end());
        if (minimum < released)
            released = minimum;
        else
        {
            released += (minimum - released) * coefficient;
            if (minimum - released < 1e-6)
                released = minimum;
        }
        releasedGains.pop_front();
        releasedGains.push_back(released);
        double sum = 0.0;
        for (double g : releasedGains)
            sum += g;
        return sum / static_cast<double>(span);
    }

private:
    std::size_t span;
    double coefficient;
    std::deque<float> needs;
    std::deque<double> releasedGains;
    double released = 1.0;
};

// Bursts of needs below 1 between stretches of exactly 1, long and short.
std::vector<float> needsSignal(std::uint32_t seed, int count)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<float> needs;
    while (static_cast<int>(needs.size()) < count)
    {
        const int length = 1 + static_cast<int>(unit(rng) * unit(rng) * 3000.0);
        const bool quiet = unit(rng) < 0.5;
        const double depth = unit(rng);
        for (int i = 0; i < length; ++i)
            needs.push_back(quiet ? 1.0f : static_cast<float>(1.0 - depth * unit(rng)));
    }
    needs.resize(static_cast<std::size_t>(count));
    return needs;
}

} // namespace

TEST_CASE("look-ahead gain: blocks, single pushes and idle chunks agree to the bit",
          "[dsp][LookaheadPeakGain]")
{
    const int lookahead = GENERATE(48, 7, 0);
    const auto needs = needsSignal(static_cast<std::uint32_t>(lookahead) + 1, 60000);
    LookaheadPeakGain single;
    LookaheadPeakGain blocks;
    single.prepare(lookahead, 480.0);
    blocks.prepare(lookahead, 480.0);
    std::vector<float> expected(needs.size());
    for (std::size_t i = 0; i < needs.size(); ++i)
        expected[i] = single.push(needs[i]);

    std::vector<float> got(needs.size());
    std::mt19937 sizes(9);
    std::uniform_int_distribution<int> size(1, 64);
    for (std::size_t pos = 0; pos < needs.size();)
    {
        const int n = std::min(size(sizes), static_cast<int>(needs.size() - pos));
        const bool ones = std::all_of(needs.begin() + pos, needs.begin() + pos + n,
                                      [](float v) { return v >= 1.0f; });
        if (blocks.idle() && ones && pos % 3 == 0) // as the limiter skips a chunk it proved idle
        {
            blocks.pushUnity(n);
            std::fill_n(got.begin() + pos, n, 1.0f);
        }
        else
            blocks.process(needs.data() + pos, got.data() + pos, n);
        pos += static_cast<std::size_t>(n);
    }
    CHECK(got == expected);
}

TEST_CASE("look-ahead gain: never above the need, smooth, and as defined",
          "[dsp][LookaheadPeakGain]")
{
    const int lookahead = 48;
    const double release = 2880.0;
    const auto needs = needsSignal(77, 100000);
    LookaheadPeakGain gain;
    gain.prepare(lookahead, release);
    PlainLookaheadGain plain(lookahead, release);

    double worstExcess = -1.0;
    double steepest = 0.0;
    double worstDifference = 0.0;
    float previous = 1.0f;
    for (std::size_t i = 0; i < needs.size(); ++i)
    {
        const float g = gain.push(needs[i]);
        // Applied to the sample `lookahead` frames older.
        if (i >= static_cast<std::size_t>(lookahead))
            worstExcess = std::max(worstExcess, static_cast<double>(g) - needs[i - lookahead]);
        steepest = std::max(steepest, static_cast<double>(std::fabs(g - previous)));
        previous = g;
        worstDifference = std::max(worstDifference, std::fabs(g - plain.push(needs[i])));
    }
    INFO("gain above need by " << worstExcess << ", steepest step " << steepest
                               << ", furthest from the plain model " << worstDifference);
    CHECK(worstExcess <= 1e-7); // the float rounding of the average, no more
    CHECK(steepest <= 1.0 / (lookahead + 1) + 1e-6);
    CHECK(worstDifference <= 1e-6);
}

TEST_CASE("a window sum renews itself once per lap without drift", "[dsp][WindowSum]")
{
    WindowSum window;
    const int length = 100;
    window.prepare(length);
    std::mt19937 rng(1);
    std::uniform_real_distribution<double> value(0.0, 1e6);
    std::vector<double> pushed;
    for (int k = 0; k < 100 * length; ++k)
    {
        // Large and small values: the running sum alone would drift.
        pushed.push_back(k % 7 == 0 ? value(rng) : value(rng) * 1e-9);
        window.push(pushed.back());
        if (static_cast<int>(pushed.size()) % length == 0)
        {
            // At the end of a lap: exactly the window's values added in order from zero.
            double expected = 0.0;
            for (std::size_t i = pushed.size() - length; i < pushed.size(); ++i)
                expected += pushed[i];
            REQUIRE(window.sum() == expected);
        }
    }
}
