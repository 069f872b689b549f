#include "views/MonitorSelector.h"

#include "ui/widgets/Theme.h"

#include <algorithm>

namespace dragoman::console
{

using namespace dragoman::ui;

MonitorSelector::MonitorSelector(const ConsoleModel& shownModel, ConsoleActions& sentActions)
    : model(shownModel), actions(sentActions)
{
    box.setTooltip("What the technician's monitor output plays (M: the selected channel)");
    box.onChange = [this]
    {
        const int id = box.getSelectedId();
        if (id > 0)
            this->actions.setMonitor(sources[static_cast<std::size_t>(id - 1)]);
    };
    addAndMakeVisible(box);
}

void MonitorSelector::update()
{
    const auto& state = model.state();
    std::vector<std::string> known{"off", "floor"};
    for (const auto& channel : state.channels)
        if (!channel.isFloor())
            known.push_back("channel:" + channel.id);
    for (const auto& seat : state.seats)
        known.push_back("seat:" + seat.id);
    if (known != sources)
    {
        sources = known;
        box.clear(juce::dontSendNotification);
        std::string group;
        int id = 1;
        for (const auto& source : sources)
        {
            // Headings between off/floor, the channels and the seats' headphones.
            const auto colon = source.find(':');
            const auto kind = colon == std::string::npos ? std::string() : source.substr(0, colon);
            if (kind != group)
                box.addSectionHeading(kind == "channel" ? "Channels" : "Seats (headphones)");
            group = kind;
            box.addItem(juce::String(source.substr(colon == std::string::npos ? 0 : colon + 1)),
                        id++);
        }
    }
    const auto found = std::find(sources.begin(), sources.end(), state.monitor);
    box.setSelectedId(found == sources.end() ? 0 : static_cast<int>(found - sources.begin()) + 1,
                      juce::dontSendNotification);
}

std::string MonitorSelector::selectedSource() const
{
    const int id = box.getSelectedId();
    return id > 0 ? sources[static_cast<std::size_t>(id - 1)] : std::string();
}

void MonitorSelector::choose(const std::string& source)
{
    actions.setMonitor(source);
}

void MonitorSelector::resized()
{
    box.setBounds(getLocalBounds().withTrimmedLeft(70).reduced(0, 4));
}

void MonitorSelector::paint(juce::Graphics& g)
{
    g.setColour(colours::textDim);
    g.setFont(Theme::font(13.0f, true));
    g.drawText("MONITOR", getLocalBounds().withWidth(66), juce::Justification::centredLeft);
}

} // namespace dragoman::console
