#pragma once
// A command to the engine, resolved to indices on the control thread so that the audio thread
// only copies it out of a queue. Text form (scripts, control API) is parsed by parseCommand().

#include "Floorplan.h"
#include "Result.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace dragoman
{

enum class CommandKind : std::uint8_t
{
    seatMic,         // flag: on/off
    seatCough,       // flag: held/released
    seatListen,      // source: kFloor, kAuto or a channel
    seatOutput,      // slot: 0 = A, 1 = B, 2 = C
    seatVolume,      // decibels
    seatBass,        // decibels
    seatTreble,      // decibels
    seatSidetone,    // decibels; -infinity = off
    floorLanguage,   // language index (languageCount() = a language the session does not name)
    channelIdle,     // flag: true = floor, false = silence
    boothInterlock,  // mode
    interlockBetween // mode
};

// A short language code carried by value, so that events can name a language the session
// does not list.
using LanguageCode = std::array<char, 12>;
LanguageCode toLanguageCode(std::string_view code);
std::string_view toStringView(const LanguageCode& code);

struct Command
{
    CommandKind kind = CommandKind::seatMic;
    std::int16_t target = 0; // seat, channel or booth index, as the kind says
    std::int16_t value = 0;  // flag, source, slot, language or mode, as the kind says
    float decibels = 0.0f;
    LanguageCode language{};
};

// Ranges users get on a desk; values outside are refused rather than clamped silently.
constexpr float kVolumeMinDb = -60.0f;
constexpr float kVolumeMaxDb = 12.0f;
constexpr float kToneRangeDb = 12.0f;
constexpr float kSidetoneMaxDb = 0.0f;

// Parses `seat ID mic on|off`, `seat ID cough on|off`, `seat ID listen floor|auto|CHANNEL`,
// `seat ID output A|B|C`, `seat ID volume|bass|treble|sidetone DB` (sidetone also `off`),
// `floor language LANG`, `channel ID idle floor|silence`, `booth ID interlock MODE`,
// `interlock between MODE`. The error says what was wrong and what would be accepted.
Result<Command> parseCommand(std::string_view line, const Floorplan& plan);

// The same words back, for logs and tests.
std::string describe(const Command& command, const Floorplan& plan);

} // namespace dragoman
