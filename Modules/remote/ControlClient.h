#pragma once
// A console's or script's connection to a running engine's control API (docs/CONTROL_API.md):
// JSON-RPC 2.0 over ws://, wss://, tcp:// or tls://. It connects in the background, sends `auth`
// first after every (re)connect, reconnects by itself (0.2 s doubling to 2 s), matches replies
// to calls by id and hands server notifications (`state`, `event`, `meters`...) to a callback.
// It does not depend on the engine: only the wire.
//
// Threads:
// - One network thread per client (its own asio io_context), from start() to stop().
// - Every callback (Callbacks, and each call's `reply`) runs on that network thread; a GUI
//   marshals them to its own thread. A callback may use call() and connected(); it must not
//   use callAndWait() (it would wait for itself: it fails at once) nor start()/stop().
// - start(), stop() and the destructor: from the thread that owns the client.
// - call(), callAndWait() (not on the network thread) and connected(): any thread.

#include "ControlClientOptions.h"
#include "ControlUrl.h"
#include "RpcReply.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace dragoman
{

class ControlClient
{
public:
    struct Callbacks
    {
        // Both run on the client's network thread; a GUI marshals them to its own thread.
        // onConnection(true) after `auth` succeeded; onConnection(false, why) after every failed
        // attempt (refused, timed out, wrong token...) and when a connection ends.
        std::function<void(bool connected, const std::string& why)> onConnection;
        std::function<void(const std::string& method, const nlohmann::json& params)> onNotification;
        // Optional: the reply to `auth` (role, name, seat, engine version), before
        // onConnection(true) or, when it failed, before onConnection(false).
        std::function<void(const RpcReply& auth)> onAuth;
    };

    ControlClient(ControlUrl url, std::string token, Callbacks callbacks);
    ControlClient(ControlUrl url, std::string token, Callbacks callbacks,
                  ControlClientOptions options);
    ~ControlClient(); // stops and joins
    ControlClient(const ControlClient&) = delete;
    ControlClient& operator=(const ControlClient&) = delete;

    // Connects in the background; after every (re)connect it calls `auth` with the token first
    // (no `auth` when the token is empty), then reports connected. Reconnects by itself with
    // backoff 0.2 s doubling to 2 s. Calling start() twice does nothing.
    void start();
    // Closes the connection, fails pending calls (-32000 "stopped"), reports onConnection(false)
    // if it was connected, and joins the network thread. start() may be called again.
    void stop();
    bool connected() const;

    // Asynchronous; `reply` runs on the network thread (or never if not given). While
    // disconnected the call fails at once with code -32000 "not connected" (on the caller's
    // thread when the client is not started). Calls pending when the connection drops fail with
    // -32000 "disconnected: WHY".
    void call(std::string method, nlohmann::json params,
              std::function<void(const RpcReply&)> reply = {});
    // For scripts: waits for the reply (or the timeout: code -32000 "timeout").
    RpcReply callAndWait(std::string method, nlohmann::json params,
                         std::chrono::milliseconds timeout);

    const ControlUrl& url() const;

private:
    class Network;
    struct Shared;
    std::shared_ptr<Shared> shared;
};

} // namespace dragoman
