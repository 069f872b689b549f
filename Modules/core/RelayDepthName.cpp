#include "RelayDepthName.h"
#include "Event.h"

namespace dragoman
{

std::string_view relayDepthName(int depth)
{
    switch (depth)
    {
    case kDepthNone:
        return "silence";
    case kDepthCycle:
        return "cycle";
    case 0:
        return "floor";
    case 1:
        return "direct";
    case 2:
        return "relay";
    default:
        return depth > 2 ? "double relay" : "silence";
    }
}

} // namespace dragoman
