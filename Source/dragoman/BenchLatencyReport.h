#pragma once
// Figures of `dragoman bench latency`: click delays summarised as added delay over the JACK
// baseline (median, p95, max in ms), and the human table.
//
// Threads: the control (main) thread only; pure functions.

#include "BenchLatencyProbe.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace dragoman::cli
{

struct DelaySummary
{
    int sent = 0;
    int detected = 0;
    // Added delay in ms (measured minus the baseline); empty when no click was heard.
    std::optional<double> medianMs, p95Ms, maxMs, minMs;
};

// The median delay of the heard clicks in frames (the baseline's figure), or nullopt.
std::optional<double> medianFrames(const ClickRun& run);

DelaySummary summariseClicks(const ClickRun& run, double baselineFrames);

nlohmann::ordered_json summaryJson(const DelaySummary& summary);

// One line per case for a reader: "  2 % loss  ours median 9.1 p95 9.8 max 10.2 ms ...".
std::string latencyTable(const nlohmann::ordered_json& report);

} // namespace dragoman::cli
