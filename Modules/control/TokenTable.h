#pragma once
// Who may do what on the control API: the tokens of the session's `control:` section and of its
// tokens file, resolved against the floorplan (a `seat:ID` token must name a real seat).
//
// Threads: built on the control thread before the API starts; read-only afterwards, so the
// network thread may look tokens up without a lock.

#include "core/Floorplan.h"
#include "core/Result.h"
#include "core/Session.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dragoman::control
{

enum class RoleKind
{
    technician, // everything
    seat,       // its own seat's controls and messages, and every read method
    viewer      // read methods only
};

// The authenticated side of one connection.
struct Identity
{
    RoleKind kind = RoleKind::viewer;
    int seat = -1;      // for RoleKind::seat
    std::string seatId; // for RoleKind::seat
    std::string name;   // free text from the tokens list

    std::string role() const; // "technician", "viewer", "seat:en-1"
};

class TokenTable
{
public:
    TokenTable() = default;

    // Inline tokens plus the file's (when `file` is not empty). Messages say FILE:LINE: KEY.
    static Result<TokenTable> load(const std::vector<ControlToken>& inlineTokens,
                                   const std::filesystem::path& file, const Floorplan& plan);
    // Parses a tokens file's text; `sourceName` starts every message.
    static Result<std::vector<ControlToken>> parse(std::string_view yamlText,
                                                   const std::string& sourceName);

    // Compares against every token in constant time per token, so that the time taken does not
    // tell a guesser how much of a token was right.
    std::optional<Identity> find(std::string_view token) const;
    std::size_t size() const noexcept { return entries.size(); }

private:
    struct Entry
    {
        std::string token;
        Identity identity;
    };
    std::vector<Entry> entries;
};

} // namespace dragoman::control
