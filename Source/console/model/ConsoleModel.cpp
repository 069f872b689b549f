#include "model/ConsoleModel.h"

#include "model/LogWording.h"
#include "model/MessageTargets.h"
#include "model/StateParser.h"

#include <algorithm>

namespace dragoman::console
{

using nlohmann::json;

std::uint32_t ConsoleModel::applyNotification(const std::string& method, const json& params)
{
    if (method == "state")
        return applyState(params);
    if (method == "meters")
        return applyMeters(params);
    if (method == "alarm")
        return applyAlarm(params);
    if (method == "event")
        return applyEvent(params);
    if (method == "message")
        return applyMessage(params);
    return changeNone;
}

std::uint32_t ConsoleModel::applyState(const json& state)
{
    if (!state.is_object())
        return changeNone;
    engine = parseEngineState(state);
    std::uint32_t changed = changeState;
    // The state carries the active alarms: it is the truth after a reconnect.
    if (state.contains("alarms") && state["alarms"].is_array())
        changed |= applyAlarms(json{{"alarms", state["alarms"]}});
    return changed;
}

std::uint32_t ConsoleModel::applyHealth(const json& state)
{
    if (!state.is_object() || !hasState())
        return changeNone;
    const auto fresh = parseEngineState(state);
    engine.engine = fresh.engine;
    engine.clients = fresh.clients;
    return changeHealth;
}

std::uint32_t ConsoleModel::applyMeters(const json& meters)
{
    if (!meters.is_object())
        return changeNone;
    if (meters.contains("channels") && meters["channels"].is_object())
        for (const auto& [id, meter] : meters["channels"].items())
            channelMeter[id] = parseChannelMeter(meter);
    if (meters.contains("seats") && meters["seats"].is_object())
        for (const auto& [id, meter] : meters["seats"].items())
            seatMeter[id] = parseSeatMeter(meter);
    ++meterCount;
    return changeMeters;
}

std::uint32_t ConsoleModel::applyAlarm(const json& item)
{
    if (!item.is_object())
        return changeNone;
    auto alarm = parseAlarm(item);
    const auto found = std::find_if(alarmList.begin(), alarmList.end(),
                                    [&](const Alarm& known) { return known.id == alarm.id; });
    if (found != alarmList.end())
        *found = std::move(alarm);
    else
        alarmList.push_back(std::move(alarm));
    return changeAlarms;
}

std::uint32_t ConsoleModel::applyAlarms(const json& reply)
{
    if (!reply.is_object() || !reply.contains("alarms") || !reply["alarms"].is_array())
        return changeNone;
    // A full list replaces the active ones; cleared alarms stay for the record of the session.
    std::erase_if(alarmList, [](const Alarm& alarm) { return alarm.active(); });
    for (const auto& item : reply["alarms"])
        applyAlarm(item);
    std::sort(alarmList.begin(), alarmList.end(),
              [](const Alarm& a, const Alarm& b) { return a.id < b.id; });
    return changeAlarms;
}

std::uint32_t ConsoleModel::applyEvent(const json& event)
{
    if (!event.is_object())
        return changeNone;
    const auto seq = static_cast<long long>(numberOf(event, "seq", 0));
    if (seq > 0 && seq <= lastEventSeq)
        return changeNone; // already seen (events.get after a reconnect overlaps)
    lastEventSeq = std::max(lastEventSeq, seq);
    // Meter-like events would drown the log: a seat's level changes, and exposure warnings
    // clearing (the engine clears every seat's at start; the alarm list keeps the warnings).
    // A channel going live is said by its seat's mic-on already.
    if (const auto type = textOf(event, "type");
        type == "seat-level" || type == "exposure-cleared" || type == "channel-live")
        return changeNone;
    auto entry = describeEvent(event);
    if (!entry.fold.key.empty())
    {
        // The same moment's burst may interleave kinds: look back through it.
        for (auto it = logEntries.rbegin(); it != logEntries.rend() && it->time == entry.time; ++it)
            if (it->fold.key == entry.fold.key)
            {
                it->fold.subjects.push_back(entry.fold.subjects.front());
                it->text = it->fold.text();
                return changeLog;
            }
    }
    addLog(std::move(entry));
    return changeLog;
}

std::uint32_t ConsoleModel::applyEvents(const json& reply)
{
    std::uint32_t changed = changeNone;
    if (reply.is_object() && reply.contains("events") && reply["events"].is_array())
        for (const auto& event : reply["events"])
            changed |= applyEvent(event);
    return changed;
}

std::uint32_t ConsoleModel::applyMessage(const json& message)
{
    if (!message.is_object())
        return changeNone;
    const auto id = static_cast<long long>(numberOf(message, "id", 0));
    if (id > 0 && id <= lastMessage)
        return changeNone;
    lastMessage = std::max(lastMessage, id);
    if (textOf(message, "from") == "technician" && textOf(message, "kind") == "text")
        return applyOwnMessage(message);
    addLog(describeMessage(message));
    return changeLog;
}

std::uint32_t ConsoleModel::applyOwnMessage(const json& message)
{
    const auto text = textOf(message, "text");
    const auto to = textOf(message, "to");
    // Writing to a seat answers its calls.
    for (auto& entry : logEntries)
        if (entry.kind == LogEntry::Kind::callTechnician && entry.replyTo == to)
            entry.answered = true;
    // The same text to several recipients, one after the other (a booth, then a seat): one line.
    const bool sameText = !logEntries.empty() && logEntries.back().order == ownMessage.order &&
                          ownMessage.text == text;
    if (sameText)
        ownMessage.to.push_back(to);
    else
        ownMessage = {text, {to}, 0};
    auto entry = describeMessage(message);
    entry.text = "to " + recipientsText(engine, ownMessage.to) + ": " + text;
    if (sameText)
    {
        entry.order = ownMessage.order;
        logEntries.back() = std::move(entry);
        return changeLog;
    }
    addLog(std::move(entry));
    ownMessage.order = logOrder;
    return changeLog;
}

std::uint32_t ConsoleModel::applyMessages(const json& reply)
{
    std::uint32_t changed = changeNone;
    if (reply.is_object() && reply.contains("messages") && reply["messages"].is_array())
        for (const auto& message : reply["messages"])
            changed |= applyMessage(message);
    return changed;
}

std::uint32_t ConsoleModel::applyPresets(const json& reply)
{
    if (!reply.is_object() || !reply.contains("presets") || !reply["presets"].is_array())
        return changeNone;
    presetNames.clear();
    for (const auto& preset : reply["presets"])
        if (const auto name = textOf(preset, "name"); !name.empty())
            presetNames.push_back(name);
    return changePresets;
}

std::uint32_t ConsoleModel::setConnection(bool connected, const std::string& why)
{
    isConnected = connected;
    connectionWhy = why;
    return changeConnection;
}

ChannelMeter ConsoleModel::meterOf(const std::string& channel) const
{
    const auto found = channelMeter.find(channel);
    return found != channelMeter.end() ? found->second : ChannelMeter{};
}

int ConsoleModel::unacknowledgedAlarms() const
{
    return static_cast<int>(std::count_if(alarmList.begin(), alarmList.end(),
                                          [](const Alarm& a) { return a.active() && !a.acked; }));
}

void ConsoleModel::addLog(LogEntry entry)
{
    entry.order = ++logOrder;
    logEntries.push_back(std::move(entry));
    while (logEntries.size() > kLogCapacity)
        logEntries.pop_front();
}

} // namespace dragoman::console
