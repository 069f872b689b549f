#pragma once
// The relay graph as columns from the floor outwards, and what is wrong with it in words: a cycle
// (nobody in it listens to the floor) and double relays (two interpretations between the floor
// and the delegate). Pure, so the reasons are tested without drawing.
// Any thread.

#include "model/ConsoleState.h"

#include <string>
#include <vector>

namespace dragoman::console
{

struct RelayPlan
{
    struct Node
    {
        std::string channel;
        int column = 0; // 0 floor, 1 direct, 2 relay, 3 double relay and deeper; cycles last
        int depth = 0;
        bool fault = false; // double relay or in a cycle
    };
    std::vector<Node> nodes;
    std::vector<RelayEdge> edges;
    std::vector<std::string> problems; // one sentence each, shown in red
    int columns = 1;

    const Node* node(const std::string& channel) const;
};

RelayPlan planRelay(const EngineState& state);

} // namespace dragoman::console
