#pragma once
// What waits to be written to one client, bounded: at most `capBytes` queued (1 MiB by
// docs/CONTROL_API.md). Meters are coalesced: only the latest meters message is ever held, and it
// is the first thing dropped when the client falls behind; any other message that does not fit
// means the client is too slow to keep up, and the caller disconnects it (it resynchronises with
// state.get when it reconnects). Replies and notifications are never dropped silently: the
// client either gets every one or is disconnected.
//
// Threads: the network thread that owns the client. Pure.

#include <cstddef>
#include <deque>
#include <optional>
#include <string>

namespace dragoman::control
{

class ClientOutbox
{
public:
    static constexpr std::size_t kDefaultCap = 1024 * 1024;

    explicit ClientOutbox(std::size_t capBytes = kDefaultCap) : cap(capBytes) {}

    // False when the message does not fit even after dropping the meters: disconnect.
    bool push(std::string message);
    // Replaces the waiting meters; dropped (and counted) when it does not fit.
    void pushMeters(std::string message);
    // The next message to write: every queued message in order, then the meters.
    std::optional<std::string> pop();

    bool empty() const noexcept { return queue.empty() && !meters; }
    std::size_t bytes() const noexcept { return queued + (meters ? meters->size() : 0); }
    std::size_t metersDropped() const noexcept { return droppedMeters; }

private:
    std::size_t cap;
    std::deque<std::string> queue;
    std::size_t queued = 0;
    std::optional<std::string> meters;
    std::size_t droppedMeters = 0;
};

} // namespace dragoman::control
