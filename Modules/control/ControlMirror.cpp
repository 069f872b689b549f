#include "control/ControlMirror.h"

namespace dragoman::control
{

ControlMirror::ControlMirror(const Floorplan& floorplan)
    : plan(floorplan), between(floorplan.session().interlockBetweenBooths),
      language(floorplan.session().floorLanguage)
{
    for (const auto& booth : floorplan.session().booths)
        booths.push_back(booth.interlock);
}

void ControlMirror::note(const Event& event)
{
    switch (event.kind)
    {
    case EventKind::interlockChanged:
        if (event.booth < 0)
            between = static_cast<InterlockMode>(event.detail);
        else if (event.booth < static_cast<int>(booths.size()))
            booths[event.booth] = static_cast<InterlockMode>(event.detail);
        break;
    case EventKind::floorLanguage:
        language = std::string(toStringView(event.language));
        break;
    case EventKind::relayCycle:
        cycle.clear();
        for (int i = 0; i < event.pathLength; ++i)
            cycle.push_back(plan.channelId(event.path[i]));
        break;
    case EventKind::relayCycleCleared:
        cycle.clear();
        break;
    default:
        break;
    }
}

} // namespace dragoman::control
