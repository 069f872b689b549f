#pragma once
// Relay depth of every channel: how many interpretations it is away from the floor (0 the floor
// itself, 1 direct, 2 relay "+", 3+ double relay "-"), and relay cycles (en listens to kk, kk to
// en, nobody to the floor), which are a fault the technician must see.
//
// Threads: prepare() on the control thread (allocates); the rest on one thread at a time
// (the audio thread in the engine), without allocating.

#include "core/Event.h"
#include "core/Floorplan.h"
#include "core/Realtime.h"

#include <array>
#include <vector>

namespace dragoman
{

class RelayGraph
{
public:
    void prepare(int channelCount, int maxSources);

    // Describe what every channel carries, then solve().
    void clear() noexcept DRAGOMAN_NONBLOCKING;
    void setCarriesFloor(int channel) noexcept DRAGOMAN_NONBLOCKING; // depth 0
    void
    addInterpreterSource(int channel,
                         int source) noexcept DRAGOMAN_NONBLOCKING; // source: kFloor or a channel
    void solve() noexcept DRAGOMAN_NONBLOCKING;

    int depth(int channel) const noexcept DRAGOMAN_NONBLOCKING { return depths[channel]; }
    // The depth before the last solve(), so that callers can report what changed.
    int previousDepth(int channel) const noexcept DRAGOMAN_NONBLOCKING
    {
        return previousDepths[channel];
    }
    bool hadCycle() const noexcept DRAGOMAN_NONBLOCKING { return previousCycle; }
    bool hasCycle() const noexcept DRAGOMAN_NONBLOCKING { return cycleLength > 0; }
    // The first cycle found, as channels, each listening to the next; the last listens to the
    // first.
    int cycleSize() const noexcept DRAGOMAN_NONBLOCKING { return cycleLength; }
    int cycleChannel(int i) const noexcept DRAGOMAN_NONBLOCKING { return cycle[i]; }

private:
    int visit(int channel) noexcept DRAGOMAN_NONBLOCKING;

    enum class Mark : unsigned char
    {
        unseen,
        visiting,
        done
    };
    struct Source
    {
        int channel;
        int source;
    };

    std::vector<int> depths;
    std::vector<int> previousDepths;
    bool previousCycle = false;
    std::vector<bool> floorFeed;
    std::vector<Mark> marks;
    std::vector<Source> sources;
    std::size_t sourceCount = 0;
    std::vector<int> path; // channels on the current walk, for reporting a cycle
    int pathLength = 0;
    std::array<int, kMaxPath> cycle{};
    int cycleLength = 0;
};

} // namespace dragoman
