#pragma once
// A label in any script over one or more lines: words go on the first line while they fit, the
// last line takes the rest (shrunk or cut with "…" by ui::drawLabel). For alarm texts and log
// lines, which carry channel names ("Chinese 中文 is live but silent") and the booths' messages.
// Message thread only (the shared LabelTypesetter).

#include "ui/widgets/LabelTypesetter.h"

namespace dragoman::console
{

// Lines are style.height * 1.2 apart, centred in area as a block.
void drawLabelLines(juce::Graphics& g, const juce::String& text, juce::Rectangle<float> area,
                    const ui::LabelStyle& style, int maxLines);

} // namespace dragoman::console
