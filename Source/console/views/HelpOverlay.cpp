#include "views/HelpOverlay.h"

#include "ui/widgets/Theme.h"

namespace dragoman::console
{

using namespace dragoman::ui;

const std::vector<Shortcut>& shortcuts()
{
    static const std::vector<Shortcut> list{
        {"Arrows", "move the cursor in the routing matrix"},
        {"Enter", "click the matrix cell under the cursor"},
        {"Space", "microphone of the cursor's seat on / off"},
        {"1 - 9, 0", "select channel strip 1 - 10 (floor is 1)"},
        {"M", "monitor the selected channel (again: monitor off)"},
        {"Shift+M", "monitor the cursor's seat (its headphones)"},
        {"A", "acknowledge the oldest alarm"},
        {"F", "floor language menu"},
        {"I / Shift+I", "interlock menu: cursor's booth / between booths"},
        {"T / Shift+T", "message line / to the cursor's seat"},
        {"R", "answer the newest technician call: on my way"},
        {"F2 / F3 / F4 / F5", "strips / relay graph / alarms / event log"},
        {"Ctrl+S", "save the session preset"},
        {"Ctrl+L", "load the chosen preset"},
        {"F1 or ?", "this help"},
    };
    return list;
}

HelpOverlay::HelpOverlay()
{
    setInterceptsMouseClicks(true, false);
}

void HelpOverlay::paint(juce::Graphics& g)
{
    g.fillAll(juce::Colours::black.withAlpha(0.72f));
    const int rows = static_cast<int>(shortcuts().size());
    auto box = getLocalBounds().withSizeKeepingCentre(560, 90 + rows * 30);
    g.setColour(colours::panelRaised);
    g.fillRoundedRectangle(box.toFloat(), 8.0f);
    g.setColour(colours::accent);
    g.drawRoundedRectangle(box.toFloat().reduced(0.5f), 8.0f, 1.5f);
    box.reduce(24, 16);
    g.setColour(colours::text);
    g.setFont(Theme::font(20.0f, true));
    g.drawText("Keyboard shortcuts", box.removeFromTop(34), juce::Justification::centredLeft);
    for (const auto& shortcut : shortcuts())
    {
        auto line = box.removeFromTop(30);
        g.setColour(colours::accent);
        g.setFont(Theme::mono(15.0f));
        g.drawText(shortcut.keys, line.removeFromLeft(180), juce::Justification::centredLeft);
        g.setColour(colours::text);
        g.setFont(Theme::font(15.0f));
        g.drawText(shortcut.action, line, juce::Justification::centredLeft);
    }
    g.setColour(colours::textDim);
    g.setFont(Theme::font(13.0f));
    g.drawText("Any key or click closes this help.", box, juce::Justification::bottomLeft);
}

} // namespace dragoman::console
