#include "BenchLatencyRigs.h"

#include "BenchLatencyReport.h"

#include "stream/OpusChannelEncoder.h"

#include <fcntl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace dragoman::cli
{

namespace
{

using Clock = std::chrono::steady_clock;

void sleepSeconds(double seconds)
{
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
}

std::optional<nlohmann::json> readJson(const std::filesystem::path& file)
{
    std::ifstream in(file);
    if (!in)
        return std::nullopt;
    auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded())
        return std::nullopt;
    return j;
}

std::string number(double value)
{
    std::ostringstream out;
    out << value;
    return out.str();
}

// libjack prints every refused connection on stderr, whatever error function is set: while the
// server comes up that is expected, so stderr goes to /dev/null meanwhile.
class QuietStderr
{
public:
    QuietStderr() : saved(::dup(STDERR_FILENO))
    {
        const int null = ::open("/dev/null", O_WRONLY);
        if (null >= 0)
        {
            ::dup2(null, STDERR_FILENO);
            ::close(null);
        }
    }
    ~QuietStderr()
    {
        if (saved >= 0)
        {
            ::dup2(saved, STDERR_FILENO);
            ::close(saved);
        }
    }
    QuietStderr(const QuietStderr&) = delete;
    QuietStderr& operator=(const QuietStderr&) = delete;

private:
    int saved;
};

} // namespace

std::set<std::string> portSet(const LatencyProbe& probe)
{
    const auto all = probe.ports("");
    return {all.begin(), all.end()};
}

std::string newPort(const LatencyProbe& probe, const std::set<std::string>& before,
                    std::string_view suffix)
{
    for (const auto& port : portSet(probe))
        if (!before.contains(port) && port.ends_with(suffix))
            return port;
    return {};
}

Result<ClickRun> clickThrough(LatencyProbe& probe, const ProbePath& path, int clicks, unsigned seed)
{
    if (auto error = probe.sendInto(path.input))
        return *error;
    if (auto error = probe.listenTo(path.output))
    {
        probe.disconnect();
        return *error;
    }
    auto run = probe.measure(clicks, kClickSpacingSeconds, kClickTimeoutSeconds, seed);
    probe.disconnect();
    if (run.aborted && benchStopRequested())
        return Error{"stopped by a signal"};
    return run;
}

Result<LoopBaseline> measureLoop(LatencyProbe& probe, int clicks)
{
    auto run = clickThrough(probe, {probe.receivePort(), probe.sendPort()}, clicks, 7);
    if (!run)
        return Error{"the direct loop: " + run.error()};
    const auto median = medianFrames(*run);
    if (!median)
        return Error{"the direct loop heard no click"};
    const auto summary = summariseClicks(*run, 0.0);
    LoopBaseline loop;
    loop.frames = *median;
    loop.json = {{"median_ms", *median * 1000.0 / probe.sampleRate()},
                 {"median_frames", *median},
                 {"max_ms", summary.maxMs.value_or(0.0)},
                 {"clicks_sent", summary.sent},
                 {"clicks_detected", summary.detected}};
    return loop;
}

nlohmann::ordered_json jackJson(BenchJackServer& server, const LatencyProbe& probe)
{
    return {{"server", server.name()},
            {"sample_rate", probe.sampleRate()},
            {"period_frames", probe.periodFrames()},
            {"realtime", server.realtime()}};
}

Result<ChildProcess> startRelay(const std::filesystem::path& impair, int listenPort,
                                int forwardPort, const LatencyCase& c,
                                const std::filesystem::path& log)
{
    return ChildProcess::spawn(
        {impair.string(), "--listen", "127.0.0.1:" + std::to_string(listenPort), "--forward",
         "127.0.0.1:" + std::to_string(forwardPort), "--loss", number(c.lossPercent), "--jitter",
         number(c.jitterMs), "--seed", std::to_string(c.seed)},
        log);
}

nlohmann::ordered_json stopRelay(ChildProcess& relay)
{
    nlohmann::ordered_json counters;
    relay.stop();
    // The relay prints its counters as one JSON line when it stops.
    std::ifstream in(relay.logFile());
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line.front() == '{')
            if (auto j = nlohmann::json::parse(line, nullptr, false); !j.is_discarded())
                counters = j;
    std::filesystem::remove(relay.logFile());
    return counters;
}

Result<ClickBenchSetup> startClickBench(const std::filesystem::path& work,
                                        const std::vector<double>& lossPercents,
                                        const std::string& serverPrefix, int baselineClicks)
{
    ClickBenchSetup setup;
    setup.dragoman = findProgram("dragoman", {});
    setup.impair =
        findProgram("dragoman-impair", {"../tools/impair/dragoman-impair", "dragoman-impair"});
    const bool needRelay = std::any_of(lossPercents.begin(), lossPercents.end(),
                                       [](double loss) { return loss > 0.0; });
    if (needRelay && setup.impair.empty())
        return Error{"dragoman-impair not found (beside dragoman, in the build tree, or on PATH): "
                     "build it, or measure --loss 0 only"};
    auto server = BenchJackServer::start(work, serverPrefix);
    if (!server)
        return Error{server.error()};
    setup.server = std::move(server.value());
    setup.probe = setup.server->takeProbe();
    // The direct loop: what JACK alone adds between our output and input ports.
    auto loop = measureLoop(*setup.probe, baselineClicks);
    if (!loop)
        return Error{loop.error()};
    setup.loop = std::move(loop.value());
    return setup;
}

Result<std::unique_ptr<BenchJackServer>> BenchJackServer::start(const std::filesystem::path& work,
                                                                const std::string& prefix)
{
    auto server = std::make_unique<BenchJackServer>();
    server->serverName = prefix + "-" + std::to_string(::getpid());
    // Every child finds this server and no other; none may start a default server of its own.
    ::setenv("JACK_DEFAULT_SERVER", server->serverName.c_str(), 1);
    ::setenv("JACK_NO_START_SERVER", "1", 1);
    ::setenv("JACK_NO_AUDIO_RESERVATION", "1", 1);
    // Real-time where allowed (as scripts/jack-dummy.sh does): without it the dummy driver drops
    // cycles on a busy machine and every figure gets noisier.
    std::vector<bool> modes;
    if (realtimeAllowed())
        modes.push_back(true);
    modes.push_back(false);
    std::string failures;
    for (const bool rt : modes)
    {
        std::vector<std::string> argv{"jackd"};
        if (rt)
            argv.insert(argv.end(), {"-R", "-P", "70"});
        else
            argv.push_back("-r");
        // -t 4000: PortAudio clients need seconds to open on a loaded machine.
        argv.insert(argv.end(), {"-t", "4000", "-n", server->serverName, "-d", "dummy", "-r",
                                 "48000", "-p", "64", "-C", "4", "-P", "4"});
        auto jackd = ChildProcess::spawn(argv, work / "jackd.log");
        if (!jackd)
            return Error{jackd.error() + " (apt-get install jackd2)"};
        server->jackd = std::move(jackd.value());
        const auto deadline = Clock::now() + std::chrono::seconds(20);
        while (server->jackd.running() && Clock::now() < deadline)
        {
            auto probe = [&]
            {
                const QuietStderr quiet;
                return LatencyProbe::open(server->serverName, "bench-probe");
            }();
            if (probe)
            {
                server->probe = std::move(probe.value());
                server->rt = rt;
                return server;
            }
            sleepSeconds(0.2);
        }
        server->jackd.stop();
        failures += logTail(work / "jackd.log", 8);
    }
    return Error{"the JACK dummy server '" + server->serverName + "' did not come up:\n" +
                 failures};
}

std::optional<Error> DragomanRig::startEngine(LatencyProbe& probe)
{
    rtpPort = freeUdpPortPair(30000 + static_cast<int>(::getpid() % 1000) * 20);
    if (rtpPort < 0)
        return Error{"no free UDP port pair on 127.0.0.1"};
    const double frameMs = config.frameMicroseconds / 1000.0;
    // One booth, one seat, live from the start; the floor is another language so no
    // pass-through, and the idle channel is silence so nothing but the seat's clicks is heard.
    // Opus as shipped (32 kb/s, complexity 5, FEC, 2 % expected loss) at the asked frame size.
    const auto session = config.work / "session.yaml";
    {
        std::ofstream out(session);
        out << "name: Latency bench\nsample_rate: 48000\nblock_frames: 64\n"
               "floor: { language: ru }\n"
               "channels:\n  - { id: en, language: en, name: English, idle: silence }\n"
               "booths:\n  - { id: en, outputs: { A: en }, understands: [ru], seats: [en-1] }\n"
               "audio:\n  host_api: JACK\n  inputs: { floor: 1, en-1: 2 }\n"
               "  outputs: { en-1: 1 }\n"
               "network:\n  interface: 127.0.0.1\n"
               "  opus: { frame_ms: "
            << frameMs
            << ", bitrate: 32000, complexity: 5, fec: true, expected_loss: 2 }\n"
               "  sap: { enabled: false }\n  channels:\n    en: { unicast: [\"127.0.0.1:"
            << rtpPort << "\"] }\n";
    }
    {
        std::ofstream out(config.work / "live.events");
        out << "0 seat en-1 mic on\n";
    }
    const auto before = portSet(probe);
    auto started =
        ChildProcess::spawn({config.dragoman.string(), "engine", session.string(), "--events",
                             (config.work / "live.events").string(), "--sdp-dir",
                             (config.work / "sdp").string(), "--status-interval", "0"},
                            config.work / "engine.log");
    if (!started)
        return Error{started.error()};
    engine = std::move(started.value());
    // The seat's microphone is device input 2: PortAudio's JACK port in_1 of client "dragoman".
    if (auto error = waitFor(20.0, engine, "SDP and JACK ports",
                             [&]
                             {
                                 if (!std::filesystem::exists(config.work / "sdp" / "en.sdp"))
                                     return false;
                                 micPort = newPort(probe, before, ":in_1");
                                 return !micPort.empty();
                             }))
        return error;
    return std::nullopt;
}

Result<ProbePath> DragomanRig::startCase(const LatencyCase& c, LatencyProbe& probe)
{
    stopCase();
    auto sdp = config.work / "sdp" / "en.sdp";
    if (c.impaired())
    {
        // The relay takes the engine's port; the receiver listens behind it.
        const int behind = freeUdpPortPair(rtpPort + 2);
        auto started = startRelay(config.impair, rtpPort, behind, c, config.work / "impair.log");
        if (!started)
            return Error{started.error()};
        relay = std::move(started.value());
        std::ifstream in(sdp);
        std::stringstream text;
        text << in.rdbuf();
        const auto rewritten =
            std::regex_replace(text.str(), std::regex("m=audio " + std::to_string(rtpPort) + " "),
                               "m=audio " + std::to_string(behind) + " ");
        sdp = config.work / "behind-relay.sdp";
        std::ofstream(sdp) << rewritten;
    }
    statsFile = config.work / "receive-stats.json";
    std::filesystem::remove(statsFile);
    const auto before = portSet(probe);
    auto started = ChildProcess::spawn({config.dragoman.string(), "receive", "--sdp", sdp.string(),
                                        "--channel", "en", "--host-api", "JACK", "--stats",
                                        statsFile.string()},
                                       config.work / "receive.log");
    if (!started)
        return Error{started.error()};
    receiver = std::move(started.value());
    std::string outPort;
    if (auto error =
            waitFor(20.0, receiver, "playing JACK port",
                    [&]
                    {
                        const auto stats = readJson(statsFile);
                        if (!stats || !stats->value("playing", false))
                            return false;
                        for (const auto& port : portSet(probe))
                            if (!before.contains(port) && port.find(":out") != std::string::npos)
                            {
                                outPort = port;
                                return true;
                            }
                        return false;
                    }))
        return *error;
    // The jitter buffer learns the network (and the relay's jitter) before the first click.
    sleepSeconds(config.warmUpSeconds);
    return ProbePath{micPort, outPort};
}

nlohmann::ordered_json DragomanRig::stopCase()
{
    nlohmann::ordered_json result;
    if (receiver.pid() > 0)
    {
        // The stats file is rewritten every second: the last one is at most a second old.
        if (const auto stats = readJson(statsFile))
        {
            const auto& s = *stats;
            result["buffer_delay_ms"] = s.value("buffer_delay_ms", 0.0);
            result["target_delay_ms"] = s.value("target_delay_ms", 0.0);
            result["floor_delay_ms"] = s.value("floor_delay_ms", 0.0);
            result["jitter_ms"] = s.value("jitter_ms", 0.0);
            if (s.contains("packets"))
                result["packets"] = s["packets"];
            if (s.contains("frames"))
                result["frames"] = s["frames"];
        }
        receiver.stop();
    }
    if (relay.pid() > 0)
        result["relay"] = stopRelay(relay);
    return result;
}

nlohmann::ordered_json DragomanRig::encoderJson() const
{
    OpusSettings settings;
    settings.frameMicroseconds = config.frameMicroseconds;
    nlohmann::ordered_json j;
    j["frame_ms"] = config.frameMicroseconds / 1000.0;
    j["bitrate"] = settings.bitrate;
    j["fec"] = settings.fec;
    if (auto encoder = OpusChannelEncoder::create(settings))
    {
        j["mode"] = (*encoder)->lowDelay() ? "RESTRICTED_LOWDELAY" : "VOIP";
        j["lookahead_ms"] = (*encoder)->lookaheadSamples() / 48.0;
    }
    return j;
}

Result<ProbePath> JackTripRig::startCase(const LatencyCase& c, LatencyProbe& probe,
                                         double warmUpSeconds)
{
    stopCase();
    ++run;
    const int port = freeUdpPortPair(40000 + static_cast<int>(::getpid() % 1000) * 16 + run * 4);
    const int clientPort = freeUdpPortPair(port + 2);
    const std::string id = std::to_string(::getpid()) + "-" + std::to_string(run);
    const std::string serverName = "jt-server-" + id;
    const std::string clientName = "jt-client-" + id;
    std::vector<std::string> serverArgs{jacktrip.string(), "-s", "-J",
                                        serverName,        "-B", std::to_string(port)};
    if (c.lossPercent > 0.0)
        serverArgs.insert(serverArgs.end(), {"--simloss", number(c.lossPercent / 100.0)});
    if (c.jitterMs > 0.0) // every packet, up to the jitter in 64-frame packets (1.33 ms each)
        serverArgs.insert(
            serverArgs.end(),
            {"--simjitter", "1," + number(std::max(1.0, c.jitterMs / (64.0 / 48.0)))});
    auto s = ChildProcess::spawn(serverArgs, folder / ("jacktrip-server-" + id + ".log"));
    if (!s)
        return Error{s.error()};
    server = std::move(s.value());
    sleepSeconds(0.5);
    auto k = ChildProcess::spawn({jacktrip.string(), "-c", "127.0.0.1", "-J", clientName, "-B",
                                  std::to_string(clientPort), "-P", std::to_string(port)},
                                 folder / ("jacktrip-client-" + id + ".log"));
    if (!k)
        return Error{k.error()};
    client = std::move(k.value());
    const std::string in = clientName + ":send_1";
    const std::string out = serverName + ":receive_1";
    if (auto error = waitFor(20.0, server, "connection from its peer",
                             [&]
                             {
                                 std::ifstream log(server.logFile());
                                 std::stringstream text;
                                 text << log.rdbuf();
                                 const auto ports = portSet(probe);
                                 return text.str().find("Received Connection from Peer") !=
                                            std::string::npos &&
                                        ports.contains(in) && ports.contains(out);
                             }))
        return *error;
    if (!client.running())
        return Error{"jacktrip -c exited; its log:\n" + logTail(client.logFile())};
    sleepSeconds(warmUpSeconds);
    return ProbePath{in, out};
}

void JackTripRig::stopCase()
{
    client.stop();
    server.stop();
}

std::string JackTripRig::version(const std::filesystem::path& program)
{
    // `jacktrip -v` prints its banner and version; the bench only needs the number.
    const std::string command = program.string() + " -v 2>&1";
    std::string text;
    if (FILE* pipe = ::popen(command.c_str(), "r"))
    {
        char buffer[256];
        while (std::fgets(buffer, sizeof buffer, pipe) != nullptr)
            text += buffer;
        ::pclose(pipe);
    }
    std::smatch match;
    if (std::regex_search(text, match, std::regex(R"(VERSION:\s*([0-9][0-9.]*))")))
        return match[1];
    return "unknown";
}

} // namespace dragoman::cli
