#pragma once
// The meeting as the technician describes it in a session file: floor, channels, booths, seats,
// interlock rules, pivots and the audio device mapping. Plain data, built on the control thread.

#include "Interlock.h"

#include <string>
#include <vector>

namespace dragoman
{

// What a channel carries while no interpreter holds it.
enum class IdleFeed
{
    floor,
    silence
};

struct ChannelSpec
{
    std::string id;       // e.g. "en"; "floor" is reserved for the floor channel
    std::string language; // language code, e.g. "en"
    std::string name;     // shown to delegates, e.g. "English"
    IdleFeed idle = IdleFeed::floor;
};

struct SeatSpec
{
    std::string id;
    double splAt0dBFS = 110.0; // dB SPL (RMS) of a full-scale sine in this seat's headphones
};

struct BoothOutput
{
    char label = 'A';    // 'A', 'B' or 'C'
    std::string channel; // channel id
};

struct BoothSpec
{
    std::string id;
    std::vector<BoothOutput> outputs;     // A first; B and C optional
    std::vector<std::string> understands; // languages taken straight from the floor
    InterlockMode interlock = InterlockMode::interlock;
    std::vector<SeatSpec> seats;
};

// Auto-relay: when the floor speaks `floorLanguage`, booths that do not understand it listen to
// `channel`.
struct Pivot
{
    std::string floorLanguage;
    std::string channel;
};

// One mapping of an engine endpoint to a device channel (1-based, as technicians count).
// Inputs: "floor" or a seat id (its microphone). Outputs: a seat id (its headphones) or
// "channel:<id>" (including "channel:floor").
struct AudioPort
{
    std::string endpoint;
    int deviceChannel = 1;
};

struct AudioMap
{
    std::string hostApi = "JACK"; // any PortAudio host API name
    std::string device;           // empty: the host API's default device
    std::vector<AudioPort> inputs;
    std::vector<AudioPort> outputs;
};

struct Session
{
    std::string name;
    int sampleRate = 48000;
    int blockFrames = 64;
    std::string floorLanguage;
    std::vector<ChannelSpec> channels; // channels 1..N; the floor is not listed
    std::vector<BoothSpec> booths;
    InterlockMode interlockBetweenBooths = InterlockMode::interlock;
    std::vector<Pivot> pivots;
    AudioMap audio;
};

} // namespace dragoman
