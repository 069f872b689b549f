#include "BoothLink.h"

#include <juce_events/juce_events.h>

namespace dragoman::booth
{

BoothLink::BoothLink(ControlUrl url, std::string token, BoothModel& shownModel,
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
                 [this](const RpcReply& auth)
                 {
                     if (!auth.ok)
                         return;
                     const auto seat = auth.result.value("seat", std::string());
                     onMessageThread([this, seat] { this->onChange(this->model.setSeat(seat)); });
                 }})
{
}

BoothLink::~BoothLink()
{
    client.stop(); // joins the network thread: nothing can post after this
    alive.reset();
}

void BoothLink::onMessageThread(std::function<void()> fn)
{
    std::weak_ptr<bool> weak = alive;
    juce::MessageManager::callAsync(
        [weak, fn = std::move(fn)]
        {
            if (weak.lock())
                fn();
        });
}

void BoothLink::call(const std::string& method, const nlohmann::json& params, Reply reply)
{
    client.call(method, params,
                [this, reply = std::move(reply)](const RpcReply& answer)
                {
                    onMessageThread(
                        [this, reply, answer]
                        {
                            if (reply)
                                reply(answer.ok, answer.result, answer.message);
                            onChange(changeRefusal | changeHandover | changeMessages);
                        });
                });
}

void BoothLink::readEvents(long long after)
{
    // The log pages oldest first; read to its end so the latest refusal is the one shown.
    call("events.get", {{"after", after}, {"limit", kEventPage}},
         [this](bool ok, const nlohmann::json& reply, const std::string&)
         {
             if (!ok)
                 return;
             onChange(model.applyEvents(reply));
             const auto count = reply.contains("events") ? reply["events"].size() : 0;
             if (count == static_cast<std::size_t>(kEventPage) && reply.contains("next"))
                 readEvents(reply["next"].get<long long>());
         });
}

void BoothLink::connectedAgain()
{
    // Reads only: the state, the recent events (a refusal made while away), the messages missed
    // and meters.
    call("state.get", nlohmann::json::object(),
         [this](bool ok, const nlohmann::json& state, const std::string&)
         {
             if (ok)
                 onChange(model.applyState(state));
         });
    call("messages.get", {{"after", model.lastMessageId()}},
         [this](bool ok, const nlohmann::json& reply, const std::string&)
         {
             if (ok)
                 onChange(model.applyMessages(reply));
         });
    readEvents(0);
    call("meters.subscribe", {{"hz", kMeterHz}});
}

} // namespace dragoman::booth
