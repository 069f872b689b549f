#include "BoothLink.h"

namespace dragoman::booth
{

BoothLink::BoothLink(ControlUrl url, std::string token, BoothModel& shownModel,
                     ChangeHandler changeHandler)
    : ControlLink(std::move(url), std::move(token), shownModel, std::move(changeHandler),
                  [this](const RpcReply& auth)
                  {
                      if (!auth.ok)
                          return;
                      const auto seat = auth.result.value("seat", std::string());
                      onMessageThread([this, seat] { onChange(model.setSeat(seat)); });
                  })
{
}

void BoothLink::call(const std::string& method, const nlohmann::json& params, Reply reply)
{
    callAnswered(method, params,
                 [this, reply = std::move(reply)](const RpcReply& answer)
                 {
                     if (reply)
                         reply(answer.ok, answer.result, answer.message);
                     onChange(changeRefusal | changeHandover | changeMessages);
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
