#include "control/PresetStore.h"

#include "core/Command.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <system_error>

namespace dragoman::control
{

namespace
{

constexpr auto relaxed = std::memory_order_relaxed;

std::string decibels(float db)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", std::round(db * 10.0f) / 10.0f);
    return text;
}

} // namespace

bool PresetStore::validName(std::string_view name)
{
    return !name.empty() && name.size() <= 64 &&
           std::all_of(name.begin(), name.end(),
                       [](char c)
                       {
                           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                  (c >= '0' && c <= '9') || c == '-' || c == '_';
                       });
}

std::vector<std::string> PresetStore::settingsOf(const Engine& engine, const ControlMirror& mirror)
{
    const auto& plan = engine.floorplan();
    const auto& board = engine.status();
    std::vector<std::string> lines;
    lines.push_back("interlock between " + std::string(toString(mirror.interlockBetween())));
    for (int b = 0; b < plan.boothCount(); ++b)
        lines.push_back("booth " + plan.boothId(b) + " interlock " +
                        std::string(toString(mirror.boothInterlock(b))));
    lines.push_back("floor language " + mirror.floorLanguage());
    for (int c = 0; c < plan.channelCount(); ++c)
        lines.push_back("channel " + plan.channelId(c) + " idle " +
                        (board.channels[c + 1].idleFloor.load(relaxed) ? "floor" : "silence"));
    for (int s = 0; s < plan.seatCount(); ++s)
    {
        const auto& seat = board.seats[s];
        const std::string prefix = "seat " + plan.seatId(s) + " ";
        const int listen = seat.listen.load(relaxed);
        lines.push_back(prefix + "listen " +
                        (listen == kAuto ? std::string("auto") : plan.channelId(listen)));
        lines.push_back(prefix + "output " +
                        std::string(1, static_cast<char>('A' + seat.outputSlot.load(relaxed))));
        lines.push_back(prefix + "volume " + decibels(seat.volumeDb.load(relaxed)));
        lines.push_back(prefix + "bass " + decibels(seat.bassDb.load(relaxed)));
        lines.push_back(prefix + "treble " + decibels(seat.trebleDb.load(relaxed)));
        const float sidetone = seat.sidetoneDb.load(relaxed);
        lines.push_back(prefix + "sidetone " +
                        (std::isfinite(sidetone) ? decibels(sidetone) : "off"));
    }
    return lines;
}

Result<PresetInfo> PresetStore::save(const std::string& name,
                                     const std::vector<std::string>& commands,
                                     const std::string& savedAt) const
{
    if (!validName(name))
        return Error{"name: letters, digits, '-' and '_' (at most 64), got '" + name + "'"};
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error)
        return Error{dir.string() + ": cannot create the presets folder: " + error.message()};

    YAML::Emitter out;
    out << YAML::Comment("Dragoman preset: command lines applied in order by session.load");
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << name;
    out << YAML::Key << "saved_at" << YAML::Value << savedAt;
    out << YAML::Key << "commands" << YAML::Value << YAML::BeginSeq;
    for (const auto& line : commands)
        out << line;
    out << YAML::EndSeq << YAML::EndMap;

    // Written beside and renamed over, so that a crash never leaves half a preset.
    const auto path = dir / (name + ".yaml");
    const auto temporary = dir / (name + ".yaml.new");
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        file << out.c_str() << '\n';
        if (!file.flush())
            return Error{temporary.string() + ": cannot write"};
    }
    std::filesystem::rename(temporary, path, error);
    if (error)
        return Error{path.string() + ": cannot write: " + error.message()};
    return PresetInfo{name, savedAt};
}

Result<std::vector<std::string>> PresetStore::load(const std::string& name,
                                                   const Floorplan& plan) const
{
    if (!validName(name))
        return Error{"not found: no preset '" + name + "'"};
    const auto path = dir / (name + ".yaml");
    if (!std::filesystem::is_regular_file(path))
        return Error{"not found: no preset '" + name + "' in " + dir.string()};
    const std::string file = path.string();
    try
    {
        const YAML::Node root = YAML::LoadFile(file);
        const YAML::Node commands = root["commands"];
        if (!root.IsMap() || !commands || !commands.IsSequence())
            return Error{file + ": expected a map with a `commands:` list"};
        std::vector<std::string> lines;
        for (const auto& item : commands)
        {
            const int line = item.Mark().is_null() ? 0 : item.Mark().line + 1;
            const std::string where = file + ":" + std::to_string(line) + ": ";
            if (!item.IsScalar())
                return Error{where + "expected a command line"};
            const std::string text = item.Scalar();
            auto command = parseCommand(text, plan);
            if (!command)
                return Error{where + command.error()};
            if (command->kind == CommandKind::seatMic || command->kind == CommandKind::seatCough)
                return Error{where + "'" + text + "': a preset never switches microphones"};
            lines.push_back(text);
        }
        return lines;
    }
    catch (const YAML::Exception& error)
    {
        return Error{file + ":" + std::to_string(error.mark.line + 1) + ": " + error.msg};
    }
}

Result<std::vector<PresetInfo>> PresetStore::list() const
{
    std::vector<PresetInfo> presets;
    std::error_code error;
    if (!std::filesystem::exists(dir, error))
        return presets;
    for (const auto& entry : std::filesystem::directory_iterator(dir, error))
    {
        const auto& path = entry.path();
        if (path.extension() != ".yaml" || !validName(path.stem().string()))
            continue;
        PresetInfo info{path.stem().string(), ""};
        try
        {
            const YAML::Node root = YAML::LoadFile(path.string());
            if (root.IsMap() && root["saved_at"] && root["saved_at"].IsScalar())
                info.savedAt = root["saved_at"].Scalar();
        }
        catch (const YAML::Exception&)
        {
            // Listed without a date: session.load will say what is wrong with it.
        }
        presets.push_back(info);
    }
    if (error)
        return Error{dir.string() + ": cannot list the presets: " + error.message()};
    std::sort(presets.begin(), presets.end(),
              [](const PresetInfo& a, const PresetInfo& b) { return a.name < b.name; });
    return presets;
}

} // namespace dragoman::control
