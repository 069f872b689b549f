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
} // namespace

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
    else if (type == "interlock-changed")
        entry.text = (booth.empty() ? std::string("between booths") : "booth " + booth) +
                     " interlock " + textOf(event, "mode");
    else if (type == "idle-changed")
        entry.text = channel + " idle feed " + textOf(event, "idle");
    else if (type == "exposure-warning")
    {
        entry.kind = LogEntry::Kind::refusal;
        entry.text = seat + " exposure warning, " + textOf(event, "leq_db_spl") + " dB SPL";
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
