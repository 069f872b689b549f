// The sample ring between the audio thread and encoder threads: order kept across wrap-around,
// overruns dropped whole and counted, and two threads at full speed lose or corrupt nothing.

#include "core/AudioRing.h"

#include <catch2/catch.hpp>

#include <numeric>
#include <thread>
#include <vector>

using dragoman::AudioRing;

TEST_CASE("The ring keeps order across wrap-around", "[ring]")
{
    AudioRing ring(100);
    CHECK(ring.capacity() == 128);
    std::vector<float> in(48), out(48);
    float next = 0.0f;
    float expected = 0.0f;
    for (int round = 0; round < 50; ++round)
    {
        for (auto& x : in)
            x = next++;
        REQUIRE(ring.write(in.data(), in.size()));
        REQUIRE(ring.available() == 48);
        REQUIRE(ring.read(out.data(), out.size()));
        for (const float x : out)
            REQUIRE(x == expected++);
    }
}

TEST_CASE("A write that does not fit is dropped whole and counted", "[ring]")
{
    AudioRing ring(64);
    std::vector<float> block(48, 1.0f);
    CHECK(ring.write(block.data(), block.size()));
    CHECK_FALSE(ring.write(block.data(), block.size()));
    CHECK(ring.overrunCount() == 1);
    CHECK(ring.available() == 48);
    std::vector<float> out(64);
    CHECK_FALSE(ring.read(out.data(), 64)); // not enough yet: nothing is taken
    CHECK(ring.available() == 48);
}

TEST_CASE("Producer and consumer threads at full speed", "[ring][threads]")
{
    AudioRing ring(1024);
    constexpr int total = 2'000'000;
    std::thread producer(
        [&]
        {
            std::vector<float> block(64);
            int sent = 0;
            while (sent < total)
            {
                std::iota(block.begin(), block.end(), static_cast<float>(sent % 1'000'000));
                if (ring.write(block.data(), block.size()))
                    sent += 64;
            }
        });
    std::vector<float> frame(120);
    int received = 0;
    bool ordered = true;
    while (received < total - total % 120)
    {
        if (!ring.read(frame.data(), frame.size()))
            continue;
        for (const float x : frame)
        {
            const int block = received / 64 * 64;
            ordered = ordered && x == static_cast<float>(block % 1'000'000 + received % 64);
            ++received;
        }
    }
    producer.join();
    CHECK(ordered);
}
