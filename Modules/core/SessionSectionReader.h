#pragma once
// What the readers of a session file's sections (network:, control:) share: a refusal that
// leaves the descent in one step, map entries with each key's line noted, unknown keys and keys
// written twice refused in the session file's FILE:LINE: KEY: form.
//
// Threads: the control thread, while a session file is read.

#include "core/Result.h"
#include "core/SessionValidator.h"

#include <yaml-cpp/yaml.h>

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dragoman
{

// Thrown by SectionReader::refuse(); each section's entry point catches it and returns the error.
struct SectionRefusal
{
    Error error;
};

class SectionReader
{
public:
    using Keys = std::span<const std::string_view>;

    explicit SectionReader(SessionSource& source) : src(source) {}

    // 'text', as refusals quote what the file said.
    static std::string quoted(std::string_view text);

protected:
    static int lineOf(const YAML::Node& node);

    [[noreturn]] void refuse(const YAML::Node& at, const std::string& key,
                             const std::string& what) const;

    // The entries of a map, each key's line noted; unknown keys (when `allowed` is not empty)
    // and keys written twice are refused.
    std::vector<std::pair<std::string, YAML::Node>> mapEntries(const YAML::Node& node,
                                                               const std::string& path,
                                                               Keys allowed,
                                                               std::string_view example);

    SessionSource& src;
};

} // namespace dragoman
