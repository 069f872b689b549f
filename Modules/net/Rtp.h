#pragma once
// RTP fixed header (RFC 3550 §5.1): written into a caller's buffer and parsed from received bytes
// without allocating. A parsed packet is a view: its spans point into the bytes it came from, so
// it lives no longer than they do.
//
// Threads: pure functions, any thread; real-time safe (no allocation, no locks, no exceptions).

#include "core/Realtime.h"
#include "net/Parsed.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace dragoman
{

// Why a datagram was refused as RTP. Each has a short name for the receiver's counters.
enum class RtpError : std::uint8_t
{
    tooShort,     // fewer than the 12 bytes of the fixed header
    badVersion,   // version field is not 2 (a stray RTCP, STUN or garbage datagram)
    badCsrcList,  // the CSRC count promises more bytes than the datagram has
    badExtension, // the extension header or its data runs past the end
    badPadding,   // padding count is 0 or longer than what follows the header
};

std::string_view rtpErrorName(RtpError error) noexcept DRAGOMAN_NONBLOCKING;

inline constexpr std::size_t rtpFixedHeaderSize = 12;
inline constexpr std::size_t rtpMaxCsrcs = 15;

struct RtpHeader
{
    bool marker = false;
    std::uint8_t payloadType = 0; // 0..127
    std::uint16_t sequence = 0;
    std::uint32_t timestamp = 0;
    std::uint32_t ssrc = 0;
    std::uint8_t csrcCount = 0; // 0..15 entries of csrcs are used
    std::array<std::uint32_t, rtpMaxCsrcs> csrcs{};
    // Header extension (RFC 3550 §5.3.1): skipped by the receiver, kept for round trips.
    bool hasExtension = false;
    std::uint16_t extensionProfile = 0;
    std::span<const std::uint8_t> extension{}; // a multiple of 4 bytes
    // Octets of padding after the payload, including the count octet itself; 0 = no padding.
    std::uint8_t paddingSize = 0;

    // Bytes that writeRtpHeader() writes for this header (padding not included).
    std::size_t size() const noexcept DRAGOMAN_NONBLOCKING
    {
        return rtpFixedHeaderSize + 4 * std::size_t{csrcCount} +
               (hasExtension ? 4 + extension.size() : 0);
    }

    friend bool operator==(const RtpHeader& a, const RtpHeader& b) noexcept;
};

struct RtpPacketView
{
    RtpHeader header;
    std::span<const std::uint8_t> payload;
};

Parsed<RtpPacketView, RtpError>
parseRtp(std::span<const std::uint8_t> datagram) noexcept DRAGOMAN_NONBLOCKING;

// Writes the header (fixed part, CSRCs, extension) at the start of `out` and returns its size,
// or 0 when `out` is too small or the header cannot be encoded (payload type > 127, more than 15
// CSRCs, extension not a multiple of 4 bytes or longer than 65535 words). The P bit follows
// header.paddingSize: whoever sets it appends the padding (writeRtpPacket() does).
std::size_t writeRtpHeader(const RtpHeader& header,
                           std::span<std::uint8_t> out) noexcept DRAGOMAN_NONBLOCKING;

// Header, payload and padding (zeros, then the count octet). Returns the datagram size, or 0 as
// writeRtpHeader() does. `payload` may already sit in `out` right after the header (then it is
// not copied).
std::size_t writeRtpPacket(const RtpHeader& header, std::span<const std::uint8_t> payload,
                           std::span<std::uint8_t> out) noexcept DRAGOMAN_NONBLOCKING;

} // namespace dragoman
