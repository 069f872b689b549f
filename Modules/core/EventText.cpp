#include "Event.h"
#include "RelayDepthName.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>

namespace dragoman
{

std::string_view eventName(EventKind kind)
{
    switch (kind)
    {
    case EventKind::micOn:
        return "mic-on";
    case EventKind::micOff:
        return "mic-off";
    case EventKind::micRefused:
        return "mic-refused";
    case EventKind::micCut:
        return "mic-cut";
    case EventKind::micSuspended:
        return "mic-suspended";
    case EventKind::micResumed:
        return "mic-resumed";
    case EventKind::coughOn:
        return "cough-on";
    case EventKind::coughOff:
        return "cough-off";
    case EventKind::outputChanged:
        return "output-changed";
    case EventKind::outputRefused:
        return "output-refused";
    case EventKind::listenChanged:
        return "listen-changed";
    case EventKind::seatLevel:
        return "seat-level";
    case EventKind::channelLive:
        return "channel-live";
    case EventKind::channelIdle:
        return "channel-idle";
    case EventKind::idleChanged:
        return "idle-changed";
    case EventKind::floorLanguage:
        return "floor-language";
    case EventKind::passThroughOn:
        return "pass-through-on";
    case EventKind::passThroughOff:
        return "pass-through-off";
    case EventKind::relayDepth:
        return "relay-depth";
    case EventKind::relayCycle:
        return "relay-cycle";
    case EventKind::relayCycleCleared:
        return "relay-cycle-cleared";
    case EventKind::noPivot:
        return "no-pivot";
    case EventKind::interlockChanged:
        return "interlock-changed";
    case EventKind::exposureWarning:
        return "exposure-warning";
    case EventKind::exposureCleared:
        return "exposure-cleared";
    case EventKind::commandRefused:
        return "command-refused";
    case EventKind::monitorChanged:
        return "monitor-changed";
    }
    return "unknown";
}

namespace
{

std::string_view refusalName(Refusal reason)
{
    switch (reason)
    {
    case Refusal::none:
        return "none";
    case Refusal::interlockInBooth:
        return "interlock-in-booth";
    case Refusal::interlockBetweenBooths:
        return "interlock-between-booths";
    case Refusal::passThrough:
        return "pass-through";
    case Refusal::noPartnerLive:
        return "no-partner-live";
    }
    return "none";
}

std::string_view levelName(std::int16_t control)
{
    switch (static_cast<CommandKind>(control))
    {
    case CommandKind::seatVolume:
        return "volume";
    case CommandKind::seatBass:
        return "bass";
    case CommandKind::seatTreble:
        return "treble";
    case CommandKind::seatSidetone:
        return "sidetone";
    default:
        return "level";
    }
}

std::string pathText(const Event& event, const Floorplan& plan)
{
    std::string text;
    for (int i = 0; i < event.pathLength; ++i)
        text += (i ? " <- " : "") + plan.channelId(event.path[i]);
    return text;
}

MonitorSource monitorOf(const Event& event)
{
    return {static_cast<MonitorTarget>(event.detail), event.other};
}

bool hasChannel(const Event& event)
{
    return event.channel != kNoChannel;
}

} // namespace

std::string eventToJson(const Event& event, const Floorplan& plan, double sampleRate)
{
    nlohmann::json json;
    json["t"] = std::round(static_cast<double>(event.frame) / sampleRate * 1e6) / 1e6;
    json["type"] = eventName(event.kind);
    if (event.seat >= 0)
        json["seat"] = plan.seatId(event.seat);
    if (hasChannel(event))
        json["channel"] = plan.channelId(event.channel);
    if (event.booth >= 0)
        json["booth"] = plan.boothId(event.booth);
    switch (event.kind)
    {
    case EventKind::micOn:
        if (event.other >= 0)
            json["handover_from"] = plan.seatId(event.other);
        break;
    case EventKind::micOff:
        if (event.other >= 0)
            json["handover_to"] = plan.seatId(event.other);
        break;
    case EventKind::micRefused:
    case EventKind::outputRefused:
        json["reason"] = refusalName(event.reason);
        if (event.other >= 0)
            json["by"] = plan.seatId(event.other);
        break;
    case EventKind::micCut:
    case EventKind::micSuspended:
        json["by"] = plan.seatId(event.other);
        break;
    case EventKind::outputChanged:
        json["output"] = std::string(1, static_cast<char>('A' + event.detail));
        break;
    case EventKind::listenChanged:
        json["auto"] = event.detail != 0;
        break;
    case EventKind::seatLevel:
        json["control"] = levelName(event.detail);
        json["db"] =
            std::isfinite(event.value) ? nlohmann::json(event.value) : nlohmann::json("off");
        break;
    case EventKind::channelIdle:
    case EventKind::idleChanged:
        json["idle"] = event.detail ? "floor" : "silence";
        break;
    case EventKind::floorLanguage:
    case EventKind::noPivot:
        json["language"] = toStringView(event.language);
        break;
    case EventKind::relayDepth:
        json["depth"] = static_cast<int>(event.value);
        json["quality"] = relayDepthName(static_cast<int>(event.value));
        break;
    case EventKind::relayCycle:
    {
        auto path = nlohmann::json::array();
        for (int i = 0; i < event.pathLength; ++i)
            path.push_back(plan.channelId(event.path[i]));
        json["path"] = path;
        break;
    }
    case EventKind::interlockChanged:
        json["mode"] = toString(static_cast<InterlockMode>(event.detail));
        if (event.booth < 0)
            json["between_booths"] = true;
        break;
    case EventKind::exposureWarning:
    case EventKind::exposureCleared:
        json["leq_db_spl"] = std::round(event.value * 10.0f) / 10.0f;
        break;
    case EventKind::monitorChanged:
        json["source"] = monitorSourceName(monitorOf(event), plan);
        break;
    default:
        break;
    }
    return json.dump();
}

std::string eventToText(const Event& event, const Floorplan& plan)
{
    std::ostringstream out;
    const auto seat = [&]
    {
        return event.seat >= 0 ? plan.seatId(event.seat) : std::string("?");
    };
    const auto other = [&]
    {
        return event.other >= 0 ? plan.seatId(event.other) : std::string("?");
    };
    const auto channel = [&]
    {
        return hasChannel(event) ? plan.channelId(event.channel) : std::string("?");
    };
    switch (event.kind)
    {
    case EventKind::micOn:
        out << seat() << " is live on " << channel();
        if (event.other >= 0)
            out << " (handover from " << other() << ")";
        break;
    case EventKind::micOff:
        out << seat() << " left " << channel();
        if (event.other >= 0)
            out << " (handover to " << other() << ")";
        break;
    case EventKind::micRefused:
    case EventKind::outputRefused:
        out << seat()
            << (event.kind == EventKind::micRefused ? " cannot go live on " : " cannot move to ")
            << channel() << ": ";
        if (event.reason == Refusal::passThrough)
            out << channel() << " carries the floor (floor language)";
        else if (event.reason == Refusal::noPartnerLive)
            out << "no partner is live to hand over from";
        else
            out << other() << " is live ("
                << (event.reason == Refusal::interlockInBooth ? "interlock in booth"
                                                              : "interlock between booths")
                << ")";
        break;
    case EventKind::micCut:
        out << seat() << " was cut from " << channel() << " by " << other();
        break;
    case EventKind::micSuspended:
        out << seat() << " waits on " << channel() << " while " << other() << " is live";
        break;
    case EventKind::micResumed:
        out << seat() << " is live again on " << channel();
        break;
    case EventKind::coughOn:
        out << seat() << " coughs (muted, keeps " << channel() << ")";
        break;
    case EventKind::coughOff:
        out << seat() << " unmuted on " << channel();
        break;
    case EventKind::outputChanged:
        out << seat() << " output " << static_cast<char>('A' + event.detail) << " (" << channel()
            << ")";
        break;
    case EventKind::listenChanged:
        out << seat() << " listens to " << channel() << (event.detail ? " (auto)" : "");
        break;
    case EventKind::seatLevel:
        out << seat() << " " << levelName(event.detail) << " ";
        if (std::isfinite(event.value))
            out << event.value << " dB";
        else
            out << "off";
        break;
    case EventKind::channelLive:
        out << channel() << " carries " << seat();
        break;
    case EventKind::channelIdle:
        out << channel() << " is idle and carries " << (event.detail ? "the floor" : "silence");
        break;
    case EventKind::idleChanged:
        out << channel() << " will carry " << (event.detail ? "the floor" : "silence")
            << " when idle";
        break;
    case EventKind::floorLanguage:
        out << "floor language is " << toStringView(event.language);
        break;
    case EventKind::passThroughOn:
        out << channel() << " passes the floor through";
        break;
    case EventKind::passThroughOff:
        out << channel() << " no longer passes the floor through";
        break;
    case EventKind::relayDepth:
        out << channel() << " relay depth: " << relayDepthName(static_cast<int>(event.value));
        break;
    case EventKind::relayCycle:
        out << "relay cycle: " << pathText(event, plan);
        break;
    case EventKind::relayCycleCleared:
        out << "relay cycle cleared";
        break;
    case EventKind::noPivot:
        out << "booth " << plan.boothId(event.booth) << " does not understand "
            << toStringView(event.language) << " and has no pivot: it hears the floor";
        break;
    case EventKind::interlockChanged:
        out << (event.booth >= 0 ? "booth " + plan.boothId(event.booth)
                                 : std::string("between booths"))
            << " interlock: " << toString(static_cast<InterlockMode>(event.detail));
        break;
    case EventKind::exposureWarning:
        out << seat() << " exposure warning: " << event.value << " dB SPL over the last minute";
        break;
    case EventKind::exposureCleared:
        out << seat() << " exposure back under the limit";
        break;
    case EventKind::commandRefused:
        out << "command refused";
        break;
    case EventKind::monitorChanged:
        out << "monitor: " << monitorSourceName(monitorOf(event), plan);
        break;
    }
    return out.str();
}

} // namespace dragoman
