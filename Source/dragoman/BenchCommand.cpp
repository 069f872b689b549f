// dragoman bench engine [--session S | --channels N --seats M] [--block B] [--seconds T] [--json]
//
// Times Engine::process() under a realistic meeting: every input carries a speech-like signal,
// every booth has a live seat, some seats listen to relays, and commands arrive while it runs.
// The engine runs on this thread as fast as it can; only process() is timed, so posting commands
// and draining events (the control side) do not count against the audio thread's budget.

#include "SessionArgument.h"
#include "Subcommands.h"
#include "SyntheticSession.h"

#include "engine/Engine.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <numbers>
#include <optional>
#include <random>
#include <sstream>

namespace dragoman::cli
{

namespace
{

struct EngineBenchOptions
{
    std::string session;
    int channels = 0;
    int seats = 0;
    int block = 0; // 0: the session's block_frames
    double seconds = 10.0;
    bool json = false;
};

constexpr double kWarmUpSeconds = 1.0;   // caches, branch predictors and lazy binding settle
constexpr double kSignalSeconds = 4.0;   // long enough that inputs at different offsets differ
constexpr double kCommandsPerSecond = 4; // levels, cough and listen keys, as busy desks see

// Noise shaped like speech: band-limited, in syllables of 120-250 ms, words, and breath pauses.
// Loud enough (about -20 dBFS while talking) that meters and the limiter do real work.
class SpeechLikeSignal
{
public:
    SpeechLikeSignal(double sampleRate, int maxBlock)
        : period(static_cast<std::size_t>(kSignalSeconds * sampleRate)),
          samples(period + static_cast<std::size_t>(maxBlock), 0.0f)
    {
        std::mt19937 random(20240611);
        std::uniform_real_distribution<float> noise(-1.0f, 1.0f);
        std::uniform_real_distribution<double> syllable(0.12, 0.25);
        std::uniform_real_distribution<double> chance(0.0, 1.0);
        constexpr float pi = std::numbers::pi_v<float>;
        const float lowPass =
            1.0f - std::exp(-2.0f * pi * 1500.0f / static_cast<float>(sampleRate));
        float low = 0.0f;
        float previousLow = 0.0f;
        std::size_t i = 0;
        while (i < period)
        {
            const auto length = static_cast<std::size_t>(syllable(random) * sampleRate);
            const bool pause = chance(random) < 0.12;
            for (std::size_t k = 0; k < length && i < period; ++k, ++i)
            {
                low += lowPass * (noise(random) - low);
                const float band = low - 0.98f * previousLow; // removes rumble below ~150 Hz
                previousLow = low;
                const double phase = static_cast<double>(k) / static_cast<double>(length);
                const auto envelope = static_cast<float>(std::sin(std::numbers::pi * phase));
                samples[i] = pause ? 0.0f : envelope * band;
            }
        }
        normalise(0.1f); // -20 dBFS RMS while talking: speech into a desk microphone
        // The tail repeats the head, so a block that starts near the end reads on contiguously.
        std::copy(samples.begin(), samples.begin() + maxBlock, samples.begin() + period);
    }

    // Input `input`'s signal from frame `position` on, readable for up to maxBlock frames.
    const float* at(int input, std::int64_t position) const
    {
        const auto offset = static_cast<std::size_t>(input) * 7919u * 61u; // inputs differ
        return samples.data() + (offset + static_cast<std::size_t>(position)) % period;
    }

private:
    void normalise(float talkingRms)
    {
        double energy = 0.0;
        std::size_t talking = 0;
        for (const float x : samples)
            if (x != 0.0f)
            {
                energy += static_cast<double>(x) * x;
                ++talking;
            }
        const auto gain = static_cast<float>(
            talkingRms /
            std::sqrt(energy / static_cast<double>(std::max<std::size_t>(talking, 1))));
        for (float& x : samples)
            x *= gain;
    }

    std::size_t period;
    std::vector<float> samples;
};

struct ScheduledCommand
{
    std::int64_t block = 0;
    Command command;
};

// The meeting's script: who goes live before timing starts, and what the desks do meanwhile.
class LoadPlan
{
public:
    LoadPlan(const Floorplan& floorplan, double blocksPerSecond)
        : plan(floorplan), rate(blocksPerSecond)
    {
    }

    std::optional<Error> build(double seconds)
    {
        std::mt19937 random(7);
        const auto seat = [&]
        {
            return plan.seatId(pick(random, plan.seatCount()));
        };
        const auto channel = [&]
        {
            return plan.channelId(pick(random, plan.channelCount()));
        };
        std::vector<int> liveIndex(plan.boothCount(), 0);

        for (int b = 0; b < plan.boothCount(); ++b)
        {
            const auto& seats = plan.boothSeats(b);
            add(0.0, "seat " + plan.seatId(seats[0]) + " mic on");
            if (seats.size() > 1 && b % 2 == 0) // a partner follows a neighbouring booth's relay
                add(0.0, "seat " + plan.seatId(seats[1]) + " listen " +
                             plan.channelId(plan.boothOutput((b + 1) % plan.boothCount(), 0)));
        }
        for (int s = 0; s < plan.seatCount(); ++s)
        {
            if (s % 3 == 0)
                add(0.0, "seat " + plan.seatId(s) + " bass 3");
            if (s % 4 == 0)
                add(0.0, "seat " + plan.seatId(s) + " sidetone -12");
        }

        std::uniform_int_distribution<int> volume(-20, 6);
        std::uniform_int_distribution<int> tone(-6, 6);
        const int steps = static_cast<int>(seconds * kCommandsPerSecond);
        for (int k = 1; k < steps; ++k)
        {
            const double t = k / kCommandsPerSecond;
            const int booth = pick(random, plan.boothCount());
            const auto& seats = plan.boothSeats(booth);
            const std::string live = plan.seatId(seats[liveIndex[booth]]);
            switch (k % 4)
            {
            case 0:
                add(t, "seat " + seat() + " volume " + std::to_string(volume(random)));
                break;
            case 1:
                add(t, "seat " + live + " cough on");
                add(t + 0.4, "seat " + live + " cough off");
                break;
            case 2:
                add(t, "seat " + seat() + (k % 8 == 2 ? " bass " : " treble ") +
                           std::to_string(tone(random)));
                break;
            default:
                add(t, "seat " + seat() + " listen " + (k % 8 == 3 ? "auto" : channel()));
                break;
            }
            if (k % 12 == 0) // handover: the partner takes over, the channel never left open long
            {
                liveIndex[booth] = (liveIndex[booth] + 1) % static_cast<int>(seats.size());
                add(t, "seat " + live + " mic off");
                add(t, "seat " + plan.seatId(seats[liveIndex[booth]]) + " mic on");
            }
            if (k % 20 == 0) // a new speaker at the floor
                add(t, "floor language " + plan.languageCode(plan.channelLanguage(
                                               pick(random, plan.channelCount()))));
        }
        if (failure)
            return failure;
        std::stable_sort(script.begin(), script.end(),
                         [](const auto& a, const auto& b) { return a.block < b.block; });
        return std::nullopt;
    }

    const std::vector<ScheduledCommand>& commands() const { return script; }

private:
    static int pick(std::mt19937& random, int count)
    {
        return std::uniform_int_distribution<int>(0, count - 1)(random);
    }

    void add(double seconds, const std::string& line)
    {
        auto command = parseCommand(line, plan);
        if (!command)
        {
            failure = failure.value_or(Error{command.error()});
            return;
        }
        script.push_back({static_cast<std::int64_t>(seconds * rate), command.value()});
    }

    const Floorplan& plan;
    double rate;
    std::vector<ScheduledCommand> script;
    std::optional<Error> failure;
};

struct Timings
{
    double meanUs = 0.0, p50Us = 0.0, p99Us = 0.0, maxUs = 0.0;
};

// CPU time of the calling thread (a system call, so it stays outside the timed span). On a busy
// machine the wall-clock p99 measures the scheduler; this measures the engine alone.
double threadCpuUs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e6 + static_cast<double>(now.tv_nsec) * 1e-3;
}

Timings summarise(std::vector<double> us)
{
    Timings t;
    if (us.empty())
        return t;
    std::sort(us.begin(), us.end());
    const auto rank = [&](double p) { // nearest rank
        const auto index = static_cast<std::size_t>(std::ceil(p * static_cast<double>(us.size())));
        return us[std::clamp<std::size_t>(index, 1, us.size()) - 1];
    };
    double sum = 0.0;
    for (const double v : us)
        sum += v;
    t.meanUs = sum / static_cast<double>(us.size());
    t.p50Us = rank(0.50);
    t.p99Us = rank(0.99);
    t.maxUs = us.back();
    return t;
}

std::string jsonString(const std::string& text)
{
    std::ostringstream out;
    out << '"';
    for (const char c : text)
    {
        if (c == '"' || c == '\\')
            out << '\\' << c;
        else if (static_cast<unsigned char>(c) < 0x20)
            out << "\\u" << std::hex << std::setw(4) << std::setfill('0') << int(c) << std::dec;
        else
            out << c;
    }
    out << '"';
    return out.str();
}

// The budgets this project holds itself to: the audio thread must leave room for the drivers,
// the network and the rest of the machine.
struct Target
{
    std::string name;
    double p99Pct;
};

std::optional<Target> targetFor(const EngineBenchOptions& options)
{
    if (options.channels == 32 && options.seats == 96)
        return Target{"32x96", 25.0};
    std::error_code ignored;
    if (options.channels == 0 &&
        (options.session.empty() ||
         std::filesystem::equivalent(options.session, defaultSessionPath(), ignored)))
        return Target{"astana", 3.0};
    return std::nullopt;
}

int runEngineBench(const EngineBenchOptions& options)
{
    auto session = options.channels > 0 ? syntheticSession(options.channels, options.seats,
                                                           options.block > 0 ? options.block : 64)
                                        : loadSessionArgument(options.session);
    if (!session)
    {
        std::cerr << "dragoman bench engine: " << session.error() << '\n';
        return 2;
    }
    const int block = options.block > 0 ? options.block : session->blockFrames;
    Engine engine(std::move(session.value()), block);
    const Floorplan& plan = engine.floorplan();
    const double rate = engine.sampleRate();
    const double blocksPerSecond = rate / block;
    const auto warmUpBlocks =
        static_cast<std::int64_t>(std::ceil(kWarmUpSeconds * blocksPerSecond));
    const auto timedBlocks =
        static_cast<std::int64_t>(std::ceil(options.seconds * blocksPerSecond));

    LoadPlan load(plan, blocksPerSecond);
    if (auto error = load.build(kWarmUpSeconds + options.seconds))
    {
        std::cerr << "dragoman bench engine: load script: " << error->message << '\n';
        return 2;
    }

    const SpeechLikeSignal signal(rate, block);
    std::vector<const float*> mics(plan.seatCount());
    std::vector<std::vector<float>> outs(plan.channelCount() + 1 + plan.seatCount(),
                                         std::vector<float>(block));
    std::vector<float*> outPointers;
    for (auto& out : outs)
        outPointers.push_back(out.data());
    BlockIo io;
    io.seatMics = mics.data();
    io.channelOuts = outPointers.data();
    io.seatOuts = outPointers.data() + plan.channelCount() + 1;
    io.frames = block;

    std::vector<double> us;
    std::vector<double> cpuUs; // this thread's CPU time: what other processes' load cannot inflate
    us.reserve(static_cast<std::size_t>(timedBlocks));
    cpuUs.reserve(static_cast<std::size_t>(timedBlocks));
    std::size_t next = 0;
    std::uint64_t events = 0;
    int liveAtStart = 0;
    Event event;
    const auto& script = load.commands();
    for (std::int64_t k = 0; k < warmUpBlocks + timedBlocks; ++k)
    {
        while (next < script.size() && script[next].block <= k)
            engine.post(script[next++].command);
        const std::int64_t position = k * block;
        io.floor = signal.at(0, position);
        for (int s = 0; s < plan.seatCount(); ++s)
            mics[s] = signal.at(s + 1, position);

        const double cpuStart = threadCpuUs();
        const auto start = std::chrono::steady_clock::now();
        engine.process(io);
        const auto end = std::chrono::steady_clock::now();
        const double cpuEnd = threadCpuUs();

        if (k >= warmUpBlocks)
        {
            us.push_back(std::chrono::duration<double, std::micro>(end - start).count());
            cpuUs.push_back(cpuEnd - cpuStart);
        }
        else if (k == 0)
            for (int s = 0; s < plan.seatCount(); ++s)
                liveAtStart += engine.status().seats[s].live.load() ? 1 : 0;
        while (engine.nextEvent(event))
            ++events;
    }

    const Timings t = summarise(us);
    const Timings cpu = summarise(cpuUs);
    const double periodUs = 1e6 * block / rate;
    const double meanPct = 100.0 * t.meanUs / periodUs;
    const double p99Pct = 100.0 * t.p99Us / periodUs;
    const auto target = targetFor(options);
    const bool pass = target && p99Pct < target->p99Pct;

    std::ostringstream out;
    out << std::fixed << std::setprecision(3);
    if (options.json)
    {
        out << "{\"session\":" << jsonString(plan.session().name)
            << ",\"channels\":" << plan.channelCount() << ",\"seats\":" << plan.seatCount()
            << ",\"block\":" << block << ",\"sample_rate\":" << plan.session().sampleRate
            << ",\"blocks\":" << us.size() << ",\"mean_us\":" << t.meanUs
            << ",\"p50_us\":" << t.p50Us << ",\"p99_us\":" << t.p99Us << ",\"max_us\":" << t.maxUs
            << ",\"block_period_us\":" << periodUs << ",\"load_mean_pct\":" << meanPct
            << ",\"load_p99_pct\":" << p99Pct << ",\"cpu_p50_us\":" << cpu.p50Us
            << ",\"cpu_p99_us\":" << cpu.p99Us << ",\"live_seats_at_start\":" << liveAtStart
            << ",\"commands\":" << script.size()
            << ",\"commands_dropped\":" << engine.commandsDropped() << ",\"events\":" << events
            << ",\"targets\":{";
        if (target)
            out << jsonString(target->name) << ":{\"load_p99_pct_below\":" << target->p99Pct
                << ",\"pass\":" << (pass ? "true" : "false") << '}';
        out << "},\"pass\":" << (target ? (pass ? "true" : "false") : "null") << "}\n";
    }
    else
    {
        out << plan.session().name << ": " << plan.channelCount() << " channels x "
            << plan.seatCount() << " seats, block " << block << " @ " << plan.session().sampleRate
            << " Hz, " << us.size() << " blocks: mean " << t.meanUs << " us, p50 " << t.p50Us
            << " us, p99 " << t.p99Us << " us, max " << t.maxUs << " us of " << periodUs
            << " us (load mean " << meanPct << " %, p99 " << p99Pct << " %; CPU time p50 "
            << cpu.p50Us << " us, p99 " << cpu.p99Us << " us)";
        if (target)
            out << "; target " << target->name << " p99 < " << target->p99Pct
                << " %: " << (pass ? "pass" : "FAIL");
        out << '\n';
    }
    std::cout << out.str();
    return 0;
}

void addEngineBench(CLI::App& bench)
{
    auto options = std::make_shared<EngineBenchOptions>();
    auto* engine = bench.add_subcommand("engine", "Time Engine::process() under a busy meeting");
    auto* session = engine->add_option("--session", options->session,
                                       "Session file (default: the Astana demo)");
    auto* channels = engine
                         ->add_option("--channels", options->channels,
                                      "Synthetic session: number of channels (one booth each)")
                         ->check(CLI::Range(1, 520));
    auto* seats =
        engine->add_option("--seats", options->seats, "Synthetic session: seats, 1 to 3 per booth")
            ->check(CLI::Range(1, 1560));
    channels->needs(seats)->excludes(session);
    seats->needs(channels);
    engine->add_option("--block", options->block, "Frames per process() call (default: session's)")
        ->check(CLI::Range(16, 4096));
    engine->add_option("--seconds", options->seconds, "Audio time to process (default 10)")
        ->check(CLI::PositiveNumber);
    engine->add_flag("--json", options->json, "One JSON object instead of a sentence");
    engine->callback(
        [options]
        {
            if (const int code = runEngineBench(*options); code != 0)
                throw CLI::RuntimeError(code);
        });
}

} // namespace

void addBenchCommand(CLI::App& app)
{
    // A group: `bench engine` now, further measurements (latency, network) beside it later.
    auto* bench = app.add_subcommand("bench", "Measure performance (engine load, ...)");
    bench->require_subcommand(1);
    addEngineBench(*bench);
    addLatencyBench(*bench);
    addOpusBench(*bench);
    addFanoutBench(*bench);
    addRemoteBench(*bench);
}

} // namespace dragoman::cli
