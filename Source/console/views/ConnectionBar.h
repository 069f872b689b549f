#pragma once
// The top line: is the console connected to the engine (and if not, why, while it reconnects by
// itself), which session, the floor language (a selector: the technician changes it live), and
// the engine's health (audio running, host API, CPU, xruns, clients), and the alarm count.
// Message thread only.

#include "model/ConsoleActions.h"
#include "model/ConsoleModel.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace dragoman::console
{

class ConnectionBar : public juce::Component
{
public:
    static constexpr int kHeight = 40;

    ConnectionBar(const ConsoleModel& model, ConsoleActions& actions, juce::String url);

    void update();
    juce::String statusText() const;
    // "audio running  JACK   CPU 5 %   xruns 0   up 0:00:12   clients 2", as one line for tests.
    juce::String healthText() const;
    // Where the host API's name is drawn: the one part that is shortened (with an ellipsis) when
    // the bar is narrow, so CPU, xruns, uptime and clients always show.
    juce::Rectangle<int> hostApiBounds() const;
    // The floor language's menu, for the F key.
    void showFloorMenu() { floorLanguage.showPopup(); }

    void paint(juce::Graphics& g) override;
    void resized() override;

private:
    struct Layout
    {
        juce::Rectangle<int> session, floor, health, badge;
    };
    Layout layout() const;
    juce::StringArray healthNumbers() const; // CPU, xruns, uptime, clients: never cut

    const ConsoleModel& model;
    ConsoleActions& actions;
    juce::String url;
    juce::ComboBox floorLanguage;
    std::vector<std::string> languages;
};

} // namespace dragoman::console
