#pragma once
// JSON-RPC 2.0 requests in, responses out (docs/CONTROL_API.md): the method table, who may call
// what, params turned into the engine's command lines, and the error codes. Transport-free: the
// control plane hands it one parsed message and the caller's side, and writes what it returns.
//
// Threads: the network thread only (it owns every part it is given).

#include "control/AlarmWatch.h"
#include "control/ControlMirror.h"
#include "control/EventLog.h"
#include "control/MessageBoard.h"
#include "control/PresetStore.h"
#include "control/TokenTable.h"
#include "engine/Engine.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dragoman::control
{

namespace rpc
{
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kUnauthenticated = -32001;
constexpr int kForbidden = -32002;
constexpr int kThrottled = -32003;
constexpr int kBusy = -32004;
constexpr int kNotFound = -32005;

nlohmann::json error(const nlohmann::json& id, int code, const std::string& message);
} // namespace rpc

// The caller's side of one connection, as far as the dispatcher changes it.
struct RpcClient
{
    std::uint64_t id = 0;
    std::string address;
    std::optional<Identity> identity;
    double meterHz = 0.0;
};

// What the dispatcher needs from the control plane beyond the parts it is given.
class RpcHost
{
public:
    virtual ~RpcHost() = default;
    virtual nlohmann::json currentState() = 0;
    virtual std::string now() = 0; // ISO time
    virtual void messageSent(const Message& message) = 0;
    virtual void alarmChanged(const Alarm& alarm) = 0;
};

struct RpcParts
{
    Engine& engine;
    const TokenTable& tokens;
    const ControlMirror& mirror;
    EventLog& events;
    MessageBoard& messages;
    AlarmWatch& alarms;
    const PresetStore& presets;
    std::string version;
};

class RpcDispatcher
{
public:
    RpcDispatcher(RpcParts parts, RpcHost& host);

    // The response to one message, or null for a notification (a request without id).
    nlohmann::json handle(const nlohmann::json& message, RpcClient& client);

    // Every method, in the order rpc.methods lists them.
    static const std::vector<std::string_view>& methods();
    // Whether `identity` may call `method` at all (seat methods also check the seat param).
    static bool allowed(std::string_view method, const Identity& identity);

private:
    struct Failure
    {
        int code;
        std::string message;
    };
    using Reply = std::variant<nlohmann::json, Failure>;

    Reply call(const std::string& method, const nlohmann::json& params, RpcClient& client);
    Reply auth(const nlohmann::json& params, RpcClient& client);
    Reply command(const std::string& method, const nlohmann::json& params);
    Reply post(const std::string& line);

    RpcParts parts;
    RpcHost& host;
};

} // namespace dragoman::control
