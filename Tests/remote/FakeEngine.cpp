#include "FakeEngine.h"

namespace dragoman::test
{

namespace
{

std::string result(const nlohmann::json& id, const nlohmann::json& value)
{
    return nlohmann::json{{"jsonrpc", "2.0"}, {"id", id}, {"result", value}}.dump();
}

std::string error(const nlohmann::json& id, int code, const std::string& message)
{
    return nlohmann::json{
        {"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}}
        .dump();
}

} // namespace

std::vector<std::string> FakeEngine::handle(const std::string& message)
{
    const nlohmann::json request = nlohmann::json::parse(message, nullptr, false);
    std::lock_guard lock(mutex);
    seen.push_back(request);
    arrived.notify_all();
    if (!request.is_object())
        return {error(nullptr, -32700, "parse error")};
    const auto id = request.value("id", nlohmann::json{});
    const auto method = request.value("method", std::string{});
    const auto params = request.value("params", nlohmann::json{});
    if (method == "auth")
    {
        if (params.value("token", std::string{}) == "good")
            return {result(id, {{"role", "technician"}, {"name", "Test"}})};
        return {error(id, -32001, "unauthenticated: wrong token")};
    }
    if (method == "echo")
        return {result(id, params)};
    if (method == "slow")
        return {};
    if (method == "hold")
    {
        held.push_back(request);
        return {};
    }
    if (method == "release")
    {
        std::vector<std::string> replies;
        for (auto call = held.rbegin(); call != held.rend(); ++call)
            replies.push_back(result((*call)["id"], (*call)["params"]));
        replies.push_back(result(id, {{"released", held.size()}}));
        held.clear();
        return replies;
    }
    if (method == "big")
        return {result(id, std::string(70 * 1024, 'x'))};
    return {error(id, -32601, "method not found: " + method)};
}

std::vector<nlohmann::json> FakeEngine::requests() const
{
    std::lock_guard lock(mutex);
    return seen;
}

bool FakeEngine::waitForRequests(std::size_t count, std::chrono::milliseconds timeout) const
{
    std::unique_lock lock(mutex);
    return arrived.wait_for(lock, timeout, [&] { return seen.size() >= count; });
}

std::string FakeEngine::notification(const std::string& method, const nlohmann::json& params)
{
    return nlohmann::json{{"jsonrpc", "2.0"}, {"method", method}, {"params", params}}.dump();
}

} // namespace dragoman::test
