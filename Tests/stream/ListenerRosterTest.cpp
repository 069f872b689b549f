// ListenerRoster: who listens, from receiver reports; forgotten after 10 s of silence or at BYE,
// and bounded against a flood of forged reporters.

#include "stream/ListenerRoster.h"

#include <catch2/catch.hpp>

using namespace dragoman;
using namespace std::chrono_literals;

namespace
{

ListenerReport lossOf(std::uint8_t fraction, std::uint32_t jitter = 0)
{
    ListenerReport report;
    report.fractionLost = fraction;
    report.jitter = jitter;
    return report;
}

} // namespace

TEST_CASE("ListenerRoster counts distinct reporters, by SSRC and address", "[stream][roster]")
{
    ListenerRoster roster;
    const auto t0 = ListenerRoster::Clock::time_point{} + 100s;
    roster.heard({1, 0x7f000001, 5001}, lossOf(0), t0);
    roster.heard({1, 0x7f000001, 5001}, lossOf(0), t0 + 2s);       // the same one again
    roster.heard({1, 0x7f000001, 5003}, lossOf(64, 480), t0 + 2s); // same SSRC, another port
    roster.heard({2, 0x7f000001, 5001}, lossOf(0), t0 + 2s);
    const auto summary = roster.summary(t0 + 2s);
    CHECK(summary.listeners == 3);
    CHECK(summary.worstLossPercent == Approx(25.0));
    CHECK(summary.meanLossPercent == Approx(25.0 / 3));
    CHECK(summary.maxJitter == 480);
    CHECK_FALSE(summary.maxRttMs);
}

TEST_CASE("ListenerRoster forgets a reporter silent for more than 10 s", "[stream][roster]")
{
    ListenerRoster roster;
    const auto t0 = ListenerRoster::Clock::time_point{} + 100s;
    roster.heard({1, 1, 1}, lossOf(0), t0);
    roster.heard({2, 1, 1}, lossOf(128), t0 + 5s);
    CHECK(roster.summary(t0 + 10s).listeners == 2);
    // Past 10 s the first one no longer counts, even before expire() frees it.
    CHECK(roster.summary(t0 + 11s).listeners == 1);
    roster.expire(t0 + 11s);
    CHECK(roster.size() == 1);
    roster.expire(t0 + 16s);
    CHECK(roster.size() == 0);
    CHECK(roster.summary(t0 + 16s).listeners == 0);
    CHECK(roster.summary(t0 + 16s).worstLossPercent == 0.0);
}

TEST_CASE("ListenerRoster removes a reporter at its BYE", "[stream][roster]")
{
    ListenerRoster roster;
    const auto t0 = ListenerRoster::Clock::time_point{} + 100s;
    roster.heard({1, 1, 1}, lossOf(0), t0);
    roster.heard({2, 1, 1}, lossOf(0), t0);
    roster.left({2, 1, 1});
    roster.left({3, 1, 1}); // never heard: nothing happens
    roster.left({1, 2, 1}); // the same SSRC from elsewhere is another reporter
    CHECK(roster.summary(t0).listeners == 1);
}

TEST_CASE("ListenerRoster refuses new reporters past its bound and counts them", "[stream][roster]")
{
    ListenerRoster roster(4);
    const auto t0 = ListenerRoster::Clock::time_point{} + 100s;
    for (std::uint32_t i = 0; i < 10; ++i)
        CHECK(roster.heard({i, 1, 1}, lossOf(0), t0) == (i < 4));
    CHECK(roster.size() == 4);
    CHECK(roster.refused() == 6);
    // Known reporters are still updated, and room made by BYE or expiry is used again.
    CHECK(roster.heard({0, 1, 1}, lossOf(255), t0 + 1s));
    CHECK(roster.summary(t0 + 1s).worstLossPercent == Approx(255 * 100.0 / 256));
    roster.left({1, 1, 1});
    CHECK(roster.heard({99, 1, 1}, lossOf(0), t0 + 1s));
    CHECK(roster.refused() == 6);
}

TEST_CASE("ListenerRoster holds 65,536 reporters by default", "[stream][roster]")
{
    ListenerRoster roster;
    const auto t0 = ListenerRoster::Clock::time_point{} + 100s;
    for (std::uint32_t i = 0; i < 70000; ++i)
        roster.heard({i, 0x0a000000u + i, static_cast<std::uint16_t>(i)}, lossOf(0), t0);
    CHECK(roster.size() == ListenerRoster::defaultCapacity);
    CHECK(roster.refused() == 70000 - ListenerRoster::defaultCapacity);
    CHECK(roster.summary(t0).listeners == ListenerRoster::defaultCapacity);
}

TEST_CASE("ListenerRoster reports the slowest round trip", "[stream][roster]")
{
    ListenerRoster roster;
    const auto t0 = ListenerRoster::Clock::time_point{} + 100s;
    ListenerReport near = lossOf(0);
    near.rttMs = 0.5;
    ListenerReport far = lossOf(0);
    far.rttMs = 42.0;
    roster.heard({1, 1, 1}, near, t0);
    roster.heard({2, 1, 1}, far, t0);
    roster.heard({3, 1, 1}, lossOf(0), t0);
    REQUIRE(roster.summary(t0).maxRttMs);
    CHECK(*roster.summary(t0).maxRttMs == 42.0);
}
