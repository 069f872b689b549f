#pragma once
// The console's connection to the engine: Modules/remote's ControlClient underneath, the
// console's RpcSink on top. Everything the network thread reports (connection, notifications,
// replies) is marshalled to the message thread before it touches the model, and the views are
// told what changed. After every (re)connect it fetches what notifications do not repeat:
// state, alarms, missed events and messages, presets, and subscribes to meters; while connected
// it asks for the state every 2 s for the engine's health, which no notification carries.
// Construction, start(), stop(), call() and the destructor: message thread only.

#include "model/ConsoleActions.h"
#include "model/ConsoleModel.h"
#include "remote/ControlClient.h"

#include <juce_events/juce_events.h>

#include <functional>
#include <memory>

namespace dragoman::console
{

class EngineLink : public RpcSink, private juce::Timer
{
public:
    using ChangeHandler = std::function<void(std::uint32_t changes)>;

    EngineLink(ControlUrl url, std::string token, ConsoleModel& model, ChangeHandler onChange);
    ~EngineLink() override;

    void start()
    {
        client.start();
        startTimer(kHealthMs);
    }
    void stop()
    {
        stopTimer();
        client.stop();
    }

    void call(const std::string& method, const nlohmann::json& params, Reply reply = {}) override;
    // session.presets, answered into the model.
    void refreshPresets();

    static constexpr int kMeterHz = 20;
    static constexpr int kHealthMs = 2000;

private:
    void timerCallback() override;
    // Runs fn on the message thread, unless this link is gone by then.
    void onMessageThread(std::function<void()> fn);
    void connectedAgain();
    void applyReply(const char* method, const nlohmann::json& params,
                    std::uint32_t (ConsoleModel::*apply)(const nlohmann::json&));

    ConsoleModel& model;
    ChangeHandler onChange;
    std::shared_ptr<bool> alive = std::make_shared<bool>(true);
    ControlClient client;
};

} // namespace dragoman::console
