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

} // namespace dragoman::control
