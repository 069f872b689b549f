#pragma once
// One channel's RTP/Opus stream (RFC 3550, RFC 7587) to its destinations: the channel's
// multicast group and its unicast list, RTCP on the next port up (RFC 3550 §11). Payload type
// 96, RTP clock 48 kHz; SSRC, first sequence number and first timestamp are random (RFC 3550
// §5.1), so a restarted engine is seen by receivers as a new source.
//
// RTCP: a sender report (NTP <-> RTP time, packet and octet counts) with SDES CNAME, sent by
// the caller about once a second; BYE with the last report on stop. Receivers answer with
// receiver reports to the address the SRs came from (this socket's port; for multicast, the
// group's RTCP port, not read here yet): readReports() keeps a ListenerRoster of them and
// publishes the listener count, loss, jitter and round trip in the counters.
//
// Threads: create() on the control thread. sendFrame(), sendReport(), readReports(): the
// encoder thread only. counters(), sendTimes(): any thread (relaxed atomics).

#include "core/Result.h"
#include "core/Session.h"
#include "stream/ListenerRoster.h"
#include "stream/SendTimeHistogram.h"
#include "stream/UdpSocket.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace dragoman
{

inline constexpr std::uint8_t rtpOpusPayloadType = 96;

struct StreamCounters
{
    std::atomic<std::uint64_t> packets{0};
    std::atomic<std::uint64_t> bytes{0}; // RTP payload octets, as the SR counts them
    std::atomic<std::uint64_t> reports{0};
    std::atomic<std::uint64_t> sendErrors{0};
    std::atomic<std::uint64_t> encodeErrors{0};
    // From receivers' RTCP (readReports()).
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

// The first RTP values of a stream: random in production, fixed in tests.
struct RtpStart
{
    std::uint32_t ssrc = 0;
    std::uint16_t sequence = 0;
    std::uint32_t timestamp = 0;
    static RtpStart random();
};

class RtpStreamSender
{
public:
    static Result<std::unique_ptr<RtpStreamSender>> create(const ChannelDestinations& destinations,
                                                           const NetworkSpec& network,
                                                           std::string cname,
                                                           RtpStart start = RtpStart::random());

    // Sends one encoded frame of `frameSamples` samples to every destination; the RTP timestamp
    // then advances by `frameSamples`. `captured`: the wall-clock time of the frame's last
    // sample, kept for the next sender report's NTP <-> RTP pair.
    void sendFrame(std::span<const std::uint8_t> payload, std::uint32_t frameSamples,
                   std::chrono::system_clock::time_point captured) noexcept;

    // SR + SDES CNAME (+ BYE) to every destination's RTCP port.
    void sendReport(bool bye) noexcept;

    // Reads every RTCP datagram waiting on the socket (non-blocking), updates the roster and
    // publishes its summary in counters().
    void readReports(std::chrono::steady_clock::time_point now);

    std::uint32_t ssrc() const noexcept { return start.ssrc; }
    const StreamCounters& counters() const noexcept { return count; }
    StreamCounters& counters() noexcept { return count; }
    // How long each frame's RTP fan-out to all destinations took.
    const SendTimeHistogram& sendTimes() const noexcept { return fanoutTimes; }

private:
    RtpStreamSender(std::unique_ptr<UdpSocket> socket, std::vector<sockaddr_in> rtp,
                    std::vector<sockaddr_in> rtcp, std::string cname, RtpStart first);
    void sendAll(const std::vector<sockaddr_in>& to,
                 std::span<const std::uint8_t> datagram) noexcept;

    std::unique_ptr<UdpSocket> socket;
    std::vector<sockaddr_in> rtpDestinations;
    std::vector<sockaddr_in> rtcpDestinations;
    std::string canonicalName;
    RtpStart start;
    std::uint16_t sequence;
    std::uint32_t timestamp;                             // of the next frame's first sample
    std::chrono::system_clock::time_point lastCapture{}; // wall clock of sample `timestamp`
    bool sentAny = false;
    std::uint32_t packetCount = 0;
    std::uint32_t octetCount = 0;
    std::vector<std::uint8_t> buffer;
    StreamCounters count;
    SendTimeHistogram fanoutTimes;
    ListenerRoster roster;
};

} // namespace dragoman
