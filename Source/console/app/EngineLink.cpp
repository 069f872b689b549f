#include "EngineLink.h"

#include <juce_events/juce_events.h>

namespace dragoman::console
{

EngineLink::EngineLink(ControlUrl url, std::string token, ConsoleModel& shownModel,
                       ChangeHandler changeHandler)
    : model(shownModel), onChange(std::move(changeHandler)),
      client(std::move(url), std::move(token),
             ControlClient::Callbacks{
                 [this](bool connected, const std::string& why)
                 {
                     onMessageThread(
                         [this, connected, why]
                         {
                             const bool was = this->model.connected();
                             this->onChange(this->model.setConnection(connected, why));
                             if (connected && !was)
                                 connectedAgain();
                         });
                 },
                 [this](const std::string& method, const nlohmann::json& params)
                 {
                     onMessageThread(
                         [this, method, params]
                         { this->onChange(this->model.applyNotification(method, params)); });
                 },
                 {}})
{
}

EngineLink::~EngineLink()
{
    stopTimer();
    // Joins the network thread first: after this no callback can post; the ones already posted
    // find `alive` gone and do nothing.
    client.stop();
    alive.reset();
}

void EngineLink::onMessageThread(std::function<void()> fn)
{
    std::weak_ptr<bool> weak = alive;
    juce::MessageManager::callAsync(
        [weak, fn = std::move(fn)]
        {
            if (weak.lock())
                fn();
        });
}

void EngineLink::call(const std::string& method, const nlohmann::json& params, Reply reply)
{
    client.call(method, params,
                [this, reply = std::move(reply), method](const RpcReply& answer)
                {
                    onMessageThread(
                        [this, reply, answer, method]
                        {
                            if (!answer.ok)
                                onChange(model.applyEvent({{"type", "command-refused"},
                                                           {"command", method},
                                                           {"reason", answer.message}}));
                            if (reply)
                                reply(answer.ok, answer.result, answer.message);
                        });
                });
}

void EngineLink::applyReply(const char* method, const nlohmann::json& params,
                            std::uint32_t (ConsoleModel::*apply)(const nlohmann::json&))
{
    call(method, params,
         [this, apply](bool ok, const nlohmann::json& result, const std::string&)
         {
             if (ok)
                 onChange((model.*apply)(result));
         });
}

void EngineLink::timerCallback()
{
    if (model.connected())
        applyReply("state.get", nlohmann::json::object(), &ConsoleModel::applyHealth);
}

void EngineLink::refreshPresets()
{
    applyReply("session.presets", nlohmann::json::object(), &ConsoleModel::applyPresets);
}

void EngineLink::connectedAgain()
{
    // The server sends the state after auth too; asking again costs little and does not depend
    // on the order of the two.
    applyReply("state.get", nlohmann::json::object(), &ConsoleModel::applyState);
    applyReply("alarms.get", nlohmann::json::object(), &ConsoleModel::applyAlarms);
    applyReply("events.get", {{"after", model.nextEventSeq() - 1}, {"limit", 200}},
               &ConsoleModel::applyEvents);
    applyReply("messages.get", {{"after", model.lastMessageId()}}, &ConsoleModel::applyMessages);
    refreshPresets();
    call("meters.subscribe", {{"hz", kMeterHz}});
}

} // namespace dragoman::console
