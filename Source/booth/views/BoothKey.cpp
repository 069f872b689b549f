#include "BoothKey.h"

#include "ui/widgets/LabelTypesetter.h"
#include "ui/widgets/Theme.h"

#include <limits>

namespace dragoman::booth
{

using namespace ui::colours;

namespace
{
// The title whole when it fits `width`, else cut at the space that makes the wider of the two
// lines narrowest ("ZH  Chinese" / "中文"); a single word stays one line.
juce::StringArray titleLines(const juce::String& title, float width, const ui::LabelStyle& style)
{
    if (ui::labelWidth(title, style) <= width || !title.containsChar(' '))
        return {title};
    juce::StringArray best{title};
    float bestWidth = std::numeric_limits<float>::max();
    for (int at = title.indexOfChar(' '); at > 0; at = title.indexOfChar(at + 1, ' '))
    {
        const auto first = title.substring(0, at).trimEnd();
        const auto second = title.substring(at).trimStart();
        if (first.isEmpty() || second.isEmpty())
            continue;
        const float wider = std::max(ui::labelWidth(first, style), ui::labelWidth(second, style));
        if (wider < bestWidth)
        {
            bestWidth = wider;
            best = juce::StringArray{first, second};
        }
    }
    return best;
}
} // namespace

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
    // The bottom row carries the detail and the badge; a key with a badge alone (a relay key)
    // gives it the whole row, so that "double relay" stays readable on a narrow key.
    const bool hasRow = detailText.isNotEmpty() || badgeText.isNotEmpty();
    const float rowHeight = hasRow ? std::max(13.0f, titleHeight * 0.55f) : 0.0f;
    auto titleArea = inner.removeFromTop(inner.getHeight() - rowHeight - 2.0f);
    if (showDot)
        titleArea = titleArea.reduced(16.0f, 0.0f); // the dot never covers the title
    g.setColour(ink);
    // Names in any script (Chinese, Hindi, Urdu...) through the shared typesetter, on one line
    // or, when too wide, two balanced ones; each is shrunk a little before it is cut.
    const ui::LabelStyle style{.height = std::min(titleHeight, titleArea.getHeight()),
                               .bold = true,
                               .justification = juce::Justification::centred};
    const auto lines = titleLines(titleText, titleArea.getWidth(), style);
    const float count = static_cast<float>(lines.size());
    const float lineHeight = std::min(titleHeight, titleArea.getHeight() / (1.15f * count));
    auto block = titleArea.withSizeKeepingCentre(titleArea.getWidth(), lineHeight * 1.15f * count);
    for (const auto& line : lines)
        ui::drawLabel(g, line, block.removeFromTop(lineHeight * 1.15f),
                      {.height = lineHeight,
                       .bold = true,
                       .minimumHeight = lineHeight * 0.7f,
                       .justification = juce::Justification::centred});
    if (!hasRow)
        return;
    auto row = inner;
    if (badgeText.isNotEmpty())
    {
        const float wanted =
            ui::labelWidth(badgeText, {.height = rowHeight - 1.0f, .bold = true}) + 12.0f;
        const float width =
            std::min(wanted, detailText.isEmpty() ? row.getWidth() : row.getWidth() * 0.6f);
        auto badge = detailText.isEmpty() ? row.withSizeKeepingCentre(width, row.getHeight())
                                          : row.removeFromRight(width);
        g.setColour(badgeColour);
        g.fillRoundedRectangle(badge.reduced(1.0f), 4.0f);
        g.setColour(juce::Colour(0xff101010));
        ui::drawLabel(g, badgeText, badge.reduced(4.0f, 0.0f),
                      {.height = rowHeight - 1.0f,
                       .bold = true,
                       .minimumHeight = rowHeight * 0.7f,
                       .justification = juce::Justification::centred});
    }
    if (detailText.isNotEmpty())
    {
        g.setColour(isLit ? ink : textDim.brighter(0.3f));
        ui::drawLabel(g, detailText, row,
                      {.height = rowHeight,
                       .minimumHeight = std::min(rowHeight, 14.0f),
                       .justification = juce::Justification::centred});
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
