#include "Interlock.h"

namespace dragoman
{

std::optional<InterlockMode> parseInterlockMode(std::string_view word)
{
    if (word == "none")
        return InterlockMode::none;
    if (word == "interlock")
        return InterlockMode::interlock;
    if (word == "override")
        return InterlockMode::override;
    if (word == "toggle-override")
        return InterlockMode::toggleOverride;
    return std::nullopt;
}

std::string_view toString(InterlockMode mode)
{
    switch (mode)
    {
    case InterlockMode::none:
        return "none";
    case InterlockMode::interlock:
        return "interlock";
    case InterlockMode::override:
        return "override";
    case InterlockMode::toggleOverride:
        return "toggle-override";
    }
    return "interlock";
}

} // namespace dragoman
