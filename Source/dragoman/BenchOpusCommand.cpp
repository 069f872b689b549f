// dragoman bench opus [--session S] [--frame-ms 2.5 5 10 20] [--seconds T] [--cpu N]
//                     [--no-realtime] [--json]
//
// Opus encoding cost of one channel at each frame size, with the real OpusChannelEncoder and the
// session's network.opus settings (the Astana demo's by default: 32 kb/s, complexity 5, FEC,
// 2 % expected loss), fed speech-like audio. Each encode() is timed on the wall clock (median,
// p99) and the whole run on the thread's CPU clock, which other processes' load cannot inflate;
// channels per core = one second of CPU divided by the CPU time one second of audio costs.
// The thread asks for SCHED_FIFO, as an encoder on a dedicated core would not be preempted by
// other work: on a shared machine the wall-clock p99 otherwise measures the neighbours' builds.

#include "BenchOpusMachine.h"
#include "BenchOpusSpeech.h"
#include "SessionArgument.h"
#include "Subcommands.h"

#include "stream/OpusChannelEncoder.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

namespace dragoman::cli
{

namespace
{

struct OpusBenchOptions
{
    std::string session;
    std::vector<double> frameMs{2.5, 5.0, 10.0, 20.0};
    double seconds = 60.0; // of audio per frame size: 6,000 frames of 10 ms for the p99
    int cpu = -2;          // -2: the last core; -1: not pinned
    bool noRealtime = false;
    bool json = false;
};

constexpr double kWarmUpSeconds = 1.0; // the encoder's analysis state and the caches settle

struct FrameSizeCost
{
    double frameMs = 0.0;
    bool lowDelay = false;
    std::size_t frames = 0;
    double medianUs = 0.0, p99Us = 0.0, maxUs = 0.0, meanUs = 0.0;
    double cpuUsPerFrame = 0.0;
    double cpuUsPerAudioSecond = 0.0;
    double meanPacketBytes = 0.0;
    std::uint64_t errors = 0;
};

Result<FrameSizeCost> measure(OpusSettings settings, double frameMs, double seconds,
                              const SpeechSignal& speech)
{
    settings.frameMicroseconds = static_cast<int>(std::lround(frameMs * 1000.0));
    auto created = OpusChannelEncoder::create(settings);
    if (!created)
        return Error{created.error()};
    OpusChannelEncoder& encoder = *created.value();
    const int n = encoder.frameSamples();
    std::vector<std::uint8_t> packet(opusMaxPacket);
    std::int64_t position = 0;
    FrameSizeCost cost;
    cost.frameMs = frameMs;
    cost.lowDelay = encoder.lowDelay();

    const auto warmUp = static_cast<std::size_t>(kWarmUpSeconds * opusSampleRate / n);
    for (std::size_t f = 0; f < warmUp; ++f, position += n)
        encoder.encode(speech.at(0, position), packet);

    cost.frames = static_cast<std::size_t>(std::ceil(seconds * opusSampleRate / n));
    std::vector<double> us;
    us.reserve(cost.frames);
    std::uint64_t bytes = 0;
    const std::int64_t cpuStart = callingThreadCpuNanos();
    for (std::size_t f = 0; f < cost.frames; ++f, position += n)
    {
        const float* pcm = speech.at(0, position);
        const auto start = std::chrono::steady_clock::now();
        const std::size_t size = encoder.encode(pcm, packet);
        const auto end = std::chrono::steady_clock::now();
        us.push_back(std::chrono::duration<double, std::micro>(end - start).count());
        bytes += size;
        cost.errors += size == 0 ? 1 : 0;
    }
    const auto cpuNanos = static_cast<double>(callingThreadCpuNanos() - cpuStart);
    double sum = 0.0;
    for (const double v : us)
        sum += v;
    cost.meanUs = sum / static_cast<double>(us.size());
    cost.medianUs = percentile(us, 0.50);
    cost.p99Us = percentile(us, 0.99);
    cost.maxUs = us.back();
    cost.cpuUsPerFrame = cpuNanos / 1000.0 / static_cast<double>(cost.frames);
    cost.cpuUsPerAudioSecond = cost.cpuUsPerFrame * opusSampleRate / n;
    cost.meanPacketBytes = static_cast<double>(bytes) / static_cast<double>(cost.frames);
    return cost;
}

int runOpusBench(const OpusBenchOptions& options)
{
    auto session = loadSessionArgument(options.session);
    if (!session)
    {
        std::cerr << "dragoman bench opus: " << session.error() << '\n';
        return 2;
    }
    const OpusSettings settings = session->network ? session->network->opus : OpusSettings{};
    const int cpu = options.cpu == -2 ? cpuCount() - 1 : options.cpu;
    const bool pinned = cpu >= 0 && pinCallingThread({cpu});
    const bool realtime = !options.noRealtime && makeCallingThreadRealtime(20);
    const auto loadBefore = loadAverage();
    // The longest frame plus the position's wrap: whole frames are read straight from the loop.
    const SpeechSignal speech(8.0, 960);

    std::vector<FrameSizeCost> costs;
    for (const double frameMs : options.frameMs)
    {
        auto cost = measure(settings, frameMs, options.seconds, speech);
        if (!cost)
        {
            std::cerr << "dragoman bench opus: " << frameMs << " ms: " << cost.error() << '\n';
            return 2;
        }
        costs.push_back(cost.value());
    }

    if (options.json)
    {
        nlohmann::json out;
        out["session"] = session->name;
        out["settings"] = {{"bitrate", settings.bitrate},
                           {"complexity", settings.complexity},
                           {"fec", settings.fec},
                           {"expected_loss", settings.expectedLossPercent}};
        out["signal"] = "speech-like noise, -20 dBFS RMS while talking";
        out["cpu"] = pinned ? nlohmann::json(cpu) : nlohmann::json(nullptr);
        out["realtime"] = realtime;
        out["seconds_per_frame_size"] = options.seconds;
        out["load_average"] = loadBefore;
        out["frame_sizes"] = nlohmann::json::array();
        for (const auto& c : costs)
            out["frame_sizes"].push_back(
                {{"frame_ms", c.frameMs},
                 {"mode", c.lowDelay ? "restricted-lowdelay" : "voip"},
                 {"frames", c.frames},
                 {"median_us", c.medianUs},
                 {"p99_us", c.p99Us},
                 {"max_us", c.maxUs},
                 {"mean_us", c.meanUs},
                 {"cpu_us_per_frame", c.cpuUsPerFrame},
                 {"us_per_audio_second", c.cpuUsPerAudioSecond},
                 {"core_pct_per_channel", c.cpuUsPerAudioSecond / 1e4},
                 {"channels_per_core", std::floor(1e6 / c.cpuUsPerAudioSecond)},
                 {"mean_packet_bytes", c.meanPacketBytes},
                 {"encode_errors", c.errors}});
        std::cout << out.dump() << '\n';
        return 0;
    }

    std::ostringstream out;
    out << std::fixed << std::setprecision(1);
    out << "Opus encode, " << session->name << " settings: " << settings.bitrate / 1000
        << " kb/s, complexity " << settings.complexity << ", FEC " << (settings.fec ? "on" : "off")
        << "; speech-like input; "
        << (pinned ? "core " + std::to_string(cpu) : std::string("not pinned"))
        << (realtime ? " (SCHED_FIFO)" : "") << "; load " << loadBefore[0] << "\n";
    out << "frame ms  mode      median us  p99 us  CPU us/frame  us per s  core %  channels/core\n";
    for (const auto& c : costs)
        out << std::setw(8) << c.frameMs << "  " << std::setw(8)
            << (c.lowDelay ? "lowdelay" : "voip") << "  " << std::setw(9) << c.medianUs << "  "
            << std::setw(6) << c.p99Us << "  " << std::setw(12) << c.cpuUsPerFrame << "  "
            << std::setw(8) << c.cpuUsPerAudioSecond << "  " << std::setw(6) << std::setprecision(2)
            << c.cpuUsPerAudioSecond / 1e4 << std::setprecision(1) << "  " << std::setw(13)
            << std::floor(1e6 / c.cpuUsPerAudioSecond) << '\n';
    std::cout << out.str();
    return 0;
}

} // namespace

void addOpusBench(CLI::App& bench)
{
    auto options = std::make_shared<OpusBenchOptions>();
    auto* opus = bench.add_subcommand("opus", "Opus encoding cost per channel and frame size");
    opus->add_option("--session", options->session,
                     "Session whose network.opus settings to use (default: the Astana demo)");
    opus->add_option("--frame-ms", options->frameMs, "Frame sizes (default: 2.5 5 10 20)")
        ->check(CLI::IsMember({2.5, 5.0, 10.0, 20.0}));
    opus->add_option("--seconds", options->seconds, "Audio encoded per frame size (default 60)")
        ->check(CLI::PositiveNumber);
    opus->add_option("--cpu", options->cpu, "Core to pin to (default: the last; -1: none)")
        ->check(CLI::Range(-1, 1023));
    opus->add_flag("--no-realtime", options->noRealtime, "Do not ask for SCHED_FIFO");
    opus->add_flag("--json", options->json, "One JSON object instead of a table");
    opus->callback(
        [options]
        {
            if (const int code = runOpusBench(*options); code != 0)
                throw CLI::RuntimeError(code);
        });
}

} // namespace dragoman::cli
