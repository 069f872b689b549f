#include "views/RelayPlan.h"

#include <algorithm>

namespace dragoman::console
{

const RelayPlan::Node* RelayPlan::node(const std::string& channel) const
{
    for (const auto& item : nodes)
        if (item.channel == channel)
            return &item;
    return nullptr;
}

namespace
{
constexpr int kDeepest = 3; // double relay and deeper share a column

// The chain from the floor to channel, following each holder's source: "floor > ru > en > kk".
std::string chainTo(const EngineState& state, const std::string& channel)
{
    std::vector<std::string> chain{channel};
    std::string at = channel;
    for (int step = 0; step < 16; ++step)
    {
        const auto* item = state.channel(at);
        if (item == nullptr || item->source.empty() || item->source == at)
            break;
        at = item->source;
        chain.push_back(at);
        if (at == "floor")
            break;
    }
    std::string text;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it)
        text += (text.empty() ? "" : " > ") + *it;
    return text;
}
} // namespace

RelayPlan planRelay(const EngineState& state)
{
    RelayPlan plan;
    const bool anyCycle = std::any_of(state.channels.begin(), state.channels.end(),
                                      [](const ChannelState& c) { return c.depth == -2; });
    for (const auto& channel : state.channels)
    {
        RelayPlan::Node node{channel.id, 0, channel.depth, false};
        if (channel.isFloor())
            node.column = 0;
        else if (channel.depth == -2)
            node.column = kDeepest + 1;
        else if (channel.depth < 0)
            node.column = 1; // silence: nothing feeds it, shown beside the direct ones
        else
            node.column = std::clamp(channel.depth, 1, kDeepest);
        node.fault = channel.depth == -2 || channel.depth >= 3;
        plan.nodes.push_back(node);
        plan.columns = std::max(plan.columns, node.column + 1);
    }
    plan.edges = state.relay.edges;
    if (plan.edges.empty())
        for (const auto& channel : state.channels)
            if (!channel.isFloor() && !channel.holder.empty() && !channel.source.empty())
                plan.edges.push_back({channel.source, channel.id});

    if (state.relay.cycle || anyCycle)
    {
        std::string path;
        for (const auto& step : state.relay.cyclePath)
            path += (path.empty() ? "" : " > ") + step;
        // Closed for reading ("en > kk > en"), whether or not the engine repeats the first.
        const auto& steps = state.relay.cyclePath;
        if (steps.size() > 1 && steps.back() != steps.front())
            path += " > " + steps.front();
        plan.problems.push_back("Relay cycle" + (path.empty() ? std::string() : ": " + path) +
                                ". Nobody in it listens to the floor, so these channels carry "
                                "no interpretation of the speaker.");
    }
    for (const auto& channel : state.channels)
        if (channel.depth >= 3)
            plan.problems.push_back(channel.id + " is a double relay (" +
                                    chainTo(state, channel.id) +
                                    "): three interpretations from the floor, quality suffers. "
                                    "Let its booth take a direct or single relay.");
    return plan;
}

} // namespace dragoman::console
