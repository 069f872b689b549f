#pragma once
// The text rules shared by the SDP writer and parser: what counts as valid UTF-8, text, a token
// and a number, how fields split, how a packet time is spelled. Kept in one place so that both
// directions apply exactly the same rules, which is what makes write-then-parse give back the
// same description.
//
// Threads: pure functions, any thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dragoman::sdptext
{

// Well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF).
bool validUtf8(std::string_view text) noexcept;

// Text for people (s=, i=, a=fmtp values): UTF-8, no control characters except tab.
bool validText(std::string_view text) noexcept;

// A token (addresses, names, language tags): non-empty, UTF-8, no spaces or control characters.
bool validToken(std::string_view text) noexcept;

// Decimal digits only, at most `max`. No sign, no spaces, no empty string.
std::optional<std::uint64_t> parseNumber(std::string_view text, std::uint64_t max) noexcept;

std::string_view trim(std::string_view text) noexcept;

// Space-separated fields; runs of spaces count as one.
std::vector<std::string_view> splitFields(std::string_view text);

// a=ptime in microseconds, so that 2.5 ms is exact: "10", "2.5", "1.25" (at most 3 decimals).
inline constexpr int maxPtimeMicroseconds = 100'000'000; // 100 s: anything longer is a typo
std::string formatPtime(int microseconds);
std::optional<int> parsePtime(std::string_view text);

} // namespace dragoman::sdptext
