#include "net/NtpTime.h"

#include <catch2/catch.hpp>

using namespace dragoman;
using namespace std::chrono;

namespace
{
system_clock::time_point unixTime(std::int64_t seconds, std::int64_t nanos = 0)
{
    return system_clock::time_point{
        duration_cast<system_clock::duration>(std::chrono::seconds{seconds} + nanoseconds{nanos})};
}
} // namespace

TEST_CASE("NtpTime: the Unix epoch and half a second", "[net][ntp]")
{
    const auto epoch = NtpTime::fromSystemClock(system_clock::time_point{});
    CHECK(epoch.seconds() == 2208988800u);
    CHECK(epoch.fraction() == 0);
    const auto half = NtpTime::fromSystemClock(system_clock::time_point{milliseconds{1500}});
    CHECK(half.seconds() == 2208988801u);
    CHECK(half.fraction() == 0x80000000u);
    CHECK(half.middle32() == ((2208988801u & 0xffffu) << 16 | 0x8000u));
    CHECK(NtpTime::fromParts(1, 2).raw() == 0x0000000100000002ull);
}

TEST_CASE("NtpTime: system clock round trips to the nanosecond, across the 2036 wrap", "[net][ntp]")
{
    // 2024-05-01, the last second of NTP era 0 (2036-02-07 06:28:15), and 2040.
    for (const std::int64_t unix : {1714521600LL, 2085978495LL, 2085978496LL, 2208988800LL})
        for (const std::int64_t nanos : {0LL, 1LL, 123456789LL, 999999999LL})
        {
            const auto t = unixTime(unix, nanos);
            const auto ntp = NtpTime::fromSystemClock(t);
            CHECK(ntp.toSystemClock() == t);
        }
    // NTP seconds 0 is 2036-02-07 06:28:16 UTC in era 1.
    CHECK(NtpTime::fromSystemClock(unixTime(2085978496)).seconds() == 0);
    CHECK(NtpTime::fromParts(0, 0).toSystemClock() == unixTime(2085978496));
}

TEST_CASE("NtpTime: the sender report ffmpeg sent maps to a plausible date", "[net][ntp]")
{
    // NTP time from a captured SR: eeb53672.5e76c8b4 (2026).
    const auto t = NtpTime::fromParts(0xeeb53672u, 0x5e76c8b4u).toSystemClock();
    const auto unix = duration_cast<seconds>(t.time_since_epoch()).count();
    CHECK(unix == 0xeeb53672LL - ntpUnixEpochOffset);
    CHECK(unix > 1735689600); // after 2025-01-01
}
