#include "receive/PlayoutScheduler.h"
#include "PlayoutHarness.h"
#include "SimulatedNetwork.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

using namespace dragoman;
using namespace dragoman::test;

namespace
{

constexpr int frame = 480;

struct Trace
{
    double seconds;
    double delay; // smoothed buffer delay
    double target;
    FrameDecision::Kind kind;
};

std::vector<Trace> run(PlayoutScheduler& scheduler, const std::vector<Arrival>& arrivals,
                       double seconds)
{
    HarnessSettings settings;
    settings.seconds = seconds;
    std::vector<Trace> trace;
    runPlayout(
        scheduler, arrivals, settings,
        [&](Nanoseconds now, const FrameDecision& d, const PlayoutScheduler& s)
        {
            const PlayoutStats st = s.stats();
            trace.push_back({toSeconds(now), st.bufferDelaySeconds, st.targetSeconds, d.kind});
        });
    return trace;
}

std::vector<Trace> run(PlayoutScheduler& scheduler, const NetworkProfile& net, double seconds)
{
    return run(scheduler, simulateArrivals(static_cast<int>(seconds * 100) + 50, frame, net),
               seconds);
}

} // namespace

TEST_CASE("playout starts once the first packet has waited the target",
          "[receive][PlayoutScheduler]")
{
    PlayoutScheduler scheduler;
    NetworkProfile net;
    net.baseDelaySeconds = 0.005;
    const auto trace = run(scheduler, net, 1.0);
    const auto first =
        std::find_if(trace.begin(), trace.end(),
                     [](const Trace& t) { return t.kind != FrameDecision::Kind::Silence; });
    REQUIRE(first != trace.end());
    // First packet at 5 ms + floor (10 + 1 + 128/2 samples) = 17.3 ms, to within a block.
    CHECK(first->seconds >= 0.0173 - 1e-9);
    CHECK(first->seconds < 0.0173 + 128.0 / 48000 + 1e-9);
    CHECK(first->kind == FrameDecision::Kind::Decode);
}

TEST_CASE("a delay spike grows the buffer at once and calm gives it back slowly",
          "[receive][PlayoutScheduler]")
{
    PlayoutScheduler scheduler;
    NetworkProfile net;
    net.jitterSeconds = 0.002;
    net.burstStartSeconds = 30.0; // every packet 40 ms later for a second
    net.burstEndSeconds = 31.0;
    net.burstExtraSeconds = 0.040;
    const auto trace = run(scheduler, net, 90.0);

    double before = 0.0;
    double grownAt = -1.0;
    double worstShrink = 0.0; // ms per second of the smoothed delay, after the spike
    std::size_t j = 0;
    int concealedInSpike = 0;
    for (std::size_t i = 0; i < trace.size(); ++i)
    {
        const Trace& t = trace[i];
        if (t.seconds < 30.0)
            before = t.delay;
        if (grownAt < 0.0 && t.seconds > 30.0 && t.delay > before + 0.035)
            grownAt = t.seconds;
        if (t.seconds > 30.0 && t.seconds < 31.5 && t.kind == FrameDecision::Kind::Conceal)
            ++concealedInSpike;
        if (t.seconds > 32.0)
        {
            while (trace[j].seconds < t.seconds - 1.0)
                ++j;
            worstShrink = std::max(worstShrink, trace[j].delay - t.delay);
        }
    }
    const PlayoutStats st = scheduler.stats();
    INFO("delay before " << before * 1e3 << " ms, grown at " << grownAt << " s, worst shrink "
                         << worstShrink * 1e3 << " ms/s, concealed " << concealedInSpike
                         << ", lost " << st.buffer.lost << ", late " << st.buffer.late);
    REQUIRE(grownAt > 0.0);
    CHECK(grownAt < 30.0 + 0.040 + 0.1);
    CHECK(concealedInSpike <= 6); // about the 40 ms of the gap, not a second of loss
    CHECK(st.buffer.lost <= 2);
    CHECK(worstShrink < 0.0026); // 2.5 ms/s: a frame per 4 s
    CHECK(trace.back().delay < before + 0.002);
    CHECK(st.starvations == 0);
}

TEST_CASE("an outage longer than the starvation limit restarts playout",
          "[receive][PlayoutScheduler]")
{
    const bool backlog = GENERATE(false, true);
    PlayoutScheduler scheduler;
    NetworkProfile net;
    auto arrivals = simulateArrivals(1050, frame, net);
    // Half a second without packets from 5 s on: lost, or queued somewhere and delivered at once
    // when the link comes back (then they are stale, and playing them would add half a second).
    for (auto& a : arrivals)
        if (a.time >= fromSeconds(5.0) && a.time < fromSeconds(5.5))
            a.time = backlog ? fromSeconds(5.5) : Nanoseconds::max();
    std::stable_sort(arrivals.begin(), arrivals.end(),
                     [](const Arrival& a, const Arrival& b) { return a.time < b.time; });
    const auto trace = run(scheduler, arrivals, 10.0);
    const PlayoutStats st = scheduler.stats();
    INFO((backlog ? "backlog" : "lost")
         << ": delay at the end " << trace.back().delay * 1e3 << " ms, late " << st.buffer.late);
    CHECK(st.starvations == 1);
    CHECK(st.playing);
    CHECK(trace.back().delay < st.floorSeconds + 0.002); // back at the floor, not 0.5 s late
}

TEST_CASE("heavy reordering is played in order", "[receive][PlayoutScheduler]")
{
    PlayoutScheduler scheduler;
    NetworkProfile net;
    net.jitterSeconds = 0.030; // three frames of jitter: packets overtake each other
    net.seed = 4;
    run(scheduler, net, 60.0);
    const PlayoutStats st = scheduler.stats();
    INFO("reordered " << st.buffer.reordered << ", late " << st.buffer.late << ", lost "
                      << st.buffer.lost << ", target " << st.targetSeconds * 1e3 << " ms");
    CHECK(st.buffer.reordered > 1000);
    CHECK(st.buffer.lost < st.buffer.received / 50);
    CHECK(st.targetSeconds < 0.010 + 0.0023 + 0.031);
}
