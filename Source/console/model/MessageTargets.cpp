#include "model/MessageTargets.h"

#include <algorithm>
#include <cctype>

namespace dragoman::console
{

namespace
{
std::string upper(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}
} // namespace

std::vector<MessageTarget> messageTargets(const EngineState& state)
{
    std::vector<MessageTarget> targets{{kEveryone, "Everyone"}};
    for (const auto& booth : state.booths)
        targets.push_back({"booth:" + booth.id, upper(booth.id) + " booth"});
    for (const auto& seat : state.seats)
        targets.push_back({"seat:" + seat.id, seat.id});
    return targets;
}

std::string recipientsText(const EngineState& state, const std::vector<std::string>& to)
{
    // Every booth named one by one is the whole meeting too.
    const bool everyBooth =
        !state.booths.empty() &&
        std::all_of(state.booths.begin(), state.booths.end(),
                    [&](const BoothState& booth)
                    { return std::find(to.begin(), to.end(), "booth:" + booth.id) != to.end(); });
    if (everyBooth || std::find(to.begin(), to.end(), kEveryone) != to.end())
        return kEveryone;
    std::string text;
    for (const auto& one : to)
    {
        std::string name = one;
        if (one.starts_with("booth:"))
            name = one.substr(6) + " booth";
        else if (one.starts_with("seat:"))
            name = one.substr(5);
        text += (text.empty() ? "" : ", ") + name;
    }
    return text;
}

} // namespace dragoman::console
