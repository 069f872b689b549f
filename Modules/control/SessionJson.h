#pragma once
// session.get: the running session as JSON with the session file's keys, so that a console can
// show (and a script can diff) what the engine was started with. Tokens are never included.
//
// Threads: any (the session is read-only while the engine runs).

#include "core/Session.h"

#include <nlohmann/json.hpp>

namespace dragoman::control
{

nlohmann::json sessionToJson(const Session& session);

// "ADDR:PORT", as the session file writes it.
std::string endpointText(const StreamEndpoint& endpoint);
// A remote seat's {"listen": where the engine takes its microphone, "send_to": where it sends its
// feed}, or null for a seat wired to the engine's device.
nlohmann::json remoteSeatJson(const std::optional<RemoteSeatSpec>& remote);

} // namespace dragoman::control
