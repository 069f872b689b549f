#pragma once
// What `dragoman bench latency` measures, each as child processes on the bench's own JACK dummy
// server, offering the probe a port to click into and a port to listen at:
// - DragomanRig: `dragoman engine` (a seat's microphone live on its channel, streamed as
//   RTP/Opus to 127.0.0.1), `dragoman-impair` in between for lossy cases, `dragoman receive`
//   playing the channel on a JACK port. The engine runs for the whole bench; relay and receiver
//   start afresh for every case, so each case's jitter buffer learns its own network.
// - JackTripRig: `jacktrip -s` and `jacktrip -c 127.0.0.1`, peer to peer on loopback, default
//   settings; lossy cases use JackTrip's own --simloss/--simjitter on the receiving peer.
//
// Threads: the control (main) thread only.

#include "BenchLatencyProbe.h"
#include "BenchLatencyProcess.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace dragoman::cli
{

struct LatencyCase
{
    double lossPercent = 0.0;
    double jitterMs = 0.0; // uniform 0..jitterMs extra delay per packet
    unsigned seed = 1;
    bool impaired() const { return lossPercent > 0.0 || jitterMs > 0.0; }
};

// The two ports a path offers the probe.
struct ProbePath
{
    std::string input;  // the click goes in here
    std::string output; // and is listened for here
};

// Our JACK dummy server: 48 kHz, 64-frame periods, named uniquely so parallel benches never meet.
class BenchJackServer
{
public:
    // The server is named `prefix`-PID.
    static Result<std::unique_ptr<BenchJackServer>>
    start(const std::filesystem::path& work, const std::string& prefix = "dragoman-bench-latency");
    const std::string& name() const { return serverName; }
    bool realtime() const { return rt; }
    bool running() { return jackd.running(); }
    std::unique_ptr<LatencyProbe> takeProbe() { return std::move(probe); }

private:
    std::string serverName;
    bool rt = false;
    ChildProcess jackd;
    std::unique_ptr<LatencyProbe> probe; // the first client that got in proves the server is up
};

// Every port of the server now; and the first port, not in `before`, whose name ends in `suffix`
// (empty when none): how a rig finds the ports of the child it just started.
std::set<std::string> portSet(const LatencyProbe& probe);
std::string newPort(const LatencyProbe& probe, const std::set<std::string>& before,
                    std::string_view suffix);

// Between clicks: longer than any codec ringing; the timeout is above a receiver's 400 ms maximum
// buffer.
inline constexpr double kClickSpacingSeconds = 0.12;
inline constexpr double kClickTimeoutSeconds = 0.6;

// Clicks through one path; the probe's connections are undone whatever happens.
Result<ClickRun> clickThrough(LatencyProbe& probe, const ProbePath& path, int clicks,
                              unsigned seed);

// The direct loop (the probe's output patched to its input): what JACK alone adds, which every
// bench subtracts.
struct LoopBaseline
{
    double frames = 0.0; // median
    nlohmann::ordered_json json;
};
Result<LoopBaseline> measureLoop(LatencyProbe& probe, int clicks);

// The "jack" block of a report: server name, rate, period, real-time.
nlohmann::ordered_json jackJson(BenchJackServer& server, const LatencyProbe& probe);

// What every click bench (latency, remote) starts with: dragoman and dragoman-impair (refused
// when a lossy case needs the relay and it is missing), its own JACK server named `serverPrefix`,
// the server's probe, and the direct loop. Members go in reverse: the probe before its server.
struct ClickBenchSetup
{
    std::filesystem::path dragoman;
    std::filesystem::path impair;
    std::unique_ptr<BenchJackServer> server;
    std::unique_ptr<LatencyProbe> probe;
    LoopBaseline loop;
};
Result<ClickBenchSetup> startClickBench(const std::filesystem::path& work,
                                        const std::vector<double>& lossPercents,
                                        const std::string& serverPrefix, int baselineClicks);

// dragoman-impair on 127.0.0.1 from `listenPort` to `forwardPort` with the case's loss, jitter
// and seed; stopRelay() stops it and returns the counters it prints as it stops (null if none).
Result<ChildProcess> startRelay(const std::filesystem::path& impair, int listenPort,
                                int forwardPort, const LatencyCase& c,
                                const std::filesystem::path& log);
nlohmann::ordered_json stopRelay(ChildProcess& relay);

class DragomanRig
{
public:
    struct Settings
    {
        std::filesystem::path dragoman;
        std::filesystem::path impair;
        std::filesystem::path work;
        int frameMicroseconds = 2500;
        double warmUpSeconds = 2.0;
    };
    explicit DragomanRig(Settings settings) : config(std::move(settings)) {}
    ~DragomanRig() { stopCase(); }

    // Writes the session and starts the engine; waits for its SDP and its JACK ports.
    std::optional<Error> startEngine(LatencyProbe& probe);
    // Relay (if impaired) and receiver for one case; waits until the receiver plays and warms up.
    Result<ProbePath> startCase(const LatencyCase& c, LatencyProbe& probe);
    // The receiver's last statistics and the relay's counters, then both stopped.
    nlohmann::ordered_json stopCase();
    // Frame, look-ahead and mode of the engine's Opus encoder, as the session asks for them.
    nlohmann::ordered_json encoderJson() const;

private:
    Settings config;
    int rtpPort = 0;
    ChildProcess engine;
    ChildProcess relay;
    ChildProcess receiver;
    std::filesystem::path statsFile;
    std::string micPort;
};

class JackTripRig
{
public:
    JackTripRig(std::filesystem::path program, std::filesystem::path work)
        : jacktrip(std::move(program)), folder(std::move(work))
    {
    }
    ~JackTripRig() { stopCase(); }

    Result<ProbePath> startCase(const LatencyCase& c, LatencyProbe& probe, double warmUpSeconds);
    void stopCase();
    static std::string version(const std::filesystem::path& program);

private:
    std::filesystem::path jacktrip;
    std::filesystem::path folder;
    int run = 0;
    ChildProcess server;
    ChildProcess client;
};

} // namespace dragoman::cli
