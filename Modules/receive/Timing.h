#pragma once
// Times and the one sample rate every receiver class speaks.
//
// Arrival and pull times are nanoseconds on one monotonic clock (std::chrono::steady_clock in the
// program, a simulated clock in tests); only differences between them matter.
//
// Threads: constants and pure functions, any thread.

#include <chrono>
#include <cstdint>

namespace dragoman
{

using Nanoseconds = std::chrono::nanoseconds;

// Opus over RTP counts 48 kHz whatever the encoder's bandwidth (RFC 7587), and the receiver plays
// at 48 kHz: one rate for timestamps, decoding and output, so no conversion hides anywhere.
inline constexpr int receiveSampleRate = 48000;

constexpr double toSeconds(Nanoseconds t) noexcept
{
    return std::chrono::duration<double>(t).count();
}

constexpr double samplesToSeconds(double samples) noexcept
{
    return samples / receiveSampleRate;
}

// Floor division: block indices of times before the clock's origin must not round towards zero.
constexpr std::int64_t floorDiv(std::int64_t a, std::int64_t b) noexcept
{
    const auto q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

} // namespace dragoman
