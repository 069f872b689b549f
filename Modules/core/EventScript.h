#pragma once
// A scripted meeting: lines `SECONDS COMMAND` (the command words of parseCommand), blank lines
// and `#` comments ignored. Used by `dragoman render --events` and `dragoman engine --events`.
//
// A line whose time is malformed or goes backwards makes the whole script invalid (FILE:LINE:
// message). A line whose command is refused stays in the script with its reason, so that the
// engine's event log shows the refusal at that moment, as it would for a console.

#include "Command.h"
#include "Floorplan.h"
#include "Result.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dragoman
{

struct ScriptedCommand
{
    double seconds = 0.0;
    int line = 0;
    std::string text;
    Command command;
    std::string refusal; // empty when the command parsed
};

Result<std::vector<ScriptedCommand>>
parseEventScript(std::string_view text, const std::string& sourceName, const Floorplan& plan);
Result<std::vector<ScriptedCommand>> loadEventScript(const std::filesystem::path& path,
                                                     const Floorplan& plan);

} // namespace dragoman
