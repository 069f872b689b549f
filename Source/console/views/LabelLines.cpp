#include "views/LabelLines.h"

namespace dragoman::console
{

namespace
{
// The longest start of words that fits width (at least one word); the rest after it.
std::pair<juce::String, juce::String> firstLine(const juce::String& text, float width,
                                                const ui::LabelStyle& style)
{
    int end = text.indexOfChar(' ');
    if (end < 0 || ui::labelWidth(text, style) <= width)
        return {text, {}};
    for (int next = text.indexOfChar(end + 1, ' '); next > 0;
         next = text.indexOfChar(next + 1, ' '))
    {
        if (ui::labelWidth(text.substring(0, next), style) > width)
            break;
        end = next;
    }
    return {text.substring(0, end).trimEnd(), text.substring(end + 1).trimStart()};
}
} // namespace

void drawLabelLines(juce::Graphics& g, const juce::String& text, juce::Rectangle<float> area,
                    const ui::LabelStyle& style, int maxLines)
{
    juce::StringArray lines;
    auto rest = text.trim();
    while (rest.isNotEmpty() && lines.size() < maxLines - 1)
    {
        auto [line, after] = firstLine(rest, area.getWidth(), style);
        lines.add(line);
        rest = after;
    }
    if (rest.isNotEmpty())
        lines.add(rest);
    const float lineHeight = style.height * 1.2f;
    auto block =
        area.withSizeKeepingCentre(area.getWidth(), lineHeight * static_cast<float>(lines.size()));
    for (const auto& line : lines)
        ui::drawLabel(g, line, block.removeFromTop(lineHeight), style);
}

} // namespace dragoman::console
