#pragma once
// Reads the fixed RTP header (RFC 3550, section 5.1) of a received datagram, checking every length
// against the datagram so that random bytes or a truncated packet are refused, never read past.
//
// Threads: pure; parseRtp() is real-time safe and may run on any thread.

#include "core/Realtime.h"

#include <cstdint>
#include <span>

namespace dragoman
{

struct RtpPacket
{
    std::uint16_t sequence = 0;
    std::uint32_t timestamp = 0;
    std::uint32_t ssrc = 0;
    std::uint8_t payloadType = 0;
    bool marker = false;
    std::span<const std::uint8_t> payload; // points into the datagram: valid while it lives
};

enum class RtpParseError : std::uint8_t
{
    None,
    TooShort,           // fewer bytes than the 12-byte fixed header
    NotVersion2,        // RTP version field is not 2
    CsrcBeyondEnd,      // the CSRC list runs past the end
    ExtensionBeyondEnd, // the header extension runs past the end
    BadPadding,         // padding count zero or larger than what follows the header
    NoPayload,          // nothing left to decode
};

RtpParseError parseRtp(std::span<const std::uint8_t> datagram,
                       RtpPacket& packet) noexcept DRAGOMAN_NONBLOCKING;

} // namespace dragoman
