#pragma once
// What `dragoman ctl` needs around a ControlClient: where to connect (--url, $DRAGOMAN_URL, or
// ws://127.0.0.1:7700/rpc), with which token (--token or $DRAGOMAN_TOKEN), and a wait for the
// first connection's outcome, so that a script gets one clear error instead of a client that
// retries forever.
//
// Threads: the program's main thread; the client's callbacks are forwarded from its network
// thread through a mutex.

#include "remote/ControlClient.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace dragoman::cli
{

// Exit codes of `dragoman ctl`.
inline constexpr int ctlFailed = 1;       // the engine answered with an error, or timed out
inline constexpr int ctlBadArguments = 2; // nothing was sent
inline constexpr int ctlCannotConnect = 3;

struct CtlTarget
{
    std::string url;               // as given; empty = $DRAGOMAN_URL or the default
    std::string token;             // empty = $DRAGOMAN_TOKEN
    std::string timeoutText = "5"; // seconds, as given; checked by timeout()
    bool insecure = false;
    std::string caFile;

    std::string resolvedUrl() const;
    std::string resolvedToken() const;
    // The timeout, or nothing when timeoutText is not a number of seconds in (0, 3600].
    std::optional<std::chrono::milliseconds> timeout() const;
};

// Prints `dragoman ctl: MESSAGE` on stderr and returns `code`.
int ctlError(int code, const std::string& message);

// A client and the first outcome of its connection.
class CtlConnection
{
public:
    // `notification` and `connectionChanged` are forwarded from the network thread.
    CtlConnection(const CtlTarget& target, std::chrono::milliseconds timeout, ControlUrl url,
                  std::function<void(const std::string&, const nlohmann::json&)> notification = {},
                  std::function<void(bool, const std::string&)> connectionChanged = {});

    void start() { controlClient->start(); }
    // 0 once connected; otherwise prints why and returns the exit code (3, or 1 for a refused
    // token).
    int waitUntilConnected(std::chrono::milliseconds timeout);

    ControlClient& client() { return *controlClient; }

private:
    std::mutex mutex;
    std::condition_variable changed;
    std::optional<std::pair<bool, std::string>> first;
    std::optional<RpcReply> auth;
    std::function<void(bool, const std::string&)> onChange;
    std::unique_ptr<ControlClient> controlClient;
};

} // namespace dragoman::cli
