#pragma once
// The technician's alarms: a live channel that stays silent, clipping, a seat's limiter working
// hard or its exposure warning, a relay cycle, receivers reporting loss, and the audio device
// (xruns, stalled or lost). Pure: fed a snapshot and the time, it raises and clears alarms and
// says which changed, so that every rule is tested without an engine or a clock.
//
// Threads: the network thread only.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dragoman::control
{

struct AlarmInputs
{
    double now = 0.0;      // seconds, monotonic
    std::string wallClock; // ISO time written into raised_at / cleared_at

    struct Channel
    {
        std::string id;
        std::string name;
        bool live = false;                 // a seat holds it
        float peakDb = -120.0f;            // last 100 ms
        std::uint32_t clipCount = 0;       // blocks at full scale so far
        std::optional<double> lossPercent; // receivers' reported loss, when known
    };
    struct Seat
    {
        std::string id;
        float limiterDb = 0.0f; // gain reduction, >= 0
        bool exposureWarning = false;
        float leqDbSpl = 0.0f;
    };
    std::vector<Channel> channels;
    std::vector<Seat> seats;
    bool relayCycle = false;
    std::string cyclePath; // "en -> kk -> en"
    std::uint64_t xruns = 0;
    bool deviceRunning = true;
    bool callbacksStalled = false;
};

struct Alarm
{
    std::uint64_t id = 0;
    std::string
        kind; // silent-channel, clipping, limiter, exposure, relay-cycle, receiver-loss, device
    std::string subject;
    std::string text;
    std::string raisedAt;
    std::optional<std::string> clearedAt;
    bool acked = false;

    nlohmann::json toJson() const;
};

class AlarmWatch
{
public:
    // The rules' numbers: long enough that a pause for breath or one pop raises nothing.
    static constexpr double kSilentSeconds = 10.0;
    static constexpr float kSilentDb = -60.0f;
    static constexpr double kClearSeconds = 5.0; // quiet time before clipping/limiter clear
    static constexpr float kLimiterDb = 6.0f;
    static constexpr double kLossPercent = 5.0;
    static constexpr double kLossClearPercent = 2.0;
    static constexpr double kXrunClearSeconds = 10.0;

    // Returns the alarms raised or cleared by this snapshot, in that state.
    std::vector<Alarm> update(const AlarmInputs& inputs);
    // Marks an alarm acknowledged; nullopt when no active alarm has this id.
    std::optional<Alarm> acknowledge(std::uint64_t id);
    // Active alarms (acknowledged ones too), oldest first.
    std::vector<Alarm> active() const;
    nlohmann::json activeJson() const;

private:
    struct Watch
    {
        std::optional<double> since; // when the condition started (for conditions with a delay)
        double lastSeen = -1e300;    // when the condition was last true
        std::uint32_t clips = 0;
    };
    using Key = std::pair<std::string, std::string>; // kind, subject

    void raise(const Key& key, const std::string& text, const AlarmInputs& inputs,
               std::vector<Alarm>& changed);
    void clear(const Key& key, const AlarmInputs& inputs, std::vector<Alarm>& changed);
    // Raised while `on`, cleared after `on` has been false for `hold` seconds.
    void hold(const Key& key, bool on, double holdSeconds, const std::string& text,
              const AlarmInputs& inputs, std::vector<Alarm>& changed);

    std::map<Key, Alarm> alarms; // active only
    std::map<Key, Watch> watches;
    std::uint64_t lastId = 0;
    std::optional<std::uint64_t> lastXruns;
};

} // namespace dragoman::control
