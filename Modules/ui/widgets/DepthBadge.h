#pragma once
// Relay depth as interpreters' desks show it: "floor", "direct", "+" (relay), "double relay",
// "cycle", "silence", in the depth's colour. Used by the channel strips, the relay graph and,
// later, the booth console's relay keys.
// Message thread only.

#include <juce_gui_basics/juce_gui_basics.h>

namespace dragoman::ui
{

// The short text for a depth: the engine's depth_label, with "relay" written "+ relay" as on
// Bosch desks.
juce::String depthText(int depth, const juce::String& label);

// Draws a depth pill into area; shared by components that paint many of them.
void drawDepthBadge(juce::Graphics& g, juce::Rectangle<float> area, int depth,
                    const juce::String& label);

class DepthBadge : public juce::Component
{
public:
    void setDepth(int depth, const juce::String& label);
    juce::String text() const { return depthText(depth, label); }
    int depthValue() const { return depth; }

    void paint(juce::Graphics& g) override;

private:
    int depth = -1;
    juce::String label = "silence";
};

} // namespace dragoman::ui
