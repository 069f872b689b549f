#pragma once
// What `dragoman bench remote` measures on its JACK dummy server: `dragoman engine` running a
// session with one remote seat (ru-1, live on channel ru, listening to the floor) and
// `dragoman seat --host-api JACK` as the remote interpreter, exchanging RTP/Opus over 127.0.0.1,
// through a `dragoman-impair` relay in each direction for the lossy cases. Both programs start
// afresh for every case, so each case's jitter buffers learn their own network. The two legs,
// as paths for the probe:
// - floor to ear: the engine's floor input port -> the seat's headphone output port;
// - mic to channel: the seat's microphone input port -> the engine's output port of channel ru.
//
// Threads: the control (main) thread only.

#include "BenchLatencyProbe.h"
#include "BenchLatencyProcess.h"
#include "BenchLatencyRigs.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>

namespace dragoman::cli
{

class RemoteSeatRig
{
public:
    struct Settings
    {
        std::filesystem::path dragoman;
        std::filesystem::path impair;
        std::filesystem::path work;
        double frameMs = 2.5; // the seat's microphone frames (the feed's are always 2.5 ms)
        double warmUpSeconds = 2.0;
    };
    struct Legs
    {
        ProbePath floorToEar;
        ProbePath micToChannel;
    };

    explicit RemoteSeatRig(Settings settings) : config(std::move(settings)) {}
    ~RemoteSeatRig() { stopCase(); }

    // Relays (if impaired), engine and seat for one case; waits for their JACK ports and lets the
    // jitter buffers warm up.
    Result<Legs> startCase(const LatencyCase& c, LatencyProbe& probe);
    // Both ends' receiver counters and the relays', then everything stopped.
    nlohmann::ordered_json stopCase();

private:
    std::optional<Error> startEngine(int micPort, int feedPort, LatencyProbe& probe, Legs& legs);
    std::optional<Error> startSeat(int enginePort, int listenPort, LatencyProbe& probe, Legs& legs);

    Settings config;
    int run = 0;
    ChildProcess engine;
    ChildProcess seat;
    ChildProcess micRelay;
    ChildProcess feedRelay;
    std::filesystem::path seatStats;
};

} // namespace dragoman::cli
