#pragma once
// Session presets: the desk's settings (floor language, interlock modes, idle feeds, and every
// seat's listen, output, volume, tone and sidetone) saved as PRESETS_DIR/NAME.yaml and applied
// back as commands. A preset is a list of command lines in the engine's own words, so that a
// technician can read and edit one, and loading it goes through parseCommand like any command.
// Microphones and cough keys are never part of a preset: loading one must not put anybody on air.
//
// Threads: the network thread (file I/O of a few kilobytes, on request only).

#include "control/ControlMirror.h"
#include "core/Result.h"
#include "engine/Engine.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dragoman::control
{

struct PresetInfo
{
    std::string name;
    std::string savedAt;
};

class PresetStore
{
public:
    explicit PresetStore(std::filesystem::path directory) : dir(std::move(directory)) {}

    // Letters, digits, '-' and '_', 1 to 64 of them: a preset name is a file name.
    static bool validName(std::string_view name);
    // The settings the engine runs with now, as command lines.
    static std::vector<std::string> settingsOf(const Engine& engine, const ControlMirror& mirror);

    Result<PresetInfo> save(const std::string& name, const std::vector<std::string>& commands,
                            const std::string& savedAt) const;
    // The preset's command lines, each checked by parseCommand; errors name FILE: and the
    // engine's words. An unknown preset's error starts with "not found:".
    Result<std::vector<std::string>> load(const std::string& name, const Floorplan& plan) const;
    Result<std::vector<PresetInfo>> list() const;

    const std::filesystem::path& directory() const noexcept { return dir; }

private:
    std::filesystem::path dir;
};

} // namespace dragoman::control
