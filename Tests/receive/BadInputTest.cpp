#include "OpusTestSender.h"
#include "ReceiverRig.h"
#include "RtpTestPackets.h"
#include "SimulatedNetwork.h"
#include "receive/ReceiverPipeline.h"

#include <catch2/catch.hpp>

#include <random>

using namespace dragoman;
using namespace dragoman::test;

namespace
{

constexpr int frame = 480;

Datagrams goodStream(double seconds, const NetworkProfile& net, std::vector<float>& signal)
{
    signal = chirp(static_cast<std::int64_t>((seconds + 1.0) * receiveSampleRate));
    OpusTestSender sender(SenderSettings{});
    Datagrams d;
    d.packets = sender.packets(signal);
    d.arrivals = simulateArrivals(static_cast<int>(d.packets.size()), frame, net);
    return d;
}

} // namespace

TEST_CASE("bad datagrams among a good stream are counted and never interrupt it",
          "[receive][ReceiverPipeline][bad-input]")
{
    NetworkProfile net;
    net.lossRate = 0.02;
    net.jitterSeconds = 0.005;
    std::vector<float> signal;
    const Datagrams good = goodStream(20.0, net, signal);

    std::mt19937 rng(31);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> kind(0, 5);
    std::uniform_int_distribution<int> length(0, 1600);
    std::uint64_t sent[6] = {};
    ReceiverPipeline receiver;
    std::vector<std::uint8_t> junk;
    const auto inject = [&](Nanoseconds now)
    {
        // Three bad datagrams per pull (~2200 per second): a flood of every kind.
        for (int i = 0; i < 3; ++i)
        {
            const int k = kind(rng);
            ++sent[k];
            const auto& model = good.packets[static_cast<std::size_t>(byte(rng))];
            switch (k)
            {
            case 0: // random bytes
                junk.resize(static_cast<std::size_t>(length(rng)));
                for (auto& b : junk)
                    b = static_cast<std::uint8_t>(byte(rng));
                junk.empty() || (junk[0] &= 0x3f); // never version 2: always malformed
                break;
            case 1: // truncated inside the header
                junk.assign(model.begin(), model.begin() + byte(rng) % 12);
                break;
            case 2: // wrong payload type
                junk = model;
                junk[1] = 97;
                break;
            case 3: // another sender on the same group
                junk = model;
                junk[8] ^= 0x55;
                break;
            case 4: // our payload type, garbage where Opus should be (invalid TOC code 3)
                junk = model;
                junk.resize(13);
                junk[12] = 0x03;
                break;
            case 5: // a payload larger than any slot
                junk = model;
                junk.resize(1600, 0);
                break;
            }
            receiver.push(junk, now);
        }
    };
    RigSettings rig;
    rig.seconds = 20.0;
    const auto out = runReceiver(receiver, good, rig, nullptr, inject);
    const ReceiverStats st = receiver.stats();
    CHECK(st.malformed == sent[0] + sent[1]);
    CHECK(st.wrongPayloadType == sent[2]);
    CHECK(st.foreign == sent[3]);
    CHECK(st.notOpus == sent[4]);
    CHECK(st.tooLarge == sent[5]);
    CHECK(st.streams == 1);
    CHECK(st.starvations == 0);
    const auto start = static_cast<std::size_t>(0.1 * receiveSampleRate);
    CHECK(longestZeroRun(out, start) < frame);
    const auto windows = windowedCorrelation(signal, out, 1.0);
    CHECK(fractionAbove(windows, 0.7) > 0.97);
}

TEST_CASE("random datagrams alone never crash the receiver",
          "[receive][ReceiverPipeline][bad-input]")
{
    ReceiverPipeline receiver;
    std::mt19937 rng(77);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 300);
    std::vector<float> out(64);
    std::vector<std::uint8_t> d;
    for (int i = 0; i < 100000; ++i)
    {
        d.resize(static_cast<std::size_t>(length(rng)));
        for (auto& b : d)
            b = static_cast<std::uint8_t>(byte(rng));
        if (!d.empty() && i % 3 == 0)
        {
            d[0] = static_cast<std::uint8_t>(0x80 | (d[0] & 0x3f)); // version 2
            if (d.size() > 1)
                d[1] = static_cast<std::uint8_t>((d[1] & 0x80) | 96); // our payload type
        }
        const Nanoseconds now(i * 1'000'000LL);
        receiver.push(d, now);
        if (i % 8 == 0)
            receiver.pull(out.data(), 64, now);
    }
    const ReceiverStats st = receiver.stats();
    CHECK(st.malformed + st.wrongPayloadType + st.notOpus + st.received + st.foreign +
              st.implausible + st.tooLarge ==
          100000);
    for (float x : out)
        CHECK(std::isfinite(x));
}

TEST_CASE("a payload cut short decodes or is concealed, never crashes",
          "[receive][ReceiverPipeline][bad-input]")
{
    NetworkProfile net;
    std::vector<float> signal;
    Datagrams d = goodStream(5.0, net, signal);
    // Every 7th packet loses the end of its payload (a receive buffer too small).
    for (std::size_t k = 0; k < d.packets.size(); k += 7)
        d.packets[k].resize(12 + std::max<std::size_t>(1, (d.packets[k].size() - 12) / 3));
    ReceiverPipeline receiver;
    RigSettings rig;
    rig.seconds = 5.0;
    const auto out = runReceiver(receiver, d, rig);
    for (float x : out)
        REQUIRE(std::isfinite(x));
    CHECK(longestZeroRun(out, receiveSampleRate / 10) < frame);
}
