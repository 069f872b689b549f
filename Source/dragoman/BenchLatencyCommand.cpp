// dragoman bench latency [--loss 0,2,5] [--jitter-ms N] [--clicks N] [--frame-ms 2.5|5|10|20]
//                        [--no-jacktrip] [--json]
//
// How much delay a seat's voice gains on its way to a delegate's ear, measured as jack_iodelay
// measures a loop: on a JACK dummy server of its own (48 kHz, 64-frame periods), clicks go into
// the seat's microphone port of `dragoman engine` and are timed at the output port of
// `dragoman receive`; the engine streams the channel as RTP/Opus over loopback, through
// `dragoman-impair` for the lossy cases. A direct patch (click port to detector) is measured
// first and subtracted: what remains is what the engine, Opus, the network and the receiver add.
// JackTrip (peer to peer on loopback, default settings) is measured the same way in the same run.
// Exit codes: 0 figures printed; 1 the rig could not run (JACK, a program missing or failing);
// 2 bad arguments.

#include "BenchLatencyProbe.h"
#include "BenchLatencyProcess.h"
#include "BenchLatencyReport.h"
#include "BenchLatencyRigs.h"
#include "Subcommands.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace dragoman::cli
{

namespace
{

struct LatencyBenchOptions
{
    std::vector<double> loss{0.0, 2.0, 5.0};
    double jitterMs = 2.0;
    int clicks = 40;
    double frameMs = 2.5;
    bool noJackTrip = false;
    bool json = false;
    bool keep = false;
};

constexpr const char* kName = "dragoman bench latency: ";
constexpr int kBaselineClicks = 20;
// The targets for our added delay (median), with Opus, by loss percent.
constexpr double kTargetLossless = 8.0;
constexpr double kTargetTwoPercent = 15.0;

int runLatencyBench(const LatencyBenchOptions& options)
{
    installBenchStopHandlers();
    BenchWorkFolder work("dragoman-latency");
    work.keep = options.keep;
    if (work.path().empty())
    {
        std::cerr << kName << "cannot create a scratch folder\n";
        return 1;
    }
    const auto jacktrip =
        options.noJackTrip ? std::filesystem::path{} : findProgram("jacktrip", {});
    auto setup =
        startClickBench(work.path(), options.loss, "dragoman-bench-latency", kBaselineClicks);
    if (!setup)
    {
        std::cerr << kName << setup.error() << '\n';
        return 1;
    }
    auto& probe = setup->probe;
    nlohmann::ordered_json report;
    report["jack"] = jackJson(*setup->server, *probe);
    nlohmann::ordered_json notes = nlohmann::ordered_json::array();
    const double baselineFrames = setup->loop.frames;
    report["baseline"] = setup->loop.json;

    DragomanRig ours({setup->dragoman, setup->impair, work.path(),
                      static_cast<int>(std::lround(options.frameMs * 1000.0)), 2.0});
    report["ours"]["encoder"] = ours.encoderJson();
    if (auto error = ours.startEngine(*probe))
    {
        std::cerr << kName << "dragoman engine: " << error->message << '\n';
        return 1;
    }
    std::vector<LatencyCase> cases;
    for (const double loss : options.loss)
        cases.push_back({loss, loss > 0.0 ? options.jitterMs : 0.0, 1});

    nlohmann::ordered_json caseReports = nlohmann::ordered_json::array();
    for (const auto& c : cases)
    {
        nlohmann::ordered_json entry;
        entry["loss_percent"] = c.lossPercent;
        entry["jitter_ms"] = c.jitterMs;
        entry["network"] = c.impaired() ? "dragoman-impair: random loss, uniform 0..jitter ms "
                                          "extra delay, seed 1"
                                        : "direct loopback";
        auto path = ours.startCase(c, *probe);
        if (!path)
        {
            std::cerr << kName << "dragoman receive: " << path.error() << '\n';
            return 1;
        }
        auto run = clickThrough(*probe, *path, options.clicks, 11);
        auto receiver = ours.stopCase();
        if (!run)
        {
            std::cerr << kName << run.error() << '\n';
            return 1;
        }
        const auto summary = summariseClicks(*run, baselineFrames);
        entry["ours"] = summaryJson(summary);
        // Where the milliseconds go: the encoder waits for a whole frame and looks ahead; the
        // receiver's buffer holds what the jitter and FEC need; the rest is the encoder thread's
        // poll, the network, decoding, resampling and JACK's periods on both sides.
        nlohmann::ordered_json parts;
        const auto& encoder = report["ours"]["encoder"];
        parts["opus_frame_ms"] = encoder["frame_ms"];
        parts["opus_lookahead_ms"] = encoder.value("lookahead_ms", 0.0);
        parts["receiver_buffer_delay_ms"] = receiver.value("buffer_delay_ms", 0.0);
        parts["receiver_target_delay_ms"] = receiver.value("target_delay_ms", 0.0);
        if (summary.medianMs)
            parts["rest_ms"] = std::round((*summary.medianMs - encoder["frame_ms"].get<double>() -
                                           encoder.value("lookahead_ms", 0.0) -
                                           receiver.value("buffer_delay_ms", 0.0)) *
                                          100.0) /
                               100.0;
        entry["ours"]["breakdown"] = parts;
        entry["ours"]["receiver"] = receiver;
        caseReports.push_back(entry);
        if (benchStopRequested())
            return 1;
    }
    // Pass/fail against the targets, on the median (p95 and max are printed beside it).
    nlohmann::ordered_json targets;
    for (const auto& entry : caseReports)
    {
        const double loss = entry["loss_percent"];
        const double limit = loss == 0.0 ? kTargetLossless : loss == 2.0 ? kTargetTwoPercent : 0.0;
        if (limit == 0.0)
            continue;
        const auto& median = entry["ours"]["added_ms_median"];
        targets[std::to_string(static_cast<int>(loss)) + "_percent"] = {
            {"added_ms_median_below", limit},
            {"pass", !median.is_null() && median.get<double>() < limit}};
    }
    report["ours"]["targets"] = targets;

    if (options.noJackTrip)
        notes.push_back("JackTrip not measured (--no-jacktrip)");
    else if (jacktrip.empty())
        notes.push_back("jacktrip is not installed (apt-get install jacktrip): JackTrip not "
                        "measured");
    else
    {
        report["jacktrip"] = {{"version", JackTripRig::version(jacktrip)},
                              {"settings", "peer to peer on loopback, defaults (16-bit, "
                                           "uncompressed, queue 4, 2 channels)"}};
        notes.push_back("JackTrip's lossy cases use its own --simloss/--simjitter on the "
                        "receiving peer (rate 1, up to jitter/1.33 ms packets of delay), not "
                        "dragoman-impair: its peers handshake over TCP and answer the packets' "
                        "source, which a one-way UDP relay does not carry");
        JackTripRig theirs(jacktrip, work.path());
        for (std::size_t i = 0; i < cases.size(); ++i)
        {
            auto& entry = caseReports[i];
            auto path = theirs.startCase(cases[i], *probe, 1.0);
            if (!path)
            {
                entry["jacktrip"] = {{"error", path.error()}};
                notes.push_back("JackTrip at " + std::to_string(cases[i].lossPercent) +
                                " % loss failed: see the error");
                continue;
            }
            auto run = clickThrough(*probe, *path, options.clicks, 13);
            theirs.stopCase();
            if (!run)
            {
                std::cerr << kName << run.error() << '\n';
                return 1;
            }
            const auto summary = summariseClicks(*run, baselineFrames);
            entry["jacktrip"] = summaryJson(summary);
            const auto& ourMedian = entry["ours"]["added_ms_median"];
            // A JackTrip that adds under a tenth of a millisecond makes any ratio meaningless.
            if (!ourMedian.is_null() && summary.medianMs && *summary.medianMs >= 0.1)
                entry["ratio_ours_to_jacktrip"] =
                    std::round(ourMedian.get<double>() / *summary.medianMs * 100.0) / 100.0;
            else
                entry["ratio_ours_to_jacktrip"] = nullptr;
            if (benchStopRequested())
                return 1;
        }
    }
    report["cases"] = caseReports;
    report["notes"] = notes;
    if (options.keep)
        report["work_folder"] = work.path().string();

    if (options.json)
        std::cout << report.dump(2) << '\n';
    else
        std::cout << latencyTable(report);
    return 0;
}

} // namespace

void addLatencyBench(CLI::App& bench)
{
    auto options = std::make_shared<LatencyBenchOptions>();
    auto* latency = bench.add_subcommand(
        "latency", "Added delay seat -> delegate over JACK and RTP/Opus, against JackTrip");
    latency->add_option("--loss", options->loss, "Loss cases in percent (default 0,2,5)")
        ->delimiter(',')
        ->check(CLI::Range(0.0, 50.0));
    latency
        ->add_option("--jitter-ms", options->jitterMs,
                     "Jitter of the lossy cases: uniform 0..N ms extra delay (default 2)")
        ->check(CLI::Range(0.0, 100.0));
    latency->add_option("--clicks", options->clicks, "Clicks per case (default 40)")
        ->check(CLI::Range(1, 10000));
    latency
        ->add_option("--frame-ms", options->frameMs,
                     "Opus frame of the engine's stream: 2.5, 5, 10 or 20 (default 2.5)")
        ->check(CLI::IsMember({2.5, 5.0, 10.0, 20.0}));
    latency->add_flag("--no-jacktrip", options->noJackTrip, "Do not measure JackTrip");
    latency->add_flag("--json", options->json, "One JSON object instead of a table");
    latency->add_flag("--keep", options->keep, "Keep the scratch folder (logs, session, SDP)");
    latency->callback(
        [options]
        {
            if (const int code = runLatencyBench(*options); code != 0)
                throw CLI::RuntimeError(code);
        });
}

} // namespace dragoman::cli
