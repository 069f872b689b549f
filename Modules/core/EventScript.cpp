#include "EventScript.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace dragoman
{

Result<std::vector<ScriptedCommand>>
parseEventScript(std::string_view text, const std::string& sourceName, const Floorplan& plan)
{
    std::vector<ScriptedCommand> script;
    int lineNumber = 0;
    double previous = 0.0;
    std::size_t start = 0;
    while (start <= text.size())
    {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        auto line = text.substr(start, end - start);
        start = end + 1;
        ++lineNumber;

        if (const auto hash = line.find('#'); hash != std::string_view::npos)
            line = line.substr(0, hash);
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string_view::npos)
            continue;
        line = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);

        const auto where = sourceName + ":" + std::to_string(lineNumber) + ": ";
        const auto space = line.find_first_of(" \t");
        if (space == std::string_view::npos)
            return Error{where + "expected 'SECONDS COMMAND', got '" + std::string(line) + "'"};
        double seconds = 0.0;
        const auto timeWord = line.substr(0, space);
        const auto [ptr, ec] =
            std::from_chars(timeWord.data(), timeWord.data() + timeWord.size(), seconds);
        if (ec != std::errc{} || ptr != timeWord.data() + timeWord.size() ||
            !std::isfinite(seconds) || seconds < 0.0)
            return Error{where + "'" + std::string(timeWord) + "' is not a time in seconds"};
        if (seconds < previous)
            return Error{where + "time " + std::string(timeWord) +
                         " s goes back before the line above"};
        previous = seconds;

        ScriptedCommand entry;
        entry.seconds = seconds;
        entry.line = lineNumber;
        entry.text = std::string(line.substr(line.find_first_not_of(" \t", space)));
        auto command = parseCommand(entry.text, plan);
        if (command)
            entry.command = command.value();
        else
            entry.refusal = where + command.error();
        script.push_back(std::move(entry));
        if (end == text.size())
            break;
    }
    return script;
}

Result<std::vector<ScriptedCommand>> loadEventScript(const std::filesystem::path& path,
                                                     const Floorplan& plan)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error{path.string() + ": cannot read the events file"};
    std::ostringstream text;
    text << in.rdbuf();
    return parseEventScript(text.str(), path.filename().string(), plan);
}

} // namespace dragoman
