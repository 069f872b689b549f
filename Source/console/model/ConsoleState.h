#pragma once
// The engine as the console sees it: plain structs filled from the control API's JSON
// (docs/CONTROL_API.md, "The state"), with no JUCE and no network, so that tests and views read
// the same values. Written and read on the message thread only.

#include <limits>
#include <map>
#include <string>
#include <vector>

namespace dragoman::console
{

inline constexpr float kSilentDb = -std::numeric_limits<float>::infinity();

struct ChannelStream
{
    bool present = false; // absent for a channel that is not streamed
    long long packets = 0;
    int listeners = 0;
    double lossPercent = 0.0;
};

struct ChannelState
{
    std::string id, language, name;
    std::string holder; // empty when nobody holds the channel
    int holders = 0;    // more than one in mixed (no interlock) booths
    int depth = -1;     // 0 floor, 1 direct, 2 relay, 3+ double relay, -1 silence, -2 cycle
    std::string depthLabel;
    bool passThrough = false;
    std::string idle;    // "floor" | "silence"
    std::string carries; // "seat" | "floor" | "silence"
    std::string source;  // what the holder listens to: the relay graph's edge
    ChannelStream stream;

    bool isFloor() const { return id == "floor"; }
};

struct BoothState
{
    std::string id, interlock;
    std::map<std::string, std::string> outputs; // "A" -> channel id
    std::vector<std::string> understands, seats;

    // The output letter that talks into channel, or "" when the booth has no output there.
    std::string outputFor(const std::string& channel) const;
};

struct SeatState
{
    std::string id, booth;
    bool live = false, onAir = false, cough = false, suspended = false;
    std::string output;  // "A" | "B" | "C"
    std::string channel; // the channel that output talks into
    std::string listen;  // "floor" | "auto" | channel id: the seat's choice
    std::string source;  // what it hears now (auto resolved)
    double volumeDb = 0.0, limiterDb = 0.0, leqDbSpl = 0.0;
    bool exposureWarning = false;
};

struct RelayEdge
{
    std::string from, to;
};

struct RelayState
{
    bool cycle = false;
    std::vector<std::string> cyclePath;
    std::vector<RelayEdge> edges;
};

struct Alarm
{
    int id = 0;
    std::string kind; // silent-channel | clipping | limiter | exposure | relay-cycle | ...
    std::string subject, text, raisedAt, clearedAt;
    bool acked = false;

    bool active() const { return clearedAt.empty(); }
};

struct EngineInfo
{
    std::string version, hostApi, device;
    double uptimeSeconds = 0.0, cpu = 0.0;
    long long xruns = 0;
    bool running = false;
};

struct ChannelMeter
{
    float peakDb = kSilentDb, rmsDb = kSilentDb, lufs = kSilentDb;
};

struct SeatMeter
{
    float micDb = kSilentDb, phonesDb = kSilentDb, limiterDb = 0.0f, leqDbSpl = 0.0f;
};

struct EngineState
{
    long long revision = -1; // -1 until the first state arrived
    std::string sessionName;
    int sampleRate = 0, blockFrames = 0;
    EngineInfo engine;
    std::string floorLanguage, interlockBetween, monitor = "off";
    std::vector<ChannelState> channels; // the floor first, as the engine lists them
    std::vector<BoothState> booths;
    std::vector<SeatState> seats;
    RelayState relay;
    int clients = 0;

    const ChannelState* channel(const std::string& id) const;
    const BoothState* booth(const std::string& id) const;
    const SeatState* seat(const std::string& id) const;
};

// One line of the event log: an engine event or a message, already in words.
struct LogEntry
{
    enum class Kind
    {
        event,
        refusal,
        message,
        slowDown,
        callTechnician,
    };
    Kind kind = Kind::event;
    std::string time; // "13:20:01" for messages, engine seconds for events
    std::string text;
    long long order = 0; // arrival order, for stable display
    // A message from a seat that can be answered: "seat:en-1" (empty for anonymous slow-downs,
    // events and the technician's own messages).
    std::string replyTo;
    bool answered = false; // a technician call that the technician has written back to
    // Events of one kind, value and moment (a preset sets every booth's interlock at once) share
    // a line: prefix + subjects + suffix, "booth ru, zh, en interlock interlock".
    struct Fold
    {
        std::string key; // empty: this line takes no others
        std::string prefix, suffix;
        std::vector<std::string> subjects;

        std::string text() const;
    };
    Fold fold;

    bool urgent() const { return kind == Kind::slowDown || kind == Kind::callTechnician; }
};

} // namespace dragoman::console
