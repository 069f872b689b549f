#pragma once
// The control API's state and meters as JSON (docs/CONTROL_API.md, "The state"), read from the
// engine's StatusBoard atomics, the floorplan, the control-side mirror and the stream counters.
//
// Threads: any thread may build them (the board is atomics, the floorplan read-only), but the
// mirror belongs to the network thread, which is the one that calls these.

#include "control/ControlMirror.h"
#include "engine/Engine.h"
#include "stream/StreamSender.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace dragoman::control
{

// The driver's counters as the control thread last saw them (PortAudioDriver's cpuLoad() and
// active() belong to that thread, so it samples them and hands them over).
struct DriverSnapshot
{
    std::uint64_t callbacks = 0;
    std::uint64_t xruns = 0;
    std::uint64_t frames = 0;
    double cpu = 0.0;
    bool running = false;
    bool stalled = false;
};

struct EngineIdentity
{
    std::string version;
    std::string hostApi;
    std::string device;
};

// Everything a state needs beside the engine.
struct StateExtras
{
    std::uint64_t revision = 0;
    double uptimeSeconds = 0.0;
    DriverSnapshot driver;
    std::vector<ChannelStreamStats> streams;
    nlohmann::json alarms = nlohmann::json::array();
    int clients = 0;
};

class StateJson
{
public:
    StateJson(const Engine& engine, const ControlMirror& mirror, EngineIdentity identity);

    nlohmann::json state(const StateExtras& extras) const;
    // {"t", "channels": {ID: {peak_db, rms_db, lufs}}, "seats": {ID: {mic_db, phones_db,
    // limiter_db, leq_db_spl}}}
    nlohmann::json meters(double t) const;
    nlohmann::json floorQuality() const;
    std::string monitorSource() const;

private:
    nlohmann::json channels(const StateExtras& extras) const;
    nlohmann::json seats() const;
    nlohmann::json booths() const;
    nlohmann::json relay() const;

    const Engine& engine;
    const ControlMirror& mirror;
    EngineIdentity id;
};

} // namespace dragoman::control
