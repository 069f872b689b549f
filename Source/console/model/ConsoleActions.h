#pragma once
// The technician's intents (a click in the matrix, a shortcut) as control API calls, in one place
// so that every view sends the same method and parameters (docs/CONTROL_API.md, "Methods").
// Message thread only. The sink decides where calls go: the engine's ControlClient in the program,
// a recorder in the tests.

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace dragoman::console
{

// Where calls go. The reply callback, if any, runs on the message thread.
class RpcSink
{
public:
    using Reply =
        std::function<void(bool ok, const nlohmann::json& result, const std::string& error)>;
    virtual ~RpcSink() = default;
    virtual void call(const std::string& method, const nlohmann::json& params,
                      Reply reply = {}) = 0;
};

class ConsoleActions
{
public:
    explicit ConsoleActions(RpcSink& callSink) : sink(callSink) {}

    void setSeatOutput(const std::string& seat, const std::string& letter);
    void setSeatListen(const std::string& seat,
                       const std::string& source); // floor | auto | channel
    void setSeatMic(const std::string& seat, bool on);
    void setBoothInterlock(const std::string& booth, const std::string& mode);
    void setInterlockBetween(const std::string& mode);
    void setChannelIdle(const std::string& channel, const std::string& idle);
    void setFloorLanguage(const std::string& language);
    // "off" | "floor" | "channel:ID" | "seat:ID"
    void setMonitor(const std::string& source);
    void acknowledgeAlarm(int id);
    void savePreset(const std::string& name, RpcSink::Reply reply = {});
    void loadPreset(const std::string& name, RpcSink::Reply reply = {});
    // to: "everyone", "booth:ID" or "seat:ID".
    void sendMessage(const std::string& to, const std::string& text, RpcSink::Reply reply = {});

private:
    RpcSink& sink;
};

} // namespace dragoman::console
