#pragma once
// One channel's RTP/Opus stream (RFC 3550, RFC 7587) to its destinations: the channel's
// multicast group and its unicast list, RTCP on the next port up (RFC 3550 §11). Payload type
// 96, RTP clock 48 kHz; SSRC, first sequence number and first timestamp are random (RFC 3550
// §5.1), so a restarted engine is seen by receivers as a new source.
//
// RTCP: a sender report (NTP <-> RTP time, packet and octet counts) with SDES CNAME, sent by
// the caller about once a second; BYE with the last report on stop. Receivers answer with
// receiver reports: unicast ones to the address the SRs came from (this socket's port),
// multicast ones to the group's RTCP port (RFC 3550 §6), which create() joins on the session's
// interface. readReports() reads both into one ListenerReports and publishes the listener
// count, loss, jitter and round trip in the counters.
//
// Threads: create() on the control thread. sendFrame(), sendReport(), readReports(): the
// encoder thread only. counters(), sendTimes(): any thread (relaxed atomics).

#include "core/Result.h"
#include "core/Session.h"
#include "stream/ListenerReports.h"
#include "stream/ReceiveSocket.h"
#include "stream/SendTimeHistogram.h"
#include "stream/StreamCounters.h"
#include "stream/UdpSocket.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace dragoman
{

inline constexpr std::uint8_t rtpOpusPayloadType = 96;

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

    // Reads the RTCP datagrams waiting on the sending socket and the group's RTCP port
    // (non-blocking, bounded), and publishes the listeners' summary in counters().
    void readReports(std::chrono::steady_clock::time_point now);

    std::uint32_t ssrc() const noexcept { return start.ssrc; }
    const StreamCounters& counters() const noexcept { return count; }
    StreamCounters& counters() noexcept { return count; }
    // How long each frame's RTP fan-out to all destinations took.
    const SendTimeHistogram& sendTimes() const noexcept { return fanoutTimes; }

private:
    RtpStreamSender(std::unique_ptr<UdpSocket> socket, SocketHandle groupReports,
                    std::vector<sockaddr_in> rtp, std::vector<sockaddr_in> rtcp, std::string cname,
                    RtpStart first);
    void sendAll(const std::vector<sockaddr_in>& to,
                 std::span<const std::uint8_t> datagram) noexcept;

    std::unique_ptr<UdpSocket> socket;
    SocketHandle groupReports; // the multicast group's RTCP port; none for unicast only
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
    ListenerReports listeners; // after `count`, which it writes
};

} // namespace dragoman
