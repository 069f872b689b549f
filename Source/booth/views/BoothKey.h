#pragma once
// One key of the interpreter's desk: a large touch target with a title, a small line under it
// and a lit state in its own colour (red on air, green selected...). Press and release are
// reported separately, so that a key can act while held (cough) as well as on a press.
// Message thread only.

#include <juce_gui_basics/juce_gui_basics.h>

#include <functional>

namespace dragoman::booth
{

class BoothKey : public juce::Component
{
public:
    explicit BoothKey(juce::String title = {});

    void setTitle(const juce::String& text);
    void setDetail(const juce::String& text); // the small line under the title
    void setLit(bool lit, juce::Colour colour);
    void setEnabledLook(bool enabled);
    // A dot in the top-right corner (live channel) and a badge text in the bottom-right (depth).
    void setDot(bool shown, juce::Colour colour = {});
    void setBadge(const juce::String& text, juce::Colour colour);
    void setTitleHeight(float height) { titleHeight = height; }

    const juce::String& title() const { return titleText; }
    const juce::String& detail() const { return detailText; }
    bool lit() const { return isLit; }
    bool dotShown() const { return showDot; }
    const juce::String& badge() const { return badgeText; }

    std::function<void()> onPress;
    std::function<void()> onRelease;

    void paint(juce::Graphics& g) override;
    void mouseDown(const juce::MouseEvent&) override;
    void mouseUp(const juce::MouseEvent&) override;

private:
    juce::String titleText, detailText, badgeText;
    juce::Colour litColour, dotColour, badgeColour;
    bool isLit = false, showDot = false, down = false, looksEnabled = true;
    float titleHeight = 22.0f;
};

} // namespace dragoman::booth
