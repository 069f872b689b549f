#pragma once
// The consoles' colours and look: dark and high in contrast, because booths and control rooms are
// dim and a technician reads the screen from an arm's length. One place for every colour, so a
// state (live, relay, fault) looks the same in every view.
// Message thread only (JUCE components).

#include <juce_gui_basics/juce_gui_basics.h>

namespace dragoman::ui
{

namespace colours
{
inline const juce::Colour background{0xff15171b};
inline const juce::Colour panel{0xff1e2127};
inline const juce::Colour panelRaised{0xff272b33};
inline const juce::Colour grid{0xff343a44};
inline const juce::Colour text{0xffe8eaed};
inline const juce::Colour textDim{0xff9aa3ad};
inline const juce::Colour accent{0xff4aa3ff};    // selection, keyboard cursor
inline const juce::Colour live{0xffff4d4d};      // a microphone on air: red, as on every desk
inline const juce::Colour floorFeed{0xff7fc8ff}; // the floor and what carries it
inline const juce::Colour direct{0xff4cd07d};    // depth 1
inline const juce::Colour relay{0xffffc247};     // depth 2, "+"
inline const juce::Colour fault{0xffff5c5c};     // double relay, cycle, alarms
inline const juce::Colour silence{0xff6b7380};
inline const juce::Colour warning{0xffffa53d};
} // namespace colours

// The colour of a relay depth as the engine reports it (0 floor, 1 direct, 2 relay, 3+ double
// relay, -1 silence, -2 cycle).
juce::Colour depthColour(int depth);

class Theme : public juce::LookAndFeel_V4
{
public:
    Theme();

    static juce::Font font(float height, bool bold = false);
    static juce::Font mono(float height);

    juce::Font getTextButtonFont(juce::TextButton&, int buttonHeight) override;
    juce::Font getComboBoxFont(juce::ComboBox&) override;
    juce::Font getPopupMenuFont() override;
    juce::Font getLabelFont(juce::Label&) override;
    int getTabButtonBestWidth(juce::TabBarButton&, int tabDepth) override;
    void drawTabButton(juce::TabBarButton&, juce::Graphics&, bool isMouseOver,
                       bool isMouseDown) override;
};

} // namespace dragoman::ui
