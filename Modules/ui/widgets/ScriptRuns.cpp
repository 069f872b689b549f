#include "ScriptRuns.h"

#include <hb.h>

#include <algorithm>
#include <optional>

namespace dragoman::ui
{

namespace
{

// What one code point became: the run it belongs to, before runs are formed.
struct Resolved
{
    hb_script_t script = HB_SCRIPT_COMMON;
    bool rightToLeft = false;
    bool insideRightToLeft = false;

    bool operator==(const Resolved&) const = default;
    // Neutrals between two of these stay right to left (UAX #9 N1, digits counting as R).
    bool leansRight() const { return rightToLeft || insideRightToLeft; }
};

enum class Kind
{
    strong,
    digit,
    mark,   // Inherited script: combining marks, joiners; they go with the letter before them
    neutral // Common script: spaces, punctuation, symbols
};

bool isRightToLeft(hb_script_t script)
{
    return hb_script_get_horizontal_direction(script) == HB_DIRECTION_RTL;
}

bool isUnassigned(hb_script_t script)
{
    return script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED ||
           script == HB_SCRIPT_UNKNOWN || script == HB_SCRIPT_INVALID;
}

} // namespace

std::vector<ScriptRun> splitScriptRuns(const std::u32string& text)
{
    hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
    const std::size_t n = text.size();
    std::vector<hb_script_t> scripts(n);
    std::vector<Kind> kinds(n);
    for (std::size_t i = 0; i < n; ++i)
    {
        scripts[i] = hb_unicode_script(unicode, text[i]);
        if (hb_unicode_general_category(unicode, text[i]) ==
            HB_UNICODE_GENERAL_CATEGORY_DECIMAL_NUMBER)
            kinds[i] = Kind::digit;
        else if (scripts[i] == HB_SCRIPT_INHERITED)
            kinds[i] = Kind::mark;
        else if (isUnassigned(scripts[i]))
            kinds[i] = Kind::neutral;
        else
            kinds[i] = Kind::strong;
    }

    // Letters and digits first; digits follow the last letter's direction (UAX #9 W2).
    std::vector<std::optional<Resolved>> resolved(n);
    std::optional<hb_script_t> lastStrong;
    for (std::size_t i = 0; i < n; ++i)
    {
        if (kinds[i] == Kind::strong)
        {
            resolved[i] = Resolved{scripts[i], isRightToLeft(scripts[i]), false};
            lastStrong = scripts[i];
        }
        else if (kinds[i] == Kind::digit)
        {
            const bool inRtl = lastStrong && isRightToLeft(*lastStrong);
            hb_script_t script = scripts[i];
            if (isUnassigned(script))
                script = lastStrong ? *lastStrong : HB_SCRIPT_COMMON;
            resolved[i] = Resolved{script, false, inRtl};
        }
    }

    // Neutrals and marks in between: right to left only with right-to-left on both sides,
    // otherwise the paragraph's left to right, joining the left-to-right run beside them.
    for (std::size_t i = 0; i < n;)
    {
        if (resolved[i])
        {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < n && !resolved[j])
            ++j;
        if (kinds[i] == Kind::mark && i > 0)
        {
            // A mark right after a letter belongs to that letter, whatever follows.
            resolved[i] = resolved[i - 1];
            continue;
        }
        // Everything before i is resolved by now, and j stopped at a resolved code point.
        const Resolved* before = i > 0 ? &*resolved[i - 1] : nullptr;
        const Resolved* after = j < n ? &*resolved[j] : nullptr;
        Resolved r;
        if (before && after && before->leansRight() && after->leansRight())
        {
            r.rightToLeft = true;
            r.script = before->rightToLeft ? before->script : after->script;
        }
        else if (before && !before->leansRight())
            r = *before;
        else if (after && !after->leansRight())
            r = *after;
        for (std::size_t k = i; k < j; ++k)
            resolved[k] = r;
        i = j;
    }

    std::vector<ScriptRun> runs;
    for (std::size_t i = 0; i < n; ++i)
    {
        const Resolved& r = *resolved[i];
        if (!runs.empty() && runs.back().end == i && runs.back().script == r.script &&
            runs.back().rightToLeft == r.rightToLeft &&
            runs.back().insideRightToLeft == r.insideRightToLeft)
        {
            runs.back().end = i + 1;
            continue;
        }
        runs.push_back(ScriptRun{i, i + 1, static_cast<std::uint32_t>(r.script), r.rightToLeft,
                                 r.insideRightToLeft});
    }
    return runs;
}

std::vector<std::size_t> visualOrder(const std::vector<ScriptRun>& runs)
{
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < runs.size();)
    {
        if (!runs[i].rightToLeft)
        {
            order.push_back(i++);
            continue;
        }
        // A right-to-left stretch: its runs, and the digits inside it, are drawn backwards.
        std::size_t j = i + 1;
        while (j < runs.size() && (runs[j].rightToLeft || runs[j].insideRightToLeft))
            ++j;
        for (std::size_t k = j; k > i; --k)
            order.push_back(k - 1);
        i = j;
    }
    return order;
}

std::string scriptName(std::uint32_t script)
{
    std::string name(4, ' ');
    hb_tag_to_string(script, name.data());
    return name;
}

} // namespace dragoman::ui
