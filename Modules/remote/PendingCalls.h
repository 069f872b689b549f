#pragma once
// Calls sent and not yet answered, by id. Ids grow for the client's whole life and are never
// reused, so a reply that arrives after its call timed out (or after a reconnect) matches
// nothing instead of the wrong call.
//
// Threads: the client's network thread only.

#include "RpcReply.h"

#include <asio/steady_timer.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>

namespace dragoman
{

class PendingCalls
{
public:
    using Reply = std::function<void(const RpcReply&)>;

    // Registers a call; `deadline`, if any, is cancelled when the call is taken.
    std::int64_t add(Reply reply, std::shared_ptr<asio::steady_timer> deadline = nullptr);
    // The call's reply handler (empty when the id is unknown or the call had none), removed.
    Reply take(std::int64_t id);
    // Answers every pending call with `failure`, in the order they were sent. Calls added by the
    // handlers themselves are kept for later.
    void failAll(const RpcReply& failure);
    std::size_t size() const { return calls.size(); }

private:
    struct Entry
    {
        Reply reply;
        std::shared_ptr<asio::steady_timer> deadline;
    };
    std::int64_t nextId = 1;
    std::map<std::int64_t, Entry> calls;
};

} // namespace dragoman
