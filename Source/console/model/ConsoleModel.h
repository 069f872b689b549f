#pragma once
// Everything the technician's console knows about the engine, kept from the control API's
// notifications (`state`, `event`, `meters`, `alarm`, `message`) and replies (`alarms.get`,
// `events.get`, `messages.get`, `session.presets`). Pure: no JUCE, no network; what changed is
// returned so the views repaint only what they must.
// Message thread only (the network thread's callbacks are marshalled there first).

#include "model/ConsoleState.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <deque>

namespace dragoman::console
{

// What an applied message changed, as bit flags.
enum Change : std::uint32_t
{
    changeNone = 0,
    changeState = 1u << 0,
    changeMeters = 1u << 1,
    changeAlarms = 1u << 2,
    changeLog = 1u << 3,
    changePresets = 1u << 4,
    changeConnection = 1u << 5,
    changeHealth = 1u << 6, // engine info (running, CPU, xruns, uptime) and clients only
};

class ConsoleModel
{
public:
    static constexpr std::size_t kLogCapacity = 2000;

    // A notification by its JSON-RPC method; unknown methods change nothing.
    std::uint32_t applyNotification(const std::string& method, const nlohmann::json& params);

    std::uint32_t applyState(const nlohmann::json& state);
    // From a polled state.get: only the engine's health and the client count. The engine sends
    // `state` on changes of the meeting, not while uptime and CPU merely move on.
    std::uint32_t applyHealth(const nlohmann::json& state);
    std::uint32_t applyMeters(const nlohmann::json& meters);
    std::uint32_t applyAlarm(const nlohmann::json& alarm);
    std::uint32_t applyAlarms(const nlohmann::json& reply); // {"alarms": [...]}
    std::uint32_t applyEvent(const nlohmann::json& event);
    std::uint32_t applyEvents(const nlohmann::json& reply); // {"events": [...], "next": N}
    std::uint32_t applyMessage(const nlohmann::json& message);
    std::uint32_t applyMessages(const nlohmann::json& reply); // {"messages": [...]}
    std::uint32_t applyPresets(const nlohmann::json& reply);  // {"presets": [...]}
    std::uint32_t setConnection(bool connected, const std::string& why);

    const EngineState& state() const { return engine; }
    bool hasState() const { return engine.revision >= 0; }
    const std::map<std::string, ChannelMeter>& channelMeters() const { return channelMeter; }
    const std::map<std::string, SeatMeter>& seatMeters() const { return seatMeter; }
    ChannelMeter meterOf(const std::string& channel) const;
    const std::vector<Alarm>& alarms() const { return alarmList; }
    int unacknowledgedAlarms() const;
    const std::deque<LogEntry>& log() const { return logEntries; }
    const std::vector<std::string>& presets() const { return presetNames; }
    bool connected() const { return isConnected; }
    const std::string& connectionText() const { return connectionWhy; }
    long long nextEventSeq() const { return lastEventSeq + 1; }
    long long lastMessageId() const { return lastMessage; }
    int metersReceived() const { return meterCount; }

private:
    // The technician's own text, as every console of the technician sees it come back.
    struct OwnMessage
    {
        std::string text;
        std::vector<std::string> to;
        long long order = 0; // its log line
    };

    std::uint32_t applyOwnMessage(const nlohmann::json& message);
    void addLog(LogEntry entry);

    EngineState engine;
    std::map<std::string, ChannelMeter> channelMeter;
    std::map<std::string, SeatMeter> seatMeter;
    std::vector<Alarm> alarmList;
    std::deque<LogEntry> logEntries;
    std::vector<std::string> presetNames;
    bool isConnected = false;
    std::string connectionWhy = "not connected";
    long long lastEventSeq = 0;
    long long lastMessage = 0;
    long long logOrder = 0;
    int meterCount = 0;
    OwnMessage ownMessage;
};

} // namespace dragoman::console
