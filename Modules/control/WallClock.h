#pragma once
// Times as the control API writes them: "2026-11-28T13:20:01Z" (UTC, whole seconds).
//
// Threads: any (no shared state).

#include <chrono>
#include <ctime>
#include <string>

namespace dragoman::control
{

inline std::string isoTime(std::chrono::system_clock::time_point when)
{
    const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

inline std::string isoNow()
{
    return isoTime(std::chrono::system_clock::now());
}

} // namespace dragoman::control
