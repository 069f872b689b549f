#include "views/ConnectionBar.h"

#include "ui/widgets/Theme.h"

#include <algorithm>

namespace dragoman::console
{

using namespace dragoman::ui;

ConnectionBar::ConnectionBar(const ConsoleModel& shownModel, ConsoleActions& sentActions,
                             juce::String urlText)
    : model(shownModel), actions(sentActions), url(std::move(urlText))
{
    floorLanguage.setTooltip(
        "The language the speaker uses now: the booths' auto-relay follows it");
    floorLanguage.onChange = [this]
    {
        const int id = floorLanguage.getSelectedId();
        if (id > 0 && static_cast<std::size_t>(id) <= languages.size())
            this->actions.setFloorLanguage(languages[static_cast<std::size_t>(id - 1)]);
    };
    addAndMakeVisible(floorLanguage);
}

void ConnectionBar::update()
{
    // The floor can speak any channel's language.
    std::vector<std::string> known;
    for (const auto& channel : model.state().channels)
        if (!channel.language.empty() &&
            std::find(known.begin(), known.end(), channel.language) == known.end())
            known.push_back(channel.language);
    if (known != languages)
    {
        languages = known;
        floorLanguage.clear(juce::dontSendNotification);
        for (std::size_t i = 0; i < languages.size(); ++i)
            floorLanguage.addItem("floor: " + juce::String(languages[i]), static_cast<int>(i) + 1);
    }
    const auto found = std::find(languages.begin(), languages.end(), model.state().floorLanguage);
    floorLanguage.setSelectedId(
        found == languages.end() ? 0 : static_cast<int>(found - languages.begin()) + 1,
        juce::dontSendNotification);
    repaint();
}

juce::String ConnectionBar::statusText() const
{
    if (model.connected())
        return "Connected  " + url;
    return "Reconnecting to " + url + "  (" + juce::String(model.connectionText()) + ")";
}

juce::String ConnectionBar::healthText() const
{
    if (!model.hasState())
        return {};
    const auto& engine = model.state().engine;
    const auto uptime = static_cast<int>(engine.uptimeSeconds);
    return juce::String(engine.running ? "audio running" : "AUDIO STOPPED") + "  " +
           juce::String(engine.hostApi) + "   CPU " +
           juce::String(juce::roundToInt(engine.cpu * 100.0)) + " %   xruns " +
           juce::String(engine.xruns) + "   up " +
           juce::String::formatted("%d:%02d:%02d", uptime / 3600, (uptime / 60) % 60, uptime % 60) +
           "   clients " + juce::String(model.state().clients);
}

void ConnectionBar::resized()
{
    auto area = getLocalBounds().reduced(8, 6);
    area.removeFromLeft(juce::jmin(560, getWidth() / 2));
    floorLanguage.setBounds(area.removeFromLeft(130));
}

void ConnectionBar::paint(juce::Graphics& g)
{
    g.fillAll(colours::background);
    g.setColour(colours::grid);
    g.fillRect(getLocalBounds().removeFromBottom(1));
    auto area = getLocalBounds().reduced(10, 0);

    const bool up = model.connected();
    auto left = area.removeFromLeft(juce::jmin(550, getWidth() / 2 - 10));
    g.setColour(up ? colours::direct : colours::fault);
    g.fillEllipse(left.removeFromLeft(14).withSizeKeepingCentre(12, 12).toFloat());
    left.removeFromLeft(8);
    g.setFont(Theme::font(17.0f, true));
    g.setColour(colours::text);
    const juce::String session = model.hasState()
                                     ? juce::String::fromUTF8(model.state().sessionName.c_str())
                                     : juce::String("Dragoman Console");
    g.drawText(session, left.removeFromTop(getHeight() / 2 + 4), juce::Justification::bottomLeft,
               true);
    g.setFont(Theme::font(12.0f));
    g.setColour(up ? colours::textDim : colours::fault);
    g.drawText(statusText(), left, juce::Justification::topLeft, true);

    area.removeFromLeft(140); // the floor language selector
    // Alarm count at the right edge, red while any alarm waits for acknowledgement.
    const int waiting = model.unacknowledgedAlarms();
    auto badge = area.removeFromRight(110).reduced(0, 7);
    g.setColour(waiting > 0 ? colours::fault : colours::panelRaised);
    g.fillRoundedRectangle(badge.toFloat(), 5.0f);
    g.setColour(waiting > 0 ? juce::Colours::black : colours::textDim);
    g.setFont(Theme::font(14.0f, true));
    g.drawText(waiting > 0 ? juce::String(waiting) + (waiting == 1 ? " ALARM" : " ALARMS")
                           : juce::String("no alarms"),
               badge, juce::Justification::centred);

    const auto& engine = model.state().engine;
    g.setColour(model.hasState() && !engine.running ? colours::fault
                : engine.xruns > 0                  ? colours::warning
                                                    : colours::textDim);
    g.setFont(Theme::font(13.0f));
    g.drawText(healthText(), area.reduced(10, 0), juce::Justification::centredRight, true);
}

} // namespace dragoman::console
