#pragma once
// The `control:` section of a session file (docs/CONTROL_API.md): where the control API listens,
// its tokens (inline or in a file), the presets folder and TLS. Private to the core library, as
// SessionNetworkFile: SessionFile.cpp calls it for the one key it owns. Shape and plain values
// only; whether a seat token names a real seat is checked by the control module's TokenTable.
//
// Threads: control thread only (allocates). Never throws.

#include "core/Result.h"
#include "core/Session.h"
#include "core/SessionValidator.h"

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace dragoman
{

// Reads the map under `control:`; refusals are `FILE:LINE: control.KEY: what`.
Result<ControlSpec> readControlSection(const YAML::Node& node, SessionSource& source);

// Reads a token list (the `tokens:` key, or a whole tokens file whose `source` names that file):
// `- { token: T, role: technician|viewer|seat:ID, name: N }`. `path` prefixes the keys.
Result<std::vector<ControlToken>> readControlTokens(const YAML::Node& node, SessionSource& source,
                                                    const std::string& path);

// "HOST:PORT" as the control section and `dragoman engine --control` write it.
Result<ControlEndpoint> parseControlEndpoint(const std::string& text);

} // namespace dragoman
