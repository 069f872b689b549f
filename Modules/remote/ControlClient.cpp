#include "ControlClient.h"

#include "JsonRpcMessage.h"
#include "MessageLink.h"
#include "PendingCalls.h"
#include "ReconnectBackoff.h"

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>

#include <atomic>
#include <cstdio>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

namespace dragoman
{

namespace
{

RpcReply clientFailure(std::string message)
{
    return RpcReply::failure(rpc_error::client, std::move(message));
}

std::string seconds(std::chrono::milliseconds duration)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(duration.count()) / 1000.0);
    return text;
}

} // namespace

// What outlives each start()/stop(): the configuration, and the running network if any.
struct ControlClient::Shared
{
    ControlUrl url;
    std::string token;
    Callbacks callbacks;
    ControlClientOptions options;
    std::atomic<bool> connected{false};
    std::atomic<std::thread::id> networkThread{};
    std::mutex mutex; // guards `network`: call() posts into it while stop() takes it away
    std::unique_ptr<Network> network;
};

// One start()..stop(): the io_context, its thread, the link and the JSON-RPC state. Everything
// below except the constructor, begin() and finish() runs on the network thread.
class ControlClient::Network
{
public:
    explicit Network(Shared& owner)
        : shared(owner), retryTimer(io), connectTimer(io),
          backoff(owner.options.firstRetry, owner.options.longestRetry)
    {
        link = makeMessageLink(io, shared.url, shared.options,
                               MessageLink::Handlers{[this] { opened(); },
                                                     [this](std::string&& message)
                                                     { received(std::move(message)); },
                                                     [this](const std::string& why)
                                                     {
                                                         closed(why);
                                                     }});
    }

    ~Network() { finish(); }

    void begin()
    {
        asio::post(io, [this] { connect(); });
        std::promise<void> done;
        finished = done.get_future();
        thread = std::thread(
            [this, done = std::move(done)]() mutable
            {
                shared.networkThread = std::this_thread::get_id();
                runUntilIdle();
                shared.networkThread = std::thread::id{};
                done.set_value();
            });
    }

    // Owner thread: closes politely, then waits at most ~1.5 s before cutting the io_context
    // short (a WebSocket peer that never answers the close frame must not hang a GUI's exit).
    void finish()
    {
        if (!thread.joinable())
            return;
        asio::post(io, [this] { stopOnNetwork(); });
        if (finished.wait_for(std::chrono::milliseconds(1500)) != std::future_status::ready)
            io.stop();
        thread.join();
        shared.connected = false;
        pending.failAll(clientFailure("stopped"));
    }

    void send(std::string method, nlohmann::json params, PendingCalls::Reply reply,
              std::optional<std::chrono::milliseconds> timeout)
    {
        if (phase != Phase::connected)
        {
            if (reply)
                reply(clientFailure("not connected"));
            return;
        }
        std::shared_ptr<asio::steady_timer> deadline;
        if (timeout)
            deadline = std::make_shared<asio::steady_timer>(io, *timeout);
        const std::int64_t id = pending.add(std::move(reply), deadline);
        if (deadline)
            deadline->async_wait(
                [this, id](const asio::error_code& error)
                {
                    if (error)
                        return;
                    if (auto late = pending.take(id))
                        late(clientFailure("timeout"));
                });
        link->send(encodeRequest(id, method, params));
    }

    asio::io_context io;

private:
    enum class Phase
    {
        connecting,     // link opening
        authenticating, // open, `auth` sent
        connected,
        waiting, // between attempts
        stopping,
        stopped
    };

    void runUntilIdle()
    {
        // A callback that throws must not take the network thread (and with it every console
        // update) down silently.
        for (;;)
        {
            try
            {
                io.run();
                return;
            }
            catch (const std::exception& error)
            {
                std::fprintf(stderr, "dragoman remote: a callback threw: %s\n", error.what());
            }
        }
    }

    void connect()
    {
        if (phase == Phase::stopping || phase == Phase::stopped)
            return;
        phase = Phase::connecting;
        ++attempt;
        closeReason.clear();
        authRefused = false;
        connectTimer.expires_after(shared.options.connectTimeout);
        connectTimer.async_wait(
            [this, started = attempt](const asio::error_code& error)
            {
                if (error || started != attempt ||
                    (phase != Phase::connecting && phase != Phase::authenticating))
                    return;
                closeReason = "no answer within " + seconds(shared.options.connectTimeout);
                link->close(closeReason);
            });
        link->open();
    }

    void opened()
    {
        if (phase != Phase::connecting)
            return;
        if (shared.token.empty())
            return becomeConnected();
        phase = Phase::authenticating;
        const std::int64_t id = pending.add([this, started = attempt](const RpcReply& reply)
                                            { authenticated(started, reply); });
        link->send(encodeRequest(id, "auth", {{"token", shared.token}}));
    }

    void authenticated(std::uint64_t started, const RpcReply& reply)
    {
        if (started != attempt || phase != Phase::authenticating)
            return;
        if (shared.callbacks.onAuth)
            shared.callbacks.onAuth(reply);
        if (reply.ok)
            return becomeConnected();
        authRefused = true;
        closeReason =
            "the engine refused the token: " + std::to_string(reply.code) + " " + reply.message;
        link->close(closeReason);
    }

    void becomeConnected()
    {
        connectTimer.cancel();
        backoff.reset();
        phase = Phase::connected;
        shared.connected = true;
        if (shared.callbacks.onConnection)
            shared.callbacks.onConnection(true, "connected to " + shared.url.text());
    }

    void received(std::string&& text)
    {
        IncomingMessage message = decodeIncoming(text);
        if (message.kind == IncomingMessage::Kind::reply)
        {
            if (auto reply = pending.take(message.id))
                reply(message.reply);
        }
        else if (message.kind == IncomingMessage::Kind::notification)
        {
            if (shared.callbacks.onNotification)
                shared.callbacks.onNotification(message.method, message.params);
        }
        // Anything else is the server's problem, and the server logs it; a console keeps going.
    }

    void closed(const std::string& why)
    {
        connectTimer.cancel();
        const Phase before = phase;
        const bool stopping = before == Phase::stopping;
        phase = stopping ? Phase::stopped : Phase::waiting;
        shared.connected = false;

        std::string reason = closeReason.empty() ? why : closeReason;
        if (stopping)
            reason = "stopped";
        else if (before == Phase::connected)
            reason = "connection to " + shared.url.text() + " lost: " + reason;
        else if (before == Phase::authenticating && authRefused)
            reason = shared.url.text() + ": " + reason;
        else
            reason = "cannot connect to " + shared.url.text() + ": " + reason;

        pending.failAll(clientFailure(stopping ? "stopped" : "disconnected: " + reason));
        if (shared.callbacks.onConnection && (!stopping || reportStopAsDisconnect))
            shared.callbacks.onConnection(false, reason);

        if (stopping)
            return work.reset();
        retryTimer.expires_after(backoff.next());
        retryTimer.async_wait(
            [this](const asio::error_code& error)
            {
                if (!error)
                    connect();
            });
    }

    void stopOnNetwork()
    {
        retryTimer.cancel();
        connectTimer.cancel();
        const Phase before = phase;
        phase = Phase::stopping;
        if (before == Phase::waiting || before == Phase::stopped)
        {
            phase = Phase::stopped;
            pending.failAll(clientFailure("stopped"));
            return work.reset();
        }
        reportStopAsDisconnect = before == Phase::connected;
        link->close("stopped");
    }

    Shared& shared;
    asio::executor_work_guard<asio::io_context::executor_type> work = asio::make_work_guard(io);
    asio::steady_timer retryTimer;
    asio::steady_timer connectTimer;
    std::unique_ptr<MessageLink> link;
    ReconnectBackoff backoff;
    PendingCalls pending;
    Phase phase = Phase::waiting;
    std::uint64_t attempt = 0;
    std::string closeReason;
    bool authRefused = false; // a refusal is reported as such, not as "cannot connect"
    bool reportStopAsDisconnect = false;
    std::future<void> finished;
    std::thread thread;
};

ControlClient::ControlClient(ControlUrl url, std::string token, Callbacks callbacks)
    : ControlClient(std::move(url), std::move(token), std::move(callbacks), ControlClientOptions{})
{
}

ControlClient::ControlClient(ControlUrl url, std::string token, Callbacks callbacks,
                             ControlClientOptions options)
    : shared(std::make_shared<Shared>())
{
    shared->url = std::move(url);
    shared->token = std::move(token);
    shared->callbacks = std::move(callbacks);
    shared->options = std::move(options);
}

ControlClient::~ControlClient()
{
    stop();
}

void ControlClient::start()
{
    std::lock_guard lock(shared->mutex);
    if (shared->network)
        return;
    shared->network = std::make_unique<Network>(*shared);
    shared->network->begin();
}

void ControlClient::stop()
{
    std::unique_ptr<Network> network;
    {
        std::lock_guard lock(shared->mutex);
        network = std::move(shared->network);
    }
    if (network)
        network->finish();
}

bool ControlClient::connected() const
{
    return shared->connected;
}

const ControlUrl& ControlClient::url() const
{
    return shared->url;
}

void ControlClient::call(std::string method, nlohmann::json params,
                         std::function<void(const RpcReply&)> reply)
{
    std::unique_lock lock(shared->mutex);
    if (!shared->network)
    {
        lock.unlock();
        if (reply)
            reply(clientFailure("not connected"));
        return;
    }
    Network* network = shared->network.get();
    asio::post(network->io, [network, method = std::move(method), params = std::move(params),
                             reply = std::move(reply)]() mutable
               { network->send(std::move(method), std::move(params), std::move(reply), {}); });
}

RpcReply ControlClient::callAndWait(std::string method, nlohmann::json params,
                                    std::chrono::milliseconds timeout)
{
    if (shared->networkThread.load() == std::this_thread::get_id())
        return clientFailure("callAndWait on the client's network thread would wait for itself");
    auto answer = std::make_shared<std::promise<RpcReply>>();
    auto future = answer->get_future();
    auto reply = [answer](const RpcReply& outcome)
    {
        answer->set_value(outcome);
    };
    {
        std::unique_lock lock(shared->mutex);
        if (!shared->network)
            return clientFailure("not connected");
        Network* network = shared->network.get();
        asio::post(
            network->io, [network, method = std::move(method), params = std::move(params),
                          reply = std::move(reply), timeout]() mutable
            { network->send(std::move(method), std::move(params), std::move(reply), timeout); });
    }
    // The network thread answers within `timeout`; the margin only covers a client stopped
    // while the call was on its way.
    if (future.wait_for(timeout + std::chrono::seconds(2)) != std::future_status::ready)
        return clientFailure("timeout");
    return future.get();
}

} // namespace dragoman
