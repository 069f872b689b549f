#include "BoothActions.h"

namespace dragoman::booth
{

void BoothActions::seatCall(const char* method, nlohmann::json params)
{
    if (model.seatId().empty())
        return; // not authenticated as a seat yet: there is nothing of ours to change
    params["seat"] = model.seatId();
    sink.call(method, params,
              [this, method = std::string(method)](bool ok, const nlohmann::json&,
                                                   const std::string& error)
              {
                  if (!ok)
                      model.callRefused(method, error);
              });
}

void BoothActions::message(const std::string& to, const std::string& kind, const std::string& text)
{
    sink.call("messages.send", {{"to", to}, {"kind", kind}, {"text", text}},
              [this](bool ok, const nlohmann::json&, const std::string& error)
              {
                  if (!ok)
                      model.callRefused("messages.send", error);
              });
}

void BoothActions::toggleMic()
{
    const auto* seat = model.seat();
    const bool on = seat == nullptr || !(seat->live || seat->suspended);
    seatCall("seat.mic", {{"on", on}});
}

void BoothActions::cough(bool held)
{
    seatCall("seat.cough", {{"on", held}});
}

void BoothActions::selectOutput(const std::string& slot)
{
    seatCall("seat.output", {{"output", slot}});
}

void BoothActions::listen(const std::string& source)
{
    seatCall("seat.listen", {{"source", source}});
}

void BoothActions::setVolume(double db)
{
    seatCall("seat.volume", {{"db", db}});
}

void BoothActions::setBass(double db)
{
    seatCall("seat.bass", {{"db", db}});
}

void BoothActions::setTreble(double db)
{
    seatCall("seat.treble", {{"db", db}});
}

void BoothActions::slowDown()
{
    message("technician", "slow-down");
}

void BoothActions::callTechnician()
{
    message("technician", "call-technician");
}

void BoothActions::sendText(const std::string& to, const std::string& text)
{
    if (!text.empty())
        message(to, "text", text);
}

void BoothActions::requestHandover()
{
    const auto partner = model.handoverPartner();
    if (partner.empty())
        return;
    model.handover().requestSent(partner);
    message("seat:" + partner, "handover-request");
}

void BoothActions::acceptHandover()
{
    if (!model.handover().canAccept())
        return;
    model.handover().acceptSent();
    message("seat:" + model.handover().partner(), "handover-accept");
}

void BoothActions::handoverNow()
{
    const auto* seat = model.seat();
    const bool selfLive = seat != nullptr && seat->live;
    const bool partnerLive = !model.livePartner().empty();
    if (!Handover::canTakeOver(selfLive, partnerLive))
    {
        model.callRefused("handover", selfLive ? "you are live: your partner presses NOW"
                                               : "no partner is live: use the mic key");
        return;
    }
    seatCall("seat.handover", nlohmann::json::object());
}

void BoothActions::handoverKey()
{
    const auto* seat = model.seat();
    const bool selfLive = seat != nullptr && seat->live;
    if (model.handover().canAccept())
        acceptHandover();
    else if (Handover::canTakeOver(selfLive, !model.livePartner().empty()))
        handoverNow();
    else if (model.handover().canRequest())
        requestHandover();
}

void BoothActions::cancelHandover()
{
    model.handover().cancel();
}

} // namespace dragoman::booth
