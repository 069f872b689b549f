#pragma once
// Which channel feeds which, from the floor outwards: one column per relay depth, an arrow from
// each holder's source to its channel. Cycles and double relays are red, with the reason below.
// Message thread only.

#include "model/ConsoleModel.h"
#include "views/RelayPlan.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace dragoman::console
{

class RelayGraphView : public juce::Component
{
public:
    static constexpr float kMargin = 10.0f;   // nothing is drawn closer to the edge
    static constexpr float kArcReach = 26.0f; // how far a cycle's arc stands out of its column

    explicit RelayGraphView(const ConsoleModel& shownModel) : model(shownModel) {}

    void update();
    const RelayPlan& plan() const { return relay; }
    // Where a channel's box is drawn (empty when unknown); for tests and hit-testing.
    juce::Rectangle<float> nodeBounds(const std::string& channel) const;
    juce::Colour nodeColour(const std::string& channel) const;

    void paint(juce::Graphics& g) override;

private:
    juce::Rectangle<float> viewArea() const;
    juce::Rectangle<float> graphArea() const;

    const ConsoleModel& model;
    RelayPlan relay;
};

} // namespace dragoman::console
