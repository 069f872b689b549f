#pragma once
// A console's connection to the engine: Modules/remote's ControlClient underneath, the console's
// Model on top. What the network thread reports (connection, notifications, answers) is
// marshalled to JUCE's message thread before it touches the model, and onChange hears what
// changed; after every (re)connect the program's connectedAgain() reads what notifications do not
// repeat. Model: setConnection(bool, why), applyNotification(method, params) and connected(), as
// ConsoleModel and BoothModel have them.
// Construction, start(), the calls and the destructor: message thread only.

#include "remote/ControlClient.h"

#include <juce_events/juce_events.h>

#include <cstdint>
#include <functional>
#include <memory>

namespace dragoman::ui
{

template <class Model> class ControlLink
{
public:
    using ChangeHandler = std::function<void(std::uint32_t changes)>;

    ControlLink(const ControlLink&) = delete;
    ControlLink& operator=(const ControlLink&) = delete;
    virtual ~ControlLink()
    {
        // Joins the network thread first: after this no callback can post; the ones already
        // posted find `alive` gone and do nothing.
        client.stop();
        alive.reset();
    }

    void start() { client.start(); }

protected:
    // onAuth: ControlClient's, on the network thread; may be empty.
    ControlLink(ControlUrl url, std::string token, Model& shownModel, ChangeHandler changeHandler,
                std::function<void(const RpcReply& auth)> onAuth = {})
        : model(shownModel), onChange(std::move(changeHandler)),
          client(std::move(url), std::move(token),
                 ControlClient::Callbacks{
                     [this](bool connected, const std::string& why)
                     {
                         onMessageThread(
                             [this, connected, why]
                             {
                                 const bool was = model.connected();
                                 onChange(model.setConnection(connected, why));
                                 if (connected && !was)
                                     connectedAgain();
                             });
                     },
                     [this](const std::string& method, const nlohmann::json& params) {
                         onMessageThread([this, method, params]
                                         { onChange(model.applyNotification(method, params)); });
                     },
                     std::move(onAuth)})
    {
    }

    // Message thread, after each connect (not after a failed attempt).
    virtual void connectedAgain() = 0;

    // Runs fn on the message thread, unless this link is gone by then.
    void onMessageThread(std::function<void()> fn)
    {
        std::weak_ptr<bool> weak = alive;
        juce::MessageManager::callAsync(
            [weak, fn = std::move(fn)]
            {
                if (weak.lock())
                    fn();
            });
    }

    // A call whose answer comes back on the message thread.
    void callAnswered(const std::string& method, const nlohmann::json& params,
                      std::function<void(const RpcReply& answer)> answered)
    {
        client.call(method, params,
                    [this, answered = std::move(answered)](const RpcReply& answer)
                    { onMessageThread([answered, answer] { answered(answer); }); });
    }

    Model& model;
    ChangeHandler onChange;

private:
    std::shared_ptr<bool> alive = std::make_shared<bool>(true);
    ControlClient client;
};

} // namespace dragoman::ui
