#include "EngineLink.h"

namespace dragoman::console
{

EngineLink::EngineLink(ControlUrl url, std::string token, ConsoleModel& shownModel,
                       ChangeHandler changeHandler)
    : ControlLink(std::move(url), std::move(token), shownModel, std::move(changeHandler))
{
}

void EngineLink::call(const std::string& method, const nlohmann::json& params, Reply reply)
{
    callAnswered(method, params,
                 [this, reply = std::move(reply), method](const RpcReply& answer)
                 {
                     if (!answer.ok)
                         onChange(model.applyEvent({{"type", "command-refused"},
                                                    {"command", method},
                                                    {"reason", answer.message}}));
                     if (reply)
                         reply(answer.ok, answer.result, answer.message);
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
