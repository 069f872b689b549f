// The receiver's audio-thread calls (push and pull) under the allocation and lock counters of
// Tests/realtime/AudioThreadGuard: through loss, jitter, reordering, bad datagrams, a stream
// change and a starvation, neither may allocate, free or lock.

#include "AudioThreadGuard.h"
#include "OpusTestSender.h"
#include "ReceiverRig.h"
#include "SimulatedNetwork.h"
#include "receive/ChannelPlayer.h"
#include "receive/ReceiverPipeline.h"

#include <catch2/catch.hpp>

#include <random>

using namespace dragoman;
using namespace dragoman::test;

TEST_CASE("the guard sees an allocation on the audio thread", "[receive][realtime]")
{
    // Without this, a guard that is not linked in would let every test below pass.
    realtime::resetAudioThreadCounts();
    {
        realtime::AudioThreadScope audio;
        std::vector<float> allocates(1000);
        REQUIRE(allocates.size() == 1000);
    }
    CHECK(realtime::audioThreadCounts().allocations >= 1);
    realtime::resetAudioThreadCounts();
}

TEST_CASE("push and pull never allocate or lock", "[receive][realtime]")
{
    NetworkProfile net;
    net.lossRate = 0.05;
    net.jitterSeconds = 0.015;
    const auto signal = chirp(31 * receiveSampleRate);
    OpusTestSender sender(SenderSettings{});
    Datagrams in;
    in.packets = sender.packets(signal);
    in.arrivals = simulateArrivals(static_cast<int>(in.packets.size()), 480, net);
    // A 400 ms outage at 10 s (starvation) and a new SSRC from 20 s (stream change).
    std::erase_if(in.arrivals, [](const Arrival& a)
                  { return a.time > fromSeconds(10.0) && a.time < fromSeconds(10.4); });
    SenderSettings other;
    other.ssrc = 42;
    OpusTestSender restarted(other);
    for (auto& a : in.arrivals)
        if (a.time > fromSeconds(20.0))
            in.packets[static_cast<std::size_t>(a.index)] =
                restarted.packet(a.index, signal.data() + a.index * 480);

    // Bad datagrams prepared before the audio starts: the test itself must not allocate either.
    std::mt19937 rng(3);
    std::vector<std::vector<std::uint8_t>> junk(64);
    for (auto& j : junk)
    {
        j.resize(rng() % 200);
        for (auto& b : j)
            b = static_cast<std::uint8_t>(rng());
    }

    ReceiverPipeline receiver;
    std::vector<float> out(30 * receiveSampleRate);
    std::size_t next = 0;
    std::size_t junkIndex = 0;
    realtime::resetAudioThreadCounts();
    {
        realtime::AudioThreadScope audio;
        for (std::size_t position = 0; position + 64 <= out.size(); position += 64)
        {
            const Nanoseconds now(static_cast<std::int64_t>(position) * 1'000'000'000LL /
                                  receiveSampleRate);
            while (next < in.arrivals.size() && in.arrivals[next].time <= now)
            {
                receiver.push(in.packets[static_cast<std::size_t>(in.arrivals[next].index)],
                              in.arrivals[next].time);
                ++next;
            }
            receiver.push(junk[junkIndex++ % junk.size()], now);
            receiver.pull(out.data() + position, 64, now);
        }
    }
    const auto counts = realtime::audioThreadCounts();
    realtime::printFirstViolation();
    const ReceiverStats st = receiver.stats();
    INFO("streams " << st.streams << ", starvations " << st.starvations << ", concealed "
                    << st.concealed);
    CHECK(st.streams == 2);
    CHECK(st.starvations >= 1);
    CHECK(counts.allocations == 0);
    CHECK(counts.frees == 0);
    CHECK(counts.locks == 0);
}

TEST_CASE("the channel player renders and switches without allocating or locking",
          "[receive][realtime]")
{
    const auto signal = chirp(6 * receiveSampleRate);
    OpusTestSender sender(SenderSettings{});
    const auto packets = sender.packets(signal);
    ChannelPlayer player({96, 96, 96}, 0, 256);
    std::vector<float> out(256);
    std::size_t next = 0;
    realtime::resetAudioThreadCounts();
    {
        realtime::AudioThreadScope audio;
        for (std::int64_t k = 0; k < 6 * receiveSampleRate / 256; ++k)
        {
            const Nanoseconds now(k * 256 * 1'000'000'000LL / receiveSampleRate);
            // Every 1.5 s another channel (the last request is for one that does not exist).
            if (k % 280 == 140)
                player.requestChannel(static_cast<int>((k / 280) % 4), now);
            while (next < packets.size() &&
                   Nanoseconds(static_cast<std::int64_t>(next) * 10'000'000) <= now)
            {
                for (int c = 0; c < 3; ++c)
                {
                    ChannelDatagram d;
                    d.channel = c;
                    std::copy(packets[next].begin(), packets[next].end(), d.datagram.bytes.begin());
                    d.datagram.size = static_cast<std::uint16_t>(packets[next].size());
                    d.datagram.arrival = now;
                    player.inbox().push(d);
                }
                ++next;
            }
            player.render(out.data(), 256, now);
        }
    }
    const auto counts = realtime::audioThreadCounts();
    realtime::printFirstViolation();
    SwitchReport report;
    int switches = 0;
    while (player.nextSwitch(report))
        ++switches;
    CHECK(switches >= 2);
    CHECK(counts.allocations == 0);
    CHECK(counts.frees == 0);
    CHECK(counts.locks == 0);
}
