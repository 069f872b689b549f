#include "BenchLatencyReport.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace dragoman::cli
{

namespace
{

std::vector<double> heardFrames(const ClickRun& run)
{
    std::vector<double> frames;
    for (const auto& click : run.clicks)
        if (click.detectedFrame >= 0)
            frames.push_back(static_cast<double>(click.detectedFrame - click.sentFrame));
    std::sort(frames.begin(), frames.end());
    return frames;
}

// Nearest rank, as `bench engine` does: the value at or above the fraction p of the clicks.
double rank(const std::vector<double>& sorted, double p)
{
    const auto index = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(index, 1, sorted.size()) - 1];
}

double rounded(double ms)
{
    return std::round(ms * 100.0) / 100.0;
}

nlohmann::ordered_json orNull(const std::optional<double>& value)
{
    return value ? nlohmann::ordered_json(rounded(*value)) : nlohmann::ordered_json(nullptr);
}

std::string cell(const nlohmann::ordered_json& j, const char* key)
{
    if (!j.contains(key) || j[key].is_null())
        return "   -";
    char text[32];
    std::snprintf(text, sizeof text, "%5.1f", j[key].get<double>());
    return text;
}

} // namespace

std::optional<double> medianFrames(const ClickRun& run)
{
    const auto frames = heardFrames(run);
    if (frames.empty())
        return std::nullopt;
    return rank(frames, 0.5);
}

DelaySummary summariseClicks(const ClickRun& run, double baselineFrames)
{
    DelaySummary summary;
    summary.sent = static_cast<int>(run.clicks.size());
    const auto frames = heardFrames(run);
    summary.detected = static_cast<int>(frames.size());
    if (frames.empty())
        return summary;
    const double msPerFrame = 1000.0 / run.sampleRate;
    summary.medianMs = (rank(frames, 0.5) - baselineFrames) * msPerFrame;
    summary.p95Ms = (rank(frames, 0.95) - baselineFrames) * msPerFrame;
    summary.maxMs = (frames.back() - baselineFrames) * msPerFrame;
    summary.minMs = (frames.front() - baselineFrames) * msPerFrame;
    return summary;
}

nlohmann::ordered_json summaryJson(const DelaySummary& summary)
{
    nlohmann::ordered_json j;
    j["clicks_sent"] = summary.sent;
    j["clicks_detected"] = summary.detected;
    j["added_ms_median"] = orNull(summary.medianMs);
    j["added_ms_p95"] = orNull(summary.p95Ms);
    j["added_ms_max"] = orNull(summary.maxMs);
    j["added_ms_min"] = orNull(summary.minMs);
    return j;
}

std::string latencyTable(const nlohmann::ordered_json& report)
{
    std::string text;
    char line[256];
    const auto& baseline = report["baseline"];
    std::snprintf(line, sizeof line,
                  "JACK dummy server, %d Hz, %d-frame periods%s; direct loop (baseline): %.2f ms\n",
                  report["jack"]["sample_rate"].get<int>(),
                  report["jack"]["period_frames"].get<int>(),
                  report["jack"]["realtime"].get<bool>() ? ", real-time" : ", NOT real-time",
                  baseline["median_ms"].is_null() ? -1.0 : baseline["median_ms"].get<double>());
    text += line;
    const auto& encoder = report["ours"]["encoder"];
    std::snprintf(line, sizeof line,
                  "ours: Opus %.1f ms frames (%s, look-ahead %.1f ms); added delay in ms:\n",
                  encoder["frame_ms"].get<double>(), encoder.value("mode", "?").c_str(),
                  encoder.value("lookahead_ms", 0.0));
    text += line;
    text += "  loss  jitter |  ours median   p95   max  heard | JackTrip median  p95   max  "
            "heard | ratio\n";
    for (const auto& c : report["cases"])
    {
        const auto& ours = c["ours"];
        std::snprintf(line, sizeof line, "  %3.0f %%  %4.1f ms |       %s %s %s %3d/%-3d |", //
                      c["loss_percent"].get<double>(), c["jitter_ms"].get<double>(),
                      cell(ours, "added_ms_median").c_str(), cell(ours, "added_ms_p95").c_str(),
                      cell(ours, "added_ms_max").c_str(), ours.value("clicks_detected", 0),
                      ours.value("clicks_sent", 0));
        text += line;
        if (c.contains("jacktrip") && c["jacktrip"].contains("clicks_sent"))
        {
            const auto& jt = c["jacktrip"];
            std::snprintf(line, sizeof line, "          %s %s %s %3d/%-3d | %s\n",
                          cell(jt, "added_ms_median").c_str(), cell(jt, "added_ms_p95").c_str(),
                          cell(jt, "added_ms_max").c_str(), jt.value("clicks_detected", 0),
                          jt.value("clicks_sent", 0), cell(c, "ratio_ours_to_jacktrip").c_str());
            text += line;
        }
        else
            text += "          (not measured)               |\n";
    }
    for (const auto& note : report["notes"])
        text += "note: " + note.get<std::string>() + "\n";
    return text;
}

} // namespace dragoman::cli
