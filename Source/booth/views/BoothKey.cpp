#include "BoothKey.h"

#include "ui/widgets/Theme.h"

namespace dragoman::booth
{

using namespace ui::colours;

BoothKey::BoothKey(juce::String title) : titleText(std::move(title))
{
    setWantsKeyboardFocus(false); // the panel keeps the keyboard for the shortcuts
}

void BoothKey::setTitle(const juce::String& text)
{
    if (text != titleText)
        titleText = text, repaint();
}

void BoothKey::setDetail(const juce::String& text)
{
    if (text != detailText)
        detailText = text, repaint();
}

void BoothKey::setLit(bool lit, juce::Colour colour)
{
    if (lit != isLit || colour != litColour)
        isLit = lit, litColour = colour, repaint();
}

void BoothKey::setEnabledLook(bool enabled)
{
    if (enabled != looksEnabled)
        looksEnabled = enabled, repaint();
}

void BoothKey::setDot(bool shown, juce::Colour colour)
{
    showDot = shown;
    dotColour = colour;
    repaint();
}

void BoothKey::setBadge(const juce::String& text, juce::Colour colour)
{
    badgeText = text;
    badgeColour = colour;
    repaint();
}

void BoothKey::paint(juce::Graphics& g)
{
    auto area = getLocalBounds().toFloat().reduced(2.0f);
    const auto fill = isLit ? litColour : (down ? grid : panelRaised);
    g.setColour(looksEnabled ? fill : fill.withMultipliedBrightness(0.6f));
    g.fillRoundedRectangle(area, 8.0f);
    g.setColour(isLit ? litColour.brighter(0.4f) : grid);
    g.drawRoundedRectangle(area, 8.0f, isLit ? 3.0f : 1.5f);

    // Dark text on a lit key, light on a dark one: both well above 7:1 contrast.
    const auto ink = isLit ? juce::Colour(0xff101010) : (looksEnabled ? text : textDim);
    auto inner = area.reduced(8.0f, 4.0f);
    if (showDot)
    {
        g.setColour(dotColour);
        g.fillEllipse(inner.getRight() - 14.0f, inner.getY() + 4.0f, 12.0f, 12.0f);
    }
    const bool hasDetail = detailText.isNotEmpty();
    const float detailHeight = hasDetail ? std::max(13.0f, titleHeight * 0.55f) : 0.0f;
    auto titleArea = inner.removeFromTop(inner.getHeight() - detailHeight - 2.0f);
    if (showDot)
        titleArea = titleArea.reduced(16.0f, 0.0f); // the dot never covers the title
    g.setColour(ink);
    g.setFont(ui::Theme::font(titleHeight, true));
    g.drawFittedText(titleText, titleArea.toNearestInt(), juce::Justification::centred, 2);
    if (hasDetail)
    {
        auto detailArea = inner;
        if (badgeText.isNotEmpty())
        {
            auto badge = detailArea.removeFromRight(
                std::min(detailArea.getWidth() * 0.6f,
                         12.0f + static_cast<float>(badgeText.length()) * 7.5f));
            g.setColour(badgeColour);
            g.fillRoundedRectangle(badge.reduced(1.0f), 4.0f);
            g.setColour(juce::Colour(0xff101010));
            g.setFont(ui::Theme::font(detailHeight - 1.0f, true));
            g.drawFittedText(badgeText, badge.toNearestInt(), juce::Justification::centred, 1);
        }
        g.setColour(isLit ? ink : textDim.brighter(0.3f));
        g.setFont(ui::Theme::font(detailHeight));
        g.drawFittedText(detailText, detailArea.toNearestInt(), juce::Justification::centred, 1);
    }
}

void BoothKey::mouseDown(const juce::MouseEvent&)
{
    down = true;
    repaint();
    if (onPress)
        onPress();
}

void BoothKey::mouseUp(const juce::MouseEvent&)
{
    down = false;
    repaint();
    if (onRelease)
        onRelease();
}

} // namespace dragoman::booth
