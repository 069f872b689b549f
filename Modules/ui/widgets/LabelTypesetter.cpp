#include "LabelTypesetter.h"

#include "ScriptRuns.h"

#include <hb.h>

#include <algorithm>
#include <set>

namespace dragoman::ui
{

namespace
{

constexpr std::size_t wholeLabel = std::u32string::npos;
// Enough for every name of a large session at a few sizes of cut; past it, start again.
constexpr std::size_t cachedLines = 4096;
constexpr char32_t ellipsisCharacter = U'\u2026';

std::u32string codePoints(const juce::String& label)
{
    std::u32string text;
    for (auto p = label.getCharPointer(); !p.isEmpty();)
        text.push_back(static_cast<char32_t>(p.getAndAdvance()));
    return text;
}

// Spaces, joiners and controls draw with whatever font their run has: every font has a space,
// and HarfBuzz hides default-ignorable characters a font lacks.
bool needsNoGlyphOfItsOwn(char32_t c)
{
    switch (hb_unicode_general_category(hb_unicode_funcs_get_default(), c))
    {
    case HB_UNICODE_GENERAL_CATEGORY_SPACE_SEPARATOR:
    case HB_UNICODE_GENERAL_CATEGORY_FORMAT:
    case HB_UNICODE_GENERAL_CATEGORY_CONTROL:
    case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
        return true;
    default:
        return false;
    }
}

// A run of one script, direction and font: what one hb_shape() call takes.
struct Piece
{
    ScriptRun run;
    FontFace* face = nullptr;
};

} // namespace

LabelTypesetter& LabelTypesetter::shared()
{
    static LabelTypesetter typesetter;
    return typesetter;
}

float LabelTypesetter::pixelsPerEm(float height, bool bold)
{
    const FontFace& face = faces.primary(bold);
    return height / std::max(0.01f, face.ascent() + face.descent());
}

const ShapedLine& LabelTypesetter::shape(const juce::String& label, bool bold)
{
    return shapeCached(codePoints(label), bold, wholeLabel);
}

const ShapedLine& LabelTypesetter::shapeCached(const std::u32string& text, bool bold,
                                               std::size_t keep)
{
    const auto key = std::make_tuple(text, bold, keep);
    if (const auto found = lines.find(key); found != lines.end())
        return found->second;
    if (lines.size() >= cachedLines)
        lines.clear();
    ShapedLine line;
    if (keep == wholeLabel)
        line = shapeText(text, bold, false);
    else
    {
        // Cut where a cluster starts, and drop the spaces before "…".
        std::u32string kept = text.substr(0, keep);
        while (!kept.empty() && needsNoGlyphOfItsOwn(kept.back()))
            kept.pop_back();
        line = shapeText(kept, bold, true);
    }
    return lines.emplace(key, std::move(line)).first->second;
}

ShapedLine LabelTypesetter::shapeText(const std::u32string& text, bool bold, bool ellipsis)
{
    ShapedLine line;
    line.text = text;
    FontFace& primary = faces.primary(bold);
    line.ascent = primary.ascent();
    line.descent = primary.descent();

    // Each script run gets the font fontconfig finds for all its letters; a letter that font
    // lacks gets its own (a rare symbol among common ones), which splits the run.
    std::vector<Piece> pieces;
    for (const ScriptRun& run : splitScriptRuns(text))
    {
        std::u32string letters;
        for (std::size_t i = run.begin; i < run.end; ++i)
            if (!needsNoGlyphOfItsOwn(text[i]) && letters.find(text[i]) == std::u32string::npos)
                letters.push_back(text[i]);
        FontFace* runFace = &faces.coveringAll(letters, bold);
        for (std::size_t i = run.begin; i < run.end; ++i)
        {
            FontFace* face = runFace;
            if (!needsNoGlyphOfItsOwn(text[i]) && !runFace->covers(text[i]))
                face = &faces.covering(text[i], bold);
            if (!pieces.empty() && pieces.back().run.end == i && pieces.back().face == face &&
                pieces.back().run.script == run.script)
            {
                pieces.back().run.end = i + 1;
                continue;
            }
            ScriptRun piece = run;
            piece.begin = i;
            piece.end = i + 1;
            pieces.push_back(Piece{piece, face});
        }
    }
    std::u32string shapedText = text;
    if (ellipsis)
    {
        // Its own left-to-right piece, so that it ends the line even after Arabic.
        shapedText.push_back(ellipsisCharacter);
        pieces.push_back(
            Piece{ScriptRun{text.size(), text.size() + 1,
                            static_cast<std::uint32_t>(HB_SCRIPT_COMMON), false, false},
                  &primary});
    }

    std::vector<ScriptRun> runs;
    for (const Piece& piece : pieces)
        runs.push_back(piece.run);

    hb_buffer_t* buffer = hb_buffer_create();
    float pen = 0.0f;
    for (const std::size_t index : visualOrder(runs))
    {
        const Piece& piece = pieces[index];
        FontFace& face = *piece.face;
        ShapedRun shaped;
        shaped.script = piece.run.script;
        shaped.rightToLeft = piece.run.rightToLeft;
        shaped.begin = piece.run.begin;
        shaped.end = std::min(piece.run.end, text.size());
        shaped.fontFile = face.file();
        shaped.face = &face;
        shaped.x = pen;
        if (face.isOpen())
        {
            hb_buffer_clear_contents(buffer);
            // The whole label goes in as context, so that letters join across a font change.
            hb_buffer_add_utf32(buffer, reinterpret_cast<const std::uint32_t*>(shapedText.data()),
                                int(shapedText.size()), unsigned(piece.run.begin),
                                int(piece.run.end - piece.run.begin));
            hb_buffer_set_direction(buffer,
                                    piece.run.rightToLeft ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
            hb_buffer_set_script(buffer, static_cast<hb_script_t>(piece.run.script));
            hb_buffer_guess_segment_properties(buffer);
            hb_shape(face.shaper(), buffer, nullptr, 0);

            unsigned count = 0;
            const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
            const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, &count);
            const float toEm = 1.0f / face.unitsPerEm();
            // HarfBuzz gives right-to-left runs in visual order already.
            for (unsigned i = 0; i < count; ++i)
            {
                ShapedGlyph glyph;
                glyph.id = infos[i].codepoint;
                glyph.cluster = infos[i].cluster;
                glyph.x = pen + float(positions[i].x_offset) * toEm;
                glyph.y = float(positions[i].y_offset) * toEm;
                glyph.advance = float(positions[i].x_advance) * toEm;
                pen += glyph.advance;
                line.outline.addPath(face.outline(glyph.id),
                                     juce::AffineTransform::translation(glyph.x, -glyph.y));
                shaped.glyphs.push_back(glyph);
            }
        }
        shaped.width = pen - shaped.x;
        line.runs.push_back(std::move(shaped));
    }
    hb_buffer_destroy(buffer);
    line.width = pen;
    line.ellipsised = ellipsis;
    return line;
}

float LabelTypesetter::width(const juce::String& label, const LabelStyle& style)
{
    return shape(label, style.bold).width * pixelsPerEm(style.height, style.bold);
}

FittedLabel LabelTypesetter::fit(const juce::String& label, const LabelStyle& style, float maxWidth)
{
    const std::u32string text = codePoints(label);
    const ShapedLine& whole = shapeCached(text, style.bold, wholeLabel);
    float height = style.height;
    const auto fitted = [&](const ShapedLine& line, float h)
    {
        return FittedLabel{&line, h, pixelsPerEm(h, style.bold)};
    };
    if (whole.width * pixelsPerEm(height, style.bold) <= maxWidth)
        return fitted(whole, height);

    const float minimum =
        style.minimumHeight > 0.0f ? std::min(style.minimumHeight, height) : height;
    if (minimum < height)
    {
        // Width is proportional to height: the height that fills maxWidth, if not too small.
        const float shrunk = height * maxWidth / (whole.width * pixelsPerEm(height, style.bold));
        if (shrunk >= minimum)
            return fitted(whole, shrunk);
        height = minimum;
    }

    // Cut at the start of a cluster (a whole syllable, a letter and its marks), the longest
    // that fits with "…"; widths grow with the part kept, so a binary search finds it.
    std::set<std::size_t> cuts{0};
    for (const ShapedRun& run : whole.runs)
        for (const ShapedGlyph& glyph : run.glyphs)
            if (glyph.cluster > 0 && glyph.cluster < text.size())
                cuts.insert(glyph.cluster);
    const std::vector<std::size_t> candidates(cuts.begin(), cuts.end());
    const float pixels = pixelsPerEm(height, style.bold);
    std::size_t low = 0; // candidates[low] fits, or is the empty cut
    std::size_t high = candidates.size();
    while (high - low > 1)
    {
        const std::size_t middle = (low + high) / 2;
        if (shapeCached(text, style.bold, candidates[middle]).width * pixels <= maxWidth)
            low = middle;
        else
            high = middle;
    }
    return fitted(shapeCached(text, style.bold, candidates[low]), height);
}

juce::AffineTransform LabelTypesetter::placement(const FittedLabel& fitted,
                                                 juce::Rectangle<float> area,
                                                 juce::Justification justification) const
{
    const ShapedLine& line = *fitted.line;
    const float scale = fitted.pixelsPerEm;
    const float lineWidth = line.width * scale;
    float x = area.getX();
    if (justification.testFlags(juce::Justification::right))
        x = area.getRight() - lineWidth;
    else if (justification.testFlags(juce::Justification::horizontallyCentred))
        x = area.getCentreX() - lineWidth * 0.5f;
    float baseline = area.getCentreY() + (line.ascent - line.descent) * scale * 0.5f;
    if (justification.testFlags(juce::Justification::top))
        baseline = area.getY() + line.ascent * scale;
    else if (justification.testFlags(juce::Justification::bottom))
        baseline = area.getBottom() - line.descent * scale;
    return juce::AffineTransform::scale(scale).translated(x, baseline);
}

void LabelTypesetter::draw(juce::Graphics& g, const juce::String& label,
                           juce::Rectangle<float> area, const LabelStyle& style)
{
    const FittedLabel fitted = fit(label, style, area.getWidth());
    g.fillPath(fitted.line->outline, placement(fitted, area, style.justification));
}

void drawLabel(juce::Graphics& g, const juce::String& label, juce::Rectangle<float> area,
               const LabelStyle& style)
{
    LabelTypesetter::shared().draw(g, label, area, style);
}

float labelWidth(const juce::String& label, const LabelStyle& style)
{
    return LabelTypesetter::shared().width(label, style);
}

} // namespace dragoman::ui
