#pragma once
// RTCP compound packets (RFC 3550 §6): sender report, receiver report blocks, SDES CNAME and BYE,
// written into a caller's buffer and parsed with every length checked. The parsed form holds
// fixed-size lists and string views into the datagram, so neither direction allocates; a parsed
// compound lives no longer than the bytes it came from.
//
// What the parser accepts, following the validity checks of RFC 3550 A.2: every packet version
// 2; the first one SR or RR; only the last one padded; lengths that add up to the datagram.
// SDES items other than CNAME, APP and unknown packet types (XR, feedback) are skipped and
// counted. Further RR packets of the same reporter add their blocks, as §6.1 allows for more
// than 31 sources.
//
// Threads: pure functions, any thread; real-time safe.

#include "core/Realtime.h"
#include "net/FixedList.h"
#include "net/NtpTime.h"
#include "net/Parsed.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace dragoman
{

enum class RtcpPacketType : std::uint8_t
{
    senderReport = 200,
    receiverReport = 201,
    sourceDescription = 202,
    bye = 203,
    app = 204,
};

enum class RtcpError : std::uint8_t
{
    tooShort,       // less than one 4-byte header, or a header's length runs past the end
    badVersion,     // a packet whose version is not 2
    badPadding,     // padding on a packet that is not the last, or a count that cannot be
    firstNotReport, // the compound does not start with SR or RR
    badReport,      // SR/RR shorter than its report count says, or an SR after the first packet
    badSdes,        // an SDES chunk or item runs past its packet, or is not terminated
    badBye,         // BYE sources or reason run past the packet
    tooManyEntries, // more than 31 report blocks, CNAMEs or BYE sources in one compound
};

std::string_view rtcpErrorName(RtcpError error) noexcept DRAGOMAN_NONBLOCKING;

// The sender half of an SR: which RTP timestamp corresponds to which wall-clock instant.
struct SenderInfo
{
    NtpTime ntp;
    std::uint32_t rtpTimestamp = 0;
    std::uint32_t packetCount = 0;
    std::uint32_t octetCount = 0;

    friend bool operator==(const SenderInfo&, const SenderInfo&) = default;
};

// What a receiver says about one source (RFC 3550 §6.4.1).
struct ReportBlock
{
    std::uint32_t ssrc = 0;
    std::uint8_t fractionLost = 0;          // lost/expected since the last report, x256
    std::int32_t cumulativeLost = 0;        // 24-bit signed on the wire
    std::uint32_t highestSequence = 0;      // extended: cycles << 16 | highest sequence number
    std::uint32_t jitter = 0;               // RTP timestamp units
    std::uint32_t lastSenderReport = 0;     // LSR: middle 32 bits of the last SR's NTP time
    std::uint32_t delaySinceLastReport = 0; // DLSR: 1/65536 s since that SR arrived

    friend bool operator==(const ReportBlock&, const ReportBlock&) = default;
};

struct SdesCname
{
    std::uint32_t ssrc = 0;
    std::string_view cname; // at most 255 bytes

    friend bool operator==(const SdesCname&, const SdesCname&) = default;
};

inline constexpr std::size_t rtcpMaxCount = 31; // the 5-bit count field

struct RtcpCompound
{
    std::uint32_t reporterSsrc = 0;   // SSRC of the SR or RR
    std::optional<SenderInfo> sender; // set: an SR; empty: an RR
    FixedList<ReportBlock, rtcpMaxCount> reports;
    FixedList<SdesCname, rtcpMaxCount> cnames; // chunks that carry a CNAME, in order
    bool bye = false;
    FixedList<std::uint32_t, rtcpMaxCount> byeSources;
    std::string_view byeReason; // at most 255 bytes; empty: none
    // Packets skipped by the parser (APP, XR, feedback...). The writer never writes any.
    std::uint32_t skippedPackets = 0;

    friend bool operator==(const RtcpCompound&, const RtcpCompound&) = default;
};

Parsed<RtcpCompound, RtcpError>
parseRtcp(std::span<const std::uint8_t> datagram) noexcept DRAGOMAN_NONBLOCKING;

// Bytes writeRtcp() needs: one SR or RR, an SDES packet if there are CNAMEs, a BYE if `bye`.
std::size_t rtcpSize(const RtcpCompound& compound) noexcept DRAGOMAN_NONBLOCKING;

// Writes the compound and returns its size, or 0 if `out` is too small or a CNAME or the BYE
// reason is longer than 255 bytes. skippedPackets is ignored.
std::size_t writeRtcp(const RtcpCompound& compound,
                      std::span<std::uint8_t> out) noexcept DRAGOMAN_NONBLOCKING;

// DLSR units (1/65536 s) from a duration, saturating; and the round trip a sender measures from
// a report block arriving at `arrival` (RFC 3550 §6.4.1, Figure 2), or nothing when the block
// has no LSR yet or the numbers are inconsistent.
std::uint32_t toDelaySinceLastReport(std::chrono::nanoseconds delay) noexcept DRAGOMAN_NONBLOCKING;
std::optional<std::chrono::nanoseconds>
roundTripTime(NtpTime arrival, const ReportBlock& block) noexcept DRAGOMAN_NONBLOCKING;

} // namespace dragoman
