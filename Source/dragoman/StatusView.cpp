#include "StatusView.h"

#include "core/Event.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dragoman::cli
{

namespace
{

constexpr auto relaxed = std::memory_order_relaxed;
constexpr int kLineWidth = 100; // fits an 80..120 column terminal without wrapping the table
constexpr float kLimiterShownDb = 0.1f; // less is rounding, not the limiter at work

std::string decibels(float value, float silence)
{
    if (!std::isfinite(value) || value <= silence)
        return "-inf";
    char text[16];
    std::snprintf(text, sizeof text, "%.1f", static_cast<double>(value));
    return text;
}

// A peak meter from -60 to 0 dBFS, 3 dB per character, so that a glance finds the silent channel.
std::string meter(float peakDb)
{
    constexpr int width = 20;
    const int lit = std::clamp(static_cast<int>(std::lround((peakDb + 60.0f) / 3.0f)), 0, width);
    return std::string(static_cast<std::size_t>(lit), '#') +
           std::string(static_cast<std::size_t>(width - lit), '.');
}

// Joins words with spaces, starting a new, indented line before one would pass kLineWidth.
std::string wrap(const std::vector<std::string>& words, std::size_t indent)
{
    std::string text;
    std::size_t lineLength = 0;
    for (const auto& word : words)
    {
        if (lineLength > 0 && lineLength + 1 + word.size() > kLineWidth)
        {
            text += "\n" + std::string(indent, ' ');
            lineLength = indent;
        }
        else if (lineLength > 0)
        {
            text += ' ';
            ++lineLength;
        }
        text += word;
        lineLength += word.size();
    }
    return text;
}

} // namespace

std::string relayName(int depth)
{
    switch (depth)
    {
    case kDepthCycle:
        return "CYCLE";
    case kDepthNone:
        return "none";
    case 0:
        return "floor";
    case 1:
        return "direct";
    case 2:
        return "+";
    default:
        return "-";
    }
}

StatusView::StatusView(const Engine& driven, const StreamSender* sender)
    : engine(driven), plan(driven.floorplan()), board(driven.status()), streams(sender),
      channels(static_cast<std::size_t>(plan.channelCount() + 1)), rates(channels.size()),
      seats(static_cast<std::size_t>(plan.seatCount())), floorCode(plan.session().floorLanguage)
{
}

void StatusView::sample()
{
    for (std::size_t row = 0; row < channels.size(); ++row)
    {
        const auto& status = board.channels[row];
        auto& hold = channels[row];
        const float peak = status.level.peakDb();
        hold.intervalPeak = std::max(hold.intervalPeak, peak);
        hold.maxPeak = std::max(hold.maxPeak, peak);
        hold.maxLufs = std::max(hold.maxLufs, status.loudness.shortTermLufs());
    }
    for (std::size_t s = 0; s < seats.size(); ++s)
    {
        const auto& status = board.seats[s];
        auto& hold = seats[s];
        const float reduction = status.limiterReductionDb.load(relaxed);
        hold.intervalReduction = std::max(hold.intervalReduction, reduction);
        hold.maxReduction = std::max(hold.maxReduction, reduction);
        hold.everLive = hold.everLive || status.live.load(relaxed);
    }
}

void StatusView::note(const Event& event)
{
    if (event.kind == EventKind::floorLanguage)
        floorCode = std::string(toStringView(event.language));
}

int StatusView::rowOf(const std::string& channel) const
{
    if (channel == "floor")
        return 0;
    for (int c = 0; c < plan.channelCount(); ++c)
        if (plan.channelId(c) == channel)
            return c + 1;
    return -1;
}

std::vector<ChannelStreamStats> StatusView::sampleStreams(double seconds)
{
    if (streams == nullptr)
        return {};
    std::vector<ChannelStreamStats> now = streams->stats();
    const double interval = seconds - lastStreamSeconds;
    // The final table may follow the last periodic one within a tick: too short to be a rate,
    // so the last rates stay.
    constexpr double kShortestInterval = 0.1;
    if (interval >= kShortestInterval)
    {
        for (std::size_t i = 0; i < now.size(); ++i)
        {
            const int row = rowOf(now[i].channel);
            if (row < 0)
                continue;
            const ChannelStreamStats before =
                i < lastStreams.size() ? lastStreams[i] : ChannelStreamStats{};
            rates[static_cast<std::size_t>(row)] = StreamRate{
                static_cast<double>(now[i].packets - before.packets) / interval,
                static_cast<double>(now[i].bytes - before.bytes) * 8.0 / 1000.0 / interval};
        }
        lastStreams = now;
        lastStreamSeconds = seconds;
    }
    return now;
}

std::string StatusView::streamsLine(const std::vector<ChannelStreamStats>& now) const
{
    // Totals since the start: an overrun or a send error is rare, and must not scroll away.
    std::vector<std::string> overruns;
    std::vector<std::string> errors;
    std::vector<std::string> listeners; // from RTCP receiver reports; the worst one's loss
    double packetsPerSecond = 0.0;
    double kilobitsPerSecond = 0.0;
    for (const auto& stream : now)
    {
        if (stream.overruns > 0)
            overruns.push_back(stream.channel + " " + std::to_string(stream.overruns));
        if (stream.sendErrors + stream.encodeErrors > 0)
            errors.push_back(stream.channel + " " +
                             std::to_string(stream.sendErrors + stream.encodeErrors));
        if (stream.listeners > 0)
        {
            char loss[32] = "";
            if (stream.worstLossPercent > 0.0)
                std::snprintf(loss, sizeof loss, " (%.1f%% loss)", stream.worstLossPercent);
            listeners.push_back(stream.channel + " " + std::to_string(stream.listeners) + loss);
        }
        if (const int row = rowOf(stream.channel); row >= 0 && rates[static_cast<std::size_t>(row)])
        {
            packetsPerSecond += rates[static_cast<std::size_t>(row)]->packetsPerSecond;
            kilobitsPerSecond += rates[static_cast<std::size_t>(row)]->kilobitsPerSecond;
        }
    }
    char head[96];
    std::snprintf(head, sizeof head, "%zu sending, %.0f pkt/s, %.0f kbit/s", now.size(),
                  packetsPerSecond, kilobitsPerSecond);
    std::vector<std::string> words{"streams:", head};
    const auto section = [&words](const std::string& title, const std::vector<std::string>& parts)
    {
        words.push_back(title);
        if (parts.empty())
            words.push_back("0");
        for (std::size_t i = 0; i < parts.size(); ++i)
            words.push_back(parts[i] + (i + 1 < parts.size() ? "," : ""));
    };
    section("| overruns:", overruns);
    section("| send errors:", errors);
    section("| listeners:", listeners);
    return wrap(words, 9) + "\n";
}

std::string StatusView::carries(int row) const
{
    if (row == 0)
        return "original";
    const auto& status = board.channels[row];
    // Pass-through wins over a live seat: the seat is off air until the floor changes language.
    if (status.passThrough.load(relaxed))
        return "pass-through";
    const int holder = status.holder.load(relaxed);
    if (holder >= 0)
    {
        const int holders = status.holders.load(relaxed);
        return plan.seatId(holder) + (holders > 1 ? " +" + std::to_string(holders - 1) : "");
    }
    return status.idleFloor.load(relaxed) ? "floor" : "silence";
}

std::string StatusView::table(const RunCounters& run)
{
    sample();
    const std::vector<ChannelStreamStats> streamed = sampleStreams(run.seconds);
    std::string out;
    char line[256];
    std::snprintf(
        line, sizeof line,
        "-- %8.1f s -- floor language %s -- %llu callbacks, %llu xruns, cpu %.0f%%%s --\n",
        run.seconds, floorCode.c_str(), static_cast<unsigned long long>(run.callbacks),
        static_cast<unsigned long long>(run.xruns), run.cpuLoad * 100.0,
        board.relayCycle.load(relaxed) ? " -- RELAY CYCLE" : "");
    out += line;
    std::snprintf(line, sizeof line, "%-8s %-6s %-16s %-7s %6s %6s %6s %5s  %-20s\n", "channel",
                  "lang", "on air", "relay", "peak", "LUFS", "pkt/s", "kb/s",
                  "-60 dBFS ........ 0");
    out += line;
    for (int row = 0; row <= plan.channelCount(); ++row)
    {
        const auto& status = board.channels[row];
        auto& hold = channels[static_cast<std::size_t>(row)];
        const std::string id = row == 0 ? "floor" : plan.channelId(row - 1);
        const std::string language =
            row == 0 ? floorCode : plan.languageCode(plan.channelLanguage(row - 1));
        const std::uint32_t clips = status.level.clipCount();
        const bool clipped = clips != hold.clipsShown;
        hold.clipsShown = clips;
        const auto& rate = rates[static_cast<std::size_t>(row)];
        char packets[16] = "-";
        char kilobits[16] = "-";
        if (rate)
        {
            std::snprintf(packets, sizeof packets, "%.0f", rate->packetsPerSecond);
            std::snprintf(kilobits, sizeof kilobits, "%.1f", rate->kilobitsPerSecond);
        }
        std::snprintf(line, sizeof line, "%-8s %-6s %-16s %-7s %6s %6s %6s %5s  %s%s\n", id.c_str(),
                      language.c_str(), carries(row).c_str(),
                      relayName(status.depth.load(relaxed)).c_str(),
                      decibels(hold.intervalPeak, LevelMeter::floorDb).c_str(),
                      decibels(status.loudness.shortTermLufs(), LoudnessMeter::floorLufs).c_str(),
                      packets, kilobits, meter(hold.intervalPeak).c_str(), clipped ? " CLIP" : "");
        out += line;
        hold.intervalPeak = -1000.0f;
    }
    if (streams != nullptr)
        out += streamsLine(streamed);
    out += seatsLine();
    return out;
}

std::string StatusView::seatsLine()
{
    // Worst first, and only a few: thirty identical warnings would push the table off screen.
    struct Entry
    {
        float key;
        int seat; // ties keep the session's order
        std::string text;
    };
    std::vector<std::string> live;
    std::vector<Entry> exposed;
    std::vector<Entry> limited;
    for (int s = 0; s < plan.seatCount(); ++s)
    {
        const auto& status = board.seats[s];
        auto& hold = seats[static_cast<std::size_t>(s)];
        char text[64];
        if (status.live.load(relaxed))
        {
            const int channel = status.channel.load(relaxed);
            std::string entry =
                plan.seatId(s) + ">" + (channel >= 0 ? plan.channelId(channel) : "?");
            if (status.cough.load(relaxed))
                entry += " (cough)";
            live.push_back(entry);
        }
        if (status.exposureWarning.load(relaxed))
        {
            const float leq = status.leqDbSpl.load(relaxed);
            std::snprintf(text, sizeof text, "%s %.0f dB SPL", plan.seatId(s).c_str(),
                          static_cast<double>(leq));
            exposed.push_back({leq, s, text});
        }
        if (hold.intervalReduction >= kLimiterShownDb)
        {
            std::snprintf(text, sizeof text, "%s -%.1f dB", plan.seatId(s).c_str(),
                          static_cast<double>(hold.intervalReduction));
            limited.push_back({hold.intervalReduction, s, text});
        }
        hold.intervalReduction = 0.0f;
    }
    const auto worst = [](std::vector<Entry>& entries)
    {
        std::sort(entries.begin(), entries.end(),
                  [](const Entry& a, const Entry& b)
                  { return a.key != b.key ? a.key > b.key : a.seat < b.seat; });
        constexpr std::size_t shown = 4;
        std::vector<std::string> parts;
        for (std::size_t i = 0; i < entries.size() && i < shown; ++i)
            parts.push_back(entries[i].text);
        if (entries.size() > shown)
            parts.push_back("+" + std::to_string(entries.size() - shown) + " more");
        return parts;
    };

    // Each entry stays on one line; entries of a list end with a comma.
    std::vector<std::string> words{"seats:", std::to_string(live.size()) +
                                                 (live.empty() ? " live" : " live:")};
    const auto section = [&words](const std::string& title, const std::vector<std::string>& parts,
                                  const std::string& none)
    {
        if (!title.empty())
            words.push_back(title);
        if (parts.empty() && !none.empty())
            words.push_back(none);
        for (std::size_t i = 0; i < parts.size(); ++i)
            words.push_back(parts[i] + (i + 1 < parts.size() ? "," : ""));
    };
    section("", live, "");
    section("| exposure:", worst(exposed), "ok");
    section("| limiter:", worst(limited), "idle");
    return wrap(words, 7) + "\n";
}

std::string StatusView::json(const RunCounters& run, const StreamDescription& stream) const
{
    using nlohmann::json;
    const auto level = [](float value, float silence) -> json
    {
        return std::isfinite(value) && value > silence ? json(std::round(value * 100.0f) / 100.0f)
                                                       : json(nullptr);
    };
    json channelList = json::array();
    for (int row = 0; row <= plan.channelCount(); ++row)
    {
        const auto& status = board.channels[row];
        const auto& hold = channels[static_cast<std::size_t>(row)];
        const int holder = status.holder.load(relaxed);
        const int depth = status.depth.load(relaxed);
        channelList.push_back({
            {"id", row == 0 ? std::string("floor") : plan.channelId(row - 1)},
            {"language", row == 0 ? floorCode : plan.languageCode(plan.channelLanguage(row - 1))},
            {"holder", holder >= 0 ? json(plan.seatId(holder)) : json(nullptr)},
            {"holders", status.holders.load(relaxed)},
            {"carries", carries(row)},
            {"depth", depth},
            {"relay", relayName(depth)},
            {"peak_dbfs", level(status.level.peakDb(), LevelMeter::floorDb)},
            {"max_peak_dbfs", level(hold.maxPeak, LevelMeter::floorDb)},
            {"rms_dbfs", level(status.level.rmsDb(), LevelMeter::floorDb)},
            {"lufs", level(status.loudness.shortTermLufs(), LoudnessMeter::floorLufs)},
            {"max_lufs", level(hold.maxLufs, LoudnessMeter::floorLufs)},
            {"clips", status.level.clipCount()},
        });
    }
    json seatList = json::array();
    for (int s = 0; s < plan.seatCount(); ++s)
    {
        const auto& status = board.seats[s];
        const auto& hold = seats[static_cast<std::size_t>(s)];
        const int channel = status.channel.load(relaxed);
        seatList.push_back({
            {"id", plan.seatId(s)},
            {"booth", plan.boothId(plan.seatBooth(s))},
            {"live", status.live.load(relaxed)},
            {"was_live", hold.everLive},
            {"cough", status.cough.load(relaxed)},
            {"channel", channel >= 0 ? json(plan.channelId(channel)) : json(nullptr)},
            {"hears", plan.channelId(status.source.load(relaxed))},
            {"limiter_db", std::round(status.limiterReductionDb.load(relaxed) * 100.0f) / 100.0f},
            {"max_limiter_db", std::round(hold.maxReduction * 100.0f) / 100.0f},
            {"exposure_warning", status.exposureWarning.load(relaxed)},
            {"leq_db_spl", level(status.leqDbSpl.load(relaxed), 0.0f)},
            {"mic_peak_dbfs", level(status.microphone.peakDb(), LevelMeter::floorDb)},
            {"headphones_peak_dbfs", level(status.headphones.peakDb(), LevelMeter::floorDb)},
        });
    }
    json streamList = json::array();
    if (streams != nullptr)
        for (const auto& sent : streams->stats())
            streamList.push_back({
                {"channel", sent.channel},
                {"packets", sent.packets},
                {"bytes", sent.bytes},
                {"overruns", sent.overruns},
                {"send_errors", sent.sendErrors},
                {"encode_errors", sent.encodeErrors},
                {"reports", sent.reports},
                {"listeners", sent.listeners},
                {"loss_percent", std::round(sent.lossPercent * 10.0) / 10.0},
                {"worst_loss_percent", std::round(sent.worstLossPercent * 10.0) / 10.0},
                {"jitter_ms", std::round(sent.jitterMs * 100.0) / 100.0},
                // Null until a listener has answered a sender report (LSR/DLSR).
                {"rtt_ms",
                 sent.rttMs < 0.0 ? json(nullptr) : json(std::round(sent.rttMs * 100.0) / 100.0)},
            });
    const json result{
        {"session", plan.session().name},
        {"seconds", std::round(run.seconds * 1000.0) / 1000.0},
        {"frames", run.frames},
        {"engine_frames", board.frames.load(relaxed)},
        {"callbacks", run.callbacks},
        {"xruns", run.xruns},
        {"events", run.events},
        {"events_dropped", board.eventsDropped.load(relaxed)},
        {"commands_refused", run.refusedCommands},
        {"commands_dropped", engine.commandsDropped()},
        {"cpu_load", std::round(run.cpuLoad * 1000.0) / 1000.0},
        {"stream",
         {{"host_api", stream.hostApi},
          {"input_device", stream.inputDevice},
          {"output_device", stream.outputDevice},
          {"input_channels", stream.inputChannels},
          {"output_channels", stream.outputChannels},
          {"sample_rate", stream.sampleRate},
          {"block_frames", stream.blockFrames},
          {"input_latency_ms", std::round(stream.inputLatencySeconds * 1e4) / 10.0},
          {"output_latency_ms", std::round(stream.outputLatencySeconds * 1e4) / 10.0}}},
        {"floor_language", floorCode},
        {"relay_cycle", board.relayCycle.load(relaxed)},
        {"channels", channelList},
        {"seats", seatList},
        {"streams", streamList},
    };
    return result.dump(2) + "\n";
}

} // namespace dragoman::cli
