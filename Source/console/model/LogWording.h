#pragma once
// Engine events and messages in the words the technician reads in the event log.
// Any thread (pure functions).

#include "model/ConsoleState.h"

#include <nlohmann/json.hpp>

namespace dragoman::console
{

// An `event` notification ({"seq", "t", "type", "seat", "channel", ...}) as one log line.
LogEntry describeEvent(const nlohmann::json& event);
// A MESSAGE ({"id", "from", "to", "kind", "text", "at"}) as one log line; slow-down and
// call-technician requests are marked urgent, and a seat's message can be answered (replyTo).
LogEntry describeMessage(const nlohmann::json& message);

} // namespace dragoman::console
