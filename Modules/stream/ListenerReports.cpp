#include "stream/ListenerReports.h"

#include "net/Rtcp.h"

#include <arpa/inet.h>

namespace dragoman
{

void ListenerReports::take(std::span<const std::uint8_t> datagram, const sockaddr_in& from,
                           NtpTime arrival, ListenerRoster::Clock::time_point now)
{
    const auto parsed = parseRtcp(datagram);
    if (!parsed)
    {
        count.rtcpReceived.fetch_add(1, std::memory_order_relaxed);
        count.rtcpMalformed.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    // Our own sender reports, looped back by the group: not something we received.
    if (parsed->reporterSsrc == ssrc)
        return;
    count.rtcpReceived.fetch_add(1, std::memory_order_relaxed);
    // Another sender on the group (a second engine, a stray stream) is no delegate of ours,
    // even when it reports on us.
    if (parsed->sender)
    {
        count.rtcpForeign.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    const ListenerKey key{parsed->reporterSsrc, ntohl(from.sin_addr.s_addr), ntohs(from.sin_port)};
    bool ours = false;
    for (const auto& block : parsed->reports)
    {
        if (block.ssrc != ssrc)
            continue;
        ours = true;
        ListenerReport report;
        report.fractionLost = block.fractionLost;
        report.jitter = block.jitter;
        if (const auto rtt = roundTripTime(arrival, block))
            report.rttMs = std::chrono::duration<double, std::milli>(*rtt).count();
        if (!roster.heard(key, report, now))
            count.listenersRefused.fetch_add(1, std::memory_order_relaxed);
    }
    if (parsed->bye)
    {
        for (const auto source : parsed->byeSources)
            roster.left({source, key.address, key.port});
        ours = true;
    }
    if (!ours)
        count.rtcpForeign.fetch_add(1, std::memory_order_relaxed);
}

void ListenerReports::publish(ListenerRoster::Clock::time_point now)
{
    roster.expire(now);
    const auto summary = roster.summary(now);
    count.listeners.store(summary.listeners, std::memory_order_relaxed);
    count.lossPercent.store(summary.meanLossPercent, std::memory_order_relaxed);
    count.worstLossPercent.store(summary.worstLossPercent, std::memory_order_relaxed);
    count.jitterMs.store(summary.maxJitter * 1000.0 / 48000.0, std::memory_order_relaxed);
    count.rttMs.store(summary.maxRttMs.value_or(-1.0), std::memory_order_relaxed);
}

} // namespace dragoman
