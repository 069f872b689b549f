#pragma once
// Every channel's strip, the floor first, one under the other; keys 1-9 and 0 select a strip
// (the selected channel is what M puts on the monitor).
// Message thread only.

#include "model/ConsoleModel.h"
#include "views/ChannelStrip.h"

namespace dragoman::console
{

class ChannelStrips : public juce::Component
{
public:
    ChannelStrips(const ConsoleModel& model, ConsoleActions& actions);

    void update();       // after a `state`
    void updateMeters(); // after `meters`
    void select(int index);
    int selectedIndex() const { return selected; }
    std::string selectedChannel() const;
    const ChannelStrip* strip(const std::string& channel) const;
    int stripCount() const { return strips.size(); }

    void paint(juce::Graphics& g) override;
    void resized() override;

private:
    const ConsoleModel& model;
    ConsoleActions& actions;
    juce::OwnedArray<ChannelStrip> strips;
    int selected = 0;
};

} // namespace dragoman::console
