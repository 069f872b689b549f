#pragma once
// What a delegate's receiver tells the sender about the stream it plays (RFC 3550 §6.4.2):
// loss since the last report and in all, the extended highest sequence number, interarrival
// jitter, and LSR/DLSR so that the sender can measure the round trip. Fed by the RTP packets and
// sender reports of the channel being played; a new SSRC (a restarted sender, another channel)
// starts the statistics afresh, as the report is about one source.
//
// receiverReport() builds the RTCP compound the receiver sends: RR with this block (none before
// a source is valid), SDES CNAME, and a BYE when it leaves.
//
// Threads: one owner thread (the receiver's network thread); real-time safe, no allocation.

#include "core/Realtime.h"
#include "net/InterarrivalJitter.h"
#include "net/NtpTime.h"
#include "net/Rtcp.h"
#include "net/RtpSequence.h"
#include "receive/Timing.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace dragoman
{

class SourceReception
{
public:
    void onRtp(std::uint32_t ssrc, std::uint16_t sequence, std::uint32_t rtpTimestamp,
               Nanoseconds arrival) noexcept DRAGOMAN_NONBLOCKING;
    // A sender report of `ssrc` (ignored unless it is the source being counted).
    void onSenderReport(std::uint32_t ssrc, NtpTime ntp,
                        Nanoseconds arrival) noexcept DRAGOMAN_NONBLOCKING;
    // Forgets the source (a channel switch).
    void reset() noexcept DRAGOMAN_NONBLOCKING;

    bool hasSource() const noexcept { return started; }
    std::uint32_t ssrc() const noexcept { return source; }

    // The report block as of `now`, and the start of the next loss interval; nothing while no
    // source is valid yet.
    std::optional<ReportBlock> takeReportBlock(Nanoseconds now) noexcept DRAGOMAN_NONBLOCKING;

private:
    bool started = false;
    std::uint32_t source = 0;
    SequenceTracker sequences;
    InterarrivalJitter jitter;
    std::uint32_t lastSenderReport = 0; // LSR; 0: no SR yet
    Nanoseconds senderReportArrival{0};
};

// RR (with `block` when given) + SDES CNAME, + BYE of `reporterSsrc` when `bye`.
RtcpCompound receiverReport(std::uint32_t reporterSsrc, std::string_view cname,
                            const std::optional<ReportBlock>& block,
                            bool bye) noexcept DRAGOMAN_NONBLOCKING;

} // namespace dragoman
