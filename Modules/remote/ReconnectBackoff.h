#pragma once
// How long to wait before the next connection attempt: 0.2 s, doubling to at most 2 s, back to
// 0.2 s once a connection succeeds. Short enough that a console is back within 2 s of the engine
// restarting; long enough that a dead engine is not hammered.
//
// Threads: the client's network thread only.

#include <algorithm>
#include <chrono>

namespace dragoman
{

class ReconnectBackoff
{
public:
    ReconnectBackoff(std::chrono::milliseconds firstWait, std::chrono::milliseconds longestWait)
        : first(firstWait), longest(longestWait), upcoming(firstWait)
    {
    }

    std::chrono::milliseconds next()
    {
        const auto wait = upcoming;
        upcoming = std::min(upcoming * 2, longest);
        return wait;
    }
    void reset() { upcoming = first; }

private:
    std::chrono::milliseconds first;
    std::chrono::milliseconds longest;
    std::chrono::milliseconds upcoming;
};

} // namespace dragoman
