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
    juce::String healthText() const;

    void paint(juce::Graphics& g) override;
    void resized() override;

private:
    const ConsoleModel& model;
    ConsoleActions& actions;
    juce::String url;
    juce::ComboBox floorLanguage;
    std::vector<std::string> languages;
};

} // namespace dragoman::console
