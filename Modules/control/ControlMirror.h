#pragma once
// What the StatusBoard does not publish but the control API's state shows: each booth's interlock
// mode, the mode between booths, the floor language as spoken (a code the session may not list)
// and the relay cycle's path. Kept from the engine's events, starting from the session's values,
// on the one thread that consumes events for the API.
//
// Threads: the network thread only.

#include "core/Event.h"
#include "core/Floorplan.h"
#include "core/Interlock.h"

#include <string>
#include <vector>

namespace dragoman::control
{

class ControlMirror
{
public:
    explicit ControlMirror(const Floorplan& plan);

    void note(const Event& event);

    InterlockMode boothInterlock(int booth) const { return booths[booth]; }
    InterlockMode interlockBetween() const noexcept { return between; }
    const std::string& floorLanguage() const noexcept { return language; }
    const std::vector<std::string>& cyclePath() const noexcept { return cycle; }

private:
    const Floorplan& plan;
    std::vector<InterlockMode> booths;
    InterlockMode between;
    std::string language;
    std::vector<std::string> cycle;
};

} // namespace dragoman::control
