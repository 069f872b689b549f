// The Astana session's channel names, shaped and drawn into images: every script gets glyphs
// (no .notdef boxes), Arabic reads right to left and joins, Devanagari is reordered, the width
// told is the width drawn, and a name too wide shrinks and then ends in "…".
#include "ui/widgets/LabelTypesetter.h"
#include "ui/widgets/ScriptRuns.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>

using namespace dragoman::ui;

namespace
{

// The channel names of Assets/sessions/astana.yaml (checked against the file below).
const std::vector<juce::String> astanaNames{juce::String::fromUTF8("Russian Русский"),
                                            juce::String::fromUTF8("Chinese 中文"),
                                            juce::String::fromUTF8("English"),
                                            juce::String::fromUTF8("Kazakh Қазақша"),
                                            juce::String::fromUTF8("Hindi हिन्दी"),
                                            juce::String::fromUTF8("Urdu اردو"),
                                            juce::String::fromUTF8("Persian فارسی"),
                                            juce::String::fromUTF8("Uzbek Oʻzbekcha"),
                                            juce::String::fromUTF8("Kyrgyz Кыргызча"),
                                            juce::String::fromUTF8("Tajik Тоҷикӣ"),
                                            juce::String::fromUTF8("Belarusian Беларуская")};

const ShapedRun& runOf(const ShapedLine& line, const char* script)
{
    for (const auto& run : line.runs)
        if (scriptName(run.script) == script)
            return run;
    FAIL("no " << script << " run");
    return line.runs.front();
}

// Columns and rows with any ink, in an image drawn white on transparent.
struct Ink
{
    int left = -1, right = -1, top = -1, bottom = -1;
    bool any() const { return left >= 0; }
};

Ink inkOf(const juce::Image& image)
{
    Ink ink;
    const juce::Image::BitmapData pixels(image, juce::Image::BitmapData::readOnly);
    for (int y = 0; y < image.getHeight(); ++y)
        for (int x = 0; x < image.getWidth(); ++x)
            if (pixels.getPixelColour(x, y).getAlpha() > 40)
            {
                ink.left = ink.left < 0 ? x : std::min(ink.left, x);
                ink.right = std::max(ink.right, x + 1);
                ink.top = ink.top < 0 ? y : std::min(ink.top, y);
                ink.bottom = std::max(ink.bottom, y + 1);
            }
    return ink;
}

juce::Image drawn(const juce::String& name, juce::Rectangle<float> area, const LabelStyle& style,
                  int width = 640, int height = 48)
{
    juce::Image image(juce::Image::ARGB, width, height, true);
    juce::Graphics g(image);
    g.setColour(juce::Colours::white);
    drawLabel(g, name, area, style);
    return image;
}

} // namespace

TEST_CASE("The names tested are the Astana session's")
{
    const auto yaml = juce::File(DRAGOMAN_ASSETS_DIR).getChildFile("sessions/astana.yaml");
    const auto text = yaml.loadFileAsString();
    REQUIRE(text.isNotEmpty());
    for (const auto& name : astanaNames)
        CHECK(text.contains("name: \"" + name + "\""));
}

TEST_CASE("Every Astana name gets a glyph for every character, in a font that has it")
{
    auto& typesetter = LabelTypesetter::shared();
    for (const auto& name : astanaNames)
    {
        INFO(name);
        const ShapedLine& line = typesetter.shape(name);
        CHECK(line.width > 0.0f);
        CHECK_FALSE(line.outline.isEmpty());
        for (const auto& run : line.runs)
        {
            INFO(scriptName(run.script) << " in " << run.fontFile);
            REQUIRE(run.face != nullptr);
            CHECK_FALSE(run.glyphs.empty());
            for (std::size_t i = run.begin; i < run.end; ++i)
                CHECK(run.face->covers(line.text[i]));
            for (const auto& glyph : run.glyphs)
                CHECK(glyph.id != 0);
        }
    }
}

TEST_CASE("Bold names are bold in every script: a bold file where there is one, else emboldened")
{
    auto& typesetter = LabelTypesetter::shared();
    for (const auto& name : astanaNames)
    {
        INFO(name);
        const ShapedLine& regular = typesetter.shape(name, false);
        const ShapedLine& bold = typesetter.shape(name, true);
        REQUIRE(regular.runs.size() == bold.runs.size());
        for (std::size_t r = 0; r < bold.runs.size(); ++r)
        {
            for (const auto& glyph : bold.runs[r].glyphs)
                CHECK(glyph.id != 0);
            // Another file, or the same file's outlines made wider.
            const auto& a = regular.runs[r];
            const auto& b = bold.runs[r];
            if (a.fontFile == b.fontFile)
                CHECK(b.face->outline(b.glyphs.front().id).getBounds().getWidth() >
                      a.face->outline(a.glyphs.front().id).getBounds().getWidth());
            else
                CHECK(b.face != a.face);
        }
    }
}

TEST_CASE("Han and Devanagari come from fonts that have them, not from the Latin font")
{
    auto& typesetter = LabelTypesetter::shared();
    const ShapedLine& chinese = typesetter.shape(juce::String::fromUTF8("Chinese 中文"));
    CHECK(runOf(chinese, "Hani").fontFile != runOf(chinese, "Latn").fontFile);
    const ShapedLine& hindi = typesetter.shape(juce::String::fromUTF8("Hindi हिन्दी"));
    CHECK(runOf(hindi, "Deva").fontFile != runOf(hindi, "Latn").fontFile);
}

TEST_CASE("Arabic script reads right to left, after the English word, and its letters join")
{
    auto& typesetter = LabelTypesetter::shared();
    for (const auto& [label, first, last] :
         {std::tuple{"Urdu اردو", std::size_t{5}, std::size_t{8}},
          std::tuple{"Persian فارسی", std::size_t{8}, std::size_t{12}}})
    {
        INFO(label);
        const ShapedLine& line = typesetter.shape(juce::String::fromUTF8(label));
        const ShapedRun& latin = runOf(line, "Latn");
        const ShapedRun& arabic = runOf(line, "Arab");
        CHECK(arabic.rightToLeft);
        CHECK(arabic.x >= latin.x + latin.width - 0.001f);
        const auto at = [&](std::size_t cluster)
        {
            const auto glyph = std::find_if(arabic.glyphs.begin(), arabic.glyphs.end(),
                                            [&](const auto& g) { return g.cluster == cluster; });
            REQUIRE(glyph != arabic.glyphs.end());
            return glyph->x;
        };
        // The first letter written is the rightmost, the last the leftmost.
        CHECK(at(first) > at(last));
        CHECK(arabic.glyphs.front().cluster == last);
        CHECK(arabic.glyphs.back().cluster == first);
    }

    // فارسی: feh and seen join the letters after them, so they take other forms than the
    // isolated ones the font's cmap gives.
    const ShapedLine& persian = typesetter.shape(juce::String::fromUTF8("Persian فارسی"));
    const ShapedRun& arabic = runOf(persian, "Arab");
    int joined = 0;
    for (const auto& glyph : arabic.glyphs)
        if (glyph.id != arabic.face->nominalGlyph(persian.text[glyph.cluster]))
            ++joined;
    CHECK(joined >= 3); // feh initial, alef final, seen initial, yeh final
}

TEST_CASE("Devanagari is shaped: the i-matra is drawn before the consonant it follows")
{
    auto& typesetter = LabelTypesetter::shared();
    const ShapedLine& line = typesetter.shape(juce::String::fromUTF8("Hindi हिन्दी"));
    const ShapedRun& deva = runOf(line, "Deva");
    // हिन्दी is ह ि न ् द ी. Without shaping the glyphs would be those six, in that order.
    std::vector<std::uint32_t> naive;
    for (std::size_t i = deva.begin; i < deva.end; ++i)
        naive.push_back(deva.face->nominalGlyph(line.text[i]));
    std::vector<std::uint32_t> shaped;
    for (const auto& glyph : deva.glyphs)
        shaped.push_back(glyph.id);
    CHECK(shaped != naive);
    // The leftmost glyph is the i-matra (some form of it), not ह, although ह comes first.
    REQUIRE(deva.glyphs.size() >= 2);
    CHECK(deva.glyphs.front().id != deva.face->nominalGlyph(U'\u0939'));
    const auto ha =
        std::find_if(deva.glyphs.begin(), deva.glyphs.end(),
                     [&](const auto& g) { return g.id == deva.face->nominalGlyph(U'\u0939'); });
    if (ha != deva.glyphs.end())
        CHECK(ha->x > deva.glyphs.front().x);
    // न् + द: the virama does not stand alone, it makes a half form or a conjunct.
    const auto virama = deva.face->nominalGlyph(U'\u094D');
    CHECK(std::none_of(deva.glyphs.begin(), deva.glyphs.end(),
                       [&](const auto& g) { return g.id == virama; }));
}

TEST_CASE("The width measured is the width drawn, wherever the label is justified")
{
    auto& typesetter = LabelTypesetter::shared();
    for (const auto& name : astanaNames)
    {
        INFO(name);
        const LabelStyle style{.height = 24.0f};
        const float width = typesetter.width(name, style);
        const float scale = typesetter.pixelsPerEm(style.height);
        const auto bounds = typesetter.shape(name).outline.getBounds();

        const Ink left = inkOf(drawn(name, {10.0f, 0.0f, 600.0f, 48.0f}, style));
        REQUIRE(left.any());
        CHECK(left.left == Approx(10.0f + bounds.getX() * scale).margin(1.5));
        CHECK(left.right == Approx(10.0f + bounds.getRight() * scale).margin(1.5));
        // Ink ends within a side bearing of the advance width.
        CHECK(float(left.right) <= 10.0f + width + 1.5f);
        CHECK(float(left.right) >= 10.0f + width - 0.2f * style.height);

        const Ink right =
            inkOf(drawn(name, {10.0f, 0.0f, 600.0f, 48.0f},
                        {.height = 24.0f, .justification = juce::Justification::centredRight}));
        CHECK(right.right <= 611);
        // The same ink, moved by a fraction of a pixel at most.
        CHECK(std::abs((right.right - right.left) - (left.right - left.left)) <= 1);
        CHECK(float(right.right) >= 610.0f - 0.2f * style.height);
        // Centred vertically: the ink sits around the middle of the 48 px row.
        CHECK(left.top > 4);
        CHECK(left.bottom < 44);
    }
}

TEST_CASE("Latin text is as wide as JUCE draws it with the same height")
{
    const juce::Font font(juce::Font::getDefaultSansSerifFontName(), 24.0f, juce::Font::plain);
    const float juceWidth = font.getStringWidthFloat("Belarusian");
    CHECK(labelWidth("Belarusian", {.height = 24.0f}) == Approx(juceWidth).epsilon(0.03));
}

TEST_CASE("A name too wide shrinks down to the minimum height, then ends in an ellipsis")
{
    auto& typesetter = LabelTypesetter::shared();
    const auto name = juce::String::fromUTF8("Belarusian Беларуская");
    const LabelStyle style{.height = 16.0f, .minimumHeight = 12.0f};
    const float natural = typesetter.width(name, style);

    const FittedLabel whole = typesetter.fit(name, style, natural + 1.0f);
    CHECK(whole.height == 16.0f);
    CHECK_FALSE(whole.line->ellipsised);

    const FittedLabel shrunk = typesetter.fit(name, style, natural * 0.85f);
    CHECK_FALSE(shrunk.line->ellipsised);
    CHECK(shrunk.height < 16.0f);
    CHECK(shrunk.height >= 12.0f);
    CHECK(shrunk.line->width * shrunk.pixelsPerEm <= natural * 0.85f + 0.01f);

    const FittedLabel cut = typesetter.fit(name, style, 80.0f);
    CHECK(cut.height == 12.0f);
    REQUIRE(cut.line->ellipsised);
    CHECK(cut.line->width * cut.pixelsPerEm <= 80.0f);
    CHECK(cut.line->text.size() < std::size_t(name.length()));
    CHECK(cut.line->text.size() > 4); // the longest cut that fits, not just "…"
    const ShapedRun& ellipsis = cut.line->runs.back();
    REQUIRE(ellipsis.glyphs.size() == 1);
    CHECK(ellipsis.glyphs.front().id == ellipsis.face->nominalGlyph(U'\u2026'));

    // Drawn, it stays inside its box.
    const Ink ink = inkOf(drawn(name, {10.0f, 0.0f, 80.0f, 48.0f}, style));
    CHECK(ink.left >= 10);
    CHECK(ink.right <= 91);
}

TEST_CASE("An Arabic name cut short keeps the ellipsis at its right end")
{
    auto& typesetter = LabelTypesetter::shared();
    const auto name = juce::String::fromUTF8("Persian فارسی");
    const LabelStyle style{.height = 16.0f};
    const float natural = typesetter.width(name, style);
    const FittedLabel cut = typesetter.fit(name, style, natural - 8.0f);
    REQUIRE(cut.line->ellipsised);
    const auto& runs = cut.line->runs;
    REQUIRE(runs.size() >= 3);
    CHECK(scriptName(runs[runs.size() - 2].script) == "Arab");
    CHECK(runs.back().x >= runs[runs.size() - 2].x);
    for (const auto& run : runs)
        for (const auto& glyph : run.glyphs)
            CHECK(glyph.id != 0);
}

// Not a check: the picture to look at. Run with `dragoman_ui_tests "[.png]"`; it writes
// /tmp/dragoman-astana-labels.png: JUCE's drawText, then drawLabel at 16 px, 24 px, 16 px fitted
// into 120 px (down to 12 px, then cut), and 16 px bold.
TEST_CASE("Astana names as a picture", "[.png]")
{
    const int rowHeight = 34;
    juce::Image image(juce::Image::RGB, 1100, rowHeight * int(astanaNames.size()) + 8, true);
    {
        juce::Graphics g(image);
        g.fillAll(juce::Colour(0xff15171b));
        g.setColour(juce::Colour(0xffe8eaed));
        int y = 4;
        for (const auto& name : astanaNames)
        {
            g.setFont(16.0f);
            g.drawText(name, juce::Rectangle<int>(8, y, 200, rowHeight),
                       juce::Justification::centredLeft);
            drawLabel(g, name, {220.0f, float(y), 230.0f, float(rowHeight)}, {.height = 16.0f});
            drawLabel(g, name, {460.0f, float(y), 300.0f, float(rowHeight)}, {.height = 24.0f});
            drawLabel(g, name, {770.0f, float(y), 120.0f, float(rowHeight)},
                      {.height = 16.0f, .minimumHeight = 12.0f});
            drawLabel(g, name, {900.0f, float(y), 200.0f, float(rowHeight)},
                      {.height = 16.0f, .bold = true});
            y += rowHeight;
        }
    }
    juce::File file("/tmp/dragoman-astana-labels.png");
    file.deleteFile();
    juce::FileOutputStream out(file);
    REQUIRE(out.openedOk());
    REQUIRE(juce::PNGImageFormat().writeImageToStream(image, out));
}
