#include "stream/ListenerRoster.h"

#include <algorithm>

namespace dragoman
{

std::size_t ListenerRoster::KeyHash::operator()(const ListenerKey& key) const noexcept
{
    // SplitMix64's finaliser: reporters differ in few bits (same subnet, sequential ports).
    std::uint64_t x = (std::uint64_t{key.address} << 32) ^ (std::uint64_t{key.port} << 16) ^
                      (std::uint64_t{key.ssrc} * 0x9e3779b97f4a7c15ull);
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return static_cast<std::size_t>(x);
}

ListenerRoster::ListenerRoster(std::size_t maxEntries, Clock::duration silence)
    : capacity(maxEntries), timeout(silence)
{
}

bool ListenerRoster::heard(const ListenerKey& key, const ListenerReport& report,
                           Clock::time_point now)
{
    auto found = entries.find(key);
    if (found == entries.end())
    {
        if (entries.size() >= capacity)
        {
            ++refusedCount;
            return false;
        }
        found = entries.emplace(key, Entry{}).first;
    }
    found->second.report = report;
    found->second.lastHeard = now;
    return true;
}

void ListenerRoster::left(const ListenerKey& key)
{
    entries.erase(key);
}

void ListenerRoster::expire(Clock::time_point now)
{
    std::erase_if(entries,
                  [&](const auto& entry) { return now - entry.second.lastHeard > timeout; });
}

ListenerRoster::Summary ListenerRoster::summary(Clock::time_point now) const
{
    Summary result;
    double lossSum = 0.0;
    for (const auto& [key, entry] : entries)
    {
        if (now - entry.lastHeard > timeout)
            continue;
        const double loss = entry.report.fractionLost * 100.0 / 256.0;
        ++result.listeners;
        lossSum += loss;
        result.worstLossPercent = std::max(result.worstLossPercent, loss);
        result.maxJitter = std::max(result.maxJitter, entry.report.jitter);
        if (entry.report.rttMs)
            result.maxRttMs = std::max(result.maxRttMs.value_or(0.0), *entry.report.rttMs);
    }
    if (result.listeners > 0)
        result.meanLossPercent = lossSum / static_cast<double>(result.listeners);
    return result;
}

} // namespace dragoman
