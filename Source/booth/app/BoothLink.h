#pragma once
// The booth console's connection to the engine: Modules/remote's ControlClient underneath, the
// booth's RpcSink on top. The network thread's reports (connection, auth, notifications,
// replies) are marshalled to the message thread before they touch the model.
// After every (re)connect it only READS: state.get, events.get and messages.get. It never sends a
// seat command by itself, so a reconnect cannot change the seat's state: that is the engine's.
// Construction, start(), stop(), call() and the destructor: message thread only.

#include "model/BoothActions.h"
#include "model/BoothModel.h"
#include "remote/ControlClient.h"

#include <functional>
#include <memory>

namespace dragoman::booth
{

class BoothLink : public RpcSink
{
public:
    using ChangeHandler = std::function<void(std::uint32_t changes)>;

    BoothLink(ControlUrl url, std::string token, BoothModel& model, ChangeHandler onChange);
    ~BoothLink() override;

    void start() { client.start(); }
    void stop() { client.stop(); }
    void call(const std::string& method, const nlohmann::json& params, Reply reply = {}) override;

    static constexpr int kMeterHz = 10;
    static constexpr int kEventPage = 1000;

private:
    void onMessageThread(std::function<void()> fn);
    void connectedAgain();
    void readEvents(long long after);

    BoothModel& model;
    ChangeHandler onChange;
    std::shared_ptr<bool> alive = std::make_shared<bool>(true);
    ControlClient client;
};

} // namespace dragoman::booth
