#pragma once
// The `network:` section of a session file (see Assets/sessions/astana.yaml). Private to the
// core library: SessionFile.cpp calls it for the one key it owns, so that the stream settings
// grow without growing the main reader. Shape only; validateNetwork() checks the values.
//
// Threads: control thread only (allocates). Never throws.

#include "core/Result.h"
#include "core/Session.h"
#include "core/SessionValidator.h"

#include <yaml-cpp/yaml.h>

namespace dragoman
{

// Reads the map under `network:`; notes each key's line in `source`; refusals are in the
// session file's `FILE:LINE: KEY: what` form. `channels` (the session's, already read) place
// each channel's group when default_multicast_base is given.
Result<NetworkSpec> readNetworkSection(const YAML::Node& node, SessionSource& source,
                                       const std::vector<ChannelSpec>& channels);

} // namespace dragoman
