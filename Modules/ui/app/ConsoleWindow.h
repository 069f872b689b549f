#pragma once
// The one window of a console program (dragoman-console, dragoman-booth): the panel inside, not
// owned, in the theme's background; closing it asks the application to quit.
// Message thread only.

#include <juce_gui_basics/juce_gui_basics.h>

namespace dragoman::ui
{

class ConsoleWindow : public juce::DocumentWindow
{
public:
    struct Frame
    {
        int width, height;       // centred on the screen
        int minWidth, minHeight; // the smallest the panel still lays out in
        bool fullScreen = false;
        // Hand the keyboard to the panel whenever the window gets it.
        bool panelTakesFocus = false;
    };

    // Shows the window.
    ConsoleWindow(const juce::String& title, juce::Component& panel, const Frame& frame);

    void closeButtonPressed() override;
    // When the window gets the keyboard (at start, or back from another window), a panel that
    // takes keys must have it: they work without a click first (found with xdotool on the booth:
    // until a click, the window kept the focus and the keys went nowhere).
    void focusGained(FocusChangeType) override;

private:
    const bool panelTakesFocus;
};

} // namespace dragoman::ui
