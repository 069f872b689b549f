#pragma once
// The font files that draw labels, found by fontconfig for the characters at hand and kept open:
// one FreeType face (outlines) and one HarfBuzz font (shaping) per file, and each glyph's outline
// as a juce::Path once drawn. JUCE 7 on Linux has no fallback from one font to another, so a
// Chinese or Hindi name in DejaVu Sans shows empty boxes; here each character gets a font that
// has it.
// Message thread only (or any one thread): nothing here locks.

#include <juce_graphics/juce_graphics.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>

struct FT_LibraryRec_;
struct FT_FaceRec_;
struct hb_font_t;

namespace dragoman::ui
{

// One open font file (or one face of a .ttc collection).
class FontFace
{
public:
    FontFace(FT_LibraryRec_* library, const std::string& file, int index, bool embolden);
    ~FontFace();
    FontFace(const FontFace&) = delete;
    FontFace& operator=(const FontFace&) = delete;

    bool isOpen() const { return ftFace != nullptr && hbFont != nullptr; }
    const std::string& file() const { return path; }
    hb_font_t* shaper() const { return hbFont; }
    float unitsPerEm() const { return upem; }
    // Ascent and descent (positive, below the baseline) in ems, from the font's own metrics.
    float ascent() const { return ascender; }
    float descent() const { return descender; }

    // The glyph the font's cmap gives a character, 0 (.notdef) if the font lacks it.
    std::uint32_t nominalGlyph(char32_t character) const;
    bool covers(char32_t character) const { return nominalGlyph(character) != 0; }

    // The glyph's outline in ems, y down, origin on the baseline; emboldened when fontconfig
    // asked for a synthetic bold (the file has no bold weight).
    const juce::Path& outline(std::uint32_t glyph);

private:
    std::string path;
    FT_FaceRec_* ftFace = nullptr;
    hb_font_t* hbFont = nullptr;
    float upem = 1000.0f;
    float ascender = 0.8f;
    float descender = 0.2f;
    bool synthesiseBold = false;
    std::map<std::uint32_t, juce::Path> outlines;
};

// Every face opened so far, and fontconfig's answers.
class FontFaces
{
public:
    FontFaces();
    ~FontFaces();
    FontFaces(const FontFaces&) = delete;
    FontFaces& operator=(const FontFaces&) = delete;

    // The user interface's own sans-serif face: its metrics set the line, it draws the ellipsis.
    FontFace& primary(bool bold);
    // A face covering as many of these characters as fontconfig can find, sans-serif preferred.
    FontFace& coveringAll(const std::u32string& characters, bool bold);
    // A face for one character the chosen face lacks; the primary face if none has it.
    FontFace& covering(char32_t character, bool bold);

private:
    FontFace& match(const std::u32string& characters, bool bold);
    FontFace& open(const std::string& file, int index, bool embolden);

    FT_LibraryRec_* library = nullptr;
    std::map<std::string, std::unique_ptr<FontFace>> faces; // "file#index#bold"
    std::map<std::u32string, FontFace*> matches[2];         // by characters, per weight
};

} // namespace dragoman::ui
