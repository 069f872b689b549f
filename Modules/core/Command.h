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
    seatMic,          // flag: on/off
    seatCough,        // flag: held/released
    seatListen,       // source: kFloor, kAuto or a channel
    seatOutput,       // slot: 0 = A, 1 = B, 2 = C
    seatVolume,       // decibels
    seatBass,         // decibels
    seatTreble,       // decibels
    seatSidetone,     // decibels; -infinity = off
    floorLanguage,    // language index (languageCount() = a language the session does not name)
    channelIdle,      // flag: true = floor, false = silence
    boothInterlock,   // mode
    interlockBetween, // mode
    monitor,          // target: MonitorTarget, value: channel or seat index (0 for off, floor)
    seatHandover      // the seat takes its output channel from the booth partner live on it
};

// What the technician's monitor output carries.
enum class MonitorTarget : std::int16_t
{
    off,     // silence
    floor,   // the floor (channel 0)
    channel, // a language channel, as it goes out
    seat,    // a seat's headphone feed, after its limiter: what the interpreter hears
    mic      // a seat's raw microphone: the technician's mic check
};

struct MonitorSource
{
    MonitorTarget target = MonitorTarget::off;
    int index = 0; // channel or seat index; 0 for off and floor

    friend bool operator==(const MonitorSource&, const MonitorSource&) = default;
};

// One int holds the whole source, so that a StatusBoard reader never sees a target from one
// block beside an index from another: target in the high 16 bits, index in the low 16.
constexpr int encodeMonitor(MonitorSource source) noexcept
{
    return (static_cast<int>(source.target) << 16) | (source.index & 0xffff);
}
constexpr MonitorSource decodeMonitor(int encoded) noexcept
{
    return {static_cast<MonitorTarget>(encoded >> 16), encoded & 0xffff};
}

// "off", "floor", "channel:en", "seat:en-1", "mic:en-1": the control API's words.
std::string monitorSourceName(MonitorSource source, const Floorplan& plan);
// The same words back (also "channel:floor"); the error lists what is accepted.
Result<MonitorSource> parseMonitorSource(std::string_view name, const Floorplan& plan);

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
// `seat ID handover`,
// `floor language LANG`, `channel ID idle floor|silence`, `booth ID interlock MODE`,
// `interlock between MODE`, `monitor off|floor`, `monitor channel|seat|mic ID`. The error says what
// was wrong and what would be accepted.
Result<Command> parseCommand(std::string_view line, const Floorplan& plan);

// The same words back, for logs and tests.
std::string describe(const Command& command, const Floorplan& plan);

} // namespace dragoman
