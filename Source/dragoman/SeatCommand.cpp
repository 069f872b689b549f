// `dragoman seat`: the remote interpreter's audio without a GUI. Captures the microphone and
// sends it to the engine (the seat's `remote.listen`), receives what the seat hears (sent to the
// seat's `remote.send_to`) and plays it through the hearing-protection limiter calibrated for
// this headset. The work is RemoteSeatAudio's (Modules/seatlink), which the booth console reuses;
// this file only wires options, prints and stops.

#include "Subcommands.h"

#include "drivers/SeatIo.h"
#include "seatlink/RemoteSeatAudio.h"
#include "stream/ReceiveSocket.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

namespace dragoman::cli
{

namespace
{

struct SeatOptions
{
    std::string engine;
    std::string listen;
    std::string interfaceAddress = "127.0.0.1";
    double splAt0dBFS = 110.0;
    double frameMs = 2.5;
    std::string name = "seat";
    std::string in;
    std::string out;
    std::string hostApi;
    std::string device;
    double seconds = 0.0;
    std::string stats;
};

constexpr const char* kName = "dragoman seat: ";

std::atomic<int> stopSignal{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void requestSeatStop(int signal)
{
    stopSignal.store(signal, std::memory_order_relaxed);
}

nlohmann::ordered_json statsJson(const RemoteSeatAudioStats& stats, double seconds)
{
    nlohmann::ordered_json json;
    json["seconds"] = seconds;
    json["microphone"] = {{"packets", stats.micPackets},
                          {"overruns", stats.micOverruns},
                          {"send_errors", stats.micSendErrors}};
    const ReceiverStats feed = stats.feed.value_or(ReceiverStats{});
    json["headphones"] = {{"datagrams", stats.feedDatagrams},
                          {"inbox_drops", stats.feedInboxDrops},
                          {"received", feed.received},
                          {"lost", feed.lost},
                          {"late", feed.late},
                          {"concealed", feed.concealed},
                          {"underruns", feed.underruns},
                          {"malformed", feed.malformed},
                          {"jitter_ms", feed.jitterMs},
                          {"buffer_delay_ms", feed.bufferDelayMs},
                          {"target_delay_ms", feed.targetDelayMs},
                          {"drift_ppm", feed.driftPpm}};
    json["limiter"] = {{"max_reduction_db", stats.maxReductionDb},
                       {"leq_spl", stats.leqSpl},
                       {"exposure_warning", stats.exposureWarning}};
    return json;
}

Result<RemoteSeatConfig> configOf(const SeatOptions& options)
{
    RemoteSeatConfig config;
    auto engine = parseEndpoint(options.engine);
    if (!engine)
        return Error{"--engine " + engine.error()};
    auto listen = parseEndpoint(options.listen);
    if (!listen)
        return Error{"--listen " + listen.error()};
    config.engine = engine.value();
    config.listen = listen.value();
    config.interfaceAddress = options.interfaceAddress;
    if (!(options.splAt0dBFS >= 80.0 && options.splAt0dBFS <= 140.0))
        return Error{"--spl-at-0dbfs must be from 80 to 140 dB SPL"};
    config.splAt0dBFS = options.splAt0dBFS;
    const int micros = static_cast<int>(options.frameMs * 1000.0 + 0.5);
    if (micros != 2500 && micros != 5000 && micros != 10000 && micros != 20000)
        return Error{"--frame-ms must be 2.5, 5, 10 or 20"};
    config.frameMicroseconds = micros;
    config.maxBlock = seatMaxBlockFrames;
    config.name = options.name;
    return config;
}

int runSeat(const SeatOptions& options)
{
    setenv("JACK_NO_START_SERVER", "1", 0);
    auto config = configOf(options);
    if (!config)
    {
        std::cerr << kName << config.error() << '\n';
        return 2;
    }
    auto opened = RemoteSeatAudio::open(config.value());
    if (!opened)
    {
        std::cerr << kName << opened.error() << '\n';
        return 1;
    }
    RemoteSeatAudio& seat = *opened.value();
    const bool files = !options.in.empty() || !options.out.empty();
    auto io = files ? openSeatFiles(seat, options.in, options.out)
                    : openSeatDevice(seat, options.hostApi, options.device, "dragoman-seat");
    if (!io)
    {
        std::cerr << kName << io.error() << '\n';
        return files ? 2 : 1;
    }
    std::printf("seat %s: microphone to %s, headphones from %s, limiter at %.1f dB SPL "
                "full scale, %s\n",
                options.name.c_str(), options.engine.c_str(), options.listen.c_str(),
                options.splAt0dBFS, io.value()->description().c_str());
    std::fflush(stdout);

    stopSignal.store(0);
    const auto previousInt = std::signal(SIGINT, requestSeatStop);
    const auto previousTerm = std::signal(SIGTERM, requestSeatStop);
    seat.start();
    int code = 0;
    const auto started = std::chrono::steady_clock::now();
    if (auto error = io.value()->start())
    {
        std::cerr << kName << error->message << '\n';
        code = 1;
    }
    else
    {
        auto nextLine = started + std::chrono::seconds(5);
        while (stopSignal.load(std::memory_order_relaxed) == 0)
        {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            const auto now = std::chrono::steady_clock::now();
            if (!io.value()->healthy())
            {
                std::cerr << kName << "the audio stopped by itself\n";
                code = 1;
                break;
            }
            if (options.seconds > 0.0 &&
                std::chrono::duration<double>(now - started).count() >= options.seconds)
                break;
            if (now >= nextLine)
            {
                const auto stats = seat.stats();
                const auto feed = stats.feed.value_or(ReceiverStats{});
                std::printf("seat %s: sent %llu, received %llu, lost %llu, buffer %.1f ms, "
                            "limiter -%.1f dB, Leq %.1f dB SPL%s\n",
                            options.name.c_str(), static_cast<unsigned long long>(stats.micPackets),
                            static_cast<unsigned long long>(feed.received),
                            static_cast<unsigned long long>(feed.lost), feed.bufferDelayMs,
                            stats.maxReductionDb, stats.leqSpl,
                            stats.exposureWarning ? " (exposure warning)" : "");
                std::fflush(stdout);
                nextLine += std::chrono::seconds(5);
            }
        }
    }
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    io.value()->stop();
    seat.stop();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!options.stats.empty())
    {
        std::ofstream out(options.stats, std::ios::binary);
        out << statsJson(seat.stats(), seconds).dump(2) << '\n';
        if (!out)
        {
            std::cerr << kName << "cannot write " << options.stats << '\n';
            code = 1;
        }
    }
    return code;
}

} // namespace

void addSeatCommand(CLI::App& app)
{
    auto options = std::make_shared<SeatOptions>();
    auto* command = app.add_subcommand(
        "seat", "A remote interpreter's seat: microphone to the engine, the seat's feed back "
                "through the hearing-protection limiter");
    command
        ->add_option("--engine", options->engine,
                     "ADDR:PORT the engine receives this seat's microphone on (remote.listen)")
        ->required();
    command
        ->add_option("--listen", options->listen,
                     "ADDR:PORT the engine sends this seat's feed to (remote.send_to)")
        ->required();
    command->add_option("--spl-at-0dbfs", options->splAt0dBFS,
                        "dB SPL of a full-scale sine in this headset (limiter calibration)");
    command->add_option("--frame-ms", options->frameMs, "microphone Opus frame: 2.5, 5, 10, 20");
    command->add_option("--interface", options->interfaceAddress,
                        "IPv4 address the microphone stream leaves by");
    command->add_option("--name", options->name, "the seat's name (RTCP CNAME, messages)");
    command->add_option("--in", options->in, "microphone from this file (played in a loop)");
    command->add_option("--out", options->out, "headphones to this WAV file");
    command->add_option("--host-api", options->hostApi, "PortAudio host API, e.g. JACK");
    command->add_option("--device", options->device, "PortAudio device name (a substring)");
    command->add_option("--seconds", options->seconds, "stop after N seconds (0: at Ctrl-C)");
    command->add_option("--stats", options->stats, "write the seat's counters as JSON");
    command->callback(
        [options]
        {
            if (const int code = runSeat(*options); code != 0)
                throw CLI::RuntimeError(code);
        });
}

} // namespace dragoman::cli
