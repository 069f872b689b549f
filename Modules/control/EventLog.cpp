#include "control/EventLog.h"

#include <algorithm>

namespace dragoman::control
{

const nlohmann::json& EventLog::append(nlohmann::json event)
{
    event["seq"] = ++last;
    events.push_back(std::move(event));
    while (events.size() > cap)
        events.pop_front();
    return events.back();
}

EventLog::Page EventLog::after(std::uint64_t seq, std::size_t limit) const
{
    Page page;
    page.next = seq;
    if (events.empty())
        return page;
    // Sequence numbers are consecutive, so the first wanted event is found by arithmetic.
    const std::uint64_t first = events.front()["seq"].get<std::uint64_t>();
    std::size_t index = seq < first ? 0 : static_cast<std::size_t>(seq - first + 1);
    limit = std::clamp<std::size_t>(limit, 1, 1000);
    for (; index < events.size() && page.events.size() < limit; ++index)
    {
        page.events.push_back(events[index]);
        page.next = events[index]["seq"].get<std::uint64_t>();
    }
    return page;
}

} // namespace dragoman::control
