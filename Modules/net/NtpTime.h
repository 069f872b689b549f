#pragma once
// NTP timestamps as RTCP carries them (RFC 3550 §4): 32 bits of seconds since 1900 and 32 bits
// of fraction. Sender reports pair one with an RTP timestamp, which is how a receiver maps the
// stream onto wall-clock time and measures mouth-to-ear delay.
//
// Threads: a plain value; any thread. Conversions are real-time safe.

#include "core/Realtime.h"

#include <chrono>
#include <cstdint>

namespace dragoman
{

class NtpTime
{
public:
    constexpr NtpTime() noexcept = default;
    constexpr explicit NtpTime(std::uint64_t raw) noexcept : bits(raw) {}
    static constexpr NtpTime fromParts(std::uint32_t seconds, std::uint32_t fraction) noexcept
    {
        return NtpTime{(std::uint64_t{seconds} << 32) | fraction};
    }

    // Rounded to the nearest 2^-32 s; back again it gives the same nanosecond.
    static NtpTime
    fromSystemClock(std::chrono::system_clock::time_point t) noexcept DRAGOMAN_NONBLOCKING;
    // NTP seconds wrap in February 2036. Following RFC 4330 §3, a value with the top bit of the
    // seconds clear is taken to be after that wrap (era 1), so this works until 2104.
    std::chrono::system_clock::time_point toSystemClock() const noexcept DRAGOMAN_NONBLOCKING;

    constexpr std::uint64_t raw() const noexcept { return bits; }
    constexpr std::uint32_t seconds() const noexcept
    {
        return static_cast<std::uint32_t>(bits >> 32);
    }
    constexpr std::uint32_t fraction() const noexcept { return static_cast<std::uint32_t>(bits); }
    // The middle 32 bits (16.16 fixed point): the LSR field of a report block.
    constexpr std::uint32_t middle32() const noexcept
    {
        return static_cast<std::uint32_t>(bits >> 16);
    }

    friend constexpr bool operator==(NtpTime, NtpTime) noexcept = default;

private:
    std::uint64_t bits = 0;
};

// Seconds from 1900-01-01 (NTP epoch) to 1970-01-01 (Unix epoch).
inline constexpr std::int64_t ntpUnixEpochOffset = 2208988800;

} // namespace dragoman
