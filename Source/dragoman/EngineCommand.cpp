// dragoman engine [SESSION.yaml] [--in ID=FILE ...] [--events FILE] [--seconds N]
//                 [--status-interval S] [--json-status FILE] [--host-api NAME] [--device NAME]
//                 [--list-devices] [--sdp-dir DIR] [--control HOST:PORT] [--tokens FILE]
// Runs the session in real time on a PortAudio device (JACK in production and CI). The main
// thread is the control thread: it replays the event script at wall-clock times, prints the
// engine's events and a status table, and stops on --seconds, SIGINT or SIGTERM.
// With a `network:` section in the session, every listed channel is also streamed as RTP/Opus
// (Modules/stream) and its SDP written to --sdp-dir (or network.sdp_dir).
// With a `control:` section (or --control), the control API (Modules/control) is served; this
// loop hands it every engine event, so that events still have one consumer.
// Exit codes: 0 success; 1 device error (not found, too few channels, lost while running);
// 2 bad arguments (session, --in, events script).

#include "EngineRemoteSeats.h"
#include "SessionArgument.h"
#include "StatusView.h"
#include "Subcommands.h"

#include "control/ControlPlane.h"
#include "core/Event.h"
#include "core/EventScript.h"
#include "drivers/LoopedInputs.h"
#include "drivers/PortAudioDriver.h"
#include "engine/Engine.h"
#include "stream/ChannelTap.h"
#include "stream/StreamSender.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

namespace dragoman::cli
{

namespace
{

struct EngineOptions
{
    std::string session;
    std::vector<std::string> inputs;
    std::string events;
    double seconds = 0.0;
    double statusInterval = 1.0;
    std::string jsonStatus;
    std::string hostApi;
    std::string device;
    bool listDevices = false;
    std::string sdpDir;
    std::string control; // --control HOST:PORT (HTTP/WebSocket; TCP lines on PORT + 1)
    std::string tokens;  // --tokens FILE
};

// Fast enough for scripted commands (10 ms is under a desk button's feel) and for catching the
// meters' 100 ms windows; slow enough to cost nothing.
constexpr auto kTick = std::chrono::milliseconds(10);
// Callbacks that stop arriving for this long mean the device or JACK server is stuck.
constexpr double kStallSeconds = 2.0;

// Set by SIGINT/SIGTERM; the control loop polls it. A lock-free atomic is safe in a handler.
std::atomic<int> stopSignal{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void requestStop(int signal)
{
    stopSignal.store(signal, std::memory_order_relaxed);
}

constexpr const char* kName = "dragoman engine: ";

std::string stamp(double seconds)
{
    char text[32];
    std::snprintf(text, sizeof text, "[%9.3f] ", seconds);
    return text;
}

Result<std::vector<InputFile>> parseInputs(const std::vector<std::string>& arguments)
{
    std::vector<InputFile> files;
    for (const auto& argument : arguments)
    {
        const auto equals = argument.find('=');
        if (equals == std::string::npos || equals == 0 || equals + 1 == argument.size())
            return Error{"--in " + argument + ": expected ID=FILE (ID is floor or a seat)"};
        files.push_back({argument.substr(0, equals), argument.substr(equals + 1)});
    }
    return files;
}

// The embedded demo plays itself: the floor, every booth's interpreters on their language's clip,
// and the scripted meeting if it is there. The meeting follows floor-demo.opus (Russian, Kazakh,
// English), so that floor comes with it; floor-ru.opus otherwise.
void addDemoFeeds(const Session& session, std::vector<InputFile>& files, std::string& events)
{
    const auto demo = assetsDir() / "demo";
    const bool meeting = std::filesystem::exists(demo / "astana.events");
    for (const char* floor : {"floor-demo.opus", "floor-ru.opus"})
    {
        if ((meeting || std::string_view(floor) != "floor-demo.opus") &&
            std::filesystem::exists(demo / floor))
        {
            files.push_back({"floor", demo / floor});
            break;
        }
    }
    // Every seat of a booth speaks that booth's clip, so that handovers keep the channel talking.
    for (const auto& booth : session.booths)
    {
        const auto language = std::find_if(session.channels.begin(), session.channels.end(),
                                           [&](const ChannelSpec& c)
                                           { return c.id == booth.outputs.front().channel; });
        if (language == session.channels.end())
            continue;
        const auto clip = demo / ("interp-" + language->language + ".opus");
        if (!std::filesystem::exists(clip))
            continue;
        for (const auto& seat : booth.seats)
            files.push_back({seat.id, clip});
    }
    if (meeting)
        events = (demo / "astana.events").string();
}

void printBanner(const Session& session, const StreamDescription& stream, const LoopedInputs& files,
                 const std::string& events, double seconds)
{
    const std::string& device =
        stream.outputDevice.empty() ? stream.inputDevice : stream.outputDevice;
    std::printf("dragoman engine: %s on %s '%s': %d in, %d out, %.0f Hz, %d frames per block, "
                "latency in %.1f ms, out %.1f ms\n",
                session.name.c_str(), stream.hostApi.c_str(), device.c_str(), stream.inputChannels,
                stream.outputChannels, stream.sampleRate, stream.blockFrames,
                stream.inputLatencySeconds * 1000.0, stream.outputLatencySeconds * 1000.0);
    for (const auto& feed : files.feeds())
        std::printf("  %s <- %s (looped, %.1f s)\n", feed.endpoint.c_str(),
                    feed.file.string().c_str(),
                    static_cast<double>(feed.input.length()) / session.sampleRate);
    if (!events.empty())
        std::printf("  events <- %s\n", events.c_str());
    if (seconds > 0.0)
        std::printf("  runs %.1f s; Ctrl-C stops\n", seconds);
    else
        std::printf("  Ctrl-C stops\n");
    std::fflush(stdout);
}

// Everything the control loop touches while the stream runs.
class ControlLoop
{
public:
    // `streams`: nullptr when the session streams nothing.
    ControlLoop(Engine& running, PortAudioDriver& device, std::vector<ScriptedCommand> commands,
                const EngineOptions& settings, const StreamSender* streams)
        : engine(running), driver(device), script(std::move(commands)), options(settings),
          view(running, streams)
    {
    }

    // Returns 0, or 1 when the stream died.
    int run()
    {
        const auto start = std::chrono::steady_clock::now();
        double nextStatus = options.statusInterval;
        double lastProgress = 0.0;
        std::uint64_t lastCallbacks = 0;
        bool stallReported = false;
        while (stopSignal.load(std::memory_order_relaxed) == 0)
        {
            const double elapsed = secondsSince(start);
            if (options.seconds > 0.0 && elapsed >= options.seconds)
                break;
            replayScript(elapsed);
            drainEvents();
            view.sample();
            if (control)
                control->noteDriver({driver.callbacks(), driver.xruns(), driver.frames(),
                                     driver.cpuLoad(), driver.active(), false});
            if (options.statusInterval > 0.0 && elapsed >= nextStatus)
            {
                std::cout << view.table(counters(elapsed));
                nextStatus += options.statusInterval;
            }
            if (driver.callbacks() != lastCallbacks)
            {
                lastCallbacks = driver.callbacks();
                lastProgress = elapsed;
            }
            else if (!stallReported && elapsed - lastProgress > kStallSeconds)
            {
                std::cerr << kName << "no audio callback for " << kStallSeconds
                          << " s: is the device (or the JACK server) running?\n";
                stallReported = true;
            }
            if (!driver.active())
            {
                std::cerr << kName
                          << "the audio stream stopped by itself (device or JACK server lost)\n";
                ranFor = elapsed;
                why = " (device lost)";
                return 1;
            }
            std::cout.flush();
            std::this_thread::sleep_until(
                start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                            std::chrono::duration<double>(elapsed) + kTick));
        }
        ranFor = secondsSince(start);
        if (stopSignal.load() != 0)
            why = " (signal)";
        return 0;
    }

    // After the stream has stopped: the last events, the final table and the summary.
    void finish()
    {
        drainEvents();
        const auto run = counters(ranFor);
        std::cout << view.table(run);
        std::string lost;
        if (const auto dropped = engine.status().eventsDropped.load(); dropped > 0)
            lost = ", " + std::to_string(dropped) + " events lost";
        std::printf(
            "dragoman engine: stopped after %.2f s%s: %llu callbacks, %llu frames, %llu xruns, "
            "%llu events (%llu script lines refused%s), cpu %.0f%%\n",
            run.seconds, why, static_cast<unsigned long long>(run.callbacks),
            static_cast<unsigned long long>(run.frames), static_cast<unsigned long long>(run.xruns),
            static_cast<unsigned long long>(run.events),
            static_cast<unsigned long long>(run.refusedCommands), lost.c_str(),
            run.cpuLoad * 100.0);
        std::fflush(stdout);
    }

    RunCounters counters(double seconds) const
    {
        RunCounters run;
        run.seconds = seconds;
        run.callbacks = driver.callbacks();
        run.xruns = driver.xruns();
        run.frames = driver.frames();
        run.events = eventCount;
        run.refusedCommands = refusedCount;
        run.cpuLoad = driver.cpuLoad();
        return run;
    }

    double seconds() const { return ranFor; }
    // The control API, fed every event and the driver's counters; nullptr when none is served.
    void serve(control::ControlPlane* plane) { control = plane; }
    const StatusView& status() const { return view; }

private:
    static double secondsSince(std::chrono::steady_clock::time_point start)
    {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }

    void replayScript(double elapsed)
    {
        while (next < script.size() && script[next].seconds <= elapsed)
        {
            const auto& entry = script[next++];
            if (!entry.refusal.empty())
            {
                // The refusal names the file, line and text already.
                std::cout << stamp(entry.seconds) << "refused: " << entry.refusal << '\n';
                ++refusedCount;
                ++eventCount;
            }
            else if (!engine.post(entry.command))
                std::cerr << kName << "command queue full, dropped '" << entry.text << "'\n";
        }
    }

    void drainEvents()
    {
        Event event;
        while (engine.nextEvent(event))
        {
            view.note(event);
            if (control)
                control->publish(event);
            std::cout << stamp(static_cast<double>(event.frame) / engine.sampleRate())
                      << eventToText(event, engine.floorplan()) << '\n';
            ++eventCount;
        }
    }

    Engine& engine;
    PortAudioDriver& driver;
    std::vector<ScriptedCommand> script;
    const EngineOptions& options;
    StatusView view;
    control::ControlPlane* control = nullptr;
    std::size_t next = 0;
    std::uint64_t eventCount = 0;
    std::uint64_t refusedCount = 0;
    double ranFor = 0.0;
    const char* why = ""; // how the run ended, beside --seconds
};

int runEngine(const EngineOptions& options)
{
    // libjack would otherwise try to start a server with its own defaults when none runs; the
    // technician starts JACK with the meeting's settings, so a missing server must be an error.
    setenv("JACK_NO_START_SERVER", "1", 0);

    if (options.listDevices)
    {
        auto list = PortAudioDriver::listDevices();
        if (!list)
        {
            std::cerr << kName << list.error() << '\n';
            return 1;
        }
        std::cout << list.value();
        return 0;
    }

    auto session = loadSessionArgument(options.session);
    if (!session)
    {
        std::cerr << kName << session.error() << '\n';
        return 2;
    }
    if (!options.hostApi.empty())
        session->audio.hostApi = options.hostApi;
    if (!options.device.empty())
        session->audio.device = options.device;

    auto inputs = parseInputs(options.inputs);
    if (!inputs)
    {
        std::cerr << kName << inputs.error() << '\n';
        return 2;
    }
    std::string events = options.events;
    if (options.session.empty() && options.inputs.empty() && options.events.empty())
        addDemoFeeds(session.value(), inputs.value(), events);

    const AudioMap audio = session->audio;
    const Session described = session.value();
    Engine engine(std::move(session.value()));

    std::vector<ScriptedCommand> script;
    if (!events.empty())
    {
        auto loaded = loadEventScript(events, engine.floorplan());
        if (!loaded)
        {
            std::cerr << kName << loaded.error() << '\n';
            return 2;
        }
        script = std::move(loaded.value());
    }
    // The control API's settings and tokens are checked before the device opens: a typo in a
    // tokens file is a bad argument, not a meeting without a console.
    const auto sessionDir =
        (options.session.empty() ? defaultSessionPath() : std::filesystem::path(options.session))
            .parent_path();
    auto controlSettings = control::ControlPlane::configure(described, sessionDir, options.control,
                                                            options.tokens, engine.floorplan());
    if (!controlSettings)
    {
        std::cerr << kName << controlSettings.error() << '\n';
        return 2;
    }

    auto files = LoopedInputs::load(engine.floorplan(), inputs.value(), described.blockFrames);
    if (!files)
    {
        std::cerr << kName << files.error() << '\n';
        return 2;
    }

    auto opened = PortAudioDriver::open(engine, audio, std::move(files.value()));
    if (!opened)
    {
        std::cerr << kName << opened.error() << '\n';
        return 1;
    }
    auto& driver = *opened.value();
    printBanner(described, driver.description(), driver.inputFiles(), events, options.seconds);

    // Streams: the tap and the encoder thread exist before the audio starts, so the callback
    // finds every ring already allocated.
    std::unique_ptr<ChannelTap> tap;
    std::unique_ptr<StreamSender> streams;
    if (described.network)
    {
        // Half a second of audio: an encoder thread that stalls longer loses blocks, counted.
        tap = std::make_unique<ChannelTap>(StreamSender::streamedChannels(described),
                                           static_cast<std::size_t>(described.sampleRate / 2),
                                           std::max(driver.inputFiles().maxBlock(), 1));
        auto created = StreamSender::create(described, *tap, options.sdpDir);
        if (!created)
        {
            std::cerr << kName << created.error() << '\n';
            return 1;
        }
        streams = std::move(created.value());
        if (auto error = driver.attachTap(*tap))
        {
            std::cerr << kName << error->message << '\n';
            return 1;
        }
        for (const auto& [channel, sdp] : streams->sdps())
            std::printf("stream %s: %zu bytes of SDP\n", channel.c_str(), sdp.size());
        std::fflush(stdout);
        streams->start();
    }
    auto remoteSeats = startRemoteSeats(engine, driver, described);
    if (!remoteSeats)
    {
        std::cerr << kName << remoteSeats.error() << '\n';
        return 1;
    }

    stopSignal.store(0);
    const auto previousInt = std::signal(SIGINT, requestStop);
    const auto previousTerm = std::signal(SIGTERM, requestStop);
    // The control API: a port in use must not cost the meeting its audio, so the engine runs
    // on without it and says so.
    std::unique_ptr<control::ControlPlane> controlPlane;
    if (auto& configured = controlSettings.value())
    {
        configured->first.identity = {DRAGOMAN_VERSION, driver.description().hostApi,
                                      driver.description().outputDevice};
        auto started = control::ControlPlane::start(engine, std::move(configured->second),
                                                    configured->first, streams.get());
        if (started)
        {
            controlPlane = std::move(started.value());
            std::printf("control API: %s\n", controlPlane->where().c_str());
        }
        else
            std::cerr << kName << started.error() << "; the engine runs without the control API\n";
        std::fflush(stdout);
    }

    ControlLoop loop(engine, driver, std::move(script), options, streams.get());
    loop.serve(controlPlane.get());
    int code = 0;
    if (auto error = driver.start())
    {
        std::cerr << kName << error->message << '\n';
        code = 1;
    }
    else
        code = loop.run();
    // Consoles are let go before the device stops, so that no command arrives after the end.
    if (controlPlane)
        controlPlane->stop();
    // A second Ctrl-C now ends the program at once, should stopping the device hang.
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    if (auto stopError = driver.stop())
    {
        std::cerr << kName << stopError->message << '\n';
        code = 1;
    }
    if (streams)
    {
        streams->stop();
        for (const auto& stats : streams->stats())
            std::printf("stream %s: %llu packets, %llu bytes, %llu overruns, %llu send errors\n",
                        stats.channel.c_str(), static_cast<unsigned long long>(stats.packets),
                        static_cast<unsigned long long>(stats.bytes),
                        static_cast<unsigned long long>(stats.overruns),
                        static_cast<unsigned long long>(stats.sendErrors));
    }
    if (remoteSeats.value())
    {
        remoteSeats.value()->stop();
        printRemoteSeats(*remoteSeats.value());
    }
    loop.finish();

    if (!options.jsonStatus.empty())
    {
        std::ofstream out(options.jsonStatus, std::ios::binary);
        out << loop.status().json(loop.counters(loop.seconds()), driver.description());
        out.close();
        if (!out)
        {
            std::cerr << kName << options.jsonStatus << ": cannot write the JSON status\n";
            return 1;
        }
    }
    return code;
}

} // namespace

void addEngineCommand(CLI::App& app)
{
    auto options = std::make_shared<EngineOptions>();
    auto* engine = app.add_subcommand(
        "engine", "Run a session in real time on an audio device (PortAudio; JACK)");
    engine->add_option("session", options->session,
                       "Session file (default: the Astana demo, which plays its demo clips)");
    engine->add_option(
        "--in", options->inputs,
        "ID=FILE: feed the floor or a seat's microphone from a file, looped (repeatable)");
    engine->add_option("--events", options->events,
                       "Script of 'SECONDS COMMAND' lines, replayed at wall-clock times");
    engine
        ->add_option("--seconds", options->seconds,
                     "Stop after this long (default: run until Ctrl-C)")
        ->check(CLI::PositiveNumber);
    engine
        ->add_option("--status-interval", options->statusInterval,
                     "Seconds between status tables (0: none)")
        ->check(CLI::NonNegativeNumber);
    engine->add_option("--json-status", options->jsonStatus,
                       "Write the final status as JSON to this file");
    engine->add_option("--host-api", options->hostApi,
                       "Override the session's audio.host_api (e.g. JACK, ALSA)");
    engine->add_option("--device", options->device, "Override the session's audio.device");
    engine->add_flag("--list-devices", options->listDevices,
                     "List PortAudio host APIs and devices, then exit");
    engine->add_option("--control", options->control,
                       "Serve the control API: HTTP and WebSocket on HOST:PORT, JSON-RPC lines on "
                       "PORT + 1 (overrides the session's control: listen and tcp)");
    engine->add_option("--tokens", options->tokens,
                       "The control API's tokens file (overrides control.tokens_file)");
    engine->add_option("--sdp-dir", options->sdpDir,
                       "Write each streamed channel's SDP here as <channel>.sdp "
                       "(overrides network.sdp_dir)");
    engine->callback(
        [options]
        {
            if (const int code = runEngine(*options); code != 0)
                throw CLI::RuntimeError(code);
        });
}

} // namespace dragoman::cli
