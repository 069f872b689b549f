#include "BenchRemoteRig.h"

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

namespace dragoman::cli
{

namespace
{

bool logContains(const std::filesystem::path& log, const std::string& text)
{
    std::ifstream in(log);
    std::stringstream all;
    all << in.rdbuf();
    return all.str().find(text) != std::string::npos;
}

// The engine's last word on the seat's microphone leg: "remote seat ru-1: microphone N packets,
// M lost, K concealed, buffer B ms; ...".
nlohmann::ordered_json engineCounters(const std::filesystem::path& log)
{
    std::ifstream in(log);
    const std::regex line(R"(remote seat ru-1: microphone (\d+) packets, (\d+) lost, (\d+) )"
                          R"(concealed, buffer ([0-9.]+) ms)");
    nlohmann::ordered_json counters;
    for (std::string text; std::getline(in, text);)
        if (std::smatch m; std::regex_search(text, m, line))
            counters = {{"received", std::stoll(m[1])},
                        {"lost", std::stoll(m[2])},
                        {"concealed", std::stoll(m[3])},
                        {"buffer_delay_ms", std::stod(m[4])}};
    return counters;
}

nlohmann::ordered_json seatCounters(const std::filesystem::path& stats)
{
    std::ifstream in(stats);
    const auto json = nlohmann::json::parse(in, nullptr, false);
    if (json.is_discarded() || !json.contains("headphones"))
        return nullptr;
    const auto& phones = json["headphones"];
    return {{"received", phones.value("received", 0)},
            {"lost", phones.value("lost", 0)},
            {"concealed", phones.value("concealed", 0)},
            {"buffer_delay_ms", phones.value("buffer_delay_ms", 0.0)},
            {"target_delay_ms", phones.value("target_delay_ms", 0.0)}};
}

} // namespace

Result<RemoteSeatRig::Legs> RemoteSeatRig::startCase(const LatencyCase& c, LatencyProbe& probe)
{
    stopCase();
    ++run;
    // RTP ports (RTCP one up) on 127.0.0.1: the engine's microphone port, the seat's feed port,
    // and in front of each a relay's when the case is impaired.
    const int engineMic =
        freeUdpPortPair(36000 + static_cast<int>(::getpid() % 500) * 40 + run * 8);
    const int seatFeed = freeUdpPortPair(engineMic + 2);
    const int micRelayPort = freeUdpPortPair(seatFeed + 2);
    const int feedRelayPort = freeUdpPortPair(micRelayPort + 2);
    if (engineMic < 0 || seatFeed < 0 || micRelayPort < 0 || feedRelayPort < 0)
        return Error{"no free UDP port pairs on 127.0.0.1"};
    if (c.impaired())
    {
        auto toEngine =
            startRelay(config.impair, micRelayPort, engineMic, c, config.work / "impair-mic.log");
        if (!toEngine)
            return Error{toEngine.error()};
        micRelay = std::move(toEngine.value());
        LatencyCase feedCase = c;
        feedCase.seed = c.seed + 1; // the legs lose different packets
        auto toSeat = startRelay(config.impair, feedRelayPort, seatFeed, feedCase,
                                 config.work / "impair-feed.log");
        if (!toSeat)
            return Error{toSeat.error()};
        feedRelay = std::move(toSeat.value());
    }
    Legs legs;
    if (auto error = startEngine(engineMic, c.impaired() ? feedRelayPort : seatFeed, probe, legs))
        return *error;
    if (auto error = startSeat(c.impaired() ? micRelayPort : engineMic, seatFeed, probe, legs))
        return *error;
    // Both jitter buffers learn the network (and the relays' jitter) before the first click.
    std::this_thread::sleep_for(std::chrono::duration<double>(config.warmUpSeconds));
    if (!engine.running() || !seat.running())
        return Error{"dragoman engine or dragoman seat exited while warming up; their logs:\n" +
                     logTail(engine.logFile()) + logTail(seat.logFile())};
    return legs;
}

std::optional<Error> RemoteSeatRig::startEngine(int micPort, int feedPort, LatencyProbe& probe,
                                                Legs& legs)
{
    // The floor is English, the channel Russian: no pass-through, and the channel's idle feed is
    // silence, so the channel carries the seat's microphone and nothing else. Headsets at 100 dB
    // SPL full scale on both ends: the probe's half-scale bursts pass the limiters untouched
    // (they still add their look-ahead), so the clicks are timed, not squashed.
    const auto session = config.work / ("remote-" + std::to_string(run) + ".yaml");
    {
        std::ofstream out(session);
        out << "name: Remote seat bench\nsample_rate: 48000\nblock_frames: 64\n"
               "floor: { language: en }\n"
               "channels:\n  - { id: ru, language: ru, name: Russian, idle: silence }\n"
               "booths:\n  - id: ru\n    outputs: { A: ru }\n    understands: [en]\n"
               "    seats:\n      - { id: ru-1, spl_at_0dbfs: 100, remote: { listen: "
               "\"127.0.0.1:"
            << micPort << "\", send_to: \"127.0.0.1:" << feedPort
            << "\" } }\n"
               "audio:\n  host_api: JACK\n  inputs: { floor: 1 }\n  outputs: { channel:ru: 1 }\n";
    }
    const auto events = config.work / "remote.events";
    std::ofstream(events) << "0 seat ru-1 mic on\n0 seat ru-1 listen floor\n";
    const auto before = portSet(probe);
    auto started = ChildProcess::spawn({config.dragoman.string(), "engine", session.string(),
                                        "--events", events.string(), "--status-interval", "0"},
                                       config.work / ("engine-" + std::to_string(run) + ".log"));
    if (!started)
        return Error{started.error()};
    engine = std::move(started.value());
    return waitFor(20.0, engine, "remote seat, live seat and JACK ports",
                   [&]
                   {
                       if (!logContains(engine.logFile(), "remote seat ru-1: microphone on") ||
                           !logContains(engine.logFile(), "ru-1 is live on ru"))
                           return false;
                       legs.floorToEar.input = newPort(probe, before, ":in_0");
                       legs.micToChannel.output = newPort(probe, before, ":out_0");
                       return !legs.floorToEar.input.empty() && !legs.micToChannel.output.empty();
                   });
}

std::optional<Error> RemoteSeatRig::startSeat(int enginePort, int listenPort, LatencyProbe& probe,
                                              Legs& legs)
{
    seatStats = config.work / ("seat-" + std::to_string(run) + ".json");
    std::ostringstream frameMs;
    frameMs << config.frameMs;
    const auto before = portSet(probe);
    auto started = ChildProcess::spawn({config.dragoman.string(), "seat", "--engine",
                                        "127.0.0.1:" + std::to_string(enginePort), "--listen",
                                        "127.0.0.1:" + std::to_string(listenPort), "--spl-at-0dbfs",
                                        "100", "--frame-ms", frameMs.str(), "--name", "ru-1",
                                        "--host-api", "JACK", "--stats", seatStats.string()},
                                       config.work / ("seat-" + std::to_string(run) + ".log"));
    if (!started)
        return Error{started.error()};
    seat = std::move(started.value());
    return waitFor(20.0, seat, "JACK ports",
                   [&]
                   {
                       legs.micToChannel.input = newPort(probe, before, ":in_0");
                       legs.floorToEar.output = newPort(probe, before, ":out_0");
                       return !legs.micToChannel.input.empty() && !legs.floorToEar.output.empty();
                   });
}

nlohmann::ordered_json RemoteSeatRig::stopCase()
{
    nlohmann::ordered_json result;
    // The seat writes its counters and the engine prints its own as they stop.
    if (seat.pid() > 0)
    {
        seat.stop();
        result["seat_headphones"] = seatCounters(seatStats);
    }
    if (engine.pid() > 0)
    {
        engine.stop();
        result["engine_microphone"] = engineCounters(engine.logFile());
    }
    if (micRelay.pid() > 0)
        result["relay_to_engine"] = stopRelay(micRelay);
    if (feedRelay.pid() > 0)
        result["relay_to_seat"] = stopRelay(feedRelay);
    return result;
}

} // namespace dragoman::cli
