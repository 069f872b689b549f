#include "BoothWording.h"

#include "ui/widgets/Theme.h"

#include <cmath>

namespace dragoman::booth
{

juce::String depthWord(int depth)
{
    switch (depth)
    {
    case 0:
        return "floor";
    case 1:
        return "direct";
    case 2:
        return "+ relay";
    case -1:
        return "silence";
    case -2:
        return "cycle!";
    default:
        return "double relay";
    }
}

juce::Colour depthColourOf(int depth)
{
    return ui::depthColour(depth);
}

juce::String languageTag(const std::string& code)
{
    return juce::String(code).toUpperCase();
}

juce::String clockText(double seconds)
{
    const auto total = static_cast<long long>(std::max(0.0, std::floor(seconds)));
    const auto h = total / 3600, m = (total / 60) % 60, s = total % 60;
    if (h > 0)
        return juce::String(h) + ":" + juce::String(m).paddedLeft('0', 2) + ":" +
               juce::String(s).paddedLeft('0', 2);
    return juce::String(m) + ":" + juce::String(s).paddedLeft('0', 2);
}

} // namespace dragoman::booth
