#include "PendingCalls.h"

namespace dragoman
{

std::int64_t PendingCalls::add(Reply reply, std::shared_ptr<asio::steady_timer> deadline)
{
    const std::int64_t id = nextId++;
    calls.emplace(id, Entry{std::move(reply), std::move(deadline)});
    return id;
}

PendingCalls::Reply PendingCalls::take(std::int64_t id)
{
    const auto found = calls.find(id);
    if (found == calls.end())
        return {};
    Entry entry = std::move(found->second);
    calls.erase(found);
    if (entry.deadline)
        entry.deadline->cancel();
    return std::move(entry.reply);
}

void PendingCalls::failAll(const RpcReply& failure)
{
    std::map<std::int64_t, Entry> failing;
    failing.swap(calls);
    for (auto& [id, entry] : failing)
    {
        if (entry.deadline)
            entry.deadline->cancel();
        if (entry.reply)
            entry.reply(failure);
    }
}

} // namespace dragoman
