#pragma once
// The console's connection to the engine: ui::ControlLink (ControlClient, marshalled to the
// message thread) under the console's RpcSink. After every (re)connect it fetches what
// notifications do not repeat: state, alarms, missed events and messages, presets, and subscribes
// to meters; while connected it asks for the state every 2 s for the engine's health, which no
// notification carries. A refused call becomes a command-refused event in the model.
// Construction, start(), call() and the destructor: message thread only.

#include "model/ConsoleActions.h"
#include "model/ConsoleModel.h"
#include "ui/app/ControlLink.h"

#include <juce_events/juce_events.h>

namespace dragoman::console
{

class EngineLink : public ui::ControlLink<ConsoleModel>, public RpcSink, private juce::Timer
{
public:
    EngineLink(ControlUrl url, std::string token, ConsoleModel& model, ChangeHandler onChange);

    void start()
    {
        ControlLink::start();
        startTimer(kHealthMs);
    }

    void call(const std::string& method, const nlohmann::json& params, Reply reply = {}) override;
    // session.presets, answered into the model.
    void refreshPresets();

    static constexpr int kMeterHz = 20;
    static constexpr int kHealthMs = 2000;

private:
    void timerCallback() override;
    void connectedAgain() override;
    void applyReply(const char* method, const nlohmann::json& params,
                    std::uint32_t (ConsoleModel::*apply)(const nlohmann::json&));
};

} // namespace dragoman::console
