#include "ui/widgets/ScriptRuns.h"

#include <catch2/catch.hpp>

using namespace dragoman::ui;

namespace
{

std::string describe(const std::u32string& text)
{
    const auto runs = splitScriptRuns(text);
    std::string out;
    for (const auto& run : runs)
        out += scriptName(run.script) + (run.rightToLeft ? "<" : ">") + std::to_string(run.begin) +
               "-" + std::to_string(run.end) + " ";
    return out;
}

std::vector<std::size_t> order(const std::u32string& text)
{
    return visualOrder(splitScriptRuns(text));
}

} // namespace

TEST_CASE("A name's English word and its own script are two runs; the space stays with English")
{
    CHECK(describe(U"Urdu اردو") == "Latn>0-5 Arab<5-9 ");
    CHECK(describe(U"Chinese 中文") == "Latn>0-8 Hani>8-10 ");
    CHECK(describe(U"Hindi हिन्दी") == "Latn>0-6 Deva>6-12 ");
    CHECK(describe(U"Russian Русский") == "Latn>0-8 Cyrl>8-15 ");
    CHECK(describe(U"English") == "Latn>0-7 ");
    CHECK(order(U"Urdu اردو") == std::vector<std::size_t>{0, 1});
}

TEST_CASE("Spaces between Arabic words stay in the right-to-left run")
{
    CHECK(describe(U"زبان فارسی") == "Arab<0-10 ");
}

TEST_CASE("Digits inside Arabic read left to right and move with the Arabic before them")
{
    // UAX #9 in a left-to-right paragraph: "ARABIC 12 abc" shows as "12 CIBARA abc".
    const std::u32string text = U"فارسی 12 abc";
    const auto runs = splitScriptRuns(text);
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].rightToLeft);
    CHECK(runs[0].end == 6); // the space between the word and the digits stays right to left
    CHECK_FALSE(runs[1].rightToLeft);
    CHECK(runs[1].insideRightToLeft);
    CHECK(runs[2].begin == 8); // the space before "abc" goes with the paragraph
    CHECK(order(text) == std::vector<std::size_t>{1, 0, 2});
}

TEST_CASE("Leading and trailing punctuation around Arabic takes the paragraph's direction")
{
    CHECK(describe(U"(اردو)") == "Zyyy>0-1 Arab<1-5 Zyyy>5-6 ");
}
