#pragma once
// The engine's side of the control API, as little as the client's tests need: `auth` (token
// "good"), `echo` (result = params), `slow` (never answered), `hold`/`release` (answered later,
// in reverse order, to prove replies are matched by id), `big` (a result over 64 KiB).
//
// Threads: any; every method locks.

#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

namespace dragoman::test
{

class FakeEngine
{
public:
    // One request in, the messages to send back (replies; none for `slow` and `hold`).
    std::vector<std::string> handle(const std::string& message);

    std::vector<nlohmann::json> requests() const;
    // True once `count` requests have arrived in total.
    bool waitForRequests(std::size_t count, std::chrono::milliseconds timeout) const;

    static std::string notification(const std::string& method, const nlohmann::json& params);

private:
    mutable std::mutex mutex;
    mutable std::condition_variable arrived;
    std::vector<nlohmann::json> seen;
    std::vector<nlohmann::json> held;
};

} // namespace dragoman::test
