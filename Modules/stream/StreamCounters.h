#pragma once
// What one stream has sent and what its listeners report about it: written by the stream's
// encoder thread (RtpStreamSender, ListenerReports), read by any thread (relaxed atomics).

#include <atomic>
#include <cstdint>

namespace dragoman
{

struct StreamCounters
{
    std::atomic<std::uint64_t> packets{0};
    std::atomic<std::uint64_t> bytes{0}; // RTP payload octets, as the SR counts them
    std::atomic<std::uint64_t> reports{0};
    std::atomic<std::uint64_t> sendErrors{0};
    std::atomic<std::uint64_t> encodeErrors{0};
    // From receivers' RTCP (ListenerReports).
    std::atomic<std::uint64_t> listeners{0};
    std::atomic<double> lossPercent{0.0};      // mean fraction lost over current listeners
    std::atomic<double> worstLossPercent{0.0}; // the listener that loses most
    std::atomic<double> jitterMs{0.0};         // the largest jitter a listener reports
    std::atomic<double> rttMs{-1.0};           // the slowest listener's round trip; < 0: none
    std::atomic<std::uint64_t> rtcpReceived{0};
    std::atomic<std::uint64_t> rtcpMalformed{0};    // not RTCP, or RTCP that fails its checks
    std::atomic<std::uint64_t> rtcpForeign{0};      // valid RTCP about no stream of ours
    std::atomic<std::uint64_t> listenersRefused{0}; // new reporters past the roster's bound
};

} // namespace dragoman
