#pragma once
// Session presets: pick or type a name, Save stores the engine's settings under it, Load applies
// a saved one (microphones are never switched on by a preset: the engine's rule).
// Message thread only.

#include "model/ConsoleActions.h"
#include "model/ConsoleModel.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <functional>

namespace dragoman::console
{

class PresetBar : public juce::Component
{
public:
    PresetBar(const ConsoleModel& model, ConsoleActions& actions);

    // After `session.presets` answered; onSaved asks for the list again.
    void update();
    std::function<void()> onSaved;

    void save(); // Ctrl+S: the typed name, or one from the clock
    void load(); // Ctrl+L: the chosen preset
    juce::String presetName() const { return names.getText().trim(); }
    void setPresetName(const juce::String& name)
    {
        names.setText(name, juce::dontSendNotification);
    }

    void resized() override;
    void paint(juce::Graphics& g) override;

private:
    const ConsoleModel& model;
    ConsoleActions& actions;
    juce::ComboBox names;
    juce::TextButton saveButton{"Save"}, loadButton{"Load"};
    juce::String status;
};

} // namespace dragoman::console
