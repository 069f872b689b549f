#include "views/PresetBar.h"

#include "ui/widgets/Theme.h"

namespace dragoman::console
{

using namespace dragoman::ui;

PresetBar::PresetBar(const ConsoleModel& shownModel, ConsoleActions& sentActions)
    : model(shownModel), actions(sentActions)
{
    names.setEditableText(true);
    names.setTextWhenNothingSelected("preset name");
    names.setTooltip("Type a name to save, or choose a saved preset to load");
    saveButton.setTooltip("Save the session's settings as a preset (Ctrl+S)");
    loadButton.setTooltip("Apply the chosen preset (Ctrl+L)");
    saveButton.onClick = [this]
    {
        save();
    };
    loadButton.onClick = [this]
    {
        load();
    };
    addAndMakeVisible(names);
    addAndMakeVisible(saveButton);
    addAndMakeVisible(loadButton);
}

void PresetBar::update()
{
    const auto typed = names.getText();
    names.clear(juce::dontSendNotification);
    int id = 1;
    for (const auto& preset : model.presets())
        names.addItem(juce::String(preset), id++);
    names.setText(typed, juce::dontSendNotification);
}

void PresetBar::save()
{
    auto name = presetName();
    if (name.isEmpty())
        name = juce::Time::getCurrentTime().formatted("preset-%H%M");
    names.setText(name, juce::dontSendNotification);
    actions.savePreset(name.toStdString(),
                       [this, name](bool ok, const nlohmann::json&, const std::string& error)
                       {
                           status = ok ? "saved " + name : juce::String(error);
                           repaint();
                           if (ok && onSaved)
                               onSaved();
                       });
}

void PresetBar::load()
{
    const auto name = presetName();
    if (name.isEmpty())
        return;
    actions.loadPreset(name.toStdString(),
                       [this, name](bool ok, const nlohmann::json&, const std::string& error)
                       {
                           status = ok ? "loaded " + name : juce::String(error);
                           repaint();
                       });
}

void PresetBar::resized()
{
    auto area = getLocalBounds().reduced(0, 4);
    area.removeFromLeft(64);
    names.setBounds(area.removeFromLeft(160));
    area.removeFromLeft(6);
    saveButton.setBounds(area.removeFromLeft(60));
    area.removeFromLeft(4);
    loadButton.setBounds(area.removeFromLeft(60));
}

void PresetBar::paint(juce::Graphics& g)
{
    g.setColour(colours::textDim);
    g.setFont(Theme::font(13.0f, true));
    g.drawText("PRESET", getLocalBounds().withWidth(60), juce::Justification::centredLeft);
    g.setFont(Theme::font(12.0f));
    g.drawText(status, getLocalBounds().withTrimmedLeft(64 + 160 + 6 + 60 + 4 + 60 + 8),
               juce::Justification::centredLeft, true);
}

} // namespace dragoman::console
