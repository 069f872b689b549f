#include "receive/PlayoutDelayPolicy.h"
#include "SimulatedNetwork.h"
#include "receive/ArrivalStatistics.h"
#include "receive/DelayHistogram.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

using namespace dragoman;
using namespace dragoman::test;

namespace
{

constexpr int frame = 480;
constexpr double frameSeconds = 0.010;

struct Observation
{
    double seconds;   // arrival time
    double delay;     // relative delay of the packet
    double allowance; // policy's allowance after it
    double target;
};

// Feeds arrivals through ArrivalStatistics into a policy, in arrival order.
std::vector<Observation> feed(PlayoutDelayPolicy& policy, const std::vector<Arrival>& arrivals)
{
    ArrivalStatistics stats;
    std::vector<Observation> seen;
    seen.reserve(arrivals.size());
    for (const Arrival& a : arrivals)
    {
        const double d = stats.add(a.time, static_cast<std::int64_t>(a.index) * frame);
        policy.update(a.time, d, frame);
        seen.push_back({toSeconds(a.time), d, policy.allowanceSeconds(), policy.targetSeconds()});
    }
    return seen;
}

int packetsFor(double seconds)
{
    return static_cast<int>(seconds / frameSeconds);
}

} // namespace

TEST_CASE("the histogram's quantile covers the asked fraction", "[receive][DelayHistogram]")
{
    DelayHistogram h;
    CHECK(h.quantile(0.97) == 0.0);
    for (int i = 0; i < 5000; ++i)
        h.add((i % 100) * 0.0001, 0.999); // 0 .. 9.9 ms evenly
    CHECK(h.quantile(0.5) == Approx(0.005).margin(0.0006));
    CHECK(h.quantile(0.97) == Approx(0.0097).margin(0.0006));
    CHECK(h.totalWeight() == Approx(1.0).margin(0.01));

    DelayHistogram zero;
    for (int i = 0; i < 100; ++i)
        zero.add(0.0001, 0.99); // below a quarter bucket: exactly zero
    CHECK(zero.quantile(0.97) == 0.0);
}

TEST_CASE("arrival statistics measure delay against the fastest recent packet",
          "[receive][ArrivalStatistics]")
{
    ArrivalStatistics stats;
    NetworkProfile net;
    net.baseDelaySeconds = 0.050;
    const auto arrivals = simulateArrivals(packetsFor(10), frame, net);
    for (const Arrival& a : arrivals)
        CHECK(stats.add(a.time, a.index * frame) == Approx(0.0).margin(1e-9));
    // Packet 1000 (10 s of audio) would arrive at 10.05 s: at 10.08 s it has waited 30 ms.
    CHECK(stats.sinceFastestArrival(fromSeconds(10.08), 1000 * frame) ==
          Approx(0.030).margin(1e-6));
    CHECK(stats.jitterSeconds() == Approx(0.0).margin(1e-9));

    ArrivalStatistics jittery;
    net.jitterSeconds = 0.010;
    for (const Arrival& a : simulateArrivals(packetsFor(30), frame, net))
        jittery.add(a.time, a.index * frame);
    // RFC 3550 jitter of uniform [0, J) delay is E|X - Y| = J / 3.
    CHECK(jittery.jitterSeconds() == Approx(0.010 / 3).epsilon(0.25));
}

TEST_CASE("constant delay keeps the target at its floor", "[receive][PlayoutDelayPolicy]")
{
    PlayoutDelayConfig config;
    config.minimumSeconds = 0.001;
    PlayoutDelayPolicy policy(config);
    NetworkProfile net;
    net.baseDelaySeconds = 0.0123;
    const auto seen = feed(policy, simulateArrivals(packetsFor(60), frame, net));
    for (const auto& o : seen)
        REQUIRE(o.target == Approx(frameSeconds + 0.001).margin(1e-12));
    CHECK(policy.floorSeconds() == Approx(0.011));
    CHECK(policy.bursts() == 0);
}

TEST_CASE("10 ms of jitter: the allowance covers about 97 % of packets",
          "[receive][PlayoutDelayPolicy]")
{
    PlayoutDelayPolicy policy;
    NetworkProfile net;
    net.jitterSeconds = 0.010;
    net.seed = 42;
    const auto seen = feed(policy, simulateArrivals(packetsFor(120), frame, net));

    // Over the last minute, the fraction of packets no later than the allowance in force.
    int covered = 0;
    int counted = 0;
    double lowest = 1.0;
    double highest = 0.0;
    for (std::size_t i = 1; i < seen.size(); ++i)
    {
        if (seen[i].seconds < 60.0)
            continue;
        ++counted;
        covered += seen[i].delay <= seen[i - 1].allowance ? 1 : 0;
        lowest = std::min(lowest, seen[i].allowance);
        highest = std::max(highest, seen[i].allowance);
    }
    const double coverage = static_cast<double>(covered) / counted;
    INFO("coverage " << coverage << ", allowance " << lowest * 1e3 << " .. " << highest * 1e3
                     << " ms");
    CHECK(coverage > 0.955);
    CHECK(coverage < 0.99);
    CHECK(lowest > 0.0085);
    CHECK(highest < 0.0105);
    CHECK(highest - lowest <= 0.0011); // settled: two buckets at most
}

TEST_CASE("a burst of late packets raises the target at once, calm gives it back slowly",
          "[receive][PlayoutDelayPolicy]")
{
    PlayoutDelayPolicy policy;
    NetworkProfile net;
    net.jitterSeconds = 0.002;
    net.burstStartSeconds = 60.0;
    net.burstEndSeconds = 61.0;
    net.burstExtraSeconds = 0.040;
    const auto seen = feed(policy, simulateArrivals(packetsFor(180), frame, net));

    double before = 0.0;
    double grownAt = -1.0;
    double peak = 0.0;
    for (const auto& o : seen)
    {
        if (o.seconds < 60.0)
            before = o.allowance;
        if (grownAt < 0 && o.allowance >= 0.040)
            grownAt = o.seconds;
        peak = std::max(peak, o.allowance);
    }
    INFO("allowance before " << before * 1e3 << " ms, peak " << peak * 1e3 << " ms");
    CHECK(before < 0.0025);
    REQUIRE(grownAt > 0.0);
    CHECK(grownAt - (60.0 + 0.002 + 0.040) < 0.15); // grown within 150 ms of the first late one
    CHECK(policy.bursts() >= 1);

    // Shrinking: never faster than a frame per 4 s, measured over every second after the burst.
    double worstRate = 0.0;
    for (std::size_t i = 0, j = 0; i < seen.size(); ++i)
    {
        if (seen[i].seconds < 62.0)
            continue;
        while (seen[j].seconds < seen[i].seconds - 1.0)
            ++j;
        worstRate = std::max(worstRate, seen[j].allowance - seen[i].allowance);
    }
    INFO("fastest shrink " << worstRate * 1e3 << " ms/s");
    CHECK(worstRate <= frameSeconds / 4.0 + 1e-6);
    const auto fourSecondsAfter = std::find_if(
        seen.begin(), seen.end(), [](const Observation& o) { return o.seconds >= 65.0; });
    REQUIRE(fourSecondsAfter != seen.end());
    CHECK(fourSecondsAfter->allowance > 0.025); // 4 s after the burst: still most of it
    CHECK(seen.back().allowance < 0.0025);      // two minutes after: back where it was
}

TEST_CASE("the target never exceeds its maximum", "[receive][PlayoutDelayPolicy]")
{
    PlayoutDelayConfig config;
    config.maximumSeconds = 0.1;
    PlayoutDelayPolicy policy(config);
    NetworkProfile net;
    net.jitterSeconds = 0.3;
    feed(policy, simulateArrivals(packetsFor(20), frame, net));
    CHECK(policy.targetSeconds() <= 0.1 + 1e-12);
}
