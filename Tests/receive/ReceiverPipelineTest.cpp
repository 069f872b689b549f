#include "receive/ReceiverPipeline.h"
#include "OpusTestSender.h"
#include "ReceiverRig.h"
#include "SimulatedNetwork.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace dragoman;
using namespace dragoman::test;

namespace
{

constexpr int frame = 480;

struct Scenario
{
    std::vector<float> signal;
    Datagrams datagrams;
};

Scenario makeScenario(double seconds, const NetworkProfile& net, const SenderSettings& sender = {})
{
    Scenario s;
    // A little more signal than the run, so the last pulls still have packets in flight.
    s.signal = chirp(static_cast<std::int64_t>((seconds + 1.0) * receiveSampleRate));
    OpusTestSender encoder(sender);
    s.datagrams.packets = encoder.packets(s.signal);
    s.datagrams.arrivals =
        simulateArrivals(static_cast<int>(s.datagrams.packets.size()), sender.frameSamples, net);
    return s;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

} // namespace

TEST_CASE("no loss, no jitter: the buffer sits at its floor and nothing is concealed",
          "[receive][ReceiverPipeline]")
{
    NetworkProfile net; // 2 ms constant delay
    const Scenario s = makeScenario(30.0, net);
    ReceiverPipeline receiver;
    std::vector<PullRecord> records;
    RigSettings rig;
    rig.seconds = 30.0;
    const auto out = runReceiver(receiver, s.datagrams, rig, &records);

    const ReceiverStats st = receiver.stats();
    // Floor: one 10 ms frame + 1 ms minimum + half of the 64-frame block.
    const double floorMs = 10.0 + 1.0 + 32.0 / 48.0;
    double lowest = 1e9;
    double highest = 0.0;
    for (const auto& r : records)
    {
        if (!r.stats.playing)
            continue;
        REQUIRE(r.stats.targetDelayMs == Approx(floorMs).margin(1e-9));
        if (r.seconds < 5.0)
            continue; // settling from the start-up position
        lowest = std::min(lowest, r.stats.bufferDelayMs);
        highest = std::max(highest, r.stats.bufferDelayMs);
    }
    INFO("target " << st.targetDelayMs << " ms, buffer delay " << lowest << " .. " << highest
                   << " ms");
    CHECK(st.floorDelayMs == Approx(floorMs));
    CHECK(lowest > floorMs - 0.5);
    CHECK(highest < floorMs + 0.5);
    CHECK(st.lost == 0);
    CHECK(st.concealed == 0);
    CHECK(st.expansions == 0);
    CHECK(st.underruns == 0);
    CHECK(st.received == s.datagrams.packets.size() - 100); // the last second is still in flight
    CHECK(longestZeroRun(out, receiveSampleRate / 10) == 0);

    const auto windows = windowedCorrelation(s.signal, out, 1.0);
    std::vector<double> c;
    for (const auto& w : windows)
        c.push_back(w.correlation);
    INFO("median correlation " << median(c) << ", worst " << *std::min_element(c.begin(), c.end())
                               << ", delay " << static_cast<double>(windows.back().lag) / 48.0
                               << " ms");
    CHECK(median(c) > 0.98);
    CHECK(*std::min_element(c.begin(), c.end()) > 0.9);
}

TEST_CASE("5 % loss and 10 ms jitter: every gap is filled and the buffer settles",
          "[receive][ReceiverPipeline]")
{
    const bool randomBlocks = GENERATE(false, true);
    NetworkProfile net;
    net.lossRate = 0.05;
    net.jitterSeconds = 0.010;
    net.seed = 2024;
    const Scenario s = makeScenario(60.0, net);
    ReceiverPipeline receiver;
    std::vector<PullRecord> records;
    RigSettings rig;
    rig.seconds = 60.0;
    rig.randomBlocks = randomBlocks;
    const auto out = runReceiver(receiver, s.datagrams, rig, &records);
    const ReceiverStats st = receiver.stats();

    // No gap that PLC or FEC did not fill: never 10 ms of exact zeros once playing.
    const auto started = std::find_if(out.begin(), out.end(), [](float x) { return x != 0.0f; });
    REQUIRE(started != out.end());
    const auto firstSound = static_cast<std::size_t>(started - out.begin());
    CHECK(firstSound < receiveSampleRate / 10);
    CHECK(longestZeroRun(out, firstSound) < frame);

    // Settled: the target moved by at most a millisecond over the last 10 s.
    double lowestTarget = 1e9;
    double highestTarget = 0.0;
    for (const auto& r : records)
        if (r.seconds >= 50.0)
        {
            lowestTarget = std::min(lowestTarget, r.stats.targetDelayMs);
            highestTarget = std::max(highestTarget, r.stats.targetDelayMs);
        }
    const auto windows = windowedCorrelation(s.signal, out, 2.0);
    std::vector<double> c;
    for (const auto& w : windows)
        c.push_back(w.correlation);
    const double worst = *std::min_element(c.begin(), c.end());

    INFO("blocks " << (randomBlocks ? "random" : "64") << ": target " << lowestTarget << " .. "
                   << highestTarget << " ms (floor " << st.floorDelayMs << "), buffer delay "
                   << st.bufferDelayMs << " ms; received " << st.received << ", lost " << st.lost
                   << ", late " << st.late << ", reordered " << st.reordered << ", FEC "
                   << st.fecRecovered << ", concealed " << st.concealed << ", expansions "
                   << st.expansions << ", underruns " << st.underruns << "; correlation median "
                   << median(c) << ", worst " << worst);
    CHECK(highestTarget - lowestTarget <= 1.0);
    CHECK(highestTarget < st.floorDelayMs + 11.0); // about the 97th percentile of 10 ms jitter
    CHECK(st.starvations == 0);
    CHECK(st.fecRecovered > st.lost / 2);   // most losses come back from FEC
    CHECK(st.concealed < st.lost / 3 + 20); // PLC only for the rest
    CHECK(median(c) > 0.95);
    CHECK(fractionAbove(windows, 0.7) > 0.97);
    CHECK(worst > 0.3);
}

TEST_CASE("the same datagrams and times give the same audio", "[receive][ReceiverPipeline]")
{
    NetworkProfile net;
    net.lossRate = 0.05;
    net.jitterSeconds = 0.010;
    const Scenario s = makeScenario(10.0, net);
    RigSettings rig;
    rig.seconds = 10.0;
    rig.randomBlocks = true;
    ReceiverPipeline first;
    ReceiverPipeline second;
    const auto a = runReceiver(first, s.datagrams, rig);
    const auto b = runReceiver(second, s.datagrams, rig);
    CHECK(a == b);
}

TEST_CASE("a new SSRC after an engine restart is followed within a second",
          "[receive][ReceiverPipeline]")
{
    NetworkProfile net;
    net.jitterSeconds = 0.002;
    const Scenario before = makeScenario(5.0, net);
    SenderSettings restarted;
    restarted.ssrc = 0x0badcafe;
    restarted.firstSequence = 1234;
    restarted.firstTimestamp = 777;
    Scenario after = makeScenario(5.0, net, restarted);

    // The old engine stops after 5 s; the new one starts sending 300 ms later.
    Datagrams both;
    both.packets = before.datagrams.packets;
    for (const auto& a : before.datagrams.arrivals)
        if (a.index < 500)
            both.arrivals.push_back(a);
    const auto offset = static_cast<int>(both.packets.size());
    both.packets.insert(both.packets.end(), after.datagrams.packets.begin(),
                        after.datagrams.packets.end());
    for (auto a : after.datagrams.arrivals)
    {
        a.time += fromSeconds(5.3);
        a.index += offset;
        both.arrivals.push_back(a);
    }
    ReceiverPipeline receiver;
    RigSettings rig;
    rig.seconds = 9.0;
    const auto out = runReceiver(receiver, both, rig);
    const ReceiverStats st = receiver.stats();
    CHECK(st.streams == 2);
    // Sound again within a second of the new stream's first packet, and from then on no gaps.
    const auto resumeFrom = static_cast<std::size_t>(6.3 * receiveSampleRate);
    CHECK(longestZeroRun(out, resumeFrom) < frame);
    CHECK(std::any_of(out.begin() + static_cast<std::ptrdiff_t>(5.3 * receiveSampleRate),
                      out.begin() + static_cast<std::ptrdiff_t>(resumeFrom),
                      [](float x) { return x != 0.0f; }));
}

TEST_CASE("a channel switch plays the new stream within 100 ms", "[receive][ReceiverPipeline]")
{
    NetworkProfile net;
    net.jitterSeconds = 0.002;
    const Scenario channelA = makeScenario(3.0, net);
    SenderSettings otherChannel;
    otherChannel.ssrc = 0x22222222;
    otherChannel.firstSequence = 10;
    const Scenario channelB = makeScenario(3.0, net, otherChannel);

    ReceiverPipeline receiver;
    RigSettings rig;
    rig.seconds = 2.0;
    runReceiver(receiver, channelA.datagrams, rig);
    REQUIRE(receiver.stats().playing);

    // Switch at t = 2 s: forget A, and from then on only B's datagrams arrive (B's clock is
    // shifted so that its packet 200 arrives right after the switch).
    receiver.forgetStream();
    Datagrams fromB;
    fromB.packets = channelB.datagrams.packets;
    for (const auto& a : channelB.datagrams.arrivals)
        if (a.index >= 200)
            fromB.arrivals.push_back(a);
    RigSettings later;
    later.seconds = 0.5;
    later.clockOffset = fromSeconds(2.0);
    const auto out = runReceiver(receiver, fromB, later);
    const auto firstSound = std::find_if(out.begin(), out.end(), [](float x) { return x != 0.0f; });
    REQUIRE(firstSound != out.end());
    const double switchMs = static_cast<double>(firstSound - out.begin()) / 48.0;
    INFO("sound " << switchMs << " ms after the switch");
    CHECK(switchMs < 100.0);
    CHECK(receiver.stats().streams == 2);
}

TEST_CASE("five minutes of +200 ppm drift through the real decoder and resampler",
          "[receive][ReceiverPipeline][drift]")
{
    NetworkProfile net;
    net.senderPpm = 200.0;
    net.jitterSeconds = 0.005;
    net.seed = 8;
    const double seconds = 300.0;
    const Scenario s = makeScenario(seconds, net);
    ReceiverPipeline receiver;
    std::vector<PullRecord> records;
    RigSettings rig;
    rig.seconds = seconds;
    rig.blockFrames = 256;
    const auto out = runReceiver(receiver, s.datagrams, rig, &records);
    double lowest = 1e9;
    double highest = -1e9;
    for (const auto& r : records)
        if (r.seconds > 30.0)
        {
            lowest = std::min(lowest, r.stats.bufferDelayMs - r.stats.targetDelayMs);
            highest = std::max(highest, r.stats.bufferDelayMs - r.stats.targetDelayMs);
        }
    const ReceiverStats st = receiver.stats();
    INFO("drift " << st.driftPpm << " ppm, speed " << st.speedPpm << " ppm, delay - target "
                  << lowest << " .. " << highest << " ms, underruns " << st.underruns);
    CHECK(std::abs(st.driftPpm - 200.0) < 10.0);
    CHECK(lowest > -10.0);
    CHECK(highest < 10.0);
    CHECK(st.starvations == 0);
    CHECK(longestZeroRun(out, receiveSampleRate) < frame);
}
