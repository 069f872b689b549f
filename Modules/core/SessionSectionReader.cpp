#include "core/SessionSectionReader.h"

#include <algorithm>

namespace dragoman
{

int SectionReader::lineOf(const YAML::Node& node)
{
    const YAML::Mark mark = node.Mark();
    return mark.is_null() ? 0 : mark.line + 1;
}

std::string SectionReader::quoted(std::string_view text)
{
    return "'" + std::string(text) + "'";
}

void SectionReader::refuse(const YAML::Node& at, const std::string& key,
                           const std::string& what) const
{
    throw SectionRefusal{src.refuseAtLine(lineOf(at), key, what)};
}

std::vector<std::pair<std::string, YAML::Node>> SectionReader::mapEntries(const YAML::Node& node,
                                                                          const std::string& path,
                                                                          Keys allowed,
                                                                          std::string_view example)
{
    if (!node.IsMap())
        refuse(node, path, "expected a map such as " + std::string(example));
    std::vector<std::pair<std::string, YAML::Node>> entries;
    for (const auto& entry : node)
    {
        if (!entry.first.IsScalar())
            refuse(entry.first, path, "keys must be single words");
        const std::string key = entry.first.Scalar();
        const std::string keyPath = path + "." + key;
        if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        {
            std::string list;
            for (const auto word : allowed)
                list += (list.empty() ? "" : ", ") + std::string(word);
            refuse(entry.first, keyPath, "unknown key " + quoted(key) + " (allowed: " + list + ")");
        }
        for (const auto& earlier : entries)
            if (earlier.first == key)
                refuse(entry.first, keyPath, "written twice");
        src.note(keyPath, lineOf(entry.first));
        entries.emplace_back(key, entry.second);
    }
    return entries;
}

} // namespace dragoman
