#pragma once
// The booth console's connection to the engine: ui::ControlLink (ControlClient, marshalled to the
// message thread) under the booth's RpcSink; the auth reply names the seat.
// After every (re)connect it only READS: state.get, events.get and messages.get. It never sends a
// seat command by itself, so a reconnect cannot change the seat's state: that is the engine's.
// Construction, start(), call() and the destructor: message thread only.

#include "model/BoothActions.h"
#include "model/BoothModel.h"
#include "ui/app/ControlLink.h"

namespace dragoman::booth
{

class BoothLink : public ui::ControlLink<BoothModel>, public RpcSink
{
public:
    BoothLink(ControlUrl url, std::string token, BoothModel& model, ChangeHandler onChange);

    void call(const std::string& method, const nlohmann::json& params, Reply reply = {}) override;

    static constexpr int kMeterHz = 10;
    static constexpr int kEventPage = 1000;

private:
    void connectedAgain() override;
    void readEvents(long long after);
};

} // namespace dragoman::booth
