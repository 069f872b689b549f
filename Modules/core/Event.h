#pragma once
// What the engine tells the outside world: a seat went live, a command was refused and why, the
// relay graph changed, a seat's exposure passed the warning level. Plain data so that the audio
// thread can hand events out through a lock-free queue; eventToJson() and eventToText() turn them
// into words on the control thread.

#include "Command.h"

#include <array>
#include <cstdint>
#include <string>

namespace dragoman
{

enum class EventKind : std::uint8_t
{
    micOn,          // seat, channel; other = the partner it took over from (handover), else -1
    micOff,         // seat, channel; other = the partner it handed over to (handover), else -1
    micRefused,     // seat, channel, other (the seat in the way), reason
    micCut,         // seat, channel, other (the seat that took over)
    micSuspended,   // seat, channel, other (toggle-override: resumes when other goes off)
    micResumed,     // seat, channel
    coughOn,        // seat, channel
    coughOff,       // seat, channel
    outputChanged,  // seat, channel (the new one), detail = slot
    outputRefused,  // seat, channel (the wanted one), other, reason
    listenChanged,  // seat, channel = source (kFloor or a channel), detail = 1 when chosen by auto
    seatLevel,      // seat, detail = CommandKind of the control, value = dB
    channelLive,    // channel, seat
    channelIdle,    // channel, detail = 1 floor / 0 silence (what it carries now)
    idleChanged,    // channel, detail = 1 floor / 0 silence
    floorLanguage,  // language
    passThroughOn,  // channel: its language is the floor's, it carries the floor
    passThroughOff, // channel
    relayDepth,     // channel, value = depth (0 floor, 1 direct, 2 relay, 3+ double relay)
    relayCycle,     // channel, path = the channels on the cycle
    relayCycleCleared,
    noPivot, // booth, language: the booth does not understand the floor, listens to it anyway
    interlockChanged, // booth (-1 = between booths), detail = mode
    exposureWarning,  // seat, value = Leq over the last 60 s in dB SPL
    exposureCleared,  // seat, value
    commandRefused,   // control-side: a command that did not parse (text kept by the caller)
    monitorChanged,   // detail = MonitorTarget, other = channel or seat index (seat and channel
                      // stay unset: the monitor is the technician's, not the seat's)
};

enum class Refusal : std::uint8_t
{
    none,
    interlockInBooth,       // another seat of the booth is live and the booth's mode is interlock
    interlockBetweenBooths, // another booth holds the channel and the mode is interlock
    passThrough,            // the channel carries the floor: its language is the floor language
    noPartnerLive,          // handover: nobody else in the booth is live on the seat's channel
};

constexpr int kMaxPath = 12;

struct Event
{
    EventKind kind = EventKind::micOn;
    std::int64_t frame = 0; // engine time at the start of the block
    std::int16_t seat = -1;
    std::int16_t channel = kNoChannel;
    std::int16_t other = -1;
    std::int16_t booth = -1;
    std::int16_t detail = 0;
    Refusal reason = Refusal::none;
    float value = 0.0f;
    LanguageCode language{};
    std::uint8_t pathLength = 0;
    std::array<std::int16_t, kMaxPath> path{};
};

// Relay depth values beside 0, 1, 2, ...
constexpr int kDepthNone = -1;  // the channel carries silence
constexpr int kDepthCycle = -2; // the channel's source leads back to itself

// One JSON object on one line: {"t":12.5,"type":"mic-on","seat":"en-1","channel":"en",...}
std::string eventToJson(const Event& event, const Floorplan& plan, double sampleRate);
// A sentence a technician reads in the status or the log.
std::string eventToText(const Event& event, const Floorplan& plan);
std::string_view eventName(EventKind kind);

} // namespace dragoman
