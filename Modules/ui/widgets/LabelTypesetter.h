#pragma once
// Draws a name in any script the interpretation trade meets (Latin, Cyrillic, Han, Devanagari,
// Arabic script...) where JUCE 7 cannot: JUCE on Linux has one typeface per string and no
// shaping, so "Chinese 中文" and "Hindi हिन्दी" show boxes and "Urdu اردو" comes out as
// reversed, unjoined letters. Here the label is cut into script runs (ScriptRuns.h), each run gets
// a font that has its characters (fontconfig, FontFaces.h), HarfBuzz shapes it (joining,
// reordering, conjuncts; right to left for Arabic), and the glyph outlines are filled as one
// juce::Path in the Graphics' current colour.
//
// Usage, in place of g.drawText / g.drawFittedText for names:
//     g.setColour(colours::text);
//     dragoman::ui::drawLabel(g, channel.name, bounds.toFloat(), {.height = 15.0f});
//
// Message thread only: one typesetter, its caches unlocked.

#include "FontFaces.h"

#include <juce_graphics/juce_graphics.h>

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace dragoman::ui
{

struct LabelStyle
{
    // As juce::Font's height: ascent + descent of the sans-serif face, in pixels. Latin text comes
    // out the size g.setFont(height) gives it; other scripts share its em size and baseline.
    float height = 15.0f;
    bool bold = false;
    // When the label is too wide: shrink down to this height, then cut it with "…".
    // 0: never shrink, only cut.
    float minimumHeight = 0.0f;
    juce::Justification justification = juce::Justification::centredLeft;
};

// Positions in ems (multiply by pixelsPerEm), x from the line's left edge, y up from the baseline.
struct ShapedGlyph
{
    std::uint32_t id = 0;    // 0 is .notdef: the font lacked the character
    std::size_t cluster = 0; // the first code point (index into the label) the glyph draws
    float x = 0.0f;
    float y = 0.0f;
    float advance = 0.0f;
};

struct ShapedRun
{
    std::uint32_t script = 0; // HarfBuzz tag; scriptName() in ScriptRuns.h spells it
    bool rightToLeft = false;
    std::size_t begin = 0; // code points [begin, end) of the label
    std::size_t end = 0;
    std::string fontFile;
    FontFace* face = nullptr; // owned by the typesetter; nominalGlyph() compares with shaping
    float x = 0.0f;           // left edge, ems
    float width = 0.0f;
    std::vector<ShapedGlyph> glyphs; // left to right as drawn
};

struct ShapedLine
{
    std::u32string text;         // the label (for a cut label: the part kept, without "…")
    std::vector<ShapedRun> runs; // left to right as drawn
    float width = 0.0f;          // advance width, ems
    float ascent = 0.0f;         // of the line (the sans-serif face), ems
    float descent = 0.0f;
    bool ellipsised = false; // the last run is the "…"
    juce::Path outline;      // every glyph, ems, y down, origin at the left end of the baseline
};

// What fit() decided: which line, at what height.
struct FittedLabel
{
    const ShapedLine* line = nullptr; // valid until the typesetter's next call
    float height = 0.0f;
    float pixelsPerEm = 0.0f;
};

class LabelTypesetter
{
public:
    // The one the message thread shares: fonts opened once for every view.
    static LabelTypesetter& shared();

    // The label shaped once, for every size (cached; valid until the typesetter's next call).
    const ShapedLine& shape(const juce::String& label, bool bold = false);
    // Pixels per em for a style height (see LabelStyle::height).
    float pixelsPerEm(float height, bool bold = false);
    // Advance width in pixels at the style's height, before any fitting.
    float width(const juce::String& label, const LabelStyle& style = {});
    // The largest of: whole at style.height; whole, shrunk toward style.minimumHeight; cut at a
    // character cluster with "…" at the minimum height, so that it is at most maxWidth wide.
    FittedLabel fit(const juce::String& label, const LabelStyle& style, float maxWidth);
    // Fits the label into area and fills it with the Graphics' current colour.
    void draw(juce::Graphics& g, const juce::String& label, juce::Rectangle<float> area,
              const LabelStyle& style = {});
    // Where draw() puts the line's outline, for a label already fitted into area.
    juce::AffineTransform placement(const FittedLabel& fitted, juce::Rectangle<float> area,
                                    juce::Justification justification) const;

private:
    const ShapedLine& shapeCached(const std::u32string& text, bool bold, std::size_t keep);
    ShapedLine shapeText(const std::u32string& text, bool bold, bool ellipsis);

    FontFaces faces;
    // (label, bold, code points kept or npos for the whole label) -> line.
    std::map<std::tuple<std::u32string, bool, std::size_t>, ShapedLine> lines;
};

// The shared typesetter's draw() and width(): the usual call from a paint().
void drawLabel(juce::Graphics& g, const juce::String& label, juce::Rectangle<float> area,
               const LabelStyle& style = {});
float labelWidth(const juce::String& label, const LabelStyle& style = {});

} // namespace dragoman::ui
