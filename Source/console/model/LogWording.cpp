#include "model/LogWording.h"

#include "model/StateParser.h"

#include <cmath>
#include <cstdio>

namespace dragoman::console
{

namespace
{
// "13:20:01" from "2026-11-28T13:20:01Z"; anything else as it came.
std::string clockOf(const std::string& iso)
{
    const auto t = iso.find('T');
    if (t == std::string::npos || iso.size() < t + 9)
        return iso;
    return iso.substr(t + 1, 8);
}

std::string engineClock(double seconds)
{
    const auto total = static_cast<long long>(std::floor(seconds));
    char text[32];
    std::snprintf(text, sizeof text, "+%02lld:%02lld:%02lld", total / 3600, (total / 60) % 60,
                  total % 60);
    return text;
}

std::string withSpaces(std::string word)
{
    for (auto& c : word)
        if (c == '-')
            c = ' ';
    return word;
}

// "channel:en" -> "en", "seat:kk-2" -> "kk-2's headphones", "mic:kk-2" -> "kk-2's microphone".
std::string monitorWords(const std::string& source)
{
    const auto colon = source.find(':');
    if (colon == std::string::npos)
        return source; // off, floor
    const auto kind = source.substr(0, colon);
    const auto id = source.substr(colon + 1);
    if (kind == "seat")
        return id + "'s headphones";
    if (kind == "mic")
        return id + "'s microphone";
    return id;
}

// A line that later events of the same kind, value and engine time join.
void foldInto(LogEntry& entry, const nlohmann::json& event, std::string prefix, std::string suffix,
              const std::string& subject)
{
    entry.fold.key = textOf(event, "type") + prefix + suffix + "@" + textOf(event, "t");
    entry.fold.prefix = std::move(prefix);
    entry.fold.suffix = std::move(suffix);
    entry.fold.subjects = {subject};
    entry.text = entry.fold.text();
}
} // namespace

std::string LogEntry::Fold::text() const
{
    // Past a handful the names would push out what happened: the first three and a count.
    constexpr std::size_t named = 3, most = 6;
    std::string joined;
    for (std::size_t i = 0; i < subjects.size() && (subjects.size() <= most || i < named); ++i)
        joined += (joined.empty() ? "" : ", ") + subjects[i];
    if (subjects.size() > most)
        joined += " and " + std::to_string(subjects.size() - named) + " more";
    return prefix + joined + suffix;
}

LogEntry describeEvent(const nlohmann::json& event)
{
    LogEntry entry;
    entry.time = engineClock(numberOf(event, "t"));
    const auto type = textOf(event, "type");
    const auto seat = textOf(event, "seat");
    const auto channel = textOf(event, "channel");
    const auto booth = textOf(event, "booth");
    const auto reason = textOf(event, "reason");
    const auto by = textOf(event, "by");

    if (type == "mic-on")
        entry.text = seat + " is live on " + channel;
    else if (type == "mic-off")
        entry.text = seat + " is off" + (channel.empty() ? "" : " (" + channel + ")");
    else if (type == "mic-refused")
    {
        entry.kind = LogEntry::Kind::refusal;
        entry.text = seat + " refused on " + channel + ": " + withSpaces(reason) +
                     (by.empty() ? "" : " (" + by + " is live)");
    }
    else if (type == "mic-cut")
        entry.text = seat + " cut on " + channel + (by.empty() ? "" : " by " + by);
    else if (type == "listen-changed")
        entry.text = seat + " listens to " + textOf(event, "source") +
                     (channel.empty() ? "" : channel) + (flagOf(event, "auto") ? " (auto)" : "");
    else if (type == "output-changed")
        entry.text = seat + " talks into " + textOf(event, "output") +
                     (channel.empty() ? "" : " (" + channel + ")");
    else if (type == "relay-depth")
        entry.text = channel + " is " + textOf(event, "quality");
    else if (type == "relay-cycle")
    {
        entry.kind = LogEntry::Kind::refusal;
        entry.text = "relay cycle";
        if (event.contains("path") && event["path"].is_array())
        {
            entry.text += ":";
            for (const auto& step : event["path"])
                entry.text += " " + (step.is_string() ? step.get<std::string>() : step.dump());
        }
    }
    else if (type == "floor-language")
        entry.text = "floor language " + textOf(event, "language");
    else if (type == "interlock-changed" && !booth.empty())
        foldInto(entry, event, "booth ", " interlock " + textOf(event, "mode"), booth);
    else if (type == "interlock-changed")
        entry.text = "between booths interlock " + textOf(event, "mode");
    else if (type == "idle-changed")
        foldInto(entry, event, "", " idle feed " + textOf(event, "idle"), channel);
    else if (type == "channel-idle")
        entry.text = channel + " idle: carries " + textOf(event, "idle");
    else if (type == "pass-through-on")
        entry.text = channel + " passes the floor through";
    else if (type == "pass-through-off")
        entry.text = channel + " no longer passes the floor through";
    else if (type == "mic-suspended")
        entry.text = seat + " suspended on " + channel + (by.empty() ? "" : " by " + by);
    else if (type == "mic-resumed")
        entry.text = seat + " live again on " + channel;
    else if (type == "cough-on" || type == "cough-off")
        entry.text = seat + (type == "cough-on" ? " coughs (muted)" : " cough released");
    else if (type == "output-refused")
    {
        entry.kind = LogEntry::Kind::refusal;
        entry.text = seat + " cannot talk into " + channel + ": " + withSpaces(reason) +
                     (by.empty() ? "" : " (" + by + " is live)");
    }
    else if (type == "no-pivot")
    {
        entry.kind = LogEntry::Kind::refusal;
        entry.text = "no pivot channel for floor language " + textOf(event, "language");
    }
    else if (type == "relay-cycle-cleared")
        entry.text = "relay cycle cleared";
    else if (type == "monitor-changed")
        entry.text = "monitor: " + monitorWords(textOf(event, "source"));
    else if (type == "exposure-warning")
    {
        entry.kind = LogEntry::Kind::refusal;
        foldInto(entry, event, "", " exposure warning, " + textOf(event, "leq_db_spl") + " dB SPL",
                 seat);
    }
    else if (type == "command-refused")
    {
        entry.kind = LogEntry::Kind::refusal;
        entry.text = "command refused: " + textOf(event, "command") + " " + withSpaces(reason);
    }
    else
    {
        entry.text = withSpaces(type);
        for (const auto* key : {"seat", "channel", "booth"})
            if (!textOf(event, key).empty())
                entry.text += " " + textOf(event, key);
    }
    return entry;
}

LogEntry describeMessage(const nlohmann::json& message)
{
    LogEntry entry;
    entry.kind = LogEntry::Kind::message;
    entry.time = clockOf(textOf(message, "at"));
    const auto kind = textOf(message, "kind");
    auto from = textOf(message, "from");
    if (from.rfind("seat:", 0) == 0)
    {
        entry.replyTo = from;
        from = from.substr(5);
    }
    auto to = textOf(message, "to");
    if (to.rfind("seat:", 0) == 0)
        to = to.substr(5);
    const auto text = textOf(message, "text");
    if (kind == "slow-down")
    {
        entry.kind = LogEntry::Kind::slowDown;
        entry.text = "SLOW DOWN requested" + (from == "anonymous" ? "" : " by " + from);
    }
    else if (kind == "call-technician")
    {
        entry.kind = LogEntry::Kind::callTechnician;
        entry.text = "TECHNICIAN called by " + from;
    }
    else if (kind == "handover-request")
        entry.text = from + " asks " + to + " to take over";
    else if (kind == "handover-accept")
        entry.text = from + " will take over from " + to;
    else if (to == "technician")
        entry.text = from + ": " + text;
    else
        entry.text = from + " to " + to + ": " + text;
    if (kind != "text" && !text.empty())
        entry.text += " - " + text;
    return entry;
}

} // namespace dragoman::console
