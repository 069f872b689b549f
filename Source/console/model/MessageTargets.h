#pragma once
// Who the technician can write to, in the control API's words (`messages.send`'s "to"): every
// seat at once ("everyone"), one booth or one seat.
// Any thread (pure functions).

#include "model/ConsoleState.h"

#include <string>
#include <vector>

namespace dragoman::console
{

inline constexpr const char* kEveryone = "everyone";

struct MessageTarget
{
    std::string id;    // "everyone", "booth:en" or "seat:en-1"
    std::string label; // as the composer lists it: "Everyone", "EN booth", "en-1"
};

// Everyone first, then the booths, then the seats, in the session's order.
std::vector<MessageTarget> messageTargets(const EngineState& state);

// The recipients of one text in the log's words: "everyone", "en booth", "en-1, zh booth".
std::string recipientsText(const EngineState& state, const std::vector<std::string>& to);

} // namespace dragoman::console
