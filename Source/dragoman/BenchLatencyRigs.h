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
#include <string>

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
    static Result<std::unique_ptr<BenchJackServer>> start(const std::filesystem::path& work);
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
