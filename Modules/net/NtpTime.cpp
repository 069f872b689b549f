#include "net/NtpTime.h"

namespace dragoman
{

namespace
{
constexpr std::int64_t nanosPerSecond = 1'000'000'000;
constexpr std::int64_t era = std::int64_t{1} << 32; // seconds in one NTP era
} // namespace

NtpTime
NtpTime::fromSystemClock(std::chrono::system_clock::time_point t) noexcept DRAGOMAN_NONBLOCKING
{
    const auto sinceUnix =
        std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
    // Floor division, so that instants before 1970 keep a fraction in [0, 1).
    std::int64_t unixSeconds = sinceUnix / nanosPerSecond;
    std::int64_t nanos = sinceUnix % nanosPerSecond;
    if (nanos < 0)
    {
        nanos += nanosPerSecond;
        --unixSeconds;
    }
    std::uint64_t fraction =
        ((static_cast<std::uint64_t>(nanos) << 32) + nanosPerSecond / 2) / nanosPerSecond;
    std::int64_t seconds = unixSeconds + ntpUnixEpochOffset;
    if (fraction >> 32)
    {
        fraction = 0; // rounded up into the next second
        ++seconds;
    }
    // Modulo the era: after 2036 the seconds start again from 0.
    return fromParts(static_cast<std::uint32_t>(static_cast<std::uint64_t>(seconds)),
                     static_cast<std::uint32_t>(fraction));
}

std::chrono::system_clock::time_point NtpTime::toSystemClock() const noexcept DRAGOMAN_NONBLOCKING
{
    std::int64_t ntpSeconds = seconds();
    if ((seconds() & 0x80000000u) == 0)
        ntpSeconds += era;
    const std::int64_t unixSeconds = ntpSeconds - ntpUnixEpochOffset;
    const auto nanos = static_cast<std::int64_t>(
        ((std::uint64_t{fraction()} * nanosPerSecond) + (std::uint64_t{1} << 31)) >> 32);
    return std::chrono::system_clock::time_point{
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::nanoseconds{unixSeconds * nanosPerSecond + nanos})};
}

} // namespace dragoman
