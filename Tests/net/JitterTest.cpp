#include "net/InterarrivalJitter.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace dragoman;

TEST_CASE("Interarrival jitter matches values computed by hand (RFC 3550 A.8)", "[net][jitter]")
{
    // 10 ms packets at 48 kHz; arrival offsets from a constant transit of 1000 units:
    // 0, 0, +32, 0, -16, +48, so |D| = 0, 32, 32, 16, 64.
    // J16 += |D| - ((J16 + 8) >> 4):  0 -> 0 -> 32 -> 62 -> 74 -> 133; J = J16 >> 4.
    const int offsets[] = {0, 0, 32, 0, -16, 48};
    const std::uint32_t expected[] = {0, 0, 2, 3, 4, 8};
    InterarrivalJitter jitter;
    for (int i = 0; i < 6; ++i)
    {
        const auto ts = static_cast<std::uint32_t>(480 * i);
        jitter.onPacket(ts, static_cast<std::uint32_t>(1000 + 480 * i + offsets[i]));
        CHECK(jitter.jitter() == expected[i]);
    }
    CHECK(jitter.jitterSeconds(48000) == Approx(133.0 / 16.0 / 48000.0));

    // The floating-point form of the RFC, J += (|D| - J) / 16, agrees to within one unit.
    double j = 0;
    for (const double d : {0.0, 32.0, 32.0, 16.0, 64.0})
        j += (d - j) / 16.0;
    CHECK(std::abs(j - 133.0 / 16.0) < 1.0);
}

TEST_CASE("Interarrival jitter is zero for a constant transit and survives wraps", "[net][jitter]")
{
    InterarrivalJitter jitter;
    std::uint32_t ts = 0xffffff00u;      // the RTP timestamp wraps after two packets
    std::uint32_t arrival = 0xfffffff0u; // and the arrival clock after one
    for (int i = 0; i < 20; ++i, ts += 480, arrival += 480)
        jitter.onPacket(ts, arrival);
    CHECK(jitter.jitter() == 0);
}

TEST_CASE("Interarrival jitter converges to the mean deviation", "[net][jitter]")
{
    InterarrivalJitter jitter;
    // Transit alternates by 40 units: |D| is always 40, so J tends to 40.
    for (int i = 0; i < 400; ++i)
        jitter.onPacket(static_cast<std::uint32_t>(960 * i),
                        static_cast<std::uint32_t>(960 * i + (i % 2 ? 40 : 0)));
    CHECK(jitter.jitter() >= 39);
    CHECK(jitter.jitter() <= 40);
    jitter.reset();
    CHECK(jitter.jitter() == 0);
}

TEST_CASE("Interarrival jitter does not wrap on hostile timestamps", "[net][jitter]")
{
    InterarrivalJitter jitter;
    for (int i = 0; i < 1000; ++i)
        jitter.onPacket(i % 2 ? 0x80000000u : 0u, 0);
    CHECK(jitter.jitter() > 0x7f000000u);
}
