#pragma once
// One channel as a strip: who holds it (live seat), how far it is from the floor (depth badge),
// what it carries when idle, its level and loudness, and how many delegates listen. Two clicks:
// the idle feed toggles floor/silence, and M puts the channel on the technician's monitor.
// Message thread only.

#include "model/ConsoleActions.h"
#include "model/ConsoleState.h"

#include "ui/widgets/DepthBadge.h"
#include "ui/widgets/LevelMeter.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace dragoman::console
{

class ChannelStrip : public juce::Component
{
public:
    static constexpr int kHeight = 52;
    static constexpr int kLossWidth = 78;
    static constexpr int kNameWidth = 106; // the language's name, after the id

    ChannelStrip(ConsoleActions& actions, std::string channelId);

    void setChannel(const ChannelState& channel, bool monitored);
    void setMeter(const ChannelMeter& meter);
    void setSelected(bool selected);

    const std::string& channelId() const { return id; }
    // What the strip shows, as text, for tests and for screen readers.
    juce::String holderText() const { return holder; }
    juce::String nameText() const { return name; }
    juce::String depthText() const { return depth.text(); }
    juce::String listenersText() const { return listeners; }
    juce::String loudnessText() const { return loudness; }
    juce::String idleText() const { return idleButton.getButtonText(); }

    void paint(juce::Graphics& g) override;
    void resized() override;

private:
    ConsoleActions& actions;
    std::string id;
    juce::String title, name, holder, listeners, loss, loudness, idle;
    bool live = false, selected = false, monitored = false, floorChannel = false, silent = false;
    ui::DepthBadge depth;
    ui::LevelMeter meter;
    juce::TextButton idleButton, monitorButton{"M"};
};

} // namespace dragoman::console
