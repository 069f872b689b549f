#pragma once
// The engine's command words as JSON-RPC methods (docs/CONTROL_API.md, "Methods"): each method's
// params become one command line in the engine's words, which parseCommand() then checks, so that
// a console sees the same refusal a script would ("'seat en-1 volume 40': expected volume in dB
// from -60 to 12").
//
// Threads: any (pure).

#include "core/Result.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace dragoman::control
{

// The methods that map onto a command line (seat.*, floor.language, channel.idle,
// booth.interlock, interlock.between, monitor.set, command).
const std::vector<std::string_view>& commandMethods();
bool isCommandMethod(std::string_view method);
// True for the seat.* methods, which a seat's token may call for its own seat.
bool isSeatMethod(std::string_view method);

// The command line, or an invalid-params message naming the parameter and what it accepts.
Result<std::string> commandLine(std::string_view method, const nlohmann::json& params);

} // namespace dragoman::control
