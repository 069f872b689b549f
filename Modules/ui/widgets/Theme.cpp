#include "Theme.h"

namespace dragoman::ui
{

juce::Colour depthColour(int depth)
{
    switch (depth)
    {
    case 0:
        return colours::floorFeed;
    case 1:
        return colours::direct;
    case 2:
        return colours::relay;
    case -1:
        return colours::silence;
    default:
        return colours::fault; // double relay and cycle
    }
}

Theme::Theme()
{
    using namespace colours;
    setColourScheme({background, panel, panelRaised, grid, text, panelRaised, text, accent, text});
    setColour(juce::ResizableWindow::backgroundColourId, background);
    setColour(juce::TextButton::buttonColourId, panelRaised);
    setColour(juce::TextButton::buttonOnColourId, accent);
    setColour(juce::TextButton::textColourOffId, text);
    setColour(juce::TextButton::textColourOnId, juce::Colours::black);
    setColour(juce::ComboBox::backgroundColourId, panelRaised);
    setColour(juce::ComboBox::outlineColourId, grid);
    setColour(juce::ComboBox::textColourId, text);
    setColour(juce::ComboBox::arrowColourId, textDim);
    setColour(juce::PopupMenu::backgroundColourId, panelRaised);
    setColour(juce::PopupMenu::highlightedBackgroundColourId, accent);
    setColour(juce::Label::textColourId, text);
    setColour(juce::TextEditor::backgroundColourId, panelRaised);
    setColour(juce::TextEditor::outlineColourId, grid);
    setColour(juce::TabbedComponent::backgroundColourId, panel);
    setColour(juce::TabbedComponent::outlineColourId, grid);
    setColour(juce::TabbedButtonBar::tabOutlineColourId, grid);
    setColour(juce::ListBox::backgroundColourId, panel);
    setColour(juce::ScrollBar::thumbColourId, grid);
}

juce::Font Theme::font(float height, bool bold)
{
    return juce::Font(juce::Font::getDefaultSansSerifFontName(), height,
                      bold ? juce::Font::bold : juce::Font::plain);
}

juce::Font Theme::mono(float height)
{
    return juce::Font(juce::Font::getDefaultMonospacedFontName(), height, juce::Font::plain);
}

juce::Font Theme::getTextButtonFont(juce::TextButton&, int buttonHeight)
{
    return font(juce::jmin(15.0f, static_cast<float>(buttonHeight) * 0.6f), true);
}

juce::Font Theme::getComboBoxFont(juce::ComboBox& box)
{
    return font(juce::jmin(15.0f, static_cast<float>(box.getHeight()) * 0.66f));
}

juce::Font Theme::getPopupMenuFont()
{
    return font(15.0f);
}

juce::Font Theme::getLabelFont(juce::Label& label)
{
    return label.getFont();
}

int Theme::getTabButtonBestWidth(juce::TabBarButton& button, int tabDepth)
{
    return font(15.0f, true).getStringWidth(button.getButtonText()) + tabDepth;
}

void Theme::drawTabButton(juce::TabBarButton& button, juce::Graphics& g, bool isMouseOver, bool)
{
    using namespace colours;
    auto area = button.getActiveArea().toFloat().reduced(2.0f, 3.0f);
    const bool front = button.isFrontTab();
    g.setColour(front ? panelRaised : (isMouseOver ? panel.brighter(0.08f) : panel));
    g.fillRoundedRectangle(area, 4.0f);
    if (front)
    {
        g.setColour(accent);
        g.fillRect(area.removeFromBottom(3.0f));
    }
    const auto tabColour = button.getTabBackgroundColour();
    g.setColour(tabColour == fault ? fault : (front ? text : textDim));
    g.setFont(font(15.0f, true));
    g.drawText(button.getButtonText(), button.getTextArea(), juce::Justification::centred);
}

} // namespace dragoman::ui
