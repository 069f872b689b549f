#pragma once
// The control API's one brain: every connected client, what it may do, what it is sent. It
// answers JSON-RPC through the RpcDispatcher, keeps the event log, messages and alarms, pushes
// `state` (coalesced within 5 ms of a change), `event`, `meters`, `message` and `alarm`
// notifications, throttles floods and disconnects clients that do not read.
//
// Threads: everything on the network (io_context) thread, including the timers. The engine's
// events arrive through onEvent(), posted there by ControlPlane::publish(); the engine is read
// through StatusBoard atomics and commanded through Engine::post().

#include "control/AlarmWatch.h"
#include "control/ClientOutbox.h"
#include "control/ControlMirror.h"
#include "control/ControlTransport.h"
#include "control/EventLog.h"
#include "control/MessageBoard.h"
#include "control/MetricsText.h"
#include "control/PresetStore.h"
#include "control/RequestBudget.h"
#include "control/RpcDispatcher.h"
#include "control/StateJson.h"
#include "control/TokenTable.h"

#include <asio.hpp>

#include <chrono>
#include <map>
#include <memory>

namespace dragoman
{
class StreamSender;
}

namespace dragoman::control
{

class ControlHub final : public ControlService, private RpcHost
{
public:
    ControlHub(asio::io_context& io, Engine& engine, TokenTable tokens,
               std::filesystem::path presetsDir, EngineIdentity identity,
               const StreamSender* streams);

    void start(); // arms the timers
    void stop();  // closes every client, cancels the timers

    void onEvent(const Event& event);
    void noteDriver(const DriverSnapshot& snapshot);

    // ControlService
    std::uint64_t open(const std::string& address, const std::string& transport,
                       std::shared_ptr<ClientChannel> channel,
                       const std::optional<std::string>& token) override;
    void receive(std::uint64_t client, const std::string& text) override;
    std::optional<std::string> nextOutgoing(std::uint64_t client) override;
    bool hasOutgoing(std::uint64_t client) override;
    void closed(std::uint64_t client, const std::string& why) override;
    void oversized(const std::string& address, const std::string& transport) override;
    bool knownToken(const std::string& token) override;
    HttpReply httpGet(const std::string& target, const std::string& authorization,
                      const std::string& address) override;

private:
    struct Client
    {
        RpcClient rpc;
        std::string transport;
        std::shared_ptr<ClientChannel> channel;
        RequestBudget budget;
        ClientOutbox outbox;
        double nextMeters = 0.0;
        bool throttleLogged = false;
        bool closing = false;
    };

    // RpcHost
    nlohmann::json currentState() override;
    std::string now() override;
    void messageSent(const Message& message) override;
    void alarmChanged(const Alarm& alarm) override;

    nlohmann::json handleOne(const nlohmann::json& message, Client& client);
    void send(Client& client, const nlohmann::json& message);
    void notify(Client& client, const char* method, const nlohmann::json& params);
    void broadcast(const char* method, const nlohmann::json& params);
    void disconnect(Client& client, const std::string& why, bool flush);
    void logError(const Client& client, const nlohmann::json& response);
    void stateChanged();
    void sendState();
    void tick();
    void checkAlarms();
    AlarmInputs alarmInputs() const;
    StateExtras extras(bool withAlarms) const;
    std::vector<ChannelStreamStats> streamStats() const;
    double seconds() const;

    asio::io_context& io;
    Engine& engine;
    TokenTable tokens;
    ControlMirror mirror;
    StateJson stateJson;
    EventLog events;
    MessageBoard messages;
    AlarmWatch alarms;
    PresetStore presets;
    RpcDispatcher dispatcher;
    const StreamSender* streams;

    std::map<std::uint64_t, Client> clients;
    std::uint64_t lastClientId = 0;
    std::uint64_t revision = 0;
    bool statePending = false;
    asio::steady_timer stateTimer;
    asio::steady_timer tickTimer;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    double nextAlarmCheck = 0.0;
    DriverSnapshot driver;
    std::uint64_t lastCallbacks = 0;
    double lastProgress = 0.0;
    ControlCounters counters;
    bool stopped = false;
};

} // namespace dragoman::control
