#include "views/ChannelStrips.h"

#include "ui/widgets/Theme.h"

namespace dragoman::console
{

ChannelStrips::ChannelStrips(const ConsoleModel& shownModel, ConsoleActions& sentActions)
    : model(shownModel), actions(sentActions)
{
}

void ChannelStrips::update()
{
    const auto& state = model.state();
    bool same = static_cast<std::size_t>(strips.size()) == state.channels.size();
    for (std::size_t i = 0; same && i < state.channels.size(); ++i)
        same = strips[static_cast<int>(i)]->channelId() == state.channels[i].id;
    if (!same)
    {
        strips.clear();
        for (const auto& channel : state.channels)
            addAndMakeVisible(strips.add(new ChannelStrip(actions, channel.id)));
        resized();
    }
    for (std::size_t i = 0; i < state.channels.size(); ++i)
    {
        const auto& channel = state.channels[i];
        const bool monitored = state.monitor == "channel:" + channel.id ||
                               (channel.isFloor() && state.monitor == "floor");
        strips[static_cast<int>(i)]->setChannel(channel, monitored);
        strips[static_cast<int>(i)]->setSelected(static_cast<int>(i) == selected);
    }
    updateMeters();
}

void ChannelStrips::updateMeters()
{
    for (auto* strip : strips)
        strip->setMeter(model.meterOf(strip->channelId()));
}

void ChannelStrips::select(int index)
{
    if (index < 0 || index >= strips.size())
        return;
    selected = index;
    for (int i = 0; i < strips.size(); ++i)
        strips[i]->setSelected(i == selected);
}

std::string ChannelStrips::selectedChannel() const
{
    return selected < strips.size() ? strips[selected]->channelId() : std::string();
}

const ChannelStrip* ChannelStrips::strip(const std::string& channel) const
{
    for (auto* item : strips)
        if (item->channelId() == channel)
            return item;
    return nullptr;
}

void ChannelStrips::paint(juce::Graphics& g)
{
    g.fillAll(ui::colours::panel);
}

void ChannelStrips::resized()
{
    auto area = getLocalBounds().reduced(4);
    // Strips share the height, up to their natural size: 12 channels fit a 1280x800 window.
    const int height =
        strips.isEmpty() ? ChannelStrip::kHeight
                         : juce::jmin(ChannelStrip::kHeight + 8, area.getHeight() / strips.size());
    for (auto* strip : strips)
        strip->setBounds(area.removeFromTop(height));
}

} // namespace dragoman::console
