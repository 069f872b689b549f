// dragoman bench fanout [--session S] [--frame-ms 10] [--steps 100,250,...] [--max-receivers N]
//                       [--seconds T] [--cpu N] [--receiver-threads K] [--no-realtime] [--json]
//
// How many unicast receivers one engine core serves with every channel live: the real
// StreamSender (OpusChannelEncoder + RtpStreamSender per channel, its own encoder threads) sends
// the session's channels (the Astana demo: floor + 11) to N loopback receivers spread evenly
// over the channels, for a few seconds per step, N rising until a step loses or delays packets.
// The encoder threads and the feed (the audio thread's part) run on one core; the receivers on
// the others. A step passes with no packet lost, no send error, no ring overrun, and at most
// 0.1 % of packets late (arriving more than one frame after their frame was complete).
//
// Every channel's frame completes in the same engine block, so each frame starts a burst: all
// channels encoded and sent to all their receivers one after the other. The last receiver of the
// last channel waits for the whole burst, so lateness appears as the burst nears a frame, i.e.
// as the sender's CPU nears the whole core. The feed, the encoder threads and the receivers ask
// for SCHED_FIFO (a dedicated engine core, emulated on a shared machine: above other builds and
// tests; --no-realtime measures the machine as it is). On loopback the sending core also
// carries the receiving side of the kernel's UDP stack (delivered within the send call), so the
// figure is a lower bound for a real NIC.

#include "BenchFanoutFeed.h"
#include "BenchFanoutReceivers.h"
#include "BenchOpusMachine.h"
#include "BenchOpusSpeech.h"
#include "SessionArgument.h"
#include "Subcommands.h"

#include "stream/StreamSender.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

namespace dragoman::cli
{

namespace
{

struct FanoutBenchOptions
{
    std::string session;
    double frameMs = 10.0;
    std::vector<int> steps{100, 250, 500, 1000, 1500, 2000, 3000, 4000, 6000, 8000, 12000};
    int maxReceivers = 12000;
    double seconds = 3.0;
    int cpu = -2; // -2: the last core
    int receiverThreads = 2;
    bool noRealtime = false;
    bool json = false;
};

constexpr double kLatePassFraction = 0.001;
constexpr auto kLead = std::chrono::milliseconds(50);   // threads start before block 0 is due
constexpr auto kDrain = std::chrono::milliseconds(200); // the last frames reach the receivers

struct StepResult
{
    int receivers = 0;
    double seconds = 0.0;
    std::uint64_t frames = 0; // RTP packets the encoders produced (each to all its receivers)
    std::uint64_t sent = 0;   // datagrams the sender handed to the kernel
    std::uint64_t expected = 0;
    FanoutReceived received;
    std::uint64_t lost = 0;
    std::uint64_t sendErrors = 0;
    std::uint64_t overruns = 0;
    double senderCpuPct = 0.0; // the encoder threads' CPU time over wall time
    double coreBusyPct = 0.0;  // everything on the sender core, soft interrupts included
    double sendP50Us = 0.0, sendP99Us = 0.0; // one frame's fan-out to all its receivers
    bool sendersRealtime = false;
    FanoutFeed::Lag feed;
    bool pass = false;
    std::string failure;
};

Session fanoutSession(const Session& base, const FanoutReceivers& receivers, int frameMicros)
{
    Session session = base;
    NetworkSpec network;
    network.interface = "127.0.0.1";
    network.sap.enabled = false; // SAP is multicast: never in the root namespace
    if (base.network)
        network.opus = base.network->opus;
    network.opus.frameMicroseconds = frameMicros;
    for (int c = 0; c < receivers.channels(); ++c)
    {
        ChannelDestinations destinations;
        destinations.channel = c == 0 ? "floor" : base.channels[static_cast<std::size_t>(c - 1)].id;
        for (int r = c; r < receivers.receivers(); r += receivers.channels())
            destinations.unicast.push_back({receivers.address(r), receivers.rtpPort(c)});
        network.channels.push_back(destinations);
    }
    session.network = network;
    return session;
}

std::int64_t cpuNanos(const std::vector<pid_t>& threads)
{
    std::int64_t total = 0;
    for (const pid_t tid : threads)
        total += threadCpuNanos(tid);
    return total;
}

Result<StepResult> runStep(const Session& base, int receiverCount,
                           const FanoutBenchOptions& options, const SpeechSignal& speech,
                           int senderCpu, const std::vector<int>& receiverCpus)
{
    const int channels = static_cast<int>(base.channels.size()) + 1;
    auto opened = FanoutReceivers::open(channels, receiverCount);
    if (!opened)
        return Error{opened.error()};
    FanoutReceivers& receivers = *opened.value();
    const int frameMicros = static_cast<int>(std::lround(options.frameMs * 1000.0));
    const Session session = fanoutSession(base, receivers, frameMicros);
    const int block = session.blockFrames;
    ChannelTap tap(StreamSender::streamedChannels(session), 48000 / 4, block);
    auto created = StreamSender::create(session, tap, {});
    if (!created)
        return Error{created.error()};
    StreamSender& sender = *created.value();

    FrameSchedule schedule;
    schedule.blockFrames = block;
    schedule.frameSamples = sender.frameSamples();
    schedule.blockPeriod = std::chrono::nanoseconds(std::int64_t{block} * 1'000'000'000 / 48000);
    schedule.start = std::chrono::steady_clock::now() + kLead;
    const bool realtime = !options.noRealtime;
    receivers.start(schedule, options.receiverThreads, receiverCpus, realtime);

    // Threads inherit the affinity of the thread that starts them: the encoder threads get the
    // sender core without StreamSender knowing about benchmarks.
    std::vector<int> allCpus;
    for (int c = 0; c < cpuCount(); ++c)
        allCpus.push_back(c);
    const auto before = processThreadIds();
    pinCallingThread({senderCpu});
    sender.start();
    pinCallingThread(allCpus);
    std::vector<pid_t> encoders;
    for (const pid_t tid : processThreadIds())
        if (!std::binary_search(before.begin(), before.end(), tid))
            encoders.push_back(tid);

    // A dedicated engine core, emulated on a shared machine: the encoder threads above every
    // ordinary process (other builds, other tests), below the feed as they would be below the
    // audio thread. Without it the figure measures the neighbours' load, not the sender.
    bool sendersRealtime = realtime && !encoders.empty();
    for (const pid_t tid : encoders)
        sendersRealtime = realtime && makeThreadRealtime(tid, 15) && sendersRealtime;

    FanoutFeed feed(tap, speech);
    feed.start(schedule, {senderCpu}, realtime);

    std::this_thread::sleep_until(schedule.start);
    const std::int64_t cpuStart = cpuNanos(encoders);
    const CoreTicks ticksStart = coreTicks(senderCpu);
    const auto wallStart = std::chrono::steady_clock::now();
    std::this_thread::sleep_until(schedule.start +
                                  std::chrono::duration_cast<std::chrono::nanoseconds>(
                                      std::chrono::duration<double>(options.seconds)));
    const std::int64_t cpuEnd = cpuNanos(encoders);
    const CoreTicks ticksEnd = coreTicks(senderCpu);
    const auto wall =
        std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - wallStart)
            .count();
    feed.stop();
    std::this_thread::sleep_for(std::chrono::milliseconds(20)); // the last whole frames go out
    sender.stop();
    std::this_thread::sleep_for(kDrain);
    receivers.stop();

    StepResult step;
    step.receivers = receiverCount;
    step.seconds = wall / 1e9;
    step.received = receivers.result();
    step.feed = feed.lag();
    step.sendersRealtime = sendersRealtime;
    const auto sendTimes = sender.sendTimes();
    step.sendP50Us = SendTimeHistogram::percentileMicros(sendTimes, 0.50);
    step.sendP99Us = SendTimeHistogram::percentileMicros(sendTimes, 0.99);
    step.senderCpuPct = 100.0 * static_cast<double>(cpuEnd - cpuStart) / wall;
    const auto ticks = ticksEnd.total - ticksStart.total;
    step.coreBusyPct = ticks > 0 ? 100.0 * static_cast<double>(ticksEnd.busy - ticksStart.busy) /
                                       static_cast<double>(ticks)
                                 : 0.0;
    const auto stats = sender.stats();
    for (std::size_t c = 0; c < stats.size(); ++c)
    {
        const auto& destinations = session.network->channels[c].unicast;
        step.frames += stats[c].packets;
        step.expected += stats[c].packets * destinations.size();
        step.sendErrors += stats[c].sendErrors;
        step.overruns += stats[c].overruns;
        for (std::size_t r = c; r < step.received.perReceiver.size();
             r += static_cast<std::size_t>(channels))
            if (step.received.perReceiver[r] < stats[c].packets)
                step.lost += stats[c].packets - step.received.perReceiver[r];
    }
    step.sent = step.expected - std::min(step.expected, step.sendErrors);

    const double lateFraction = step.expected > 0 ? static_cast<double>(step.received.late) /
                                                        static_cast<double>(step.expected)
                                                  : 1.0;
    std::ostringstream why;
    if (step.frames == 0)
        why << "nothing was sent; ";
    if (step.lost > 0 || step.received.gaps > 0)
        why << step.lost << " packets lost (" << step.received.socketDrops
            << " dropped at the receiving sockets); ";
    if (step.sendErrors > 0)
        why << step.sendErrors << " send errors; ";
    if (step.overruns > 0)
        why << step.overruns << " blocks dropped: the encoders fell behind; ";
    if (lateFraction > kLatePassFraction)
        why << std::fixed << std::setprecision(2) << 100.0 * lateFraction << " % of packets late; ";
    step.failure = why.str();
    if (!step.failure.empty())
        step.failure.resize(step.failure.size() - 2);
    step.pass = step.failure.empty();
    return step;
}

nlohmann::json stepJson(const StepResult& s)
{
    const auto& r = s.received;
    return {{"receivers", s.receivers},
            {"seconds", s.seconds},
            {"frames_encoded", s.frames},
            {"packets_expected", s.expected},
            {"packets_sent", s.sent},
            {"packets_received", r.packets},
            {"packets_lost", s.lost},
            {"sequence_gaps", r.gaps},
            {"packets_late", r.late},
            {"late_pct", s.expected
                             ? 100.0 * static_cast<double>(r.late) / static_cast<double>(s.expected)
                             : 0.0},
            {"packets_early", r.early},
            {"socket_drops", r.socketDrops},
            {"rtcp_received", r.reports},
            {"send_errors", s.sendErrors},
            {"ring_overruns", s.overruns},
            {"delay_p50_us", r.delayPercentileUs(0.50)},
            {"delay_p99_us", r.delayPercentileUs(0.99)},
            {"delay_max_us", r.maxDelayUs},
            {"sender_cpu_pct", s.senderCpuPct},
            {"sender_core_busy_pct", s.coreBusyPct},
            {"send_p50_us", s.sendP50Us},
            {"send_p99_us", s.sendP99Us},
            {"feed_cpu_pct", s.feed.cpuPct},
            {"feed_late_blocks", s.feed.lateBlocks},
            {"feed_max_lag_us", s.feed.maxUs},
            {"pass", s.pass},
            {"failure", s.pass ? nlohmann::json(nullptr) : nlohmann::json(s.failure)}};
}

int runFanoutBench(const FanoutBenchOptions& options)
{
    auto session = loadSessionArgument(options.session);
    if (!session)
    {
        std::cerr << "dragoman bench fanout: " << session.error() << '\n';
        return 2;
    }
    const int cpus = cpuCount();
    const int senderCpu = options.cpu == -2 ? cpus - 1 : options.cpu;
    if (senderCpu < 0 || senderCpu >= cpus)
    {
        std::cerr << "dragoman bench fanout: --cpu: this machine has cores 0 to " << cpus - 1
                  << '\n';
        return 2;
    }
    std::vector<int> receiverCpus;
    for (int c = 0; c < cpus; ++c)
        if (c != senderCpu)
            receiverCpus.push_back(c);
    if (receiverCpus.empty())
        receiverCpus.push_back(senderCpu); // one core: the receivers' cost counts against it too
    const SpeechSignal speech(8.0, 4096);
    const auto loadStart = loadAverage();

    std::vector<int> steps;
    for (const int n : options.steps)
        if (n <= options.maxReceivers)
            steps.push_back(n);
    std::sort(steps.begin(), steps.end());
    std::vector<StepResult> results;
    bool realtimeGranted = false;
    for (const int n : steps)
    {
        auto step = runStep(*session, n, options, speech, senderCpu, receiverCpus);
        if (!step)
        {
            std::cerr << "dragoman bench fanout: " << n << " receivers: " << step.error() << '\n';
            return 2;
        }
        realtimeGranted = realtimeGranted || (step->feed.realtime && step->sendersRealtime);
        if (!options.json)
            std::cerr << "  " << n << " receivers: " << (step->pass ? "pass" : step->failure)
                      << '\n';
        results.push_back(step.value());
        if (!step->pass)
            break;
    }
    const auto loadEnd = loadAverage();

    std::optional<int> best;
    const StepResult* failed = nullptr;
    for (const auto& step : results)
        if (step.pass)
            best = step.receivers;
        else
            failed = &step;
    const int streams = static_cast<int>(session->channels.size()) + 1;

    if (options.json)
    {
        nlohmann::json out;
        out["session"] = session->name;
        out["streams"] = streams;
        out["frame_ms"] = options.frameMs;
        out["seconds_per_step"] = options.seconds;
        out["sender_cpu"] = senderCpu;
        out["receiver_cpus"] = receiverCpus;
        out["realtime"] = realtimeGranted; // feed, encoders and receivers SCHED_FIFO
        out["late_threshold_ms"] = options.frameMs;
        out["late_pass_pct"] = 100.0 * kLatePassFraction;
        out["load_average_start"] = loadStart;
        out["load_average_end"] = loadEnd;
        out["steps"] = nlohmann::json::array();
        for (const auto& step : results)
            out["steps"].push_back(stepJson(step));
        out["max_receivers_passed"] = best ? nlohmann::json(*best) : nlohmann::json(nullptr);
        out["first_failure"] =
            failed ? nlohmann::json({{"receivers", failed->receivers}, {"reason", failed->failure}})
                   : nlohmann::json(nullptr);
        out["target_receivers"] = 1000;
        out["target_met"] = best && *best >= 1000;
        std::cout << out.dump() << '\n';
        return 0;
    }

    std::ostringstream out;
    out << std::fixed << std::setprecision(1);
    out << "Fan-out, " << session->name << ": " << streams << " streams, " << options.frameMs
        << " ms frames, " << options.seconds << " s per step; sender core " << senderCpu
        << (realtimeGranted ? " (SCHED_FIFO)" : "") << "; load " << loadStart[0] << " -> "
        << loadEnd[0] << '\n';
    out << "receivers   packets sent     lost     late  delay p50/p99/max ms  send p99 us  "
           "sender CPU %  core busy %  result\n";
    for (const auto& s : results)
        out << std::setw(9) << s.receivers << "  " << std::setw(13) << s.sent << "  "
            << std::setw(7) << s.lost << "  " << std::setw(7) << s.received.late << "  "
            << std::setprecision(2) << std::setw(6) << s.received.delayPercentileUs(0.5) / 1000
            << " / " << std::setw(5) << s.received.delayPercentileUs(0.99) / 1000 << " / "
            << std::setw(6) << s.received.maxDelayUs / 1000 << std::setprecision(1) << "  "
            << std::setw(11) << s.sendP99Us << "  " << std::setw(12) << s.senderCpuPct << "  "
            << std::setw(11) << s.coreBusyPct << "  " << (s.pass ? "pass" : "FAIL: " + s.failure)
            << '\n';
    out << "largest passing step: " << (best ? std::to_string(*best) : std::string("none"))
        << " receivers (target 1000: " << (best && *best >= 1000 ? "met" : "NOT met") << ")\n";
    std::cout << out.str();
    return 0;
}

} // namespace

void addFanoutBench(CLI::App& bench)
{
    auto options = std::make_shared<FanoutBenchOptions>();
    auto* fanout =
        bench.add_subcommand("fanout", "Unicast receivers one core serves with every channel live");
    fanout->add_option("--session", options->session,
                       "Session whose channels and Opus settings to stream (default: Astana)");
    fanout->add_option("--frame-ms", options->frameMs, "Opus frame size (default 10)")
        ->check(CLI::IsMember({2.5, 5.0, 10.0, 20.0}));
    fanout->add_option("--steps", options->steps, "Receiver counts to try, in rising order")
        ->delimiter(',')
        ->check(CLI::Range(1, 60000));
    fanout->add_option("--max-receivers", options->maxReceivers, "Stop before steps above this")
        ->check(CLI::Range(1, 60000));
    fanout->add_option("--seconds", options->seconds, "Duration of each step (default 3)")
        ->check(CLI::PositiveNumber);
    fanout->add_option("--cpu", options->cpu, "The sender's core (default: the last)");
    fanout
        ->add_option("--receiver-threads", options->receiverThreads,
                     "Receiving threads on the other cores (default 2)")
        ->check(CLI::Range(1, 64));
    fanout->add_flag("--no-realtime", options->noRealtime,
                     "Do not ask SCHED_FIFO for the feed, the encoders and the receivers");
    fanout->add_flag("--json", options->json, "One JSON object instead of a table");
    fanout->callback(
        [options]
        {
            if (const int code = runFanoutBench(*options); code != 0)
                throw CLI::RuntimeError(code);
        });
}

} // namespace dragoman::cli
