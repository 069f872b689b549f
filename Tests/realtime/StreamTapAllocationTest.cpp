// The audio thread's side of the delegate streams: while the encoder thread encodes and sends,
// handing blocks to the ChannelTap (scratch blocks and ring writes) neither allocates nor locks.

#include "AudioThreadGuard.h"

#include "stream/ChannelTap.h"
#include "stream/StreamSender.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>
#include <vector>

using namespace dragoman;

TEST_CASE("Feeding the stream tap neither allocates nor locks", "[realtime][stream]")
{
    Session session;
    session.name = "Tap";
    session.channels.push_back({"en", "en", "English", IdleFeed::floor});
    NetworkSpec network;
    network.sap.enabled = false;
    // Port 9 (discard) on loopback: nobody listens, the sends still happen.
    network.channels.push_back({"floor", std::nullopt, {{"127.0.0.1", 9}}});
    network.channels.push_back({"en", std::nullopt, {{"127.0.0.1", 9}}});
    session.network = network;
    ChannelTap tap(StreamSender::streamedChannels(session), 48000, 64);
    auto sender = StreamSender::create(session, tap, {});
    REQUIRE(sender.ok());
    sender.value()->start();

    std::vector<float> floor(64, 0.25f);
    realtime::resetAudioThreadCounts();
    std::thread audio(
        [&]
        {
            const realtime::AudioThreadScope scope;
            for (int block = 0; block < 3000; ++block)
            {
                float* en = tap.scratch(1);
                for (int i = 0; i < 64; ++i)
                    en[i] = 0.1f * static_cast<float>(i % 8);
                const float* channels[] = {floor.data(), en};
                tap.write(channels, 64);
                if (block % 8 == 0)
                    std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
        });
    audio.join();
    const auto counts = realtime::audioThreadCounts();
    sender.value()->stop();
    if (counts.allocations + counts.frees + counts.locks != 0)
        realtime::printFirstViolation();
    CHECK(counts.allocations == 0);
    CHECK(counts.frees == 0);
    CHECK(counts.locks == 0);
    CHECK(sender.value()->stats()[0].packets > 0);
}
