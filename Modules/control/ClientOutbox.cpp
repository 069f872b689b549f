#include "control/ClientOutbox.h"

namespace dragoman::control
{

bool ClientOutbox::push(std::string message)
{
    if (bytes() + message.size() > cap && meters)
    {
        meters.reset();
        ++droppedMeters;
    }
    if (queued + message.size() > cap)
        return false;
    queued += message.size();
    queue.push_back(std::move(message));
    return true;
}

void ClientOutbox::pushMeters(std::string message)
{
    if (meters)
    {
        // The older meters were never written: coalesced, not lost to the client's view.
        meters.reset();
        ++droppedMeters;
    }
    if (queued + message.size() > cap)
    {
        ++droppedMeters;
        return;
    }
    meters = std::move(message);
}

std::optional<std::string> ClientOutbox::pop()
{
    if (!queue.empty())
    {
        std::string next = std::move(queue.front());
        queue.pop_front();
        queued -= next.size();
        return next;
    }
    if (meters)
    {
        std::string next = std::move(*meters);
        meters.reset();
        return next;
    }
    return std::nullopt;
}

} // namespace dragoman::control
