#include "net/RtpUnwrapper.h"
#include "net/Rtp.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

using namespace dragoman;

TEST_CASE("sequence numbers extend across the wrap, both ways", "[net][unwrapper]")
{
    SequenceUnwrapper u;
    CHECK(u.extend(65534) == 65534);
    u.accept(65534);
    CHECK(u.extend(65535) == 65535);
    CHECK(u.extend(0) == 65536);
    CHECK(u.extend(5) == 65541);
    CHECK(u.extend(65000) == 65000); // reordered from before the wrap
    u.accept(65541);
    CHECK(u.extend(65530) == 65530); // still before the wrap, seen from after it
    CHECK(u.extend(100) == 65536 + 100);
}

TEST_CASE("timestamps extend across the 32-bit wrap", "[net][unwrapper]")
{
    TimestampUnwrapper u;
    u.accept(u.extend(4294967000u));
    const auto after = u.extend(200u);
    CHECK(after == 4294967296LL + 200);
    u.accept(after);
    CHECK(u.extend(4294967000u) == 4294967000LL);
}

TEST_CASE("a stray value does not move the reference unless accepted", "[net][unwrapper]")
{
    SequenceUnwrapper u;
    u.accept(1000);
    CHECK(u.extend(40000) == 40000 - 65536);
    CHECK(u.extend(60000) == 60000 - 65536);
    CHECK(u.extend(1001) == 1001); // unaffected by the strays
}

TEST_CASE("RTP: random bytes never read past the datagram", "[net][rtp]")
{
    // Run under ASan in CI: any overread is a failure there.
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 64);
    for (int i = 0; i < 200000; ++i)
    {
        std::vector<std::uint8_t> d(static_cast<std::size_t>(length(rng)));
        for (auto& b : d)
            b = static_cast<std::uint8_t>(byte(rng));
        if (!d.empty() && (i & 1))
            d[0] = static_cast<std::uint8_t>(0x80 | (d[0] & 0x3f)); // version 2: go deeper
        const auto p = parseRtp(d);
        if (p)
        {
            REQUIRE(p->payload.data() >= d.data());
            REQUIRE(p->payload.data() + p->payload.size() <= d.data() + d.size());
        }
    }
}
