#pragma once
// The technician's monitor (headphone check): off, the floor, any channel or any seat's
// headphones, as `monitor.set` names them.
// Message thread only.

#include "model/ConsoleActions.h"
#include "model/ConsoleModel.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace dragoman::console
{

class MonitorSelector : public juce::Component
{
public:
    MonitorSelector(const ConsoleModel& model, ConsoleActions& actions);

    void update();
    std::string selectedSource() const;
    void choose(const std::string& source); // sends monitor.set

    void resized() override;
    void paint(juce::Graphics& g) override;

private:
    const ConsoleModel& model;
    ConsoleActions& actions;
    juce::ComboBox box;
    std::vector<std::string> sources; // item id - 1 -> monitor source
};

} // namespace dragoman::console
