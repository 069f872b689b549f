#include "FontFaces.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include <hb.h>

namespace dragoman::ui
{

namespace
{

// FreeType's outline walk, into a juce::Path in font units (y up, flipped later).
struct OutlineSink
{
    juce::Path path;
    bool open = false;
};

OutlineSink& sinkOf(void* user)
{
    return *static_cast<OutlineSink*>(user);
}

int moveTo(const FT_Vector* to, void* user)
{
    auto& sink = sinkOf(user);
    if (sink.open)
        sink.path.closeSubPath();
    sink.path.startNewSubPath(float(to->x), float(to->y));
    sink.open = true;
    return 0;
}

int lineTo(const FT_Vector* to, void* user)
{
    sinkOf(user).path.lineTo(float(to->x), float(to->y));
    return 0;
}

int conicTo(const FT_Vector* control, const FT_Vector* to, void* user)
{
    sinkOf(user).path.quadraticTo(float(control->x), float(control->y), float(to->x), float(to->y));
    return 0;
}

int cubicTo(const FT_Vector* control1, const FT_Vector* control2, const FT_Vector* to, void* user)
{
    sinkOf(user).path.cubicTo(float(control1->x), float(control1->y), float(control2->x),
                              float(control2->y), float(to->x), float(to->y));
    return 0;
}

// fontconfig is asked in the user interface's terms: sans-serif, regular or bold, these
// characters. Its rules (charset before family) pick a family that has them.
FcPattern* patternFor(const std::u32string& characters, bool bold)
{
    FcPattern* pattern = FcPatternCreate();
    FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>("sans-serif"));
    FcPatternAddInteger(pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pattern, FC_SLANT, FC_SLANT_ROMAN);
    FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);
    if (!characters.empty())
    {
        FcCharSet* charset = FcCharSetCreate();
        for (const char32_t c : characters)
            FcCharSetAddChar(charset, static_cast<FcChar32>(c));
        FcPatternAddCharSet(pattern, FC_CHARSET, charset);
        FcCharSetDestroy(charset);
    }
    FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    return pattern;
}

} // namespace

FontFace::FontFace(FT_LibraryRec_* library, const std::string& file, int index, bool embolden)
    : path(file), synthesiseBold(embolden)
{
    if (FT_New_Face(library, file.c_str(), index, &ftFace) != 0)
    {
        ftFace = nullptr;
        return;
    }
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(file.c_str());
    if (blob == nullptr)
        return;
    hb_face_t* face = hb_face_create(blob, static_cast<unsigned>(index));
    hb_blob_destroy(blob);
    hbFont = hb_font_create(face);
    hb_face_destroy(face);
    upem = float(ftFace->units_per_EM > 0 ? ftFace->units_per_EM : 1000);
    // Shaping in font units: positions are exact, and one shaping serves every size.
    hb_font_set_scale(hbFont, int(upem), int(upem));
    ascender = float(ftFace->ascender) / upem;
    descender = float(-ftFace->descender) / upem;
}

FontFace::~FontFace()
{
    if (hbFont != nullptr)
        hb_font_destroy(hbFont);
    if (ftFace != nullptr)
        FT_Done_Face(ftFace);
}

std::uint32_t FontFace::nominalGlyph(char32_t character) const
{
    hb_codepoint_t glyph = 0;
    if (hbFont == nullptr || !hb_font_get_nominal_glyph(hbFont, character, &glyph))
        return 0;
    return glyph;
}

const juce::Path& FontFace::outline(std::uint32_t glyph)
{
    if (const auto found = outlines.find(glyph); found != outlines.end())
        return found->second;
    OutlineSink sink;
    // Unscaled and unhinted, as JUCE's own FreeType typefaces: the path is scaled when drawn.
    if (ftFace != nullptr &&
        FT_Load_Glyph(ftFace, glyph, FT_LOAD_NO_SCALE | FT_LOAD_NO_BITMAP | FT_LOAD_NO_HINTING) ==
            0 &&
        ftFace->glyph->format == FT_GLYPH_FORMAT_OUTLINE)
    {
        FT_Outline* outline = &ftFace->glyph->outline;
        if (synthesiseBold)
            FT_Outline_EmboldenXY(outline, FT_Pos(upem / 40), 0);
        const FT_Outline_Funcs funcs{moveTo, lineTo, conicTo, cubicTo, 0, 0};
        FT_Outline_Decompose(outline, &funcs, &sink);
        if (sink.open)
            sink.path.closeSubPath();
        // TrueType and CFF fill by the non-zero rule, which is juce::Path's default.
        sink.path.applyTransform(juce::AffineTransform::scale(1.0f / upem, -1.0f / upem));
    }
    return outlines.emplace(glyph, std::move(sink.path)).first->second;
}

FontFaces::FontFaces()
{
    FcInit();
    if (FT_Init_FreeType(&library) != 0)
        library = nullptr;
}

FontFaces::~FontFaces()
{
    faces.clear();
    if (library != nullptr)
        FT_Done_FreeType(library);
}

FontFace& FontFaces::primary(bool bold)
{
    return match(U"A", bold);
}

FontFace& FontFaces::coveringAll(const std::u32string& characters, bool bold)
{
    return match(characters, bold);
}

FontFace& FontFaces::covering(char32_t character, bool bold)
{
    FontFace& face = match(std::u32string(1, character), bold);
    return face.covers(character) ? face : primary(bold);
}

FontFace& FontFaces::match(const std::u32string& characters, bool bold)
{
    auto& known = matches[bold ? 1 : 0];
    if (const auto found = known.find(characters); found != known.end())
        return *found->second;

    std::string file;
    int index = 0;
    FcBool embolden = FcFalse;
    FcPattern* pattern = patternFor(characters, bold);
    FcResult result = FcResultNoMatch;
    if (FcPattern* font = FcFontMatch(nullptr, pattern, &result))
    {
        FcChar8* fileName = nullptr;
        if (FcPatternGetString(font, FC_FILE, 0, &fileName) == FcResultMatch)
            file = reinterpret_cast<const char*>(fileName);
        FcPatternGetInteger(font, FC_INDEX, 0, &index);
        // Set by fontconfig's own rules when the family has no bold file.
        FcPatternGetBool(font, FC_EMBOLDEN, 0, &embolden);
        FcPatternDestroy(font);
    }
    FcPatternDestroy(pattern);
    FontFace& face = open(file, index, embolden == FcTrue);
    known.emplace(characters, &face);
    return face;
}

FontFace& FontFaces::open(const std::string& file, int index, bool embolden)
{
    const std::string key = file + "#" + std::to_string(index) + (embolden ? "#bold" : "");
    auto& slot = faces[key];
    if (slot == nullptr)
        slot = std::make_unique<FontFace>(library, file, index, embolden);
    return *slot;
}

} // namespace dragoman::ui
