#include "RelayGraph.h"

#include <algorithm>

namespace dragoman
{

void RelayGraph::prepare(int channelCount, int maxSources)
{
    depths.assign(channelCount, kDepthNone);
    previousDepths.assign(channelCount, kDepthNone);
    floorFeed.assign(channelCount, false);
    marks.assign(channelCount, Mark::unseen);
    sources.assign(maxSources, Source{0, kFloor});
    path.assign(channelCount + 1, 0);
    clear();
}

void RelayGraph::clear() noexcept DRAGOMAN_NONBLOCKING
{
    std::fill(floorFeed.begin(), floorFeed.end(), false);
    sourceCount = 0;
}

void RelayGraph::setCarriesFloor(int channel) noexcept DRAGOMAN_NONBLOCKING
{
    floorFeed[channel] = true;
}

void RelayGraph::addInterpreterSource(int channel, int source) noexcept DRAGOMAN_NONBLOCKING
{
    if (sourceCount < sources.size())
        sources[sourceCount++] = {channel, source};
}

void RelayGraph::solve() noexcept DRAGOMAN_NONBLOCKING
{
    std::copy(depths.begin(), depths.end(), previousDepths.begin());
    previousCycle = cycleLength > 0;
    std::fill(marks.begin(), marks.end(), Mark::unseen);
    cycleLength = 0;
    for (int c = 0; c < static_cast<int>(depths.size()); ++c)
    {
        pathLength = 0;
        visit(c);
    }
}

// Depth-first: a channel's depth is one more than the deepest source among its live
// interpreters. Meeting a channel that is still being visited closes a cycle.
int RelayGraph::visit(int channel) noexcept DRAGOMAN_NONBLOCKING
{
    if (marks[channel] == Mark::done)
        return depths[channel];
    if (marks[channel] == Mark::visiting)
    {
        if (cycleLength == 0)
        {
            const auto start = std::find(path.begin(), path.begin() + pathLength, channel);
            for (auto it = start; it != path.begin() + pathLength && cycleLength < kMaxPath; ++it)
                cycle[cycleLength++] = *it;
        }
        return kDepthCycle;
    }

    marks[channel] = Mark::visiting;
    path[pathLength++] = channel;

    int depth = kDepthNone;
    bool live = false;
    for (std::size_t i = 0; i < sourceCount; ++i)
    {
        if (sources[i].channel != channel)
            continue;
        live = true;
        const int sourceDepth = sources[i].source == kFloor ? 0 : visit(sources[i].source);
        if (sourceDepth == kDepthCycle || depth == kDepthCycle)
            depth = kDepthCycle;
        else
            depth = std::max(depth, std::max(sourceDepth, 0) + 1);
    }
    if (!live && floorFeed[channel])
        depth = 0;

    --pathLength;
    marks[channel] = Mark::done;
    depths[channel] = depth;
    return depth;
}

} // namespace dragoman
