#pragma once

#include <string_view>

namespace dragoman
{

// The one word consoles, the control API and the log use for a relay depth (kDepthNone,
// kDepthCycle, 0, 1, 2, ...): silence, cycle, floor, direct, relay, double relay.
std::string_view relayDepthName(int depth);

} // namespace dragoman
