#include "control/TokenTable.h"

#include "core/SessionControlFile.h"
#include "core/SessionValidator.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

namespace dragoman::control
{

std::string Identity::role() const
{
    switch (kind)
    {
    case RoleKind::technician:
        return "technician";
    case RoleKind::seat:
        return "seat:" + seatId;
    case RoleKind::viewer:
        return "viewer";
    }
    return "viewer";
}

Result<std::vector<ControlToken>> TokenTable::parse(std::string_view yamlText,
                                                    const std::string& sourceName)
{
    SessionSource source(sourceName);
    try
    {
        const YAML::Node root = YAML::Load(std::string(yamlText));
        return readControlTokens(root, source, "tokens");
    }
    catch (const YAML::Exception& error)
    {
        return source.refuseAtLine(error.mark.is_null() ? 0 : error.mark.line + 1, "tokens",
                                   error.msg);
    }
}

Result<TokenTable> TokenTable::load(const std::vector<ControlToken>& inlineTokens,
                                    const std::filesystem::path& file, const Floorplan& plan)
{
    std::vector<ControlToken> tokens = inlineTokens;
    if (!file.empty())
    {
        std::ifstream in(file, std::ios::binary);
        if (!in)
            return Error{file.string() + ": cannot read the tokens file"};
        std::ostringstream text;
        text << in.rdbuf();
        auto parsed = parse(text.str(), file.string());
        if (!parsed)
            return Error{parsed.error()};
        tokens.insert(tokens.end(), parsed->begin(), parsed->end());
    }

    TokenTable table;
    for (const auto& token : tokens)
    {
        for (const auto& earlier : table.entries)
            if (earlier.token == token.token)
                return Error{"control tokens: the same token is given twice (" + token.role + ", " +
                             earlier.identity.role() + ")"};
        Entry entry{token.token, {}};
        entry.identity.name = token.name;
        if (token.role == "technician")
            entry.identity.kind = RoleKind::technician;
        else if (token.role == "viewer")
            entry.identity.kind = RoleKind::viewer;
        else
        {
            const std::string id = token.role.substr(5);
            const auto seat = plan.seatIndex(id);
            if (!token.role.starts_with("seat:") || !seat)
                return Error{"control tokens: role '" + token.role +
                             "' names no seat of this session"};
            entry.identity.kind = RoleKind::seat;
            entry.identity.seat = *seat;
            entry.identity.seatId = id;
        }
        table.entries.push_back(std::move(entry));
    }
    return table;
}

std::optional<Identity> TokenTable::find(std::string_view token) const
{
    std::optional<Identity> found;
    for (const auto& entry : entries)
    {
        unsigned difference = entry.token.size() == token.size() ? 0u : 1u;
        const std::size_t n = std::min(entry.token.size(), token.size());
        for (std::size_t i = 0; i < n; ++i)
            difference |= static_cast<unsigned>(static_cast<unsigned char>(entry.token[i]) ^
                                                static_cast<unsigned char>(token[i]));
        if (difference == 0)
            found = entry.identity;
    }
    return found;
}

} // namespace dragoman::control
