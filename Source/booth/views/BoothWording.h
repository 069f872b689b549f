#pragma once
// The words and colours the booth console shows for the engine's values: relay depth, language
// codes, a turn timer. One place, so the keys, the handover panel and the tests agree.
// Any thread (pure functions), but the colours are JUCE's.

#include <juce_graphics/juce_graphics.h>

#include <string>

namespace dragoman::booth
{

// "direct", "+", "double relay", "floor", "silence", "cycle": as interpreters' desks say it.
juce::String depthWord(int depth);
juce::Colour depthColourOf(int depth);
// "EN", "RU": language codes as desks print them.
juce::String languageTag(const std::string& code);
// 75.2 s -> "1:15"; an hour and more -> "1:02:05".
juce::String clockText(double seconds);

} // namespace dragoman::booth
