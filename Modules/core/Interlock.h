#pragma once
// Interlock modes as conference desks name them. Set separately within a booth and between booths.

#include <optional>
#include <string_view>

namespace dragoman
{

enum class InterlockMode
{
    none,          // mixed: several microphones may be live on one channel
    interlock,     // a second microphone cannot go live while one is live
    override,      // the new microphone takes the channel and the old one is cut
    toggleOverride // the new microphone takes over; when it goes off, the one it displaced resumes
};

std::optional<InterlockMode> parseInterlockMode(std::string_view word);
std::string_view toString(InterlockMode mode);

} // namespace dragoman
