#pragma once
// SAP (RFC 2974) packets: the announcements that tell receivers on the LAN which channels exist,
// each carrying one channel's SDP, and the deletions sent when a channel goes away. Written
// into a caller's buffer and parsed as a view of the datagram, without allocating.
//
// Written: version 1, IPv4 or IPv6 origin, no authentication, no encryption or compression,
// payload type "application/sdp" (RFC 2974 lets it be omitted; we always send it, as ffmpeg
// does). Parsed: the same, plus authentication data (skipped, not verified) and packets without
// a payload type (RFC 2974 lets an application/sdp payload go without one, for SAPv1 listeners;
// it is recognised by starting with "v=0"). Encrypted and compressed packets are refused.
//
// Threads: pure functions, any thread; real-time safe.

#include "core/Realtime.h"
#include "net/Parsed.h"

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace dragoman
{

inline constexpr std::uint16_t sapPort = 9875;
inline constexpr std::string_view sapSdpType = "application/sdp";

enum class SapError : std::uint8_t
{
    tooShort,          // shorter than the header and origin address
    badVersion,        // version field is not 1
    encrypted,         // E bit: we hold no keys
    compressed,        // C bit: zlib payloads are not supported
    badAuthentication, // authentication data runs past the end
    badPayloadType,    // no NUL after the payload type, or it is not printable text
};

std::string_view sapErrorName(SapError error) noexcept DRAGOMAN_NONBLOCKING;

enum class SapMessageType : std::uint8_t
{
    announcement,
    deletion,
};

// The announcer's address: 4 bytes for IPv4 (the rest zero), 16 for IPv6.
struct SapOrigin
{
    bool ipv6 = false;
    std::array<std::uint8_t, 16> address{};

    static SapOrigin ipv4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) noexcept
    {
        SapOrigin origin;
        origin.address = {a, b, c, d};
        return origin;
    }
    friend auto operator<=>(const SapOrigin&, const SapOrigin&) = default;
};

struct SapPacket
{
    SapMessageType type = SapMessageType::announcement;
    std::uint16_t messageIdHash = 0; // with the origin, names one version of one announcement
    SapOrigin origin;
    std::span<const std::uint8_t> authentication{}; // a multiple of 4 bytes, at most 1020
    bool hasPayloadType = true;                     // false: omitted (implies application/sdp)
    std::string_view payloadType = sapSdpType;
    std::string_view payload; // the SDP (or, for a deletion, possibly just its o= line)

    friend bool operator==(const SapPacket& a, const SapPacket& b) noexcept;
};

Parsed<SapPacket, SapError>
parseSap(std::span<const std::uint8_t> datagram) noexcept DRAGOMAN_NONBLOCKING;

// Bytes writeSap() needs for this packet.
std::size_t sapSize(const SapPacket& packet) noexcept DRAGOMAN_NONBLOCKING;

// Writes the packet and returns its size, or 0 when `out` is too small or the packet cannot be
// encoded: authentication not a multiple of 4 bytes or over 1020, a payload type holding a NUL
// or control character, or an omitted payload type with a payload not starting with "v=0"
// (a receiver could not tell it apart).
std::size_t writeSap(const SapPacket& packet,
                     std::span<std::uint8_t> out) noexcept DRAGOMAN_NONBLOCKING;

// A message id hash for a payload (FNV-1a folded to 16 bits, never 0: RFC 2974 asks announcers
// not to use 0, and listeners may drop it). Changes when the SDP changes, as the RFC requires.
std::uint16_t sapMessageIdHash(std::string_view payload) noexcept DRAGOMAN_NONBLOCKING;

} // namespace dragoman
