#include "DepthBadge.h"

#include "Theme.h"

namespace dragoman::ui
{

juce::String depthText(int depth, const juce::String& label)
{
    if (depth == 2)
        return "+ relay";
    if (label.isNotEmpty())
        return label;
    if (depth == 0)
        return "floor";
    if (depth == 1)
        return "direct";
    if (depth >= 3)
        return "double relay";
    return depth == -2 ? "cycle" : "silence";
}

void drawDepthBadge(juce::Graphics& g, juce::Rectangle<float> area, int depth,
                    const juce::String& label)
{
    const auto colour = depthColour(depth);
    const bool alarming = depth >= 3 || depth == -2;
    // Faults are filled so they stand out from across the room; healthy depths are outlined.
    if (alarming)
    {
        g.setColour(colour);
        g.fillRoundedRectangle(area, area.getHeight() * 0.5f);
        g.setColour(juce::Colours::black);
    }
    else
    {
        g.setColour(colour.withAlpha(0.18f));
        g.fillRoundedRectangle(area, area.getHeight() * 0.5f);
        g.setColour(colour);
        g.drawRoundedRectangle(area.reduced(0.5f), area.getHeight() * 0.5f, 1.0f);
    }
    g.setFont(Theme::font(juce::jmin(14.0f, area.getHeight() * 0.72f), true));
    g.drawText(depthText(depth, label), area, juce::Justification::centred);
}

void DepthBadge::setDepth(int newDepth, const juce::String& newLabel)
{
    if (newDepth == depth && newLabel == label)
        return;
    depth = newDepth;
    label = newLabel;
    repaint();
}

void DepthBadge::paint(juce::Graphics& g)
{
    drawDepthBadge(g, getLocalBounds().toFloat().reduced(1.0f), depth, label);
}

} // namespace dragoman::ui
