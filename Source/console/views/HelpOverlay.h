#pragma once
// The keyboard shortcuts, over the whole console (F1 or ?); any key or click closes it.
// Message thread only.

#include <juce_gui_basics/juce_gui_basics.h>

namespace dragoman::console
{

struct Shortcut
{
    const char* keys;
    const char* action;
};

// Every shortcut the console handles, in the order the help shows them.
const std::vector<Shortcut>& shortcuts();

class HelpOverlay : public juce::Component
{
public:
    HelpOverlay();
    void paint(juce::Graphics& g) override;
    void mouseDown(const juce::MouseEvent&) override { setVisible(false); }
};

} // namespace dragoman::console
