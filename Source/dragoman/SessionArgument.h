#pragma once
// Loading the session named on the command line, with the embedded Astana demo as the default.

#include "core/Result.h"
#include "core/Session.h"

#include <filesystem>
#include <string>

namespace dragoman::cli
{

// The demo session shipped in Assets/ (the installed copy when the source tree is gone).
std::filesystem::path assetsDir();
std::filesystem::path defaultSessionPath();

// Loads `path` (empty: the default session) or returns the loader's message.
Result<Session> loadSessionArgument(const std::string& path);

} // namespace dragoman::cli
