#include "PlayoutHarness.h"
#include "SimulatedNetwork.h"
#include "receive/DriftCorrector.h"
#include "receive/DriftEstimator.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace dragoman;
using namespace dragoman::test;

namespace
{

constexpr int frame = 480;

double estimateAfter(double seconds, const NetworkProfile& net, DriftEstimator& estimator)
{
    const auto arrivals = simulateArrivals(static_cast<int>(seconds * 100), frame, net);
    for (const Arrival& a : arrivals)
        estimator.add(a.time, 7'000'000'000LL + std::int64_t{a.index} * frame);
    return estimator.ppm();
}

} // namespace

TEST_CASE("drift is estimated within 10 ppm after a minute of 5 ms jitter",
          "[receive][DriftEstimator]")
{
    const double ppm = GENERATE(100.0, -250.0, 0.0, 1000.0);
    const std::uint64_t seed = GENERATE(1u, 2u, 3u);
    NetworkProfile net;
    net.senderPpm = ppm;
    net.jitterSeconds = 0.005;
    net.lossRate = 0.05;
    net.seed = seed;
    DriftEstimator estimator;
    const double estimate = estimateAfter(60.0, net, estimator);
    INFO("sender " << ppm << " ppm, estimated " << estimate << " ppm");
    REQUIRE(estimator.valid());
    CHECK(std::abs(estimate - ppm) < 10.0);
}

TEST_CASE("a step in network delay does not throw the drift estimate", "[receive][DriftEstimator]")
{
    NetworkProfile net;
    net.senderPpm = 150.0;
    net.jitterSeconds = 0.005;
    net.burstStartSeconds = 90.0; // a route change: 20 ms more from 90 s on
    net.burstEndSeconds = 1e9;
    net.burstExtraSeconds = 0.020;
    DriftEstimator estimator;
    const auto arrivals = simulateArrivals(180 * 100, frame, net);
    double worst = 0.0;
    for (const Arrival& a : arrivals)
    {
        estimator.add(a.time, std::int64_t{a.index} * frame);
        if (toSeconds(a.time) > 60.0)
            worst = std::max(worst, std::abs(estimator.ppm() - 150.0));
    }
    INFO("worst error after the first minute: " << worst << " ppm");
    CHECK(estimator.steps() == 1);
    CHECK(worst < 10.0);
}

TEST_CASE("the corrector feeds the drift forward and corrects the delay error",
          "[receive][DriftCorrector]")
{
    DriftCorrector corrector;
    corrector.update(0.0, 100.0, true, 0.01); // the estimate arrives (hand-over, see below)
    const double base = corrector.update(0.0, 100.0, true, 0.01);
    // Once in, changes of the estimate pass straight through.
    CHECK(corrector.update(0.0, 160.0, true, 0.01) - base == Approx(60.0));
    // 2 ms too much buffered: 1000 ppm faster at once (gain 0.5/s).
    CHECK(corrector.update(0.002, 160.0, true, 0.01) - base == Approx(1060.0).margin(1.0));
    // A large error is capped: the delay is given back no faster than 2.5 ms per second.
    CHECK(corrector.update(0.5, 0.0, true, 0.01) - base == Approx(2500.0).margin(1.0));
    CHECK(corrector.update(-0.5, 0.0, true, 0.01) - base == Approx(-2500.0).margin(1.0));
}

TEST_CASE("large errors are steps, not drift: the integral leaves them alone",
          "[receive][DriftCorrector]")
{
    DriftCorrector corrector;
    for (int i = 0; i < 1000; ++i)
        corrector.update(0.010, 0.0, false, 0.01); // 10 s of a 10 ms surplus being given back
    CHECK(corrector.update(0.0, 0.0, false, 0.01) == Approx(0.0).margin(1e-9));
}

TEST_CASE("the drift estimate takes over from the integral without a bump",
          "[receive][DriftCorrector]")
{
    DriftCorrector corrector;
    // No estimate yet: a steady error makes the integral carry the drift.
    double speed = 0.0;
    for (int i = 0; i < 2000; ++i)
        speed = corrector.update(0.0004, 0.0, false, 0.01);
    const double before = speed;
    const double after = corrector.update(0.0004, 300.0, true, 0.01);
    CHECK(after == Approx(before).margin(1.0));
}

TEST_CASE("two hours of +200 ppm sender drift with jitter: the buffer stays at its target",
          "[receive][PlayoutScheduler][drift]")
{
    const double ppm = GENERATE(200.0, -200.0);
    NetworkProfile net;
    net.senderPpm = ppm;
    net.jitterSeconds = 0.005;
    net.seed = 99;
    HarnessSettings settings;
    settings.seconds = 2 * 3600.0;
    const auto arrivals = simulateArrivals(
        static_cast<int>(settings.seconds * 100 * (1 + ppm * 1e-6)) + 100, frame, net);

    PlayoutScheduler scheduler;
    double lowest = 1.0;
    double highest = -1.0;
    double lowestSmoothed = 1.0;
    double highestSmoothed = -1.0;
    double target = 0.0;
    std::uint64_t silentAfterStart = 0;
    double speedSum = 0.0; // over the second hour
    double speedCount = 0.0;
    runPlayout(scheduler, arrivals, settings,
               [&](Nanoseconds now, const FrameDecision& d, const PlayoutScheduler& s)
               {
                   if (toSeconds(now) < 30.0)
                       return;
                   if (d.kind == FrameDecision::Kind::Silence)
                   {
                       ++silentAfterStart;
                       return;
                   }
                   const PlayoutStats st = s.stats();
                   target = st.targetSeconds;
                   if (toSeconds(now) > 3600.0)
                   {
                       speedSum += st.speedPpm;
                       speedCount += 1.0;
                   }
                   const double error = s.lastDelaySeconds() - st.targetSeconds;
                   lowest = std::min(lowest, error);
                   highest = std::max(highest, error);
                   const double smoothed = st.bufferDelaySeconds - st.targetSeconds;
                   lowestSmoothed = std::min(lowestSmoothed, smoothed);
                   highestSmoothed = std::max(highestSmoothed, smoothed);
               });
    const PlayoutStats st = scheduler.stats();
    const double meanSpeed = speedSum / speedCount;
    INFO("sender " << ppm << " ppm: estimated " << st.driftPpm << " ppm, mean speed " << meanSpeed
                   << " ppm; target " << target * 1e3 << " ms; delay - target " << lowest * 1e3
                   << " .. " << highest * 1e3 << " ms per frame, " << lowestSmoothed * 1e3 << " .. "
                   << highestSmoothed * 1e3 << " ms smoothed; underruns " << st.buffer.underruns
                   << ", lost " << st.buffer.lost << " of " << st.buffer.received);
    CHECK(st.starvations == 0);
    CHECK(silentAfterStart == 0);
    CHECK(lowest > -0.010); // within one frame of the target, both ways
    CHECK(highest < 0.010);
    CHECK(std::abs(st.driftPpm - ppm) < 5.0);
    CHECK(std::abs(meanSpeed - ppm) < 2.0);
    CHECK(st.buffer.underruns < st.buffer.received / 1000);
}
