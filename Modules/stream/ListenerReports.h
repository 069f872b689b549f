#pragma once
// The RTCP that comes back to one stream's sender, read into its ListenerRoster: receiver
// reports about our SSRC count a listener (loss, jitter, round trip), a BYE counts it out. Fed
// from every socket the reports can arrive on (RFC 3550 §6): the sending socket, where unicast
// receivers answer our sender reports, and the multicast group's RTCP port, where a group's
// receivers report to all its members. On the group we also hear ourselves (multicast loopback)
// and other senders: our own SSRC and every sender report are never a listener.
//
// Threads: one owner thread (the stream's encoder thread); allocates while the roster grows.
// The counters it publishes are read by any thread.

#include "net/NtpTime.h"
#include "stream/ListenerRoster.h"
#include "stream/StreamCounters.h"

#include <netinet/in.h>

#include <chrono>
#include <cstdint>
#include <span>

namespace dragoman
{

class ListenerReports
{
public:
    ListenerReports(std::uint32_t ourSsrc, StreamCounters& counters)
        : ssrc(ourSsrc), count(counters)
    {
    }

    // One datagram from `from`, arrived at `arrival` (wall clock, for the round trip) and `now`.
    void take(std::span<const std::uint8_t> datagram, const sockaddr_in& from, NtpTime arrival,
              ListenerRoster::Clock::time_point now);
    // Forgets silent listeners and publishes the roster's summary in the counters.
    void publish(ListenerRoster::Clock::time_point now);

private:
    std::uint32_t ssrc;
    StreamCounters& count;
    ListenerRoster roster;
};

} // namespace dragoman
