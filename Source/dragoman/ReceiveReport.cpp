#include "ReceiveReport.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace dragoman::cli
{

std::string reportJson(const ReceiveReport& report)
{
    const ReceiverStats& s = report.player.stats;
    nlohmann::ordered_json j;
    j["seconds"] = report.seconds;
    j["channel"] = report.channelId;
    j["language"] = report.language;
    j["playing"] = s.playing;
    j["packets"] = {{"received", s.received},
                    {"lost", s.lost},
                    {"late", s.late},
                    {"reordered", s.reordered},
                    {"duplicated", s.duplicated}};
    j["frames"] = {{"concealed", s.concealed},
                   {"fec_recovered", s.fecRecovered},
                   {"expansions", s.expansions},
                   {"underruns", s.underruns},
                   {"starvations", s.starvations}};
    j["bad_packets"] = {{"not_rtp", s.notRtp},
                        {"truncated", s.truncated},
                        {"wrong_payload_type", s.wrongPayloadType},
                        {"not_opus", s.notOpus},
                        {"too_large", s.tooLarge},
                        {"foreign_ssrc", s.foreign},
                        {"implausible_sequence", s.implausible},
                        {"decode_errors", s.decodeErrors},
                        {"rtcp_bad", report.rtcpBad}};
    j["streams"] = s.streams;
    const auto since = report.player.streamsSinceSelected;
    j["ssrc_changes"] = since > 0 ? since - 1 : 0;
    j["jitter_ms"] = s.jitterMs;
    j["buffer_delay_ms"] = s.bufferDelayMs;
    j["target_delay_ms"] = s.targetDelayMs;
    j["floor_delay_ms"] = s.floorDelayMs;
    j["drift_ppm"] = s.driftPpm;
    j["speed_ppm"] = s.speedPpm;
    if (report.mouthToEarMs)
        j["mouth_to_ear_ms"] = *report.mouthToEarMs;
    else
        j["mouth_to_ear_ms"] = nullptr;
    j["rtcp_sender_reports"] = report.rtcpReports;
    j["inbox_dropped"] = report.inboxDropped;
    j["switches"] = report.player.switches;
    if (report.lastSwitchMs >= 0.0)
        j["last_switch_ms"] = report.lastSwitchMs;
    j["output_frames"] = report.player.frames;
    return j.dump(2) + "\n";
}

std::string reportLine(const ReceiveReport& report)
{
    const ReceiverStats& s = report.player.stats;
    char line[512];
    char mouth[32] = "-";
    if (report.mouthToEarMs)
        std::snprintf(mouth, sizeof mouth, "%.1f", *report.mouthToEarMs);
    std::snprintf(
        line, sizeof line,
        "%s %s | rx %llu lost %llu late %llu reord %llu dup %llu | plc %llu fec %llu | "
        "jitter %.1f ms buffer %.1f ms drift %+.0f ppm | m2e %s ms | bad %llu ssrc %llu",
        report.channelId.c_str(), s.playing ? "playing" : "waiting",
        static_cast<unsigned long long>(s.received), static_cast<unsigned long long>(s.lost),
        static_cast<unsigned long long>(s.late), static_cast<unsigned long long>(s.reordered),
        static_cast<unsigned long long>(s.duplicated), static_cast<unsigned long long>(s.concealed),
        static_cast<unsigned long long>(s.fecRecovered), s.jitterMs, s.bufferDelayMs, s.driftPpm,
        mouth,
        static_cast<unsigned long long>(s.malformed + s.wrongPayloadType + s.notOpus + s.tooLarge),
        static_cast<unsigned long long>(
            report.player.streamsSinceSelected > 0 ? report.player.streamsSinceSelected - 1 : 0));
    return line;
}

bool writeFileAtomically(const std::string& path, const std::string& text)
{
    const std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary);
        out << text;
        if (!out)
            return false;
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    return !error;
}

} // namespace dragoman::cli
