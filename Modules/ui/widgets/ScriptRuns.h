#pragma once
// A label cut into pieces that one font and one shaping call can take: runs of one Unicode script
// and one direction, in the order they are drawn from left to right. JUCE 7 draws a whole string
// with one typeface and no bidi, which turns "Urdu اردو" into reversed, unjoined letters.
// The rules are a small subset of the Unicode bidi algorithm (UAX #9) for a left-to-right
// paragraph, enough for channel and seat names: spaces and punctuation between two right-to-left
// runs stay in them, elsewhere they take the paragraph's direction; digits inside right-to-left
// text read left to right and move with it. No explicit embeddings, no mirroring pairs beyond
// what HarfBuzz does inside a run.
// Pure functions: any thread.

#include <cstdint>
#include <string>
#include <vector>

namespace dragoman::ui
{

struct ScriptRun
{
    std::size_t begin = 0; // code point indices into the label, [begin, end)
    std::size_t end = 0;
    std::uint32_t script = 0; // HarfBuzz script tag (ISO 15924 as four bytes, 'Arab', 'Deva')
    bool rightToLeft = false;
    // Digits inside right-to-left text: drawn left to right, but placed with the text around them.
    bool insideRightToLeft = false;
};

// The label's runs in logical order: the order of the text.
std::vector<ScriptRun> splitScriptRuns(const std::u32string& text);

// The indices of runs in visual order, left to right: each stretch of right-to-left runs (with
// the digits inside it) is reversed, since the paragraph is left to right.
std::vector<std::size_t> visualOrder(const std::vector<ScriptRun>& runs);

// "Arab" for an ISO 15924 tag stored as HarfBuzz does; for tests and diagnostics.
std::string scriptName(std::uint32_t script);

} // namespace dragoman::ui
