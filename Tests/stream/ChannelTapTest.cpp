// The tap: only streamed channels get a ring and a scratch block; blocks arrive in order.

#include "stream/ChannelTap.h"

#include <catch2/catch.hpp>

#include <vector>

using namespace dragoman;

TEST_CASE("The tap copies streamed channels only", "[stream][tap]")
{
    ChannelTap tap({true, false, true}, 1024, 64);
    CHECK(tap.streamed(0));
    CHECK_FALSE(tap.streamed(1));
    CHECK(tap.scratch(1) == nullptr);
    REQUIRE(tap.scratch(2) != nullptr);

    std::vector<float> floor(64, 0.25f);
    std::vector<float> other(64, 0.5f);
    for (int i = 0; i < 64; ++i)
        tap.scratch(2)[i] = static_cast<float>(i);
    const float* blocks[] = {floor.data(), other.data(), tap.scratch(2)};
    tap.write(blocks, 64);

    std::vector<float> got(64);
    REQUIRE(tap.ring(0)->read(got.data(), 64));
    CHECK(got[10] == 0.25f);
    REQUIRE(tap.ring(2)->read(got.data(), 64));
    CHECK(got[63] == 63.0f);
    CHECK(tap.ring(1) == nullptr);
}

TEST_CASE("A stalled encoder costs the audio thread nothing but dropped blocks", "[stream][tap]")
{
    ChannelTap tap({true}, 128, 64);
    std::vector<float> block(64, 1.0f);
    const float* blocks[] = {block.data()};
    for (int i = 0; i < 5; ++i)
        tap.write(blocks, 64);
    CHECK(tap.ring(0)->available() == 128);
    CHECK(tap.ring(0)->overrunCount() == 3);
}
