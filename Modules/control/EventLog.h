#pragma once
// The engine's events as the control API serves them: the last 10,000, numbered from 1 in the
// order the engine emitted them, so that a console that missed some (it was disconnected) asks
// for everything after the last number it saw.
//
// Threads: the network thread only.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <deque>

namespace dragoman::control
{

class EventLog
{
public:
    static constexpr std::size_t kCapacity = 10000;

    explicit EventLog(std::size_t capacity = kCapacity) : cap(capacity) {}

    // Numbers the event (adds "seq"), keeps it, returns it as numbered.
    const nlohmann::json& append(nlohmann::json event);

    struct Page
    {
        nlohmann::json events = nlohmann::json::array();
        std::uint64_t next = 0; // pass as `after` to continue
    };
    // Events with seq > after, at most `limit` (1..1000).
    Page after(std::uint64_t seq, std::size_t limit) const;

    std::uint64_t lastSeq() const noexcept { return last; }

private:
    std::size_t cap;
    std::deque<nlohmann::json> events;
    std::uint64_t last = 0;
};

} // namespace dragoman::control
