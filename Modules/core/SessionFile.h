#pragma once
// Session files: the YAML a technician writes to describe a meeting (see
// Assets/sessions/astana.yaml for every key). Reading one either yields a Session that
// validateSession() accepts, or refuses it with exactly one message
// `FILE:LINE: KEY: what is wrong`, e.g.
//   astana.yaml:14: booths[1].outputs.B: unknown channel 'xx' (channels: ru, zh, en, ...)
// Unknown keys are refused too: a typo such as `interlok:` must not silently fall back to a
// default in front of forty delegates.
//
// Threads: control thread only (reads files, allocates). No shared state. Never throws: YAML
// errors are turned into the message above.

#include "core/Result.h"
#include "core/Session.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace dragoman
{

// Reads and checks the session file at `path`. Messages start with `path` as given.
Result<Session> loadSessionFile(const std::filesystem::path& path);

// Reads and checks session YAML held in memory; `sourceName` starts every message (usually the
// file name the text came from).
Result<Session> parseSession(std::string_view yamlText, const std::string& sourceName);

} // namespace dragoman
