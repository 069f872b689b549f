#include "CtlConnection.h"

#include <charconv>
#include <cstdlib>
#include <iostream>

namespace dragoman::cli
{

std::string CtlTarget::resolvedUrl() const
{
    if (!url.empty())
        return url;
    if (const char* fromEnvironment = std::getenv("DRAGOMAN_URL");
        fromEnvironment && *fromEnvironment)
        return fromEnvironment;
    return "ws://127.0.0.1:7700/rpc";
}

std::string CtlTarget::resolvedToken() const
{
    if (!token.empty())
        return token;
    const char* fromEnvironment = std::getenv("DRAGOMAN_TOKEN");
    return fromEnvironment ? fromEnvironment : "";
}

std::optional<std::chrono::milliseconds> CtlTarget::timeout() const
{
    double seconds = 0.0;
    const auto [end, error] =
        std::from_chars(timeoutText.data(), timeoutText.data() + timeoutText.size(), seconds);
    if (error != std::errc{} || end != timeoutText.data() + timeoutText.size() ||
        !(seconds > 0.0) || seconds > 3600.0)
        return std::nullopt;
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0));
}

int ctlError(int code, const std::string& message)
{
    std::cerr << "dragoman ctl: " << message << '\n';
    return code;
}

CtlConnection::CtlConnection(
    const CtlTarget& target, std::chrono::milliseconds timeout, ControlUrl url,
    std::function<void(const std::string&, const nlohmann::json&)> notification,
    std::function<void(bool, const std::string&)> connectionChanged)
    : onChange(std::move(connectionChanged))
{
    ControlClient::Callbacks callbacks;
    callbacks.onConnection = [this](bool up, const std::string& why)
    {
        {
            std::lock_guard lock(mutex);
            if (!first)
                first.emplace(up, why);
        }
        changed.notify_all();
        if (onChange)
            onChange(up, why);
    };
    callbacks.onAuth = [this](const RpcReply& reply)
    {
        std::lock_guard lock(mutex);
        auth = reply;
    };
    callbacks.onNotification = std::move(notification);

    ControlClientOptions options;
    options.verifyTlsPeer = !target.insecure;
    options.caFile = target.caFile;
    options.connectTimeout = timeout;
    controlClient = std::make_unique<ControlClient>(std::move(url), target.resolvedToken(),
                                                    std::move(callbacks), options);
}

int CtlConnection::waitUntilConnected(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(mutex);
    // The client gives up on an attempt after `timeout` itself; the margin is for its report.
    if (!changed.wait_for(lock, timeout + std::chrono::seconds(1),
                          [this] { return first.has_value(); }))
        return ctlError(ctlCannotConnect,
                        "-32000 cannot connect to " + controlClient->url().text() + ": no answer");
    if (first->first)
        return 0;
    if (auth && !auth->ok)
        return ctlError(ctlFailed, std::to_string(auth->code) + " " + auth->message);
    return ctlError(ctlCannotConnect, "-32000 " + first->second);
}

} // namespace dragoman::cli
