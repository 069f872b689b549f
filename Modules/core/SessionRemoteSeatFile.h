#pragma once
// A seat's `remote:` key: the interpreter sits elsewhere and `dragoman seat` carries the seat's
// audio over the network (see README "Remote seats"). Private to the core library: SessionFile.cpp
// calls it for the one key, so that the seat reader stays small.
//
//   seats: [{ id: en-3, remote: { listen: "127.0.0.1:7100", send_to: "127.0.0.1:7200" } }]
//
// `listen`: where the engine receives the interpreter's microphone (RTP/Opus; RTCP one port up).
// `send_to`: where the engine sends what the seat hears (RTP/Opus; RTCP one port up).
//
// Threads: control thread only (allocates). Never throws.

#include "core/Result.h"
#include "core/Session.h"
#include "core/SessionValidator.h"

#include <string>

#include <yaml-cpp/yaml.h>

namespace dragoman
{

// Reads the map under a seat's `remote:` (`path` is the seat's key path plus ".remote"); notes
// each key's line in `source`; refusals are in the session file's `FILE:LINE: KEY: what` form.
Result<RemoteSeatSpec> readRemoteSeat(const YAML::Node& node, SessionSource& source,
                                      const std::string& path);

} // namespace dragoman
